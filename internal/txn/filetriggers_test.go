package txn

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// triggerPkg has all six kinds of file trigger on /usr/lib64 or below (the per-package ones
// at the default priority and at a low one), each logging its arguments and its stdin.
const triggerPkg = `
name: trig
version: "1"
release: "1"
arch: noarch
summary: file triggers
license: MIT
files:
  - {path: /usr/share/trig/f, content: "x\n"}
filetriggers:
  - kind: filetriggerin
    prefixes: [/usr/lib64]
    body: echo "fti trig $# [$1] $(busybox cat | busybox tr '\n' ' ')" >> /log
  - kind: filetriggerin
    prefixes: [/usr/lib64/su]
    priority: 50
    body: echo "fti-low trig $# [$1] $(busybox cat | busybox tr '\n' ' ')" >> /log
  - kind: transfiletriggerin
    prefixes: [/usr/lib64, /lib64]
    body: echo "tfti trig $# [$1] $(busybox cat | busybox tr '\n' ' ')" >> /log
  - kind: transfiletriggerpostun
    prefixes: [/usr/lib64]
    body: echo "tftpu trig $# [$1] $(busybox cat | busybox tr '\n' ' ')" >> /log
  - kind: filetriggerun
    prefixes: [/usr/lib64/sub]
    body: echo "ftu trig $# [$1] $(busybox cat | busybox tr '\n' ' ')" >> /log
  - kind: filetriggerun
    prefixes: [/usr/lib64]
    priority: 10
    body: echo "ftu-low trig $# [$1] $(busybox cat | busybox tr '\n' ' ')" >> /log
  - kind: filetriggerpostun
    prefixes: [/usr/lib64]
    body: echo "ftpu trig $# [$1] $(busybox cat | busybox tr '\n' ' ')" >> /log
  - kind: filetriggerpostun
    prefixes: [/usr/lib64/sub]
    priority: 10
    body: echo "ftpu-low trig $# [$1] $(busybox cat | busybox tr '\n' ' ')" >> /log
  - kind: transfiletriggerun
    prefixes: [/usr/lib64/sub]
    body: echo "tftu trig $# [$1] $(busybox cat | busybox tr '\n' ' ')" >> /log
scripts:
  post: echo "post trig $1" >> /log
  posttrans: echo "posttrans trig $1" >> /log
  preun: echo "preun trig $1" >> /log
  postun: echo "postun trig $1" >> /log
  pretrans: echo "pretrans trig $1" >> /log
`

func libPkg(name, version string) string {
	return fmt.Sprintf(`
name: %[1]s
version: "%[2]s"
release: "1"
arch: noarch
summary: a library
license: MIT
files:
  - {path: /usr/lib64/%[1]s.so.%[2]s, content: "%[2]s\n"}
  - {path: /usr/lib64/sub/%[1]s, content: "x\n"}
  - {path: /usr/lib64/%[1]s-x.so, content: "x\n"}
scripts:
  post: echo "post %[1]s-%[2]s $1" >> /log
  posttrans: echo "posttrans %[1]s-%[2]s $1" >> /log
  preun: echo "preun %[1]s-%[2]s $1" >> /log
  postun: echo "postun %[1]s-%[2]s $1" >> /log
  pretrans: echo "pretrans %[1]s-%[2]s $1" >> /log
`, name, version)
}

// TestFileTriggersLikeRPM runs the same transactions with the real rpm 4.18 and with Nimbus
// on two roots and compares what the file triggers logged: when they ran (against %post and
// %posttrans), $# and $1, and the files on their stdin. The packages are Nimbus-built, so
// the real rpm also reads the trigger headers Nimbus writes.
func TestFileTriggersLikeRPM(t *testing.T) {
	rpmBin, err := exec.LookPath("rpm")
	if err != nil {
		t.Fatal("rpm is not installed; run scripts/setup.sh")
	}
	dir := t.TempDir()
	trig := build(t, dir, triggerPkg, nil)
	liba1 := build(t, dir, libPkg("liba", "1"), nil)
	liba2 := build(t, dir, libPkg("liba", "2"), nil)
	libb := build(t, dir, libPkg("libb", "1"), nil)

	runLikeRPM(t, rpmBin, []rpmStep{
		{"a library alone", []string{"-i", liba1}, func(string) Request { return Request{Install: []InstallItem{{File: liba1}}} }, []string{"post liba-1"}},
		{"the trigger package with a library", []string{"-i", trig, libb}, func(string) Request {
			return Request{Install: []InstallItem{{File: trig}, {File: libb}}}
		}, []string{"fti trig 1 [0] /usr/lib64/liba-x.so /usr/lib64/liba.so.1", "fti-low", "tfti trig"}},
		{"erase a library", []string{"-e", "libb"}, func(root string) Request { return Request{Erase: []int64{numOf(t, root, "libb")}} }, []string{"tftpu trig 1 [0] \n", "ftu trig", "ftu-low trig", "ftpu trig", "ftpu-low trig", "tftu trig"}},
		{"install it again", []string{"-i", libb}, func(string) Request { return Request{Install: []InstallItem{{File: libb}}} }, []string{"fti trig", "tfti trig 1 [0] /usr/lib64/libb-x.so /usr/lib64/libb.so.1"}},
		{"upgrade a library", []string{"-U", liba2}, func(root string) Request {
			return Request{Install: []InstallItem{{File: liba2, Replaces: []int64{numOf(t, root, "liba")}}}}
		}, []string{"tfti trig", "tftpu trig"}},
		{"erase the trigger package", []string{"-e", "trig"}, func(root string) Request { return Request{Erase: []int64{numOf(t, root, "trig")}} }, []string{"ftu trig", "tftu trig"}},
	})
}

// rpmStep is one transaction run with the real rpm (rpmArgs, with --nodeps) and with
// Nimbus (ours, given Nimbus's root), whose logs must agree; see is what rpm's log must
// show, so that the comparison shows something.
type rpmStep struct {
	name    string
	rpmArgs []string
	ours    func(root string) Request
	see     []string
}

// runLikeRPM runs the steps in turn on two roots, one for each tool, and compares what the
// scriptlets and triggers logged at each step.
func runLikeRPM(t *testing.T, rpmBin string, steps []rpmStep) {
	t.Helper()
	theirs, ours := newRoot(t), newRoot(t)
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			os.Remove(filepath.Join(theirs, "log"))
			os.Remove(filepath.Join(ours, "log"))
			args := append([]string{"--root", theirs, "--dbpath", "/var/lib/rpm", "--nodeps"}, st.rpmArgs...)
			if out, err := exec.Command(rpmBin, args...).CombinedOutput(); err != nil {
				t.Fatalf("rpm %v: %v\n%s", st.rpmArgs, err, out)
			}
			var warns []string
			o := opts(ours)
			o.Warn = func(s string) { warns = append(warns, s) }
			if _, err := Run(context.Background(), o, st.ours(ours)); err != nil {
				t.Fatalf("%v (warnings %q)", err, warns)
			}
			want, _ := os.ReadFile(filepath.Join(theirs, "log"))
			got, _ := os.ReadFile(filepath.Join(ours, "log"))
			if string(got) != string(want) {
				t.Errorf("scriptlets and triggers differ from rpm 4.18's\n--- rpm:\n%s--- nimbus:\n%s(warnings %q)", want, got, warns)
			}
			for _, w := range st.see {
				if !strings.Contains(string(want), w) {
					t.Errorf("rpm's log lacks %q: the comparison no longer shows it\n%s", w, want)
				}
			}
		})
	}
}

// TestScriptFlagsLikeRPM: rpm 4.18's --noscripts turns off the scriptlets and every file
// trigger, --notriggers only the file triggers (dnf's tsflags=noscripts and notriggers set
// the same rpm flags; internal/cli checks those against dnf). The same install, upgrade and
// erase of a library under the trigger package run with the real rpm and with Nimbus
// (NoScripts, NoTriggers) on two roots, and the logs must agree.
func TestScriptFlagsLikeRPM(t *testing.T) {
	rpmBin, err := exec.LookPath("rpm")
	if err != nil {
		t.Fatal("rpm is not installed; run scripts/setup.sh")
	}
	dir := t.TempDir()
	trig := build(t, dir, triggerPkg, nil)
	liba1 := build(t, dir, libPkg("liba", "1"), nil)
	liba2 := build(t, dir, libPkg("liba", "2"), nil)
	for _, mode := range []struct {
		flag      string
		set       func(*Options)
		see, miss []string // in rpm's log of the three steps
	}{
		{"--noscripts", func(o *Options) { o.NoScripts = true }, nil, []string{"post liba", "fti trig", "tfti trig", "ftu trig"}},
		{"--notriggers", func(o *Options) { o.NoTriggers = true }, []string{"pretrans liba-1 1", "post liba-2 2", "postun liba-1 1", "preun liba-2 0"}, []string{"fti", "ftu", "ftpu"}},
	} {
		t.Run(mode.flag, func(t *testing.T) {
			theirs, ours := newRoot(t), newRoot(t)
			if out, err := exec.Command(rpmBin, "--root", theirs, "--dbpath", "/var/lib/rpm", "--nodeps", "-i", trig).CombinedOutput(); err != nil {
				t.Fatalf("rpm -i trig: %v\n%s", err, out)
			}
			if _, err := Run(context.Background(), opts(ours), Request{Install: []InstallItem{{File: trig}}}); err != nil {
				t.Fatal(err)
			}
			os.Remove(filepath.Join(theirs, "log"))
			os.Remove(filepath.Join(ours, "log"))
			var want string
			for _, st := range []struct {
				rpmArgs []string
				ours    func() Request
			}{
				{[]string{"-i", liba1}, func() Request { return Request{Install: []InstallItem{{File: liba1}}} }},
				{[]string{"-U", liba2}, func() Request {
					return Request{Install: []InstallItem{{File: liba2, Replaces: []int64{numOf(t, ours, "liba")}}}}
				}},
				{[]string{"-e", "liba"}, func() Request { return Request{Erase: []int64{numOf(t, ours, "liba")}} }},
			} {
				args := append([]string{"--root", theirs, "--dbpath", "/var/lib/rpm", "--nodeps", mode.flag}, st.rpmArgs...)
				if out, err := exec.Command(rpmBin, args...).CombinedOutput(); err != nil {
					t.Fatalf("rpm %v: %v\n%s", args, err, out)
				}
				o := opts(ours)
				mode.set(&o)
				if _, err := Run(context.Background(), o, st.ours()); err != nil {
					t.Fatal(err)
				}
				w, _ := os.ReadFile(filepath.Join(theirs, "log"))
				g, _ := os.ReadFile(filepath.Join(ours, "log"))
				if string(g) != string(w) {
					t.Errorf("after rpm %v: logs differ\n--- rpm:\n%s--- nimbus:\n%s", st.rpmArgs, w, g)
				}
				want = string(w)
			}
			for _, s := range mode.see {
				if !strings.Contains(want, s) {
					t.Errorf("rpm's log lacks %q: the comparison no longer shows it\n%s", s, want)
				}
			}
			for _, s := range mode.miss {
				if strings.Contains(want, s) {
					t.Errorf("rpm %s ran %q: the expectation is wrong\n%s", mode.flag, s, want)
				}
			}
		})
	}
}
