package txn

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
)

// TestStagedAheadInCrashScenario: in TestCrashRecovery's transaction, extra2 (no
// scriptlets, no %config file, after extra, which has no %post) is staged while extra is
// recorded, and app-2 (scriptlets) and extra (a %config file) are not. So the crash test's
// kills at every point cover a transaction that stages ahead.
func TestStagedAheadInCrashScenario(t *testing.T) {
	s := setupCrashScenario(t)
	var staged []string
	stagingAhead = func(file string) { staged = append(staged, file) }
	t.Cleanup(func() { stagingAhead = nil })
	if _, err := Run(context.Background(), opts(s.root), s.request()); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(staged, s.extra2) {
		t.Fatalf("extra2 not staged ahead; staged: %v", staged)
	}
	for _, f := range []string{s.app2, s.extra} {
		if slices.Contains(staged, f) {
			t.Errorf("%s staged ahead: it has a scriptlet or a %%config file", f)
		}
	}
	if got := installedNames(t, s.root); !slices.Equal(got, []string{"app-2-1.noarch", "extra-1-1.noarch", "extra2-1-1.noarch", "libfoo-1.0-1.noarch"}) {
		t.Errorf("installed: %v", got)
	}
	rpmVerify(t, s.root)
}

const aheadCrashEnv = "NIMBUS_TXN_AHEAD_CRASH"

// aheadPackages builds five packages without scriptlets, sharing /usr/share/common (a
// directory each creates) and each with files of its own, and returns their files.
func aheadPackages(t *testing.T, dir string) []string {
	var files []string
	for _, n := range []string{"pa", "pb", "pc", "pd", "pe"} {
		y := fmt.Sprintf("name: %s\nversion: '1'\nrelease: '1'\narch: noarch\nsummary: s\nlicense: MIT\nfiles: [", n)
		for k := 1; k <= 4; k++ {
			y += fmt.Sprintf("{path: /usr/share/common/%s/f%d, content: '%s %d'}, ", n, k, n, k)
		}
		y += fmt.Sprintf("{path: /usr/lib/%s.so, content: '%s'}]\n", n, n)
		files = append(files, build(t, dir, y, nil))
	}
	return files
}

// aheadCrashChild installs the packages of spec (root|point|file...) and SIGKILLs itself
// at point.
func aheadCrashChild(spec string) error {
	f := strings.Split(spec, "|")
	o := opts(f[0])
	o.Hook = func(p string) {
		if p == f[1] {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
		}
	}
	var req Request
	for _, file := range f[2:] {
		req.Install = append(req.Install, InstallItem{File: file})
	}
	_, err := Run(context.Background(), o, req)
	return err
}

// TestCrashRecoveryStagedAhead kills an install of five scriptlet-less packages, each
// staged ahead while the one before is recorded (two at a time), at every point it
// passes; the next run recovers every time: all five installed, rpm -Va clean, no
// journal and no temporary file left.
func TestCrashRecoveryStagedAhead(t *testing.T) {
	dir := t.TempDir()
	files := aheadPackages(t, dir)
	probe := newRoot(t)
	var points, staged []string
	o := opts(probe)
	var events []string // hook points and "staging:FILE", in order
	o.Hook = func(p string) { points = append(points, p); events = append(events, p) }
	stagingAhead = func(file string) { staged = append(staged, file); events = append(events, "staging:"+file) }
	var req Request
	for _, f := range files {
		req.Install = append(req.Install, InstallItem{File: f})
	}
	_, err := Run(context.Background(), o, req)
	stagingAhead = nil
	if err != nil {
		t.Fatal(err)
	}
	if len(staged) != len(files)-1 {
		t.Fatalf("staged ahead: %v; want every package but the first", staged)
	}
	// Two at a time: pc is being staged before pb's step begins.
	if i, k := slices.Index(events, "staging:"+files[2]), slices.Index(events, "install:pb-1-1.noarch:pre"); i < 0 || k < 0 || i > k {
		t.Fatalf("pc not staged before pb's step: %v", events)
	}
	want := []string{"pa-1-1.noarch", "pb-1-1.noarch", "pc-1-1.noarch", "pd-1-1.noarch", "pe-1-1.noarch"}
	for _, point := range points {
		t.Run(point, func(t *testing.T) {
			root := newRoot(t)
			cmd := exec.Command(os.Args[0])
			cmd.Env = append(os.Environ(), aheadCrashEnv+"="+strings.Join(append([]string{root, point}, files...), "|"))
			err := cmd.Run()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ProcessState.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("child did not die at %s: %v", point, err)
			}
			if _, err := Run(context.Background(), opts(root), Request{}); err != nil {
				t.Fatalf("recovery: %v", err)
			}
			if got := installedNames(t, root); !slices.Equal(got, want) {
				t.Errorf("installed after recovery: %v", got)
			}
			rpmVerify(t, root)
			if _, err := os.Stat(filepath.Join(root, JournalPath)); !os.IsNotExist(err) {
				t.Errorf("journal left behind: %v", err)
			}
			var left []string
			filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
				if err == nil && strings.HasPrefix(d.Name(), ".nimbus-unpack-") {
					left = append(left, p)
				}
				return nil
			})
			if len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
}

// TestCanStageAfter: which steps may be staged while the step before them is itself only
// staged (not in place): not after a package with a symlink, a path of the next one's or
// one of its parents (a directory that may replace an installed symlink), a %post, or
// before a package with a %pre or a %config file.
func TestCanStageAfter(t *testing.T) {
	reg := func(p string) rpm.File { return rpm.File{Path: p, Mode: rpm.ModeRegular | 0o644} }
	dir := func(p string) rpm.File { return rpm.File{Path: p, Mode: rpm.ModeDir | 0o755} }
	lnk := func(p string) rpm.File { return rpm.File{Path: p, Mode: rpm.ModeSymlink | 0o777, LinkTo: "x"} }
	base := &rpm.Info{Name: "a", Files: []rpm.File{reg("/usr/share/a/f")}}
	for _, c := range []struct {
		name      string
		cur, next *rpm.Info
		want      bool
	}{
		{"independent", &rpm.Info{Files: []rpm.File{dir("/usr/share/b"), reg("/usr/share/b/f")}}, &rpm.Info{Files: []rpm.File{reg("/usr/share/c/f")}}, true},
		{"symlink before", &rpm.Info{Files: []rpm.File{lnk("/usr/share/b/l")}}, &rpm.Info{Files: []rpm.File{reg("/usr/share/c/f")}}, false},
		{"parent directory before", &rpm.Info{Files: []rpm.File{dir("/usr/lib/foo")}}, &rpm.Info{Files: []rpm.File{reg("/usr/lib/foo/x")}}, false},
		{"same path", &rpm.Info{Files: []rpm.File{reg("/usr/share/doc/README")}}, &rpm.Info{Files: []rpm.File{reg("/usr/share/doc/README")}}, false},
		{"%post before", &rpm.Info{Files: []rpm.File{reg("/usr/share/b/f")}, Scripts: []rpm.Script{{Kind: rpm.Post, Body: "true"}}}, &rpm.Info{Files: []rpm.File{reg("/usr/share/c/f")}}, false},
		{"%pre after", &rpm.Info{Files: []rpm.File{reg("/usr/share/b/f")}}, &rpm.Info{Files: []rpm.File{reg("/usr/share/c/f")}, Scripts: []rpm.Script{{Kind: rpm.Pre, Body: "true"}}}, false},
		{"%config after", &rpm.Info{Files: []rpm.File{reg("/usr/share/b/f")}}, &rpm.Info{Files: []rpm.File{{Path: "/etc/c.conf", Mode: rpm.ModeRegular | 0o644, Flags: tag.FileConfig}}}, false},
		{"a classic trigger in the transaction", &rpm.Info{Files: []rpm.File{reg("/usr/share/b/f")}}, &rpm.Info{Files: []rpm.File{reg("/usr/share/c/f")},
			Triggers: []rpm.Trigger{{Kind: rpm.TriggerIn, Conds: []dep.Dep{{Name: "b"}}, Body: "true"}}}, false},
	} {
		j := &journal{Steps: []step{{Op: "install", File: "a.rpm", Phase: phaseFiles}, {Op: "install", File: "b.rpm", Phase: phasePending}, {Op: "install", File: "c.rpm", Phase: phasePending}}}
		r := &runner{newInfos: map[int]*rpm.Info{0: base, 1: c.cur, 2: c.next}}
		r.classic = r.anyClassicTriggers(r.newInfos)
		if got := r.canStageAfter(j, 1, 2, 0); got != c.want {
			t.Errorf("%s: canStageAfter = %v, want %v", c.name, got, c.want)
		}
	}
}
