package distbuild

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/distbuild/apt"
	"github.com/nimbus-linux/nimbus/internal/recipe"
)

// TestImportDebian writes recipes for less and its closure from the verified indexes:
// dropped dependencies stay out, every written recipe parses and pins a version the
// index has, existing recipes are not rewritten, and a virtual package goes to a
// provider.
func TestImportDebian(t *testing.T) {
	if m, _ := filepath.Glob(filepath.Join(apt.DefaultListsDir, "*_InRelease")); len(m) == 0 {
		t.Skip("no apt lists: run apt-get update")
	}
	idx, err := apt.LoadIndex(apt.Options{Arches: []string{"amd64", "arm64"}, Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	existing := map[string]*recipe.Recipe{
		"libc6": {Name: "libc6", Source: recipe.Source{Debian: &recipe.DebianSource{Package: "libc6", Version: "x"}}},
	}
	need, written, err := ImportDebian(ImportOptions{RecipesDir: dir, Index: idx, Existing: existing}, []string{"less", "awk"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("closure %v, written %v", need, written)
	for _, want := range []string{"less", "libc6", "libtinfo6"} {
		if !contains(need, want) {
			t.Errorf("closure lacks %s", want)
		}
	}
	if contains(written, "libc6") {
		t.Error("an existing recipe was rewritten")
	}
	for _, n := range need {
		if droppedDeps.Get()[n] {
			t.Errorf("dropped dependency %s in the closure", n)
		}
	}
	awk := false
	for _, n := range need {
		for _, e := range idx.Providers("awk", "amd64") {
			awk = awk || e.Name == n
		}
	}
	if !awk {
		t.Error("no provider of the virtual package awk in the closure")
	}
	for _, w := range written {
		data, err := os.ReadFile(filepath.Join(dir, w+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		r, err := recipe.Parse(w+".yaml", data)
		if err != nil {
			t.Fatal(err)
		}
		if Newest(idx, r.Source.Debian.Package, "amd64", r.Source.Debian.TrackedSuites()) == nil {
			t.Errorf("%s: not in the tracked suites", w)
		}
		if !strings.HasPrefix(string(data), "# Imported from Debian 12") {
			t.Errorf("%s: no provenance comment", w)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
