package ext4

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/testfiles"
	nimbustools "github.com/nimbus-linux/nimbus/internal/tools"
)

func tree(t *testing.T) string {
	t.Helper()
	d := t.TempDir()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(d, "etc/ssh"), 0o755))
	must(os.MkdirAll(filepath.Join(d, "home/ec2-user"), 0o700))
	must(os.WriteFile(filepath.Join(d, "etc/os-release"), []byte("ID=nimbus\n"), 0o644))
	must(os.WriteFile(filepath.Join(d, "etc/shadow"), []byte("root:*:1::::::\n"), 0o600))
	must(os.Symlink("../etc/os-release", filepath.Join(d, "etc/link name")))
	if os.Getuid() == 0 {
		must(os.Lchown(filepath.Join(d, "home/ec2-user"), 1000, 1000))
	}
	must(Normalize(d, time.Unix(1700000000, 0)))
	return d
}

func TestReproducible(t *testing.T) {
	tools, err := DefaultTools()
	testfiles.Need(t, err)
	o := Options{Size: 32 << 20, UUID: "11111111-2222-4333-8444-555555555555", HashSeed: "11111111-2222-4333-8444-555555555556",
		Label: "root", Time: time.Unix(1700000000, 0), Tools: tools}
	var imgs [][]byte
	for i := 0; i < 2; i++ {
		src := tree(t) // a fresh tree: other inode change times on the host
		if i == 1 {    // and other modification times: Make pins them all
			if err := Normalize(src, time.Unix(1600000000, 123)); err != nil {
				t.Fatal(err)
			}
		}
		out := filepath.Join(t.TempDir(), "root.ext4")
		if err := Make(context.Background(), src, out, o); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(out)
		imgs = append(imgs, b)
		if i == 0 {
			if fsck, err := nimbustools.Find("e2fsck"); err == nil {
				if b, err := exec.Command(fsck, "-fn", out).CombinedOutput(); err != nil {
					t.Errorf("e2fsck -fn: %v\n%s", err, b)
				}
			}
			st, _ := exec.Command(tools.Debugfs, "-R", "stat /home/ec2-user", out).CombinedOutput()
			if os.Getuid() == 0 && !strings.Contains(string(st), "User:  1000   Group:  1000") {
				t.Errorf("owner not kept:\n%s", st)
			}
			for _, f := range []string{"ctime", "atime", "mtime"} {
				if !strings.Contains(string(st), f+": 0x6553f100:00000000") {
					t.Errorf("%s not pinned:\n%s", f, st)
				}
			}
		}
		time.Sleep(1100 * time.Millisecond)
	}
	if !bytes.Equal(imgs[0], imgs[1]) {
		t.Fatal("two builds of the same tree differ")
	}
}

func TestBadSize(t *testing.T) {
	if err := Make(context.Background(), t.TempDir(), filepath.Join(t.TempDir(), "x"), Options{Size: 1000}); err == nil {
		t.Fatal("size 1000 accepted")
	}
}

// TestOffset: the file system made at an offset of an existing disk file has the same
// bytes as one made alone, and nothing else of the file changes.
func TestOffset(t *testing.T) {
	tools, err := DefaultTools()
	testfiles.Need(t, err)
	o := Options{Size: 32 << 20, UUID: "11111111-2222-4333-8444-555555555555", HashSeed: "11111111-2222-4333-8444-555555555556",
		Label: "root", Time: time.Unix(1700000000, 0), Tools: tools}
	src := tree(t)
	alone := filepath.Join(t.TempDir(), "root.ext4")
	if err := Make(context.Background(), src, alone, o); err != nil {
		t.Fatal(err)
	}
	disk := filepath.Join(t.TempDir(), "disk.raw")
	const off, size = 3 << 20, 40 << 20
	head, tail := bytes.Repeat([]byte("H"), 512), bytes.Repeat([]byte("T"), 512)
	f, err := os.Create(disk)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(size)
	f.WriteAt(head, 0)
	f.WriteAt(tail, size-512)
	f.Close()
	o.Offset = off
	if err := Make(context.Background(), src, disk, o); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(alone)
	d, _ := os.ReadFile(disk)
	if len(d) != size {
		t.Fatalf("the disk is %d bytes, want %d", len(d), size)
	}
	if !bytes.Equal(d[off:off+len(a)], a) {
		t.Error("the file system at the offset differs from the one made alone")
	}
	if !bytes.Equal(d[:512], head) || !bytes.Equal(d[size-512:], tail) {
		t.Error("bytes outside the file system changed")
	}
	if !bytes.Equal(d[512:off], make([]byte, off-512)) || !bytes.Equal(d[off+len(a):size-512], make([]byte, size-512-off-len(a))) {
		t.Error("zeros outside the file system were written")
	}
	if err := Make(context.Background(), src, disk, Options{Size: 4096, Offset: 100}); err == nil {
		t.Error("an offset that is not a multiple of 512 was accepted")
	}
}
