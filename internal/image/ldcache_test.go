package image_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/image"
)

// TestRepoImageLdCache builds the minimal image's root from the distribution's repository
// (resolve, install, configure) and checks its /etc/ld.so.cache: there, listing libc and
// the other libraries, and current: ldconfig run again in the root writes the same bytes.
// Nothing but libc-bin's %transfiletriggerin runs ldconfig (no library package has an
// ldconfig scriptlet since policy nimbus-build-15), so this is the trigger's work.
func TestRepoImageLdCache(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("image builds run as root")
	}
	top, rel := repoDir(t, "x86_64")
	p, err := image.LoadProfile("../../dist/images/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b, err := image.NewBuild(image.Options{Profile: p, Arch: "x86_64", Formats: []string{"raw"}, OutDir: t.TempDir(), Releasever: rel,
		Repos: []string{"nimbus-test," + filepath.Join(top, rel, "x86_64")}, SetsDir: "../../dist/sets",
		Time: time.Unix(1767225600, 0).UTC()})
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	b.Log = &log
	check := image.Stage{Name: "check-ld-cache", Run: func(ctx context.Context, b *image.Build) error {
		cachePath := filepath.Join(b.Root, "etc/ld.so.cache")
		before, err := os.ReadFile(cachePath)
		if err != nil {
			return fmt.Errorf("no ld.so.cache: %w", err)
		}
		out, err := exec.CommandContext(ctx, "chroot", b.Root, "/usr/sbin/ldconfig", "-p").CombinedOutput()
		if err != nil {
			return fmt.Errorf("ldconfig -p: %v\n%s", err, out)
		}
		for _, lib := range []string{"libc.so.6 ", "libcrypt.so.1 ", "libsystemd.so.0 "} {
			if !bytes.Contains(out, []byte(lib)) {
				t.Errorf("ld.so.cache lacks %s:\n%s", lib, out)
			}
		}
		if n := strings.Count(string(out), "=>"); n < 20 {
			t.Errorf("ld.so.cache lists %d libraries:\n%s", n, out)
		}
		if out, err := exec.CommandContext(ctx, "chroot", b.Root, "/usr/sbin/ldconfig").CombinedOutput(); err != nil {
			return fmt.Errorf("ldconfig: %v\n%s", err, out)
		}
		after, err := os.ReadFile(cachePath)
		if err != nil {
			return err
		}
		if !bytes.Equal(before, after) {
			t.Errorf("ld.so.cache was not current: ldconfig run again wrote %d bytes instead of the %d there", len(after), len(before))
		}
		return nil
	}}
	stages := append(append([]image.Stage{}, image.Stages[:3]...), check)
	if stages[2].Name != "configure" {
		t.Fatalf("the pipeline changed: stage 3 is %s", stages[2].Name)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if err := image.Run(ctx, b, stages); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	t.Logf("%s", log.String())
}
