package txn

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/pkgdesc"
	"github.com/nimbus-linux/nimbus/internal/rpm"
)

// ctrigPkg has classic triggers of every kind on "target", version-conditioned ones
// included, each logging $# $1 $2. tpu2 never runs: rpm runs one script per pair of
// packages, the first matching condition's in the header's order.
const ctrigPkg = `
name: ctrig
version: "1"
release: "1"
arch: noarch
summary: classic triggers
license: MIT
files:
  - {path: /usr/share/ctrig/f, content: "x\n"}
triggers:
  - kind: triggerprein
    conditions: [target]
    body: echo "tpi ctrig $# [$1] [$2]" >> /log
  - kind: triggerin
    conditions: [target < 2]
    body: echo "ti ctrig $# [$1] [$2]" >> /log
  - kind: triggerin
    conditions: [target >= 2, other]
    body: echo "ti2 ctrig $# [$1] [$2]" >> /log
  - kind: triggerun
    conditions: [target < 2]
    body: echo "tu ctrig $# [$1] [$2]" >> /log
  - kind: triggerpostun
    conditions: [target]
    interpreter: [/bin/sh]
    body: echo "tpu ctrig $# [$1] [$2]" >> /log
  - kind: triggerpostun
    conditions: [target >= 1]
    body: echo "tpu2 ctrig $# [$1] [$2]" >> /log
scripts:
  pre: echo "pre ctrig $1" >> /log
  post: echo "post ctrig $1" >> /log
  preun: echo "preun ctrig $1" >> /log
  postun: echo "postun ctrig $1" >> /log
`

// targetPkg logs its scriptlets and has triggers of its own on ctrig.
func targetPkg(version string) string {
	return fmt.Sprintf(`
name: target
version: "%[1]s"
release: "1"
arch: noarch
summary: a target
license: MIT
files:
  - {path: /usr/share/target/v%[1]s, content: "%[1]s\n"}
triggers:
  - kind: triggerin
    conditions: [ctrig]
    body: echo "ti target-%[1]s $# [$1] [$2]" >> /log
  - kind: triggerun
    conditions: [ctrig]
    body: echo "tu target-%[1]s $# [$1] [$2]" >> /log
scripts:
  pre: echo "pre target-%[1]s $1" >> /log
  post: echo "post target-%[1]s $1" >> /log
  preun: echo "preun target-%[1]s $1" >> /log
  postun: echo "postun target-%[1]s $1" >> /log
`, version)
}

// TestTriggersLikeRPM runs the same transactions with the real rpm 4.18 and with Nimbus on
// two roots and compares what the classic triggers and scriptlets logged: which triggers
// ran, in what order against %pre/%post/%preun/%postun, with which $1 and $2. The packages
// are Nimbus-built, so the real rpm also reads the trigger headers Nimbus writes.
func TestTriggersLikeRPM(t *testing.T) {
	rpmBin, err := exec.LookPath("rpm")
	if err != nil {
		t.Fatal("rpm is not installed; run scripts/setup.sh")
	}
	dir := t.TempDir()
	ctrig := build(t, dir, ctrigPkg, nil)
	t1 := build(t, dir, targetPkg("1"), nil)
	t2 := build(t, dir, targetPkg("2"), nil)

	runLikeRPM(t, rpmBin, []rpmStep{
		{"the target alone", []string{"-i", t1}, func(string) Request { return Request{Install: []InstallItem{{File: t1}}} }, []string{"post target-1 1"}},
		{"the trigger package after it", []string{"-i", ctrig}, func(string) Request { return Request{Install: []InstallItem{{File: ctrig}}} },
			[]string{"tpi ctrig 2 [0] [1]", "ti ctrig 2 [1] [1]", "ti target-1 2 [1] [1]"}},
		{"upgrade the target", []string{"-U", t2}, func(root string) Request {
			return Request{Install: []InstallItem{{File: t2, Replaces: []int64{numOf(t, root, "target")}}}}
		}, []string{"ti2 ctrig", "tu ctrig", "tpu ctrig"}},
		{"erase the target", []string{"-e", "target"}, func(root string) Request { return Request{Erase: []int64{numOf(t, root, "target")}} },
			[]string{"tpu ctrig", "tu target-2"}},
		{"install the old target", []string{"-i", t1}, func(string) Request { return Request{Install: []InstallItem{{File: t1}}} }, []string{"ti target-1"}},
		{"erase the trigger package", []string{"-e", "ctrig"}, func(root string) Request { return Request{Erase: []int64{numOf(t, root, "ctrig")}} },
			[]string{"tu ctrig", "tu target-1"}},
	})
}

// TestTriggerHeaderLikeRPMBuild: the trigger tags Nimbus writes read back as written, and
// the real rpm lists them (--triggers) as rpmbuild's: conditions sorted by name and
// version, one interpreter per script.
func TestTriggerHeaderLikeRPMBuild(t *testing.T) {
	dir := t.TempDir()
	f := build(t, dir, ctrigPkg, nil)
	out, err := exec.Command("rpm", "-qp", "--triggers", f).CombinedOutput()
	if err != nil {
		t.Fatalf("rpm -qp --triggers: %v\n%s", err, out)
	}
	for _, want := range []string{
		"triggerprein scriptlet (using /bin/sh) -- target\n",
		"triggerin scriptlet (using /bin/sh) -- other, target >= 2\n",
		"triggerun scriptlet (using /bin/sh) -- target < 2\n",
		"triggerpostun scriptlet (using /bin/sh) -- target\n",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("rpm --triggers lacks %q:\n%s", want, out)
		}
	}
	fh, err := os.Open(f)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	p, err := rpm.Read(fh)
	if err != nil {
		t.Fatal(err)
	}
	info, err := rpm.FromHeader(p.Header)
	if err != nil {
		t.Fatal(err)
	}
	desc, _ := pkgdesc.Parse("ctrig.yaml", []byte(ctrigPkg))
	if len(info.Triggers) != len(desc.Triggers) {
		t.Fatalf("read %d triggers, wrote %d: %+v", len(info.Triggers), len(desc.Triggers), info.Triggers)
	}
	for i, tr := range info.Triggers {
		if string(tr.Kind) != desc.Triggers[i].Kind || tr.Body != strings.TrimRight(desc.Triggers[i].Body, "\n") || len(tr.Conds) != len(desc.Triggers[i].Conditions) {
			t.Errorf("trigger %d read back as %+v, written as %+v", i, tr, desc.Triggers[i])
		}
	}
}

// TestTriggerFlagsLikeRPM: rpm 4.18's --notriggers and --noscripts turn the classic
// triggers off too (RPMTRANS_FLAG_NOTRIGGERS is in both masks); the same upgrade and erase
// under the trigger package run with the real rpm and with Nimbus must log the same.
func TestTriggerFlagsLikeRPM(t *testing.T) {
	rpmBin, err := exec.LookPath("rpm")
	if err != nil {
		t.Fatal("rpm is not installed; run scripts/setup.sh")
	}
	dir := t.TempDir()
	ctrig := build(t, dir, ctrigPkg, nil)
	t1 := build(t, dir, targetPkg("1"), nil)
	t2 := build(t, dir, targetPkg("2"), nil)
	for _, mode := range []struct {
		flag string
		set  func(*Options)
		see  []string
	}{
		{"--notriggers", func(o *Options) { o.NoTriggers = true }, []string{"post target-2 2", "postun target-1 1"}},
		{"--noscripts", func(o *Options) { o.NoScripts = true }, nil},
	} {
		t.Run(mode.flag, func(t *testing.T) {
			theirs, ours := newRoot(t), newRoot(t)
			if out, err := exec.Command(rpmBin, "--root", theirs, "--dbpath", "/var/lib/rpm", "--nodeps", "-i", ctrig, t1).CombinedOutput(); err != nil {
				t.Fatalf("rpm -i: %v\n%s", err, out)
			}
			if _, err := Run(context.Background(), opts(ours), Request{Install: []InstallItem{{File: ctrig}, {File: t1}}}); err != nil {
				t.Fatal(err)
			}
			os.Remove(filepath.Join(theirs, "log"))
			os.Remove(filepath.Join(ours, "log"))
			for _, st := range []struct {
				rpmArgs []string
				ours    func() Request
			}{
				{[]string{"-U", t2}, func() Request {
					return Request{Install: []InstallItem{{File: t2, Replaces: []int64{numOf(t, ours, "target")}}}}
				}},
				{[]string{"-e", "target"}, func() Request { return Request{Erase: []int64{numOf(t, ours, "target")}} }},
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
			}
			w, _ := os.ReadFile(filepath.Join(theirs, "log"))
			g, _ := os.ReadFile(filepath.Join(ours, "log"))
			if string(g) != string(w) {
				t.Errorf("logs differ\n--- rpm:\n%s--- nimbus:\n%s", w, g)
			}
			for _, line := range strings.Split(string(w), "\n") {
				if strings.HasPrefix(line, "t") { // tpi, ti, ti2, tu, tpu: the triggers' lines
					t.Errorf("rpm %s ran a trigger (%q): the expectation is wrong\n%s", mode.flag, line, w)
				}
			}
			for _, s := range mode.see {
				if !strings.Contains(string(w), s) {
					t.Errorf("rpm's log lacks %q: the comparison no longer shows it\n%s", s, w)
				}
			}
		})
	}
}
