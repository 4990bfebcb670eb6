package distbuild

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/recipe"
)

// LoadRecipes parses every dist/recipes/*.yaml, reporting the problems of all files at
// once. The file name (without .yaml) must be the recipe's name.
func LoadRecipes(dir string) (map[string]*recipe.Recipe, []byte, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, nil, err
	}
	if len(files) == 0 {
		return nil, nil, fmt.Errorf("no recipes in %s", dir)
	}
	sort.Strings(files)
	out := map[string]*recipe.Recipe{}
	var problems recipe.Problems
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, err
		}
		r, err := recipe.Parse(f, data)
		if err != nil {
			if p, ok := err.(recipe.Problems); ok {
				problems = append(problems, p...)
				continue
			}
			problems = append(problems, err.Error())
			continue
		}
		if want := strings.TrimSuffix(filepath.Base(f), ".yaml"); r.Name != want {
			problems = append(problems, fmt.Sprintf("%s: name: %q does not match the file name %q", f, r.Name, want))
		}
		out[r.Name] = r
	}
	if len(problems) > 0 {
		return nil, nil, problems
	}
	return out, nil, nil
}

// LoadSet reads dist/sets/NAME.yaml with the sets it includes and returns the recipe
// names to build (packages, then deps, of every set included).
func LoadSet(dir, name string) (*recipe.Set, []string, error) {
	var names []string
	seen := map[string]bool{}
	var top *recipe.Set
	var visit func(n string, depth int) error
	visit = func(n string, depth int) error {
		if depth > 10 {
			return fmt.Errorf("set %s: includes nest too deep", n)
		}
		p := filepath.Join(dir, n+".yaml")
		data, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("set %s: %w", n, err)
		}
		s, err := recipe.ParseSet(p, data)
		if err != nil {
			return err
		}
		if top == nil {
			top = s
		}
		for _, inc := range s.Includes {
			if err := visit(inc, depth+1); err != nil {
				return err
			}
		}
		for _, pkg := range append(append([]string(nil), s.Packages...), s.Deps...) {
			if !seen[pkg] {
				seen[pkg] = true
				names = append(names, pkg)
			}
		}
		return nil
	}
	if err := visit(name, 0); err != nil {
		return nil, nil, err
	}
	return top, names, nil
}
