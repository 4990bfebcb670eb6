package archtest

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/nimbus-linux/nimbus/"

// pure are the packages that touch no OS state: they take readers, writers, clocks and file
// systems as arguments (ARCHITECTURE.md, "Rules of the house"). Packages listed here that do
// not exist yet are skipped by go list's pattern matching, and checked as soon as they do.
var pure = []string{
	"internal/evr", "internal/dep", "internal/rpm", "internal/rpm/tag", "internal/rpm/cpio",
	"internal/compress", "internal/sign", "internal/pkgdesc", "internal/repomd",
	"internal/solver", "internal/advisory", "internal/release", "internal/fleet",
	"internal/zchunk", "internal/confdirs", "internal/kmod", "internal/initramfs", "internal/arch",
	"internal/modulemd", "internal/comps", "internal/iocount", "internal/lazy",
}

// osPackages are the standard-library doors to OS state a pure package may not import.
var osPackages = map[string]bool{
	"os": true, "os/exec": true, "os/signal": true, "os/user": true, "net": true, "net/http": true,
	"syscall": true, "plugin": true,
}

type pkg struct {
	path    string
	imports []string
	deps    []string
}

func list(t *testing.T, patterns ...string) []pkg {
	t.Helper()
	args := append([]string{"list", "-e", "-f", "{{.ImportPath}}|{{join .Imports \" \"}}|{{join .Deps \" \"}}"}, patterns...)
	out, err := exec.Command("go", args...).Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var ps []pkg
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(line, "|")
		if len(f) != 3 {
			continue
		}
		ps = append(ps, pkg{f[0], strings.Fields(f[1]), strings.Fields(f[2])})
	}
	return ps
}

func TestPurePackagesStayPure(t *testing.T) {
	var patterns []string
	isPure := map[string]bool{}
	for _, p := range pure {
		patterns = append(patterns, "../../"+p)
		isPure[module+p] = true
	}
	checked := 0
	for _, p := range list(t, patterns...) {
		if !strings.HasPrefix(p.path, module) {
			continue // a pattern that matched nothing yet
		}
		checked++
		for _, imp := range p.imports {
			if osPackages[imp] {
				t.Errorf("%s imports %s: pure packages take readers, writers and fs.FS instead", p.path, imp)
			}
		}
		for _, d := range p.deps {
			if strings.HasPrefix(d, module) && !isPure[d] {
				t.Errorf("%s depends on %s, which is not a pure package", p.path, d)
			}
		}
	}
	if checked < 5 {
		t.Fatalf("checked only %d pure packages; the list or go list is broken", checked)
	}
}

// forbidden are import edges that must not exist: the image pipeline builds what PID 1
// and the QEMU runner use (the kernel-module wing internal/kmod, the initramfs layout
// internal/initramfs) without importing them.
var forbidden = []struct{ from, to string }{
	{"internal/image", "internal/initd"},
	{"internal/image", "internal/vm"},
}

func TestForbiddenImports(t *testing.T) {
	ps := map[string]pkg{}
	for _, p := range list(t, "../../internal/...") {
		ps[p.path] = p
	}
	for _, f := range forbidden {
		from, ok := ps[module+f.from]
		if !ok {
			t.Errorf("%s: no such package", f.from)
			continue
		}
		for _, imp := range from.imports {
			if imp == module+f.to {
				t.Errorf("%s imports %s, which the layering forbids", f.from, f.to)
			}
		}
	}
}
