package distbuild

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/recipe"
	"github.com/nimbus-linux/nimbus/internal/rpm"
)

// TestDistRecipesValid loads every recipe and set of dist/: all parse, every set
// member has a recipe, and the kernel and go recipes are there.
func TestDistRecipesValid(t *testing.T) {
	all, _, err := LoadRecipes("../../dist/recipes")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../../dist/sets/*.yaml")
	if len(files) < 5 {
		t.Fatalf("dist/sets: %d sets, want minimal, standard, web, workloads-ci and extras at least", len(files))
	}
	members := map[string]map[string]bool{}
	for _, file := range files {
		set := strings.TrimSuffix(filepath.Base(file), ".yaml")
		_, names, err := LoadSet("../../dist/sets", set)
		if err != nil {
			t.Fatal(err)
		}
		members[set] = map[string]bool{}
		for _, n := range names {
			members[set][n] = true
			if _, ok := all[n]; !ok {
				t.Errorf("set %s: no recipe %s", set, n)
			}
		}
		t.Logf("set %s: %d recipes", set, len(names))
	}
	// CI's workloads-ci set is a subset of the extras set: what scripts/test.sh installs
	// from, the slow job builds too.
	for n := range members["workloads-ci"] {
		if !members["extras"][n] {
			t.Errorf("set workloads-ci: %s is not in the extras set", n)
		}
	}
	for _, n := range []string{"kernel", "nimbus", "nimbus-init", "filesystem", "setup", "system-release", "nimbus-repos"} {
		if _, ok := all[n]; !ok {
			t.Errorf("no recipe %s", n)
		}
	}
}

func TestLoadRecipesReportsAll(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.yaml"), "name: a\nsource: {debian: {package: a, pin: 1}}\n")
	writeFile(t, filepath.Join(dir, "b.yaml"), "name: c\nsource: {debian: {package: b}}\n")
	_, _, err := LoadRecipes(dir)
	if err == nil || !strings.Contains(err.Error(), "source.debian.pin: unknown key") || !strings.Contains(err.Error(), `does not match the file name "b"`) {
		t.Fatalf("got %v", err)
	}
}

const filesRecipe = `name: hello-files
version: "1"
release: "1"
summary: test
license: MIT
arches: [noarch]
source:
  files:
    root: root
    files:
      - {path: /etc/hello.conf, config: noreplace, mode: "0640"}
      - {path: /usr/bin/hi, symlink: hello}
overrides:
  users: [{name: hello}]
  units: [hello.service]
  drop: [/usr/share/doc/**]
`

func filesTree(t *testing.T, dir string) {
	rd := filepath.Join(dir, "recipes")
	os.MkdirAll(filepath.Join(rd, "hello-files/root/etc"), 0o755)
	os.MkdirAll(filepath.Join(rd, "hello-files/root/usr/bin"), 0o755)
	os.MkdirAll(filepath.Join(rd, "hello-files/root/usr/share/doc/x"), 0o755)
	writeFile(t, filepath.Join(rd, "hello-files.yaml"), filesRecipe)
	writeFile(t, filepath.Join(rd, "hello-files/root/etc/hello.conf"), "x=1\n")
	writeFile(t, filepath.Join(rd, "hello-files/root/usr/share/doc/x/README"), "doc\n")
	if err := os.WriteFile(filepath.Join(rd, "hello-files/root/usr/bin/hello"), []byte("#!/bin/sh\necho hi\n"), 0o755); err != nil {
		t.Fatal(err)
	}
}

// TestBuildIncrementalReproducible builds a files recipe twice into two directories
// (same bytes), then again into the first (reused), then after a change (rebuilt).
func TestBuildIncrementalReproducible(t *testing.T) {
	dir := t.TempDir()
	filesTree(t, dir)
	cfg := func(out string) Config {
		return Config{RepoRoot: dir, RecipesDir: filepath.Join(dir, "recipes"), OutDir: out, Recipes: []string{"hello-files"},
			Arches: recipe.AllArches, Jobs: 2, BuildTime: time.Unix(1790000000, 0), Now: time.Now()}
	}
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	ra, err := Build(context.Background(), cfg(a))
	if err != nil {
		t.Fatal(err)
	}
	rb, err := Build(context.Background(), cfg(b))
	if err != nil {
		t.Fatal(err)
	}
	if len(ra.Packages) == 0 || ra.Built != 1 {
		t.Fatalf("first build: %+v", ra)
	}
	fa, _ := os.ReadFile(filepath.Join(a, ra.Packages[0].File))
	fb, _ := os.ReadFile(filepath.Join(b, rb.Packages[0].File))
	if !bytes.Equal(fa, fb) {
		t.Error("two builds of the same inputs differ")
	}
	again, err := Build(context.Background(), cfg(a))
	if err != nil || again.Built != 0 || again.Reused != 1 {
		t.Errorf("unchanged rebuild: %+v %v", again, err)
	}
	writeFile(t, filepath.Join(dir, "recipes/hello-files/root/etc/hello.conf"), "x=2\n")
	changed, err := Build(context.Background(), cfg(a))
	if err != nil || changed.Built != 1 {
		t.Errorf("rebuild after a change: %+v %v", changed, err)
	}

	p, err := rpm.Read(bytes.NewReader(fa))
	if err != nil {
		t.Fatal(err)
	}
	info, err := rpm.FromHeader(p.Header)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]rpm.File{}
	for _, f := range info.Files {
		files[f.Path] = f
	}
	if f := files["/etc/hello.conf"]; f.Mode&0o7777 != 0o640 || f.Flags.String() != "config,noreplace" {
		t.Errorf("hello.conf: %o %s", f.Mode, f.Flags)
	}
	if f := files["/usr/bin/hello"]; f.Mode&0o777 != 0o755 {
		t.Errorf("hello mode %o", f.Mode)
	}
	if _, ok := files["/usr/share/doc/x/README"]; ok {
		t.Error("dropped file packaged")
	}
	if _, ok := files["/usr/lib/systemd/system-preset/50-hello-files.preset"]; !ok {
		t.Error("no preset file for the enabled unit")
	}
	var pre string
	for _, s := range info.Scripts {
		if s.Kind == rpm.Pre {
			pre = s.Body
		}
	}
	if !strings.Contains(pre, "nimbus_has /etc/passwd hello") {
		t.Errorf("no user creation in %%pre: %q", pre)
	}
}

// TestSubpackages splits a recipe's files: the subpackage gets the matching files and
// requires the main package at the same EVR.
func TestSubpackages(t *testing.T) {
	dir := t.TempDir()
	filesTree(t, dir)
	rp := filepath.Join(dir, "recipes/hello-files.yaml")
	writeFile(t, rp, filesRecipe+"subpackages:\n  - {name: hello-files-conf, summary: the configuration, paths: [/etc/**], requires: [bash]}\n")
	res, err := Build(context.Background(), Config{RepoRoot: dir, RecipesDir: filepath.Join(dir, "recipes"), OutDir: filepath.Join(dir, "out"),
		Recipes: []string{"hello-files"}, Arches: recipe.AllArches, BuildTime: time.Unix(1790000000, 0), Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	infos := map[string]*rpm.Info{}
	for _, p := range res.Packages {
		i, err := ReadInfos([]string{filepath.Join(dir, "out", p.File)})
		if err != nil {
			t.Fatal(err)
		}
		infos[i[0].Name] = i[0]
	}
	main, sub := infos["hello-files"], infos["hello-files-conf"]
	if main == nil || sub == nil {
		t.Fatalf("packages: %v", res.Packages)
	}
	for _, f := range main.Files {
		if strings.HasPrefix(f.Path, "/etc/") {
			t.Errorf("main package still has %s", f.Path)
		}
	}
	if len(sub.Files) != 1 || sub.Files[0].Path != "/etc/hello.conf" {
		t.Errorf("subpackage files: %v", sub.Files)
	}
	reqs := fmt.Sprint(sub.Requires)
	if !strings.Contains(reqs, "hello-files = 1-1") || !strings.Contains(reqs, "bash") {
		t.Errorf("subpackage requires: %s", reqs)
	}
}
