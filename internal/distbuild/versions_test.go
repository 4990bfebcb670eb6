package distbuild

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/distbuild/apt"
	"github.com/nimbus-linux/nimbus/internal/recipe"
)

// TestRelationsInPlayAgainstDpkg checks the version mapping where it matters: for every
// versioned Depends, Pre-Depends, Breaks and Conflicts of the extras set's Debian
// packages on another package of the set, rpm's answer (the mapped relation against
// the mapped provider) equals dpkg's (`dpkg --compare-versions`).
func TestRelationsInPlayAgainstDpkg(t *testing.T) {
	if _, err := exec.LookPath("dpkg"); err != nil {
		t.Skip("no dpkg")
	}
	if m, _ := filepath.Glob(filepath.Join(apt.DefaultListsDir, "*_InRelease")); len(m) == 0 {
		t.Skip("no apt lists: run apt-get update")
	}
	all, _, err := LoadRecipes("../../dist/recipes")
	if err != nil {
		t.Fatal(err)
	}
	_, names, err := LoadSet("../../dist/sets", "extras")
	if err != nil {
		t.Fatal(err)
	}
	idx, err := apt.LoadIndex(apt.Options{Arches: []string{"amd64"}, Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	// The lock's versions, following the upstream where they are gone (as the
	// default build does): never an exact version the archive may drop.
	lock, err := ReadLock("../../dist/" + LockName)
	if err != nil {
		t.Fatal(err)
	}
	version := map[string]string{} // Debian package -> version built
	var entries []*apt.Entry
	for _, n := range names {
		r := all[n]
		if r == nil || r.Source.Debian == nil {
			continue
		}
		e, _, err := ResolveDeb(idx, lock, r, r.Source.Debian.PackageFor(recipe.X86_64), "amd64", ResolveFollow, nil)
		if err != nil {
			t.Fatal(err)
		}
		version[e.Name] = e.Version
		entries = append(entries, e)
	}
	dpkgOp := map[string]string{"<<": "lt", "<=": "le", "=": "eq", ">=": "ge", ">>": "gt"}
	checked := 0
	for _, e := range entries {
		for _, field := range []string{"Depends", "Pre-Depends", "Breaks", "Conflicts"} {
			for _, g := range splitRelations(e.Stanza.Get(field)) {
				name, op, ver, ok := rawRelation(g)
				target, have := version[name]
				if !ok || !have {
					continue
				}
				want := exec.Command("dpkg", "--compare-versions", target, dpkgOp[op], ver).Run() == nil
				rel, err := parseRelation(g)
				if err != nil {
					t.Errorf("%s %s %q: %v", e.Name, field, g, err)
					continue
				}
				evr, _ := recipe.MapDebianVersion(target)
				req, err := dep.Parse(rel.String())
				if err != nil {
					t.Fatal(err)
				}
				got := dep.Matches(dep.Dep{Name: name, Flags: dep.Equal, Version: evr.String()}, req)
				if got != want {
					t.Errorf("%s %s: %s %s %s for %s %s: rpm says %v (%s), dpkg %v", e.Name, field, name, op, ver, name, target, got, rel, want)
				}
				checked++
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d relations checked", checked)
	}
	t.Logf("%d versioned relations between packages of the extras set agree with dpkg", checked)
}

// splitRelations returns each alternative of a relation field.
func splitRelations(s string) []string {
	var out []string
	for _, g := range splitTrim(s, ",") {
		out = append(out, splitTrim(g, "|")...)
	}
	return out
}

// rawRelation splits "name[:qualifier] (op version)" without mapping anything.
func rawRelation(s string) (name, op, ver string, ok bool) {
	if n, _ := fmt.Sscanf(s, "%s (%s %s", &name, &op, &ver); n != 3 {
		return "", "", "", false
	}
	name, _, _ = strings.Cut(name, ":")
	return name, op, strings.TrimSuffix(ver, ")"), true
}
