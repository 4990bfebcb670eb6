package cli

// The fault-injection suite of the package manager (issue 14): whole nimbus commands are
// killed with SIGKILL in the middle of a multi-package upgrade with scriptlets, or run out of
// disk space, and the next commands must find the root consistent. (The symlink part, file
// operations against directories that lead out of the root, is txn's TestSymlinksOutOfRoot.)

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/txn"
)

// crashEnv makes the test binary run one nimbus command ({"point": ..., "args": [...]}) and
// SIGKILL itself when the transaction reaches the journal point (never, when it is "").
const crashEnv = "NIMBUS_CLI_CRASH"

type crashSpec struct {
	Point string `json:"point"`
	// After, when set, kills the process this long after the transaction wrote its plan: a
	// random moment of the transaction, between the journal points (mid-file, mid-scriptlet,
	// mid-commit).
	After time.Duration `json:"after"`
	Args  []string      `json:"args"`
}

func TestMain(m *testing.M) {
	if v := os.Getenv(crashEnv); v != "" {
		var s crashSpec
		if err := json.Unmarshal([]byte(v), &s); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		ctx := txn.WithHook(context.Background(), func(p string) {
			switch {
			case p == s.Point:
				syscall.Kill(os.Getpid(), syscall.SIGKILL)
			case p == "planned" && s.After > 0:
				time.AfterFunc(s.After, func() { syscall.Kill(os.Getpid(), syscall.SIGKILL) })
			}
		})
		err := RunEnv(ctx, append([]string{"nimbus"}, s.Args...), strings.NewReader(""), os.Stdout, os.Stderr, func(string) string { return "" })
		os.Exit(ExitCode(err))
	}
	os.Exit(m.Run())
}

// copyRoot copies a root (cp -a keeps owners, modes, links and times).
func copyRoot(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	copyTree(t, src, dst)
	return dst
}

// checkRoot asserts a root is consistent: rpm -Va clean (dependencies included), one
// version per package, exactly want installed, no journal or temporary file left.
func checkRoot(t *testing.T, root, want string) {
	t.Helper()
	out, err := exec.Command(needTool(t, "rpm"), "--root", root, "--dbpath", "/var/lib/rpm", "-Va").CombinedOutput()
	if err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Errorf("rpm -Va: %v\n%s", err, out)
	}
	got := installedByRPM(t, root)
	if got != want {
		t.Errorf("installed:\n  %s\nwant:\n  %s", got, want)
	}
	names := map[string]int{}
	for _, nevra := range strings.Fields(got) {
		f := strings.Split(nevra, "-")
		names[strings.Join(f[:len(f)-2], "-")]++
	}
	for n, c := range names {
		if c > 1 {
			t.Errorf("%d versions of %s installed", c, n)
		}
	}
	for _, pat := range []string{txn.JournalPath, txn.JournalPath + ".log", "var/tmp/rpm-tmp.*", "*/*/.nimbus-unpack-*", "*/*/*/.nimbus-unpack-*", "*/.nimbus-unpack-*"} {
		if m, _ := filepath.Glob(filepath.Join(root, pat)); len(m) > 0 {
			t.Errorf("left behind: %v", m)
		}
	}
}

// TestFaultKill is part (a) of the fault suite: `nimbus upgrade` of a root with a scriptlet
// package, a library, an obsoleted package and others is SIGKILLed at every journal point
// the transaction passes (every phase of every step, the batch commits; of the per-file
// points the first of each package) and at random moments; then `list --installed`,
// `install kernel` and `upgrade` must exit 0 and leave the root consistent.
func TestFaultKill(t *testing.T) {
	v1, v2 := t.TempDir(), t.TempDir()
	buildRepo(t, v1, fixturesV1)
	buildRepo(t, v2, fixturesV2)
	base := t.TempDir()
	repos := repoArgs(v1, v2)
	nimbusRun(t, base, append(repoArgs(v1), "install", "app", "oldname", "tool")...)
	upgrade := append(append([]string{"-y", "--installroot"}, "ROOT"), append(repos, "upgrade")...)
	want := "app-2.0-1.noarch extra-1.0-1.noarch kernel-6.1.1-1.noarch lib-2.0-1.noarch newname-2.0-1.noarch shell-1.0-1.x86_64 tool-1.0-1.noarch"

	// Learn the points (and the time) of an upgrade that is not killed.
	probe := copyRoot(t, base)
	var points []string
	seen := map[string]bool{}
	var planned, finished time.Time
	ctx := txn.WithHook(context.Background(), func(p string) {
		switch p {
		case "planned":
			planned = time.Now()
		case "finished":
			finished = time.Now()
		}
		if strings.Contains(p, ":wrote:") {
			pkg := p[:strings.Index(p, ":wrote:")]
			if seen[pkg] {
				return
			}
			seen[pkg] = true
		}
		points = append(points, p)
	})
	var so, se bytes.Buffer
	if err := RunEnv(ctx, append([]string{"nimbus"}, withRoot(upgrade, probe)...), strings.NewReader(""), &so, &se, func(string) string { return "" }); err != nil {
		t.Fatalf("upgrade: %v\n%s\n%s", err, so.String(), se.String())
	}
	took := finished.Sub(planned)
	if len(points) < 20 {
		t.Fatalf("only %d points: %v", len(points), points)
	}

	// After the kill, alternately: `install tool` (installed already: nothing to do, and the
	// interrupted transaction must still be finished) then `upgrade`; or `upgrade` at once
	// (work to do: it must be solved against the recovered state, not the half-done one).
	// Both then install kernel.
	after := func(t *testing.T, root string, i int) {
		t.Helper()
		r := func(a ...string) []string { return append(append([]string{}, repos...), a...) }
		seq := [][]string{{"list", "--installed"}, r("install", "tool"), r("upgrade"), r("install", "kernel")}
		if i%2 == 1 {
			seq = [][]string{{"list", "--installed"}, r("upgrade"), r("install", "kernel")}
		}
		for _, args := range seq {
			out, errs, err := runCLI(t, nil, append([]string{"-y", "--installroot", root}, args...)...)
			if err != nil {
				t.Fatalf("nimbus %s after the kill: %v\n%s\n%s", strings.Join(args, " "), err, out, errs)
			}
		}
		checkRoot(t, root, want)
	}
	kill := func(t *testing.T, root, point string, delay time.Duration) (killed bool) {
		t.Helper()
		spec, _ := json.Marshal(crashSpec{Point: point, After: delay, Args: withRoot(upgrade, root)})
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), crashEnv+"="+string(spec))
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		err := cmd.Wait()
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ProcessState.Sys().(syscall.WaitStatus).Signal() == syscall.SIGKILL {
			return true
		}
		if err != nil {
			t.Fatalf("upgrade ended with %v, not a kill\n%s", err, out.String())
		}
		return false
	}
	for i, point := range points {
		t.Run(point, func(t *testing.T) {
			root := copyRoot(t, base)
			if !kill(t, root, point, 0) {
				t.Fatalf("the upgrade did not die at %s", point)
			}
			after(t, root, i)
		})
	}
	// Random moments of the transaction: delays after its plan is written, spread over the
	// first 80% of the time the probe's transaction took (the seed is logged).
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 1))
	t.Logf("random kills: seed %d, the probe's transaction took %v", seed, took)
	killed, ran := 0, 0
	for i := range 6 {
		delay := time.Microsecond + time.Duration(rng.Int64N(int64(took)*8/10+1))
		t.Run(fmt.Sprintf("random-%d-%v", i, delay.Round(time.Microsecond)), func(t *testing.T) {
			root := copyRoot(t, base)
			ran++
			if kill(t, root, "", delay) {
				killed++
			}
			after(t, root, i)
		})
	}
	t.Logf("%d of %d random kills hit the running upgrade", killed, ran)
	if ran > 0 && killed == 0 {
		t.Errorf("no random kill hit the upgrade (seed %d): that part tested nothing", seed)
	}
}

// withRoot puts root in place of the "ROOT" argument.
func withRoot(args []string, root string) []string {
	out := append([]string(nil), args...)
	for i, a := range out {
		if a == "ROOT" {
			out[i] = root
		}
	}
	return out
}

// mountTmpfs mounts a tmpfs of the given size (mount's size= syntax) on a new directory.
// Without the permission to mount it skips, saying why, except in CI, where the suite must
// run.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput()
	if err != nil {
		msg := fmt.Sprintf("cannot mount a tmpfs to fill (needs root or CAP_SYS_ADMIN): %v: %s", err, bytes.TrimSpace(out))
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
	return dir
}

// TestFaultDiskFull is part (b) of the fault suite: an install into a root on a file system
// too small for it, at sizes where the disk fills at different moments (the metadata cache,
// the rpmdb, the history, the package's files), then the file system grows and the same
// install is retried: it must succeed, every command must work, and the root must be
// consistent.
func TestFaultDiskFull(t *testing.T) {
	repo := t.TempDir()
	big := fixture{name: "big", version: "1.0", release: "1", tags: []string{"Requires: lib"},
		install:  "mkdir -p %{buildroot}/usr/share/big\nhead -c 3000000 /dev/urandom > %{buildroot}/usr/share/big/blob\n",
		rawFiles: []string{"/usr/share/big/blob"}, scripts: true}
	buildRepo(t, repo, []fixture{shell, fixturesV1[1], big})
	install := append(repoArgs(repo), "install", "big")
	want := "big-1.0-1.noarch lib-1.0-1.noarch shell-1.0-1.x86_64"
	for _, size := range []string{"64k", "256k", "1m", "2m", "3m"} {
		t.Run(size, func(t *testing.T) {
			root := mountTmpfs(t, size)
			out, errs, err := runCLI(t, nil, append([]string{"-y", "--installroot", root}, install...)...)
			if err == nil {
				t.Fatalf("the install fitted into %s: the test fills nothing\n%s", size, out)
			}
			if ExitCode(err) != 1 {
				t.Errorf("exit code %d on a full disk, want 1 (dnf's)", ExitCode(err))
			}
			t.Logf("on %s: %v", size, err)
			_ = errs
			if out, err := exec.Command("mount", "-o", "remount,size=64m", root).CombinedOutput(); err != nil {
				t.Fatalf("growing the tmpfs: %v: %s", err, out)
			}
			nimbusRun(t, root, install...)
			for _, args := range [][]string{{"list", "--installed"}, {"history", "list"}, append(repoArgs(repo), "upgrade")} {
				if out, errs, err := runCLI(t, nil, append([]string{"-y", "--installroot", root}, args...)...); err != nil {
					t.Errorf("nimbus %s: %v\n%s\n%s", strings.Join(args, " "), err, out, errs)
				}
			}
			checkRoot(t, root, want)
		})
	}
	// The disk fills later: lib and shell are installed, then a filler leaves a little more
	// or less than the 3 MB file of big free, so the disk fills in its files, in the rpmdb
	// commit, in the history or the journal; then the filler goes and the install is
	// retried.
	for _, spare := range []int64{-4 << 10, 64 << 10, 96 << 10, 176 << 10, 184 << 10, 192 << 10} {
		t.Run(fmt.Sprintf("blob%+dk", spare>>10), func(t *testing.T) {
			root := mountTmpfs(t, "64m")
			nimbusRun(t, root, append(repoArgs(repo), "install", "lib", "shell")...)
			var st syscall.Statfs_t
			if err := syscall.Statfs(root, &st); err != nil {
				t.Fatal(err)
			}
			free := int64(st.Bavail) * st.Bsize
			filler := filepath.Join(root, "filler")
			f, err := os.Create(filler)
			if err != nil {
				t.Fatal(err)
			}
			chunk := bytes.Repeat([]byte{1}, 1<<20)
			for left := free - 3000000 - spare; left > 0; left -= int64(len(chunk)) {
				if int64(len(chunk)) > left {
					chunk = chunk[:left]
				}
				if _, err := f.Write(chunk); err != nil {
					t.Fatal(err)
				}
			}
			f.Close()
			_, _, err = runCLI(t, nil, append([]string{"-y", "--installroot", root}, install...)...)
			t.Logf("with %d bytes beyond the file free: %v", spare, err)
			if err != nil && ExitCode(err) != 1 {
				t.Errorf("exit code %d on a full disk, want 1 (dnf's)", ExitCode(err))
			}
			// Every command works on the full disk too (reading needs no space).
			if out, errs, err := runCLI(t, nil, "--installroot", root, "list", "--installed"); err != nil {
				t.Errorf("list on the full disk: %v\n%s\n%s", err, out, errs)
			}
			os.Remove(filler)
			nimbusRun(t, root, install...)
			for _, args := range [][]string{{"list", "--installed"}, {"history", "list"}, append(repoArgs(repo), "upgrade")} {
				if out, errs, err := runCLI(t, nil, append([]string{"-y", "--installroot", root}, args...)...); err != nil {
					t.Errorf("nimbus %s: %v\n%s\n%s", strings.Join(args, " "), err, out, errs)
				}
			}
			checkRoot(t, root, want)
		})
	}
}
