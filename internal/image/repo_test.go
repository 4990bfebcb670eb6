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

// repoDir is the distribution's repositories (`nimbus build` output): NIMBUS_IMAGE_REPOS
// or out/repos of the work tree. The tests that need them skip when there are none.
func repoDir(t *testing.T, arch string) (top, rel string) {
	t.Helper()
	top = os.Getenv("NIMBUS_IMAGE_REPOS")
	if top == "" {
		top, _ = filepath.Abs("../../out/repos")
	}
	m, _ := filepath.Glob(filepath.Join(top, "*", arch, "repodata", "repomd.xml"))
	if len(m) == 0 {
		need(t, fmt.Errorf("no %s repository under %s (run nimbus build first; scripts/test.sh builds one and sets NIMBUS_IMAGE_REPOS)", arch, top))
	}
	rel = filepath.Base(filepath.Dir(filepath.Dir(filepath.Dir(m[len(m)-1]))))
	return top, rel
}

func repoBuild(t *testing.T, arch, dir string, formats []string) *image.Build {
	t.Helper()
	if os.Getuid() != 0 {
		t.Skip("image builds run as root")
	}
	top, rel := repoDir(t, arch)
	p, err := image.LoadProfile("../../dist/images/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b, err := image.NewBuild(image.Options{Profile: p, Arch: arch, Formats: formats, OutDir: dir, Releasever: rel,
		// The repository id `nimbus image build --repo DIR` gives, so that a build through
		// the library and one through the command give the same bytes (TestRepoImage).
		Repos: []string{"image-repo-0," + filepath.Join(top, rel, arch)}, SetsDir: "../../dist/sets",
		Time: time.Unix(1767225600, 0).UTC()})
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	b.Log = &log
	if err := image.Run(context.Background(), b, image.Stages); err != nil {
		if strings.Contains(err.Error(), "no EFI stub") {
			need(t, err)
		}
		t.Fatalf("%v\n%s", err, log.String())
	}
	t.Logf("build of minimal for %s from %s:\n%s", arch, top, log.String())
	return b
}

// rootPartition copies partition 2 of a raw disk into a file for e2fsprogs.
func rootPartition(t *testing.T, raw string) string {
	t.Helper()
	out, err := exec.Command("sgdisk", "-i", "2", raw).CombinedOutput()
	if err != nil {
		t.Fatal(err)
	}
	var first, last int64
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, "First sector: "); ok {
			fmt.Sscan(v, &first)
		}
		if v, ok := strings.CutPrefix(l, "Last sector: "); ok {
			fmt.Sscan(v, &last)
		}
	}
	p := filepath.Join(t.TempDir(), "root.ext4")
	if out, err := exec.Command("dd", "if="+raw, "of="+p, "bs=512", fmt.Sprint("skip=", first), fmt.Sprint("count=", last-first+1), "conv=sparse", "status=none").CombinedOutput(); err != nil {
		t.Fatalf("dd: %v %s", err, out)
	}
	return p
}
