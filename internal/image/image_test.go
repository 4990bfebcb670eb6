package image_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	nimbusarch "github.com/nimbus-linux/nimbus/internal/arch"

	"github.com/nimbus-linux/nimbus/internal/image"
	"github.com/nimbus-linux/nimbus/internal/imds"
	"github.com/nimbus-linux/nimbus/internal/testfiles"
	"github.com/nimbus-linux/nimbus/internal/vm"
)

// TestMain lets QEMU's guestfwd run this test binary as the relay to the IMDS server.
func TestMain(m *testing.M) {
	if addr := os.Getenv("NIMBUS_RELAY"); addr != "" {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		err := imds.Relay(ctx, addr, os.Stdin, os.Stdout)
		cancel()
		if err != nil {
			os.Exit(1)
		}
		os.Exit(0)
	}
	d, err := os.MkdirTemp("", "nimbus-image-test-")
	if err != nil {
		panic(err)
	}
	binDir = d
	code := m.Run()
	os.RemoveAll(d)
	os.Exit(code)
}

// need skips outside CI and fails in CI when a prerequisite is missing.
func need(t *testing.T, err error) {
	t.Helper()
	testfiles.Need(t, err)
}

const testProfile = `name: devtest
description: development image for the tests
packages: [kernel, nimbus-init, busybox]
size: 192MiB
esp_size: 48MiB
cmdline: "panic=-1"
default_user: ec2-user
formats: [raw, qcow2, vmdk, vhd]
`

var (
	initOnce sync.Map // arch -> path of nimbus-init
	binDir   string   // nimbus-init builds, shared by the tests; made by TestMain
)

func nimbusInit(t *testing.T, goarch string) string {
	t.Helper()
	if p, ok := initOnce.Load(goarch); ok {
		return p.(string)
	}
	out := filepath.Join(binDir, "nimbus-init-"+goarch)
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w -buildid=", "-o", out, "github.com/nimbus-linux/nimbus/cmd/nimbus-init")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH="+goarch)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build nimbus-init for %s: %v\n%s", goarch, err, b)
	}
	initOnce.Store(goarch, out)
	return out
}

// devBuild builds the development image for arch into dir.
func devBuild(t *testing.T, arch, dir string, formats []string) *image.Build {
	t.Helper()
	return devBuildProfile(t, arch, dir, formats, testProfile)
}

func devContainerBuild(t *testing.T, dir string) *image.Build {
	t.Helper()
	return devBuildProfile(t, "x86_64", dir, nil, containerProfile)
}

func devBuildProfile(t *testing.T, arch, dir string, formats []string, profile string) *image.Build {
	t.Helper()
	if os.Getuid() != 0 {
		need(t, os.ErrPermission)
	}
	deb := nimbusarch.DebianName(arch)
	kdir := filepath.Join(vm.CacheDir(), deb)
	if _, err := os.Stat(filepath.Join(kdir, "version")); err != nil {
		need(t, err)
	}
	for _, tool := range []string{"mkfs.ext4", "debugfs", "qemu-img"} {
		if _, err := exec.LookPath(tool); err != nil {
			need(t, err)
		}
	}
	p, err := image.ParseProfile("devtest.yaml", []byte(profile))
	if err != nil {
		t.Fatal(err)
	}
	b, err := image.NewBuild(image.Options{
		Profile: p, Arch: arch, Formats: formats, OutDir: dir, Releasever: "2026",
		Time: time.Unix(1767225600, 0).UTC(),
		Dev:  &image.DevSource{KernelDir: kdir, Init: nimbusInit(t, deb), Busybox: filepath.Join(kdir, "busybox")},
	})
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
	t.Logf("build of %s:\n%s", arch, log.String())
	return b
}

// TestReproducible builds the image twice and compares every output byte for byte, and
// has the real tools check each format.
func TestReproducible(t *testing.T) {
	dirs := []string{t.TempDir(), t.TempDir()}
	var builds []*image.Build
	for i, d := range dirs {
		if i == 1 { // the second build stages on disk: the bytes must not depend on it
			t.Setenv("NIMBUS_IMAGE_TMPFS", "0")
		}
		builds = append(builds, devBuild(t, "x86_64", d, nil))
	}
	if !builds[0].StagedOnTmpfs || builds[1].StagedOnTmpfs {
		t.Errorf("staged on a tmpfs: first build %v (want true: root, memory to spare), second %v (want false: NIMBUS_IMAGE_TMPFS=0)",
			builds[0].StagedOnTmpfs, builds[1].StagedOnTmpfs)
	}
	if !builds[0].RawOnTmpfs || builds[1].RawOnTmpfs { // the raw disk with it, written out by convert
		t.Errorf("raw disk on the tmpfs: first build %v (want true), second %v (want false)", builds[0].RawOnTmpfs, builds[1].RawOnTmpfs)
	}
	if len(builds[0].Outputs) != 5 {
		t.Fatalf("outputs: %+v", builds[0].Outputs)
	}
	for _, name := range []string{"devtest-x86_64.raw", "devtest-x86_64.qcow2", "devtest-x86_64.vmdk", "devtest-x86_64.vhd", "devtest-x86_64.spdx.json", "devtest-x86_64.manifest.json"} {
		a, err1 := os.ReadFile(filepath.Join(dirs[0], name))
		b, err2 := os.ReadFile(filepath.Join(dirs[1], name))
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", name, err1, err2)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds", name)
		}
	}
	// Every recorded SHA-256 is the file's (the raw disk's comes from the qcow2 pass).
	for _, o := range builds[0].Outputs {
		data, err := os.ReadFile(filepath.Join(dirs[0], o.Path))
		if sum := sha256.Sum256(data); err != nil || hex.EncodeToString(sum[:]) != o.SHA256 || int64(len(data)) != o.Size {
			t.Errorf("%s: recorded %s (%d bytes), file %x (%d bytes, %v)", o.Path, o.SHA256, o.Size, sum, len(data), err)
		}
	}
	ents, _ := os.ReadDir(dirs[0])
	if len(ents) != 6 {
		t.Errorf("output folder has %d entries (scratch left behind?)", len(ents))
	}
	checkDisk(t, filepath.Join(dirs[0], "devtest-x86_64.raw"), builds[0])
	for _, f := range []struct{ ext, format string }{{"qcow2", "qcow2"}, {"vmdk", "vmdk"}} {
		if out, err := exec.Command("qemu-img", "check", "-f", f.format, filepath.Join(dirs[0], "devtest-x86_64."+f.ext)).CombinedOutput(); err != nil {
			t.Errorf("qemu-img check %s: %v\n%s", f.ext, err, out)
		}
	}
	for _, f := range []struct{ ext, format string }{{"qcow2", "qcow2"}, {"vmdk", "vmdk"}, {"vhd", "vpc"}} {
		if out, err := exec.Command("qemu-img", "compare", "-f", "raw", "-F", f.format, filepath.Join(dirs[0], "devtest-x86_64.raw"), filepath.Join(dirs[0], "devtest-x86_64."+f.ext)).CombinedOutput(); err != nil {
			t.Errorf("qemu-img compare raw %s: %v\n%s", f.ext, err, out)
		}
	}
}

// checkDisk runs sgdisk, fsck.fat and e2fsck over the disk's table and partitions.
func checkDisk(t *testing.T, raw string, b *image.Build) {
	t.Helper()
	if out, err := exec.Command("sgdisk", "-v", raw).CombinedOutput(); err != nil || !strings.Contains(string(out), "No problems found") {
		t.Errorf("sgdisk -v: %v\n%s", err, out)
	}
	out, _ := exec.Command("sgdisk", "-i", "2", raw).CombinedOutput()
	if !strings.Contains(string(out), "4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709") || !strings.Contains(strings.ToLower(string(out)), b.Identity.RootGUID) {
		t.Errorf("root partition:\n%s", out)
	}
	part := func(n int) string {
		out, err := exec.Command("sgdisk", "-i", string(rune('0'+n)), raw).CombinedOutput()
		if err != nil {
			t.Fatal(err)
		}
		var first, last int64
		for _, l := range strings.Split(string(out), "\n") {
			if v, ok := strings.CutPrefix(l, "First sector: "); ok {
				first = atoi(strings.Fields(v)[0])
			}
			if v, ok := strings.CutPrefix(l, "Last sector: "); ok {
				last = atoi(strings.Fields(v)[0])
			}
		}
		p := filepath.Join(t.TempDir(), "part")
		if out, err := exec.Command("dd", "if="+raw, "of="+p, "bs=512", "skip="+itoa(first), "count="+itoa(last-first+1), "conv=sparse", "status=none").CombinedOutput(); err != nil {
			t.Fatalf("dd: %v %s", err, out)
		}
		return p
	}
	if fsck, err := exec.LookPath("fsck.fat"); err == nil {
		esp := part(1)
		if out, err := exec.Command(fsck, "-n", esp).CombinedOutput(); err != nil {
			t.Errorf("fsck.fat: %v\n%s", err, out)
		}
		if out, err := exec.Command("mdir", "-i", esp, "::/EFI/BOOT").CombinedOutput(); err != nil || !strings.Contains(string(out), "BOOTX64  EFI") {
			t.Errorf("mdir: %v\n%s", err, out)
		}
	}
	root := part(2)
	if out, err := exec.Command("e2fsck", "-fn", root).CombinedOutput(); err != nil {
		t.Errorf("e2fsck: %v\n%s", err, out)
	}
	out, _ = exec.Command("debugfs", "-R", "stat /etc/shadow", root).CombinedOutput()
	if !strings.Contains(string(out), "User:     0   Group:     0") || !strings.Contains(string(out), "Mode:  0600") {
		t.Errorf("/etc/shadow in the image:\n%s", out)
	}
	if out, _ := exec.Command("debugfs", "-R", "cat /etc/fstab", root).CombinedOutput(); !strings.Contains(string(out), "UUID="+b.Identity.RootFSUUID) {
		t.Errorf("fstab:\n%s", out)
	}
}

func atoi(s string) int64 {
	var n int64
	for _, c := range s {
		n = n*10 + int64(c-'0')
	}
	return n
}

func itoa(n int64) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(n)) }

func fmtInt(n int64) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// TestRawFormats: with the raw disk assembled on the scratch tmpfs, raw alone is written
// out with its recorded SHA-256 and size right (hashed beside its copy, no qcow2 to read
// it), and qcow2 alone leaves no raw disk in the output folder; both as the raw of a
// build with both formats.
func TestRawFormats(t *testing.T) {
	ref := devBuild(t, "x86_64", t.TempDir(), []string{"raw", "qcow2"})
	for _, formats := range [][]string{{"raw"}, {"qcow2"}} {
		dir := t.TempDir()
		b := devBuild(t, "x86_64", dir, formats)
		if !b.RawOnTmpfs {
			t.Errorf("%v: the raw disk was not on the tmpfs", formats)
		}
		if len(b.Outputs) != 2 || b.Outputs[0].Format != formats[0] {
			t.Fatalf("%v: outputs %+v", formats, b.Outputs)
		}
		o := b.Outputs[0]
		data, err := os.ReadFile(filepath.Join(dir, o.Path))
		if sum := sha256.Sum256(data); err != nil || hex.EncodeToString(sum[:]) != o.SHA256 || int64(len(data)) != o.Size {
			t.Errorf("%v: %s recorded as %s, %d bytes; the file: %x, %d bytes (%v)", formats, o.Path, o.SHA256, o.Size, sum, len(data), err)
		}
		for _, r := range ref.Outputs {
			if r.Format == o.Format && (r.SHA256 != o.SHA256 || r.Size != o.Size) {
				t.Errorf("%v: %s differs from the build with raw and qcow2", formats, o.Format)
			}
		}
		if _, err := os.Stat(filepath.Join(dir, b.Name()+".raw")); formats[0] == "qcow2" && err == nil {
			t.Errorf("qcow2 alone left a raw disk in the output folder")
		}
		if m, _ := filepath.Glob(filepath.Join(dir, ".work-*")); len(m) > 0 {
			t.Errorf("%v: scratch left: %v", formats, m)
		}
	}
}
