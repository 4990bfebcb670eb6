package tools

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	dir := t.TempDir()
	prog := filepath.Join(dir, "nimbus-fake-tool")
	if err := os.WriteFile(prog, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	if p, err := Find("nimbus-fake-tool"); err != nil || p != prog {
		t.Errorf("on PATH: %q %v", p, err)
	}
	if p, err := Find(prog); err != nil || p != prog {
		t.Errorf("a path: %q %v", p, err)
	}
	_, err := Find(filepath.Join(dir, "qemu-img"))
	if err == nil || !strings.Contains(err.Error(), "install qemu-utils") {
		t.Errorf("a missing tool: %v", err)
	}
}

func TestNames(t *testing.T) {
	for got, want := range map[string]string{QemuSystem("x86_64"): "qemu-system-x86_64", QemuSystem("aarch64"): "qemu-system-aarch64",
		QemuSystem("riscv64"): "qemu-system-riscv64", MkfsExt4(): "mkfs.ext4", AptGet(): "apt-get", Git(): "git"} {
		if got != want {
			t.Errorf("%q, want %q", got, want)
		}
	}
	if debianPackage("qemu-system-aarch64") != "qemu-system-arm" || debianPackage("resize2fs") != "e2fsprogs" {
		t.Error("package names")
	}
}
