package distbuild

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/distbuild/deb"
	"github.com/nimbus-linux/nimbus/internal/recipe"
)

func TestConvertRelations(t *testing.T) {
	c := deb.Stanza{
		{Name: "Package", Value: "x"},
		{Name: "Depends", Value: "libc6 (>= 2.36), debconf (>= 0.5) | debconf-2.0, a | b (<< 2:1.0-1), python3:any (>> 3.11~), libfoo (= 1.2-3+b1), libc6 (>> 2.36), git-man (<< 1:2.39.5-.)"},
		{Name: "Pre-Depends", Value: "libtinfo6 (>= 6), init-system-helpers (>= 1.54~)"},
		{Name: "Provides", Value: "awk, x-api (= 2)"},
		{Name: "Breaks", Value: "old (<< 1.0), other"},
		{Name: "Replaces", Value: "old (<< 1.0)"},
		{Name: "Conflicts", Value: "mawk"},
		{Name: "Recommends", Value: "r1 | r2"},
	}
	d := newDeps()
	if err := convertRelations(c, recipe.EVR{Version: "1", Release: "1"}, d); err != nil {
		t.Fatal(err)
	}
	want := map[dep.Kind][]string{
		dep.Requires:   {"libc6 >= 2.36", "(a or b < 2:1.0-1)", "python3 >= 3.11~", "libfoo = 1.2-3+b1", "libc6 >= 2.36", "git-man <= 1:2.39.5"},
		dep.Provides:   {"awk = 1-1", "x-api = 2"},
		dep.Conflicts:  {"mawk", "old < 1.0", "other"},
		dep.Obsoletes:  {"old < 1.0"},
		dep.Recommends: {"(r1 or r2)"},
	}
	for k, w := range want {
		if strings.Join(d.lists[k], "|") != strings.Join(w, "|") {
			t.Errorf("%v: got %q, want %q", k, d.lists[k], w)
		}
		for _, s := range d.lists[k] {
			if _, err := dep.Parse(s); err != nil {
				t.Errorf("%q does not parse: %v", s, err)
			}
		}
	}
	if strings.Join(d.pre, "|") != "libtinfo6 >= 6" {
		t.Errorf("pre: %q", d.pre)
	}
}

func TestParseRelationErrors(t *testing.T) {
	for _, bad := range []string{"a (>= )", "a (~ 1)", "a (>= 1", "a [amd64]", "a:i386", "a (>= x1)"} {
		if _, err := parseRelations("Depends", bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestEditDep(t *testing.T) {
	e := recipe.DepEdit{Drop: []string{"x"}, Rename: map[string]string{"a": "b"}}
	tests := map[string]string{
		"x >= 1":             "",
		"a >= 1":             "b >= 1",
		"(x or a)":           "b",
		"(x or y or a)":      "(y or b)",
		"(x or x)":           "",
		"libc.so.6()(64bit)": "libc.so.6()(64bit)",
	}
	for in, want := range tests {
		if got := editDep(in, e); got != want {
			t.Errorf("editDep(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAlternatives(t *testing.T) {
	postinst := []byte(`#!/bin/sh
update-alternatives --install /usr/bin/awk awk /usr/bin/mawk 5 \
  --slave /usr/share/man/man1/awk.1.gz awk.1.gz /usr/share/man/man1/mawk.1.gz \
  --slave /usr/bin/nawk nawk /usr/bin/mawk
update-alternatives --install /usr/bin/x x "$X" 10
`)
	have := map[string]bool{"/usr/bin/mawk": true}
	nodes := alternatives(postinst, have)
	got := map[string]string{}
	for _, n := range nodes {
		got[n.Path] = n.Link
	}
	if got["/usr/bin/awk"] != "mawk" || got["/usr/bin/nawk"] != "mawk" || len(got) != 2 {
		t.Errorf("got %v", got)
	}
}

func TestRelLink(t *testing.T) {
	for _, tt := range [][3]string{{"/usr/bin", "/usr/bin/mawk", "mawk"}, {"/etc", "/usr/share/zoneinfo/UTC", "../usr/share/zoneinfo/UTC"}, {"/usr/sbin", "/usr/bin/x", "../bin/x"}} {
		if got := relLink(tt[0], tt[1]); got != tt[2] {
			t.Errorf("relLink(%s, %s) = %s, want %s", tt[0], tt[1], got, tt[2])
		}
	}
}

func TestMergedPath(t *testing.T) {
	for in, want := range map[string]string{"/bin/sh": "/usr/bin/sh", "/lib/x86_64-linux-gnu/libc.so.6": "/usr/lib/x86_64-linux-gnu/libc.so.6", "/lib64": "/usr/lib64", "/library": "/library", "/usr/bin/x": "/usr/bin/x"} {
		if got, _ := mergedPath(in); got != want {
			t.Errorf("mergedPath(%s) = %s, want %s", in, got, want)
		}
	}
}

// TestUsersScript runs the generated %pre with dash/sh against a scratch /etc: it must
// add missing accounts once, with nothing but shell builtins.
func TestUsersScript(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	dir := t.TempDir()
	uid := 74
	script := usersScript([]recipe.User{{Name: "sshd", Home: "/run/sshd", UID: &uid}, {Name: "svc"}}, []recipe.Group{{Name: "_ssh"}})
	script = strings.ReplaceAll(script, "/etc/", dir+"/")
	script = "PATH=/nonexistent\n" + script // no groupadd/useradd: the builtin fallback
	writeFile(t, dir+"/passwd", "root:x:0:0:root:/root:/bin/bash\nold:x:150:150::/:/bin/sh\n")
	writeFile(t, dir+"/group", "root:x:0:\nold:x:150:\n")
	for i := 0; i < 2; i++ {
		if out, err := exec.Command(sh, "-c", script).CombinedOutput(); err != nil {
			t.Fatalf("run %d: %v\n%s", i, err, out)
		}
	}
	passwd := readFile(t, dir+"/passwd")
	group := readFile(t, dir+"/group")
	for _, want := range []string{"sshd:x:74:74::/run/sshd:/usr/sbin/nologin", "svc:x:151:152::/:/usr/sbin/nologin"} {
		if !strings.Contains(passwd, want) {
			t.Errorf("passwd lacks %q:\n%s", want, passwd)
		}
	}
	for _, want := range []string{"_ssh:x:151:", "sshd:x:74:", "svc:x:152:"} {
		if !strings.Contains(group, want) {
			t.Errorf("group lacks %q:\n%s", want, group)
		}
	}
	if strings.Count(passwd, "\nsshd:") != 1 {
		t.Errorf("sshd added twice:\n%s", passwd)
	}
}
