package distbuild

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/distbuild/apt"
	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/recipe"
)

// ImportOptions configure ImportDebian.
type ImportOptions struct {
	RecipesDir string
	Index      *apt.Index // must hold amd64 (and arm64 to pin per-arch versions)
	Existing   map[string]*recipe.Recipe
	// Provides maps names Nimbus recipes provide that are not Debian package names
	// (recipes of other kinds, e.g. "filesystem") to the recipe providing them.
	Provides map[string]string
}

// ImportDebian writes recipes for Debian packages and the closure of their Depends
// and Pre-Depends not yet covered by a recipe, under the global policy: the newest
// version in the verified indexes is pinned (per arch when they differ); for each
// dependency group the first alternative that a recipe or the archive has is taken;
// virtual packages go to their first provider by name. It returns the names of all
// recipes the closure needs (existing and new), sorted, and of those it wrote.
func ImportDebian(o ImportOptions, names []string) (needed, written []string, err error) {
	have := map[string]bool{}
	for n, r := range o.Existing {
		have[n] = true
		if r.Source.Debian != nil {
			have[r.Source.Debian.Package] = true
		}
	}
	recipeFor := map[string]string{} // debian name -> recipe name
	for n, r := range o.Existing {
		if r.Source.Debian != nil {
			recipeFor[r.Source.Debian.Package] = n
		}
	}
	queue := append([]string(nil), names...)
	seen := map[string]bool{}
	var need []string
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if seen[name] || droppedDeps.Get()[name] {
			continue
		}
		seen[name] = true
		if rn, ok := o.Provides[name]; ok {
			need = append(need, rn)
			continue
		}
		rn := name
		if r, ok := o.Existing[name]; ok && r.Source.Debian == nil {
			need = append(need, name)
			continue
		}
		e := newest(o.Index.Candidates(name, "amd64"))
		if e == nil {
			prov := o.Index.Providers(name, "amd64")
			if len(prov) == 0 {
				return nil, nil, fmt.Errorf("debian package %s: not in the verified indexes and no package provides it", name)
			}
			queue = append(queue, prov[0].Name)
			continue
		}
		if r, ok := recipeFor[name]; ok {
			rn = r
		}
		need = append(need, rn)
		if !have[name] {
			if err := writeDebianRecipe(o, e); err != nil {
				return nil, nil, err
			}
			written = append(written, name)
			have[name] = true
		}
		for _, field := range []string{"Pre-Depends", "Depends"} {
			groups, err := parseRelations(field, e.Stanza.Get(field))
			if err != nil {
				return nil, nil, fmt.Errorf("debian package %s: %w", name, err)
			}
			for _, alts := range groups {
				pick := ""
				for _, a := range alts {
					if droppedDeps.Get()[a.Name] {
						pick = "-"
						break
					}
					if have[a.Name] || o.Provides[a.Name] != "" || seen[a.Name] {
						pick = a.Name
						break
					}
				}
				if pick == "" {
					for _, a := range alts {
						if len(o.Index.Candidates(a.Name, "amd64")) > 0 || len(o.Index.Providers(a.Name, "amd64")) > 0 {
							pick = a.Name
							break
						}
					}
				}
				if pick != "" && pick != "-" {
					queue = append(queue, pick)
				}
			}
		}
	}
	sort.Strings(need)
	need = uniq(need)
	return need, written, nil
}

func uniq(s []string) []string {
	var out []string
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

func newest(es []*apt.Entry) *apt.Entry {
	var best *apt.Entry
	for _, e := range es {
		if best == nil || debCompare(e.Version, best.Version) > 0 {
			best = e
		}
	}
	return best
}

func debCompare(a, b string) int {
	ea, err1 := recipe.MapDebianVersion(a)
	eb, err2 := recipe.MapDebianVersion(b)
	if err1 != nil || err2 != nil {
		return strings.Compare(a, b)
	}
	return evr.Compare(evr.ParseLax(ea.String()), evr.ParseLax(eb.String()))
}

func writeDebianRecipe(o ImportOptions, e *apt.Entry) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Imported from Debian 12 by `nimbus build --import-debian` under the global policy.\n")
	// The version is not pinned here: the next build locks the newest of the
	// tracked suites in dist/debian.lock.
	fmt.Fprintf(&b, "name: %s\nsource:\n  debian:\n    package: %s\n", e.Name, e.Name)
	p := filepath.Join(o.RecipesDir, e.Name+".yaml")
	if _, err := recipe.Parse(p, []byte(b.String())); err != nil {
		return fmt.Errorf("generated recipe for %s: %w", e.Name, err)
	}
	return os.WriteFile(p, []byte(b.String()), 0o644)
}
