package testcase

import (
	"fmt"
	"sort"
	"strings"
)

// lineClass is the first word of a result line, with transaction words
// folded together.
func lineClass(l string) string {
	w, _, _ := strings.Cut(strings.TrimSpace(l), " ")
	switch w {
	case "install", "erase", "upgrade", "downgrade", "reinstall", "change", "obsolete":
		return "transaction"
	}
	return w
}

// compare checks got against expected the way the issue defines success:
// transaction, recommended/suggested, cleandeps, rules and job lines must
// match as sets; for problems it must agree whether there are any.
// Alternatives and the wording of problems are not compared.
func compare(what string, expected, got []string) (Outcome, []string) {
	classes := map[string]bool{}
	for _, c := range strings.Split(what, ",") {
		switch c {
		case "transaction", "problems", "recommended", "cleandeps", "rules", "jobs", "alternatives", "genid":
			classes[c] = true
		}
	}
	pick := func(lines []string, class string) []string {
		var out []string
		for _, l := range lines {
			c := lineClass(l)
			if c == class || class == "recommended" && c == "suggested" {
				if class == "rules" || c == "rule" {
					out = append(out, l)
					continue
				}
				out = append(out, strings.TrimSpace(l))
			}
		}
		sort.Strings(out)
		return out
	}
	var diff []string
	for _, c := range []string{"transaction", "recommended", "cleandeps", "job", "genid"} {
		if c == "job" && !classes["jobs"] || c != "job" && !classes[c] {
			continue
		}
		diff = append(diff, diffLines(pick(expected, c), pick(got, c))...)
	}
	if classes["rules"] {
		diff = append(diff, diffLines(canonRules(expected), canonRules(got))...)
	}
	expProb, gotProb := len(pick(expected, "problem")) > 0, len(pick(got, "problem")) > 0
	if expProb != gotProb {
		diff = append(diff, fmt.Sprintf("problems: expected %v, got %v", expProb, gotProb))
	}
	if len(diff) > 0 {
		return Fail, append(diff, pick(got, "problem")...)
	}
	return Pass, nil
}

// infoMatches counts the expected problem descriptions and how many of
// them Nimbus printed word for word (libsolv's hash ids aside).
func infoMatches(expected, got []string) (total, matched int) {
	info := func(lines []string) map[string]int {
		m := map[string]int{}
		for _, l := range lines {
			if lineClass(l) != "problem" {
				continue
			}
			if _, text, ok := strings.Cut(l, " info "); ok {
				m[strings.TrimSpace(text)]++
			}
		}
		return m
	}
	e, g := info(expected), info(got)
	for text, n := range e {
		total += n
		matched += min(n, g[text])
	}
	return total, matched
}

// canonRules groups "rule CLASS HASH LIT" lines into one string per rule,
// ignoring libsolv's hash values (which name rules, not their content).
func canonRules(lines []string) []string {
	groups := map[string][]string{}
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) < 4 || f[0] != "rule" {
			continue
		}
		key := f[1] + " " + f[2]
		groups[key] = append(groups[key], f[3])
	}
	var out []string
	for key, lits := range groups {
		sort.Strings(lits)
		class, _, _ := strings.Cut(key, " ")
		out = append(out, class+" "+strings.Join(lits, " "))
	}
	sort.Strings(out)
	return out
}

func diffLines(exp, got []string) []string {
	var diff []string
	i, j := 0, 0
	for i < len(exp) || j < len(got) {
		switch {
		case j >= len(got) || i < len(exp) && exp[i] < got[j]:
			diff = append(diff, "-"+exp[i])
			i++
		case i >= len(exp) || got[j] < exp[i]:
			diff = append(diff, "+"+got[j])
			j++
		default:
			i++
			j++
		}
	}
	return diff
}
