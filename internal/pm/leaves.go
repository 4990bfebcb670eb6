package pm

import (
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/solver"
)

// Leaves is dnf-plugins-core's leaves (4.3, leaves.py): the installed packages no other
// installed package requires, as groups. A package depends on another when one of its
// requirements (rpmlib() ones left out) has exactly that one installed provider; the
// groups are the strongly connected components of that graph that no package outside
// them depends on (a cycle nothing else needs is one group). Each group's NEVRAs are
// sorted, the groups by their first.
func (b *Base) Leaves() [][]string {
	var ids []solver.ID
	for id := range b.Installed {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	index := map[solver.ID]int{}
	for i, id := range ids {
		index[id] = i
	}
	graph := make([][]int, len(ids))
	rgraph := make([][]int, len(ids))
	for i, id := range ids {
		s := b.Pool.Solvable(id)
		deps := map[int]bool{}
		for _, d := range append(append([]solver.Dep{}, s.Requires...), s.PreRequires...) {
			if name := depString(d); strings.HasPrefix(name, "rpmlib(") || name == "solvable:prereqmarker" {
				continue
			}
			var provs []int
			for _, p := range b.Pool.Providers(d) {
				if j, ok := index[p]; ok {
					provs = append(provs, j)
				}
			}
			provs = uniqueInts(provs)
			if len(provs) == 1 && provs[0] != i {
				deps[provs[0]] = true
			}
		}
		for j := range deps {
			graph[i] = append(graph[i], j)
			rgraph[j] = append(rgraph[j], i)
		}
	}
	comp := sccs(graph)
	incoming := map[int]bool{} // components some package outside them depends on
	for j, rs := range rgraph {
		for _, i := range rs {
			if comp[i] != comp[j] {
				incoming[comp[j]] = true
			}
		}
	}
	groups := map[int][]string{}
	for i, id := range ids {
		if !incoming[comp[i]] {
			s := b.Pool.Solvable(id)
			groups[comp[i]] = append(groups[comp[i]], s.Name+"-"+s.EVR+"."+s.Arch)
		}
	}
	var out [][]string
	for _, g := range groups {
		sort.Strings(g)
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

func uniqueInts(xs []int) []int {
	sort.Ints(xs)
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// sccs numbers the strongly connected components of graph (Tarjan's algorithm, without
// recursion): comp[v] is v's component.
func sccs(graph [][]int) []int {
	n := len(graph)
	idx, low, comp := make([]int, n), make([]int, n), make([]int, n)
	for i := range idx {
		idx[i], comp[i] = -1, -1
	}
	onStack := make([]bool, n)
	var stack []int
	next, ncomp := 0, 0
	type frame struct{ v, e int }
	for root := 0; root < n; root++ {
		if idx[root] >= 0 {
			continue
		}
		call := []frame{{root, 0}}
		idx[root], low[root] = next, next
		next++
		stack = append(stack, root)
		onStack[root] = true
		for len(call) > 0 {
			f := &call[len(call)-1]
			if f.e < len(graph[f.v]) {
				w := graph[f.v][f.e]
				f.e++
				if idx[w] < 0 {
					idx[w], low[w] = next, next
					next++
					stack = append(stack, w)
					onStack[w] = true
					call = append(call, frame{w, 0})
				} else if onStack[w] && idx[w] < low[f.v] {
					low[f.v] = idx[w]
				}
				continue
			}
			v := f.v
			call = call[:len(call)-1]
			if len(call) > 0 {
				if u := call[len(call)-1].v; low[v] < low[u] {
					low[u] = low[v]
				}
			}
			if low[v] == idx[v] {
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					onStack[w] = false
					comp[w] = ncomp
					if w == v {
						break
					}
				}
				ncomp++
			}
		}
	}
	return comp
}
