package pm

import (
	"slices"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// SearchHit is one package dnf search prints, with what its section header says.
type SearchHit struct {
	ID      solver.ID
	Details Details
	// Keys are the attributes that matched, in the order dnf's MatchCounter met them
	// (name, summary, then with --all description, url); Needles the keywords that
	// matched, in the order given; Exact whether the matched values are the keywords
	// themselves (a name equal to the keyword: "Name Exactly Matched").
	Keys    []string
	Needles []string
	Exact   bool
}

// searchWeights are dnf's match_counter WEIGHTS.
var searchWeights = map[string]int{"name": 7, "summary": 4, "description": 2, "url": 1}

// Search is dnf search (dnf/cli/commands/search.py with dnf/match_counter.py): every
// keyword is looked for in the name and summary of the installed and available packages
// (a substring ignoring case, or with *?[ a glob over the whole value ignoring case);
// with all (--all, or the word "all" first) also in the description and URL, and a
// package matching any keyword is kept, else only one matching every keyword. Unless
// showDupes, only the newest version of each name.arch is kept. Hits come in dnf's
// order: by weight of what matched (name 7, twice when the name is the keyword; summary
// 4; description 2; URL 1), then by name.
func (b *Base) Search(args []string, all, showDupes bool) ([]SearchHit, error) {
	ids := b.Query(QueryOpts{})
	var dets []Details
	if all {
		var err error
		if dets, err = b.InfoDetails(ids); err != nil {
			return nil, err
		}
	} else {
		dets = make([]Details, len(ids))
		for i, id := range ids {
			dets[i] = b.Details(id)
		}
	}
	type match struct{ key, needle string }
	matches := make([][]match, len(ids))
	field := func(d *Details, key string) string {
		switch key {
		case "name":
			return d.Name
		case "summary":
			return d.Summary
		case "description":
			return d.Description
		}
		return d.URL
	}
	hit := func(hay, needle string) bool {
		if isGlob(needle) {
			return solver.GlobMatch(needle, hay, true)
		}
		return strings.Contains(strings.ToLower(hay), strings.ToLower(needle))
	}
	pass := func(keys ...string) {
		for _, a := range args {
			for _, k := range keys {
				for i := range ids {
					if hit(field(&dets[i], k), a) {
						matches[i] = append(matches[i], match{k, a})
					}
				}
			}
		}
	}
	pass("name", "summary")
	if all {
		pass("description", "url")
	}
	needlesOf := func(ms []match) []string {
		var out []string
		for _, a := range args {
			for _, m := range ms {
				if m.needle == a && !slices.Contains(out, a) {
					out = append(out, a)
				}
			}
		}
		return out
	}
	var keep []int
	for i, ms := range matches {
		if len(ms) == 0 || !all && len(needlesOf(ms)) != len(args) {
			continue
		}
		keep = append(keep, i)
	}
	if !showDupes {
		// the newest of each name.arch among the matches (hawkey's latest())
		newest := map[string]int{}
		for _, i := range keep {
			k := dets[i].Name + "." + dets[i].Arch
			if j, ok := newest[k]; !ok || b.cmpEVR(ids[i], ids[j]) > 0 {
				newest[k] = i
			}
		}
		var latest []int
		for _, i := range keep {
			k := dets[i].Name + "." + dets[i].Arch
			if j := newest[k]; b.cmpEVR(ids[i], ids[j]) == 0 {
				latest = append(latest, i)
			}
		}
		keep = latest
	}
	weight := make(map[int]int, len(keep)) // each hit's weight, once (not per comparison)
	for _, i := range keep {
		for _, m := range matches[i] {
			if m.key == "name" && dets[i].Name == m.needle {
				weight[i] += 2 * searchWeights[m.key]
			} else {
				weight[i] += searchWeights[m.key]
			}
		}
	}
	slices.SortStableFunc(keep, func(x, y int) int {
		if wx, wy := weight[x], weight[y]; wx != wy {
			return wy - wx
		}
		return strings.Compare(dets[x].Name, dets[y].Name)
	})
	var hits []SearchHit
	seen := map[string]bool{}
	for _, i := range keep {
		if !showDupes {
			if k := dets[i].Name + dets[i].Arch; seen[k] {
				continue
			} else {
				seen[k] = true
			}
		}
		h := SearchHit{ID: ids[i], Details: dets[i], Needles: needlesOf(matches[i])}
		hay := map[string]bool{}
		for _, m := range matches[i] {
			if !slices.Contains(h.Keys, m.key) {
				h.Keys = append(h.Keys, m.key)
			}
			hay[field(&dets[i], m.key)] = true
		}
		h.Exact = len(hay) == len(h.Needles)
		for _, n := range h.Needles {
			h.Exact = h.Exact && hay[n]
		}
		hits = append(hits, h)
	}
	return hits, nil
}

// cmpEVR compares two packages' epoch:version-release as rpm does.
func (b *Base) cmpEVR(x, y solver.ID) int {
	return evr.Compare(evr.ParseLax(b.Pool.Solvable(x).EVR), evr.ParseLax(b.Pool.Solvable(y).EVR))
}
