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
			if !strings.Contains(string(st), "ctime: 0x6553f100") {
				t.Errorf("ctime not pinned:\n%s", st)
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
