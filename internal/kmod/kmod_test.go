package kmod

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/distbuild/apt"
	"github.com/nimbus-linux/nimbus/internal/distbuild/deb"
	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/recipe"
	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

const depmod = "/usr/sbin/depmod"

// kernelTree unpacks the modules of the cached cloud kernel .deb into a temporary
// root and returns it with the kernel version and the modules.
func kernelTree(t *testing.T, arch string) (root, kver string, mods []Module, order []string) {
	debs := kernelDeb(t, arch)
	f, err := os.Open(debs[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := deb.Read(f, deb.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	root = t.TempDir()
	for _, e := range p.Files {
		rest, ok := strings.CutPrefix(e.Path, "/lib/modules/")
		if !ok {
			continue
		}
		kv, rel, _ := strings.Cut(rest, "/")
		kver = kv
		dst := filepath.Join(root, "lib/modules", rest)
		switch {
		case e.IsDir():
			os.MkdirAll(dst, 0o755)
		case e.IsRegular():
			os.MkdirAll(filepath.Dir(dst), 0o755)
			if err := os.WriteFile(dst, e.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			if strings.HasSuffix(rel, ".ko") {
				m, err := ReadModinfo(rel, e.Data)
				if err != nil {
					t.Fatal(err)
				}
				mods = append(mods, m)
			}
			if rel == "modules.order" {
				order = strings.Fields(string(e.Data))
			}
		}
	}
	return root, kver, mods, order
}

// kernelDeb returns the cloud kernel .deb the kernel recipe is locked to (dist/debian.lock;
// the newest the archive has when Debian replaced it), fetching it (verified against the
// signed archive) into the build's cache when it is not there yet.
func kernelDeb(t *testing.T, arch string) []string {
	data, err := os.ReadFile("../../dist/recipes/kernel.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := recipe.Parse("kernel.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	d := r.Source.Debian
	debArch := map[string]string{recipe.X86_64: "amd64", recipe.Aarch64: "arm64"}[arch]
	name, version := d.PackageFor(arch), ""
	lock, err := os.ReadFile("../../dist/debian.lock")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(lock), "\n") {
		if f := strings.Fields(l); len(f) == 6 && f[0] == name && f[1] == debArch {
			version = f[2]
		}
	}
	if m, _ := filepath.Glob(filepath.Join(apt.DefaultCacheDir, name+"_"+version+"_"+debArch+".deb")); len(m) == 1 {
		return m
	}
	if m, _ := filepath.Glob(filepath.Join(apt.DefaultListsDir, "*_InRelease")); len(m) == 0 {
		t.Skip("no cached kernel .deb and no apt lists to fetch it with")
	}
	idx, err := apt.LoadIndex(apt.Options{Arches: []string{debArch}, Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	e, err := idx.Lookup(name, version, debArch)
	if err != nil {
		// Debian replaced the locked version: the newest it has, as the build does.
		for _, c := range idx.Candidates(name, debArch) {
			if e == nil || evr.CompareDebian(c.Version, e.Version) > 0 {
				e = c
			}
		}
		if e == nil {
			t.Fatal(err)
		}
	}
	f := &apt.Fetcher{CacheDir: apt.DefaultCacheDir}
	if err := f.Fetch(context.Background(), []*apt.Entry{e}); err != nil {
		t.Fatal(err)
	}
	return []string{f.CachePath(e)}
}

// TestAgainstDepmod compares the generated index with what kmod's depmod writes for
// the same modules: the same modules, each with the same dependency closure in the
// same order, and the same aliases and soft dependencies.
func TestAgainstDepmod(t *testing.T) {
	if _, err := os.Stat(depmod); err != nil {
		testfiles.Need(t, fmt.Errorf("depmod is not installed (apt-get install kmod): %w", err))
	}
	for _, arch := range []string{recipe.X86_64, recipe.Aarch64} {
		t.Run(arch, func(t *testing.T) { againstDepmod(t, arch) })
	}
}

func againstDepmod(t *testing.T, arch string) {
	root, kver, mods, order := kernelTree(t, arch)
	if len(mods) < 100 {
		t.Fatalf("only %d modules", len(mods))
	}
	idx, err := Generate(mods, order)
	if err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(depmod, "-b", root, kver).CombinedOutput(); err != nil {
		t.Fatalf("depmod: %v\n%s", err, out)
	}
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(root, "lib/modules", kver, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	wantDep, gotDep := lines(read("modules.dep")), lines(idx["modules.dep"])
	if len(wantDep) != len(gotDep) {
		t.Fatalf("modules.dep: %d lines, depmod wrote %d", len(gotDep), len(wantDep))
	}
	wantBy := map[string]string{}
	for _, l := range wantDep {
		m, _, _ := strings.Cut(l, ":")
		wantBy[m] = l
	}
	mismatch := 0
	withDeps := 0
	for _, l := range gotDep {
		m, deps, _ := strings.Cut(l, ":")
		if deps != "" {
			withDeps++
		}
		if wantBy[m] != l {
			mismatch++
			if mismatch < 5 {
				t.Errorf("modules.dep line\n got %s\nwant %s", l, wantBy[m])
			}
		}
	}
	if mismatch > 0 {
		t.Errorf("%d of %d modules.dep lines differ", mismatch, len(gotDep))
	}
	for _, name := range []string{"modules.alias", "modules.softdep"} {
		w, g := sorted(lines(read(name))), sorted(lines(idx[name]))
		if strings.Join(w, "\n") != strings.Join(g, "\n") {
			t.Errorf("%s: %d lines, depmod wrote %d (sorted contents differ)", name, len(g), len(w))
		}
	}
	t.Logf("%s: %d modules (%d with dependencies) agree with depmod", kver, len(gotDep), withDeps)
}

func lines(b []byte) []string {
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

func sorted(s []string) []string { sort.Strings(s); return s }

func TestGenerateCycleAndMissing(t *testing.T) {
	_, err := Generate([]Module{{Path: "a.ko", Name: "a", Depends: []string{"zz"}}}, nil)
	if err == nil {
		t.Error("a dependency on a missing module was accepted")
	}
	idx, err := Generate([]Module{{Path: "a.ko", Name: "a", Depends: []string{"b"}}, {Path: "b.ko", Name: "b", Depends: []string{"a"}}}, nil)
	if err != nil || !bytes.Contains(idx["modules.dep"], []byte("a.ko: b.ko")) {
		t.Errorf("cycle: %v %s", err, idx["modules.dep"])
	}
}

func FuzzReadModinfo(f *testing.F) {
	f.Add([]byte("\x7fELF\x02\x01\x01"))
	if ko, _ := filepath.Glob("/usr/lib/modules/*/kernel/lib/crc*.ko"); len(ko) > 0 {
		if b, err := os.ReadFile(ko[0]); err == nil && len(b) < 1<<20 {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = ReadModinfo("x.ko", data)
	})
}
