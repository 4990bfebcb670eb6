package image_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/image"
	"github.com/nimbus-linux/nimbus/internal/vm"
)

// TestBadInput: each failure names its stage and the fix, and leaves nothing behind.
func TestBadInput(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("image builds run as root")
	}
	kdir := filepath.Join(vm.CacheDir(), "amd64")
	if _, err := os.Stat(filepath.Join(kdir, "version")); err != nil {
		need(t, err)
	}
	cases := []struct {
		name, profile, stage, want string
		dev                        bool
	}{
		{"disk too small", "name: small\npackages: [x]\nsize: 72MiB\nesp_size: 48MiB\n", "filesystem", "raise size in", true},
		{"no such package", "name: nopkg\npackages: [filesystem, no-such-package]\n", "resolve", "no-such-package", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := image.ParseProfile(c.name+".yaml", []byte(c.profile))
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "out")
			o := image.Options{Profile: p, Arch: "x86_64", Formats: []string{"raw"}, OutDir: out, Time: time.Unix(1767225600, 0)}
			if c.dev {
				o.Dev = &image.DevSource{KernelDir: kdir, Init: nimbusInit(t, "amd64"), Busybox: filepath.Join(kdir, "busybox")}
			} else {
				top, rel := repoDir(t, "x86_64")
				o.Releasever, o.Repos = rel, []string{"t," + filepath.Join(top, rel, "x86_64")}
			}
			b, err := image.NewBuild(o)
			if err != nil {
				t.Fatal(err)
			}
			err = image.Run(context.Background(), b, image.Stages)
			var se *image.StageError
			if !errors.As(err, &se) || se.Stage != c.stage || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want stage %s mentioning %q", err, c.stage, c.want)
			}
			ents, _ := os.ReadDir(out)
			if len(ents) != 0 {
				t.Errorf("left behind after the failure: %v", ents)
			}
		})
	}
}
