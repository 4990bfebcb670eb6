package pkgdesc

import (
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
)

const good = `
name: demo
epoch: 3
version: "1.0"
release: 2.nm1
arch: x86_64
summary: A demo
description: |
  Two
  lines.
license: MIT
requires: ["bash >= 5", "(a or b)"]
provides: ["demo-api = 1"]
root: root
owner: root
files:
  - path: /etc/demo.conf
    config: noreplace
  - path: /usr/bin/demo-link
    symlink: demo
  - path: /var/lib/demo
    dir: true
    mode: "0750"
    owner: daemon
  - path: /usr/share/demo/inline
    content: "hi\n"
    doc: true
  - path: /usr/bin/ping-demo
    src: extra/ping
    caps: cap_net_raw=ep
  - path: /var/log/demo.log
    ghost: true
scripts:
  post: echo post
  pretrans:
    interpreter: ["<lua>"]
    body: print("x")
changelog:
  - date: 2026-01-02
    author: A <a@example.org>
    text: "- older"
  - date: 2026-03-04
    author: B <b@example.org>
    text: "- newer"
`

func testFS() fstest.MapFS {
	return fstest.MapFS{
		"root/usr/bin/demo":    {Data: []byte("#!/bin/sh\n"), Mode: 0o755, ModTime: time.Unix(1500000000, 0)},
		"root/etc/demo.conf":   {Data: []byte("x=1\n"), Mode: 0o644},
		"root/usr/bin/setuidx": {Data: []byte("s"), Mode: 0o755 | 0o4000 | 0x800000},
		"extra/ping":           {Data: []byte("ping"), Mode: 0o755},
	}
}

func TestBuild(t *testing.T) {
	p, err := Parse("demo.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	bt := time.Unix(1700000000, 0)
	info, src, err := p.Build(testFS(), Options{BuildTime: bt, Clamp: true})
	if err != nil {
		t.Fatal(err)
	}
	if info.NEVRA() != "demo-3:1.0-2.nm1.x86_64" || info.Desc != "Two\nlines." || info.BuildTime != 1700000000 {
		t.Errorf("metadata: %s %q %d", info.NEVRA(), info.Desc, info.BuildTime)
	}
	byPath := map[string]rpm.File{}
	for _, f := range info.Files {
		byPath[f.Path] = f
		if f.Mtime != 1700000000 {
			t.Errorf("%s: mtime %d not clamped to SOURCE_DATE_EPOCH", f.Path, f.Mtime)
		}
	}
	for path, want := range map[string]func(rpm.File) bool{
		"/usr/bin/demo":          func(f rpm.File) bool { return f.Mode == rpm.ModeRegular|0o755 && f.Size == 10 },
		"/etc/demo.conf":         func(f rpm.File) bool { return f.Flags == tag.FileConfig|tag.FileNoReplace },
		"/usr/bin/demo-link":     func(f rpm.File) bool { return f.IsSymlink() && f.LinkTo == "demo" },
		"/var/lib/demo":          func(f rpm.File) bool { return f.Mode == rpm.ModeDir|0o750 && f.User == "daemon" },
		"/usr/share/demo/inline": func(f rpm.File) bool { return f.Flags == tag.FileDoc && f.Size == 3 },
		"/usr/bin/ping-demo":     func(f rpm.File) bool { return f.Caps == "cap_net_raw=ep" && f.Size == 4 },
		"/var/log/demo.log":      func(f rpm.File) bool { return f.IsGhost() && f.Size == 0 },
		"/usr/bin/setuidx":       func(f rpm.File) bool { return f.Mode == rpm.ModeRegular|0o4755 },
	} {
		f, ok := byPath[path]
		if !ok || !want(f) {
			t.Errorf("%s: %+v", path, f)
		}
	}
	for _, path := range []string{"/usr/bin/demo", "/usr/share/demo/inline", "/usr/bin/ping-demo"} {
		f := byPath[path]
		rc, err := src.Open(&f)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if int64(len(b)) != f.Size {
			t.Errorf("%s: source has %d bytes, file list says %d", path, len(b), f.Size)
		}
	}
	// Implicit dependencies, as rpmbuild adds them.
	has := func(ds []dep.Dep, s string) bool {
		for _, d := range ds {
			if d.String() == s {
				return true
			}
		}
		return false
	}
	for _, s := range []string{"demo = 3:1.0-2.nm1", "demo(x86-64) = 3:1.0-2.nm1", "config(demo) = 3:1.0-2.nm1", "demo-api = 1"} {
		if !has(info.Provides, s) {
			t.Errorf("provides lack %q: %v", s, info.Provides)
		}
	}
	for _, s := range []string{"bash >= 5", "(a or b)", "config(demo) = 3:1.0-2.nm1", "/bin/sh"} {
		if !has(info.Requires, s) {
			t.Errorf("requires lack %q: %v", s, info.Requires)
		}
	}
	if len(info.Scripts) != 2 || info.Scripts[0].Kind != rpm.PreTrans || info.Scripts[1].Body != "echo post" {
		t.Errorf("scripts: %+v", info.Scripts)
	}
	if len(info.Changelog) != 2 || info.Changelog[0].Text != "- newer" {
		t.Errorf("changelog not newest first: %+v", info.Changelog)
	}
}

// TestValidateReportsEverything: one bad description yields every problem, each with its path.
func TestValidateReportsEverything(t *testing.T) {
	bad := `
name: "bad name"
version: "1-2"
arch: x86_64
summary: ""
requires: ["foo >>= 1", "(a and"]
files:
  - path: relative/path
  - path: /x
    symlink: y
    dir: true
    mode: "999"
    config: maybe
scripts:
  verify: echo
filetriggers:
  - {kind: triggerin, prefixes: [], body: x}
  - {kind: filetriggerin, prefixes: [usr/lib], interpreter: [/bin/sh, -e], body: x, priority: -1}
changelog:
  - date: yesterday
`
	_, err := Parse("bad.yaml", []byte(bad))
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{
		"bad.yaml: name:", "bad.yaml: version:", "release: required", "summary: required", "license: required",
		"requires[0]", "requires[1]", "files[0].path", "files[1]: only one of", "files[1].mode", "files[1].config",
		"scripts.verify", "changelog[0].date", "changelog[0].author",
		"filetriggers[0].kind", "filetriggers[0].prefixes: no path prefix", "filetriggers[1].prefixes[0]",
		"filetriggers[1].interpreter", "filetriggers[1].priority",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
}

func TestParseRejectsUnknownFields(t *testing.T) {
	_, err := Parse("x.yaml", []byte("name: a\nversoin: 1\n"))
	if err == nil || !strings.Contains(err.Error(), "versoin") {
		t.Fatalf("err = %v", err)
	}
}

func TestBuildFileErrors(t *testing.T) {
	base := "name: a\nversion: '1'\nrelease: '1'\narch: noarch\nsummary: s\nlicense: MIT\n"
	for name, tc := range map[string]struct{ yaml, want string }{
		"missing src":    {base + "files:\n  - path: /a\n    src: nope\n", "files[0] (/a): src"},
		"nothing says":   {base + "files:\n  - path: /a\n", "no src, content, symlink, dir or ghost"},
		"missing root":   {base + "root: nope\n", "root nope"},
		"escaping src":   {base + "files:\n  - path: /a\n    src: ../x\n", "must be relative and inside"},
		"absolute root":  {base + "root: /etc\n", "must be relative"},
		"empty document": {"", "empty document"},
	} {
		t.Run(name, func(t *testing.T) {
			p, err := Parse(name, []byte(tc.yaml))
			if err == nil {
				_, _, err = p.Build(testFS(), Options{BuildTime: time.Unix(1, 0)})
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// TestBuildFileTriggers: a description's file triggers reach the package info with rpm's
// defaults (interpreter /bin/sh, priority 1000000).
func TestBuildFileTriggers(t *testing.T) {
	y := `
name: glibc
version: "1"
release: "1"
arch: noarch
summary: s
license: MIT
filetriggers:
  - kind: transfiletriggerin
    prefixes: [/usr/lib64, /lib64]
    body: |
      /usr/sbin/ldconfig
  - {kind: filetriggerin, prefixes: [/opt], interpreter: [/bin/bash], body: cat, priority: 7}
`
	p, err := Parse("t.yaml", []byte(y))
	if err != nil {
		t.Fatal(err)
	}
	info, _, err := p.Build(fstest.MapFS{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []rpm.FileTrigger{
		{Kind: rpm.TransFileTriggerIn, Prefixes: []string{"/usr/lib64", "/lib64"}, Interp: []string{"/bin/sh"}, Body: "/usr/sbin/ldconfig", Priority: 1000000},
		{Kind: rpm.FileTriggerIn, Prefixes: []string{"/opt"}, Interp: []string{"/bin/bash"}, Body: "cat", Priority: 7},
	}
	if !reflect.DeepEqual(info.FileTriggers, want) {
		t.Errorf("file triggers\n got %+v\nwant %+v", info.FileTriggers, want)
	}
}
