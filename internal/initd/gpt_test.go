package initd

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestGrowGPT(t *testing.T) {
	sgdisk, err := exec.LookPath("sgdisk")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("sgdisk (package gdisk) is required in CI")
		}
		t.Skip("sgdisk (gdisk) not installed")
	}
	img := filepath.Join(t.TempDir(), "disk.img")
	if err := os.WriteFile(img, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Truncate(img, 64<<20)
	run := func(args ...string) string {
		out, err := exec.Command(sgdisk, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("sgdisk %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	run("-n", "1:2048:+8M", "-t", "1:ef00", "-c", "1:esp", "-n", "2:0:+16M", "-c", "2:root", img)
	// The image grows, as an EBS volume does when it is created larger than the AMI.
	os.Truncate(img, 128<<20)
	f, err := os.OpenFile(img, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := GrowGPT(f, (128<<20)/512, 512, 1); err == nil {
		t.Fatal("grew a partition that is not the last")
	}
	first, last, err := GrowGPT(f, (128<<20)/512, 512, 2)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if want := int64((128<<20)/512 - 34); last != want {
		t.Fatalf("last LBA %d, want %d (first %d)", last, want, first)
	}
	out := run("-v", img)
	if !strings.Contains(out, "No problems found") {
		t.Fatalf("sgdisk -v after growing:\n%s", out)
	}
	if p := run("-i", "2", img); !strings.Contains(p, "Last sector: 262110") || !strings.Contains(p, "'root'") {
		t.Fatalf("partition 2:\n%s", p)
	}
	f, _ = os.OpenFile(img, os.O_RDWR, 0)
	defer f.Close()
	if _, _, err := GrowGPT(f, (128<<20)/512, 512, 2); !errors.Is(err, ErrNoRoom) {
		t.Fatalf("second grow: %v", err)
	}
}
