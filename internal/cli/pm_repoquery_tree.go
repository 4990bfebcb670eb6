package cli

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/pm"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// treeKinds are the dependency kinds `repoquery --tree` draws a tree of.
var treeKinds = []string{pm.KindConflicts, pm.KindEnhances, pm.KindObsoletes, pm.KindProvides, pm.KindRecommends, pm.KindRequires, pm.KindSuggests, pm.KindSupplements}

// repoqueryTree is dnf 4.14's `repoquery --tree` (tree_seed, grow_tree): each package of
// the query sorted by name, and under it, indented " |   " per level after the first and
// marked "\_ ", the packages providing its dependencies of kind (--requires, ...), or with
// --whatrequires those of the query before the --what filters (orq) that require it by
// name, each with "[N: its requirements]", recursing once per package under one top
// package (dnf's usedpkgs).
func repoqueryTree(e *env, b *pm.Base, ids, orq []solver.ID, kind string, whatRequires bool, qf string) error {
	if !whatRequires && !slices.Contains(treeKinds, kind) {
		return &ExitError{Code: 1, Err: fmt.Errorf("Error: No valid switch specified\nusage: %s repoquery [--conflicts|--enhances|--obsoletes|--provides|--recommends|--requires|--suggest|--supplements|--whatrequires] [key] [--tree]\n\ndescription:\n  For the given packages print a tree of the packages.", mainProg(e))}
	}
	var seed func(pkgs []solver.ID, level int, used map[solver.ID]bool)
	seed = func(pkgs []solver.ID, level int, used map[solver.ID]bool) {
		pkgs = slices.Clone(pkgs)
		b.SortTree(pkgs)
		pkgs = slices.Compact(pkgs)
		for _, id := range pkgs {
			if level == -1 {
				used = map[solver.ID]bool{}
			}
			name := b.Pool.Solvable(id).Name
			if strings.HasPrefix(name, "rpmlib") || strings.HasPrefix(name, "solvable") {
				return // as dnf: the rest of this level too
			}
			line := queryFormat(qf, b.Details(id))
			if level == -1 {
				fmt.Fprintln(e.stdout, line)
			} else {
				reqs := b.TreeRequires(id)
				fmt.Fprintf(e.stdout, " %s\\_ %s [%s: %s]\n", strings.Repeat("|   ", level), line, strconv.Itoa(len(reqs)), strings.Join(reqs, ", "))
			}
			if used[id] {
				continue
			}
			used[id] = true
			var children []solver.ID
			if kind != "" && slices.Contains(treeKinds, kind) {
				children = b.TreeProviders(id, kind)
			} else {
				children = b.TreeRequirers(orq, name)
			}
			seed(children, level+1, used)
		}
	}
	seed(ids, -1, nil)
	return nil
}
