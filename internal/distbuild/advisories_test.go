package distbuild

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/advisory"
	"github.com/nimbus-linux/nimbus/internal/recipe"
	"github.com/nimbus-linux/nimbus/internal/repomd"
)

// TestAdvisoriesFor: the publishing hook renders the distribution's advisories for a
// repository of one set and arch, leaves out packages of other sets, and refuses a
// version the release does not have.
func TestAdvisoriesFor(t *testing.T) {
	dist, err := filepath.Abs("../../dist")
	if err != nil {
		t.Fatal(err)
	}
	all, _, err := LoadRecipes(filepath.Join(dist, "recipes"))
	if err != nil {
		t.Fatal(err)
	}
	hook, err := AdvisoriesFor(dist, all)
	if err != nil || hook == nil {
		t.Fatalf("AdvisoriesFor: %v (hook %v)", err, hook != nil)
	}
	// A repository with the openssl packages at the advisory's versions (and no curl):
	// the lock may have moved past them since.
	var pkgs []*repomd.Package
	for _, name := range []string{"openssl", "libssl3"} {
		evr, err := recipe.MapDebianVersion(advisoryVersion(t, filepath.Join(dist, "advisories"), name))
		if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, &repomd.Package{Name: name, Epoch: "0", Version: evr.Version, Release: evr.Release, Arch: "x86_64",
			Location: "Packages/" + name + ".rpm"})
	}
	b, err := hook(pkgs)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	if err := repomd.ReadUpdateinfo(bytes.NewReader(b), func(u *repomd.Update) error {
		ids = append(ids, u.ID)
		for _, c := range u.Collections {
			for _, p := range c.Packages {
				if p.Arch != "x86_64" || !strings.HasPrefix(p.Filename, "Packages/") {
					t.Errorf("%s: package %+v", u.ID, p)
				}
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(ids) != 1 {
		t.Fatalf("updateinfo has %v, want only the openssl advisory", ids)
	}
	pkgs[0].Release = "0"
	if _, err := hook(pkgs); err == nil || !strings.Contains(err.Error(), "is not in the release") {
		t.Fatalf("a version the release lacks: %v", err)
	}
	// No advisories directory: no hook.
	empty := t.TempDir()
	os.MkdirAll(filepath.Join(empty, "recipes"), 0o755)
	if h, err := AdvisoriesFor(empty, all); err != nil || h != nil {
		t.Fatalf("without advisories: %v %v", h != nil, err)
	}
}

// advisoryVersion is the Debian version of a package in the openssl advisory.
func advisoryVersion(t *testing.T, dir, name string) string {
	t.Helper()
	advs, err := advisory.LoadFS(os.DirFS(dir), ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range advs {
		for _, s := range a.Packages["x86_64"] {
			if n, err := advisory.ParseNEVRA(s); err == nil && n.Name == name {
				return n.Version + "-" + n.Release
			}
		}
	}
	t.Fatalf("no advisory names %s", name)
	return ""
}
