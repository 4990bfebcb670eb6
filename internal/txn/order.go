package txn

import (
	"sort"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/rpm"
)

// strongSense marks requirements that must be installed before the requirer runs its
// scriptlets (Requires(pre), (post), pretrans, posttrans, legacy PreReq): rpm orders by all
// requirements but breaks loops at the weak ones first.
const strongSense = dep.ScriptPre | dep.ScriptPost | dep.Prereq | dep.Pretrans | dep.Posttrans

// orderPackages sorts packages so that what each requires (among the set) comes first, the
// way rpm orders a transaction: strongly connected groups (dependency loops) are kept
// together and ordered inside by their strong (pre/post) edges only; ties go by name, so the
// order is deterministic.
func orderPackages(pkgs []*rpm.Info) []*rpm.Info {
	n := len(pkgs)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return pkgs[idx[a]].NEVRA() < pkgs[idx[b]].NEVRA() })
	sorted := make([]*rpm.Info, n)
	for i, j := range idx {
		sorted[i] = pkgs[j]
	}
	all, strong := edges(sorted)
	var out []*rpm.Info
	for _, comp := range tarjan(n, func(v int) []int { return all[v] }, allNodes(n)) {
		if len(comp) == 1 {
			out = append(out, sorted[comp[0]])
			continue
		}
		in := map[int]bool{}
		for _, v := range comp {
			in[v] = true
		}
		sub := func(v int) []int {
			var s []int
			for _, w := range strong[v] {
				if in[w] {
					s = append(s, w)
				}
			}
			return s
		}
		sort.Ints(comp)
		for _, inner := range tarjan(n, sub, comp) {
			sort.Ints(inner) // a loop even among strong edges: fall back to name order
			for _, v := range inner {
				out = append(out, sorted[v])
			}
		}
	}
	return out
}

func allNodes(n int) []int {
	v := make([]int, n)
	for i := range v {
		v[i] = i
	}
	return v
}

// edges computes, for each package, the packages in the set that satisfy its requirements
// (by Provides or by file path), and the subset of those that are strong.
func edges(pkgs []*rpm.Info) (all, strong [][]int) {
	provides := map[string][]int{}
	type prov struct {
		pkg int
		d   dep.Dep
	}
	provDeps := map[string][]prov{}
	for i, p := range pkgs {
		for _, d := range p.Provides {
			provDeps[d.Name] = append(provDeps[d.Name], prov{i, d})
		}
		for _, f := range p.Files {
			provides[f.Path] = append(provides[f.Path], i)
		}
	}
	all, strong = make([][]int, len(pkgs)), make([][]int, len(pkgs))
	for i, p := range pkgs {
		seen, seenStrong := map[int]bool{}, map[int]bool{}
		add := func(j int, f dep.Flags) {
			if j == i {
				return
			}
			if !seen[j] {
				seen[j] = true
				all[i] = append(all[i], j)
			}
			if f&strongSense != 0 && !seenStrong[j] {
				seenStrong[j] = true
				strong[i] = append(strong[i], j)
			}
		}
		for _, r := range p.Requires {
			if r.Flags&dep.Rpmlib != 0 || r.IsRich() {
				continue
			}
			for _, pr := range provDeps[r.Name] {
				if dep.Matches(pr.d, r) {
					add(pr.pkg, r.Flags)
				}
			}
			for _, j := range provides[r.Name] {
				add(j, r.Flags)
			}
		}
	}
	return all, strong
}

// tarjan returns the strongly connected components of the graph restricted to nodes, each
// component after every component it has edges to (dependencies first).
func tarjan(n int, succ func(int) []int, nodes []int) [][]int {
	index := make([]int, n)
	low := make([]int, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	member := map[int]bool{}
	for _, v := range nodes {
		member[v] = true
	}
	var stack []int
	var comps [][]int
	next := 0
	var visit func(v int)
	visit = func(v int) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		onStack[v] = true
		for _, w := range succ(v) {
			if !member[w] {
				continue
			}
			if index[w] < 0 {
				visit(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] == index[v] {
			var comp []int
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				comp = append(comp, w)
				if w == v {
					break
				}
			}
			comps = append(comps, comp)
		}
	}
	for _, v := range nodes {
		if index[v] < 0 {
			visit(v)
		}
	}
	return comps
}
