package image

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// TestStaleStaging: a build removes the scratch folders that crashed builds left in its
// output folder, unmounting their staging tmpfs first, and nothing else: not a live
// build's, not one without an owner file, not a tmpfs that is not a staging root.
func TestStaleStaging(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	out := filepath.Join(t.TempDir(), "out dir") // a space: mountinfo escapes it as \040
	// A dead owner: a process that ran and is gone.
	sleep := exec.Command("sleep", "60")
	if err := sleep.Start(); err != nil {
		t.Fatal(err)
	}
	dead, err := ownerOf(sleep.Process.Pid)
	if err != nil {
		t.Fatal(err)
	}
	_ = sleep.Process.Kill()
	_ = sleep.Wait()
	live, err := ownerOf(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(live)
	reused := f[0] + " " + f[1] + " 1" // this PID, another start time: the PID was reused
	rebooted := "00000000-0000-0000-0000-000000000000 " + f[1] + " " + f[2]

	type work struct {
		name, owner, source string // source "": no mount
		stale               bool
	}
	works := []work{
		{"stale-tmpfs", dead, stagingSource, true},
		{"stale-disk", dead, "", true},
		{"stale-reused-pid", reused, stagingSource, true},
		{"stale-rebooted", rebooted, "", true},
		{"live", live, stagingSource, false},
		{"no-owner", "", stagingSource, false},
		{"foreign-tmpfs", dead, "not-nimbus", false}, // dead owner, but not our mount
	}
	for _, w := range works {
		root := filepath.Join(out, ".work-"+w.name, tmpfsDir)
		if err := os.MkdirAll(root, 0o755); err != nil {
			t.Fatal(err)
		}
		if w.owner != "" {
			if err := os.WriteFile(filepath.Join(out, ".work-"+w.name, ownerFile), []byte(w.owner+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if w.source != "" {
			if err := unix.Mount(w.source, root, "tmpfs", 0, "size=1m"); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = unix.Unmount(root, unix.MNT_DETACH) })
		}
		if err := os.WriteFile(filepath.Join(root, "file"), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	var log bytes.Buffer
	b := &Build{Options: Options{Profile: &Profile{Kind: "container"}, OutDir: out, Log: &log}}
	if err := b.prepare(); err != nil {
		t.Fatal(err)
	}
	// The new build's own folder has its owner file, naming this process.
	if o, err := os.ReadFile(filepath.Join(b.work, ownerFile)); err != nil || string(o) != live+"\n" {
		t.Errorf("owner file of the new scratch folder: %q, %v; want %q", o, err, live)
	}
	real, _ := filepath.EvalSymlinks(out)
	mounts, err := mountsUnder(real)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range works {
		dir := filepath.Join(out, ".work-"+w.name)
		_, statErr := os.Stat(dir)
		_, mounted := mounts[filepath.Join(real, ".work-"+w.name, tmpfsDir)]
		switch {
		case w.stale && (statErr == nil || mounted):
			t.Errorf("%s: not cleaned (folder there: %v, mounted: %v)", w.name, statErr == nil, mounted)
		case !w.stale && statErr != nil:
			t.Errorf("%s: removed, but it is not a crashed build's", w.name)
		case !w.stale && w.source != "" && !mounted:
			t.Errorf("%s: unmounted, but it is not a crashed build's", w.name)
		case !w.stale:
			if data, err := os.ReadFile(filepath.Join(dir, tmpfsDir, "file")); err != nil || string(data) != "x" {
				t.Errorf("%s: its files were touched: %q %v", w.name, data, err)
			}
		}
	}
	for _, want := range []string{"unmounted the stale staging tmpfs", "removed the stale scratch folder",
		"left: not-nimbus is mounted on"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, log.String())
		}
	}
	mine := b.work
	b.cleanup(false)
	if _, err := os.Stat(mine); err == nil {
		t.Errorf("the build's own scratch folder %s is left", mine)
	}
}
