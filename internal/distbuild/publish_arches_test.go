package distbuild

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestArchFiles: an arch's repository has its own packages and every noarch one (a
// noarch import is recorded under one arch only), each once.
func TestArchFiles(t *testing.T) {
	pkgs := []Built{
		{Arch: "x86_64", File: "rpms/x86_64/a-1-1.x86_64.rpm"},
		{Arch: "aarch64", File: "rpms/aarch64/a-1-1.aarch64.rpm"},
		{Arch: "x86_64", File: "rpms/noarch/d-1-1.noarch.rpm"},
		{Arch: "aarch64", File: "rpms/noarch/d-1-1.noarch.rpm"},
		{Arch: "x86_64", File: "rpms/noarch/imp-1-1.noarch.rpm"},
	}
	for _, c := range []struct{ arch, want string }{
		{"x86_64", "rpms/noarch/d-1-1.noarch.rpm rpms/noarch/imp-1-1.noarch.rpm rpms/x86_64/a-1-1.x86_64.rpm"},
		{"aarch64", "rpms/aarch64/a-1-1.aarch64.rpm rpms/noarch/d-1-1.noarch.rpm rpms/noarch/imp-1-1.noarch.rpm"},
		{"riscv64", "rpms/noarch/d-1-1.noarch.rpm rpms/noarch/imp-1-1.noarch.rpm"},
	} {
		var got []string
		for _, f := range archFiles("out", pkgs, c.arch) {
			got = append(got, strings.TrimPrefix(f, "out"+string(filepath.Separator)))
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%s: %v, want %s", c.arch, got, c.want)
		}
	}
}
