package testcase

import (
	"fmt"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/lazy"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// FormatResult prints a result in testsolv's form: transaction lines,
// problems, and (when what asks for them) recommended, suggested and
// cleandeps lines.
func FormatResult(res *solver.Result, what string) []string {
	p := res.Pool()
	name := func(id solver.ID) string { return p.Peek(id).NEVRA() }
	var out []string
	for _, st := range res.Steps {
		switch st.Kind {
		case solver.StepInstall:
			out = append(out, "install "+name(st.New))
		case solver.StepErase:
			out = append(out, "erase "+name(st.Old))
		case solver.StepObsoleted:
			// the obsoleter has its own install or upgrade step
			out = append(out, "erase "+name(st.Old)+" "+name(st.New))
		case solver.StepReinstall:
			word := "reinstall"
			if st.Changed {
				word = "change"
			}
			out = append(out, word+" "+name(st.Old)+" "+name(st.New))
		default:
			out = append(out, st.Kind.String()+" "+name(st.Old)+" "+name(st.New))
		}
	}
	out = dedupStrings(out)
	for i, pr := range res.Problems {
		out = append(out, fmt.Sprintf("problem %d info %s", i+1, pr))
		for _, sol := range pr.Solutions {
			out = append(out, fmt.Sprintf("problem %d solution %s", i+1, sol))
		}
	}
	if strings.Contains(what, "recommended") {
		for _, id := range res.Recommended {
			out = append(out, "recommended "+name(id))
		}
		for _, id := range res.Suggested {
			out = append(out, "suggested "+name(id))
		}
	}
	if strings.Contains(what, "cleandeps") {
		for _, id := range res.CleanDeps {
			out = append(out, "cleandeps "+name(id))
		}
	}
	return out
}

func dedupStrings(s []string) []string {
	seen := map[string]bool{}
	out := s[:0]
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// FormatRules prints rules as testsolv's "result rules" does, one line per
// literal, with a per-rule number standing in for libsolv's hash.
func FormatRules(p *solver.Pool, rules []solver.RuleInfo) []string {
	var out []string
	for i, r := range rules {
		cls := r.Class.String()
		switch r.Class {
		case solver.RuleJob, solver.RulePkg, solver.RuleUpdate, solver.RuleFeature, solver.RuleChoice, solver.RuleBest, solver.RuleDup, solver.RuleInfarch:
		default:
			continue
		}
		for _, l := range r.Lits {
			if l < 0 {
				out = append(out, fmt.Sprintf("rule %s r%d -%s", cls, i, p.Peek(-l).NEVRA()))
			} else {
				out = append(out, fmt.Sprintf("rule %s r%d  %s", cls, i, p.Peek(l).NEVRA()))
			}
		}
	}
	sort.Strings(out)
	return out
}

// ParseJob parses the text after "job": a command, a selection and an
// optional "[flag,...]". skip is non-empty for jobs this runner does not
// support (prefixed with '!' when that is a failure, not a permitted skip).
func ParseJob(p *solver.Pool, repos map[string]*solver.Repo, text string) (j solver.Job, skip string, err error) {
	j.Text = text
	if i := strings.LastIndexByte(text, '['); i > 0 && strings.HasSuffix(text, "]") {
		for _, fl := range strings.Split(text[i+1:len(text)-1], ",") {
			switch fl {
			case "weak":
				j.Flags |= solver.JobWeak
			case "cleandeps":
				j.Flags |= solver.JobCleanDeps
			case "forcebest":
				j.Flags |= solver.JobForceBest
			case "targeted":
				j.Flags |= solver.JobTargeted
			case "setevr":
				j.Flags |= solver.JobSetEVR
			case "setarch":
				j.Flags |= solver.JobSetArch
			case "notbyuser":
				j.Flags |= solver.JobNotByUser
			case "setev":
				j.Flags |= solver.JobSetEV
			case "setvendor":
				j.Flags |= solver.JobSetVendor
			case "setrepo":
				j.Flags |= solver.JobSetRepo
			case "noautoset":
				j.Flags |= solver.JobNoAutoSet
			case "orupdate", "essential", "favor", "disfavor":
			default:
				return j, "", fmt.Errorf("job %q: unknown flag %q", text, fl)
			}
		}
		text = strings.TrimSpace(text[:i])
	}
	cmd, rest, _ := strings.Cut(text, " ")
	kinds := map[string]solver.JobKind{"noop": solver.JobNoop, "install": solver.JobInstall, "erase": solver.JobErase,
		"update": solver.JobUpdate, "distupgrade": solver.JobDistUpgrade, "verify": solver.JobVerify, "lock": solver.JobLock,
		"multiversion": solver.JobMultiversion, "favor": solver.JobFavor, "disfavor": solver.JobDisfavor,
		"excludefromweak": solver.JobExcludeFromWeak, "allowuninstall": solver.JobAllowUninstall, "userinstalled": solver.JobUserInstalled}
	switch cmd {
	case "blacklist":
		return j, "blacklist jobs (SUSE PTF and retracted-patch blacklists) are SUSE-specific", nil
	case "droporphaned", "weakenrequires", "allowuninstalldeps", "lockstep":
		return j, "!job " + cmd + " is not implemented", nil
	}
	k, ok := kinds[cmd]
	if !ok {
		return j, "", fmt.Errorf("job %q: unknown command %q", text, cmd)
	}
	j.Kind = k
	sel, arg, _ := strings.Cut(strings.TrimSpace(rest), " ")
	arg = strings.TrimSpace(arg)
	switch sel {
	case "name", "provides":
		arg, j.Arch = splitArchDep(arg)
		d, err := ParseDep(arg)
		if err != nil {
			return j, "", fmt.Errorf("job %q: %w", text, err)
		}
		if d.Rich != nil {
			return j, "!rich dependencies in job selections are not implemented", nil
		}
		if strings.HasPrefix(d.Name, "namespace:") {
			return j, "namespace dependencies (SUSE locale/modalias provides) are not supported", nil
		}
		j.Dep, j.Sel = d, solver.SelProvides
		if sel == "name" {
			j.Sel = solver.SelName
		}
	case "pkg", "oneof":
		j.Sel = solver.SelOneOf
		if sel == "pkg" {
			j.Sel = solver.SelPkg
		}
		for _, n := range strings.Fields(arg) {
			id, err := p.ByNEVRA(n)
			if err != nil {
				return j, "", fmt.Errorf("job %q: %w", text, err)
			}
			j.Pkgs = append(j.Pkgs, id)
		}
	case "all":
		j.Sel = solver.SelAll
	case "repo":
		j.Sel = solver.SelRepo
		j.Repo = repos[arg]
		if j.Repo == nil {
			return j, "", fmt.Errorf("job %q: no repo %q", text, arg)
		}
	case "selection", "selection_matchdeps", "selection_matchdepid", "selection_matchsolvable":
		return j, "", fmt.Errorf("job %q: a selection makes several jobs: use SelectionJobs", text)
	default:
		return j, "", fmt.Errorf("job %q: unknown selection %q", text, sel)
	}
	return j, "", nil
}

// SelectionJobs interprets a selection job line, split in words after
// "job": CMD selection STRING... FLAGS [JOBFLAGS], or CMD
// selection_matchdeps|selection_matchdepid|selection_matchsolvable KEY
// STRING... FLAGS [JOBFLAGS]. It returns jobs with the new selection's
// elements appended; with the add, subtract and filter flags the jobs
// before it are the selection it works on, and are replaced.
func SelectionJobs(p *solver.Pool, jobs []solver.Job, w []string) ([]solver.Job, error) {
	text := strings.Join(w, " ")
	if len(w) < 3 {
		return nil, fmt.Errorf("job %q: selection without a string and flags", text)
	}
	probe, _, err := ParseJob(p, nil, w[0]+" all packages")
	if err != nil {
		return nil, fmt.Errorf("job %q: %w", text, err)
	}
	var jobFlags solver.JobFlags
	if last := w[len(w)-1]; len(w) > 3 && strings.HasPrefix(last, "[") && strings.HasSuffix(last, "]") {
		fj, _, err := ParseJob(p, nil, w[0]+" all packages "+last)
		if err != nil {
			return nil, fmt.Errorf("job %q: %w", text, err)
		}
		jobFlags = fj.Flags
		w = w[:len(w)-1]
	}
	kind, how := probe.Kind, w[1]
	var key solver.DepKey
	args := w[2:]
	if how != "selection" {
		if len(args) < 3 {
			return nil, fmt.Errorf("job %q: want %s KEY STRING FLAGS", text, how)
		}
		k, ok := solver.DepKeyNames.Get()[args[0]]
		if !ok {
			return nil, fmt.Errorf("job %q: unknown dependency key %q", text, args[0])
		}
		key, args = k, args[1:]
	}
	if len(args) < 2 {
		return nil, fmt.Errorf("job %q: no selection flags", text)
	}
	var flags solver.SelectFlags
	for _, n := range strings.Split(args[len(args)-1], ",") {
		fl, ok := solver.SelectFlagNames.Get()[n]
		if !ok {
			return nil, fmt.Errorf("job %q: unknown selection flag %q", text, n)
		}
		flags |= fl
	}
	str := strings.Join(args[:len(args)-1], " ")
	var prev []solver.Job
	if flags&(solver.SelectAdd|solver.SelectSubtract|solver.SelectFilter) != 0 {
		for _, j := range jobs {
			j.Kind, j.Text = 0, ""
			j.Flags &= solver.JobSetEV | solver.JobSetEVR | solver.JobSetArch | solver.JobSetVendor | solver.JobSetRepo | solver.JobNoAutoSet
			prev = append(prev, j)
		}
		jobs = nil
	}
	var sel []solver.Job
	switch how {
	case "selection":
		sel = p.Select(prev, str, flags)
	case "selection_matchdeps":
		sel = p.SelectMatchDeps(prev, str, flags, key)
	case "selection_matchdepid":
		d, err := ParseDep(str)
		if err != nil {
			return nil, fmt.Errorf("job %q: %w", text, err)
		}
		sel = p.SelectMatchDepID(prev, d, flags, key)
	case "selection_matchsolvable":
		id, err := p.ByNEVRA(str)
		if err != nil {
			return nil, fmt.Errorf("job %q: %w", text, err)
		}
		sel = p.SelectMatchSolvable(prev, id, flags, key)
	default:
		return nil, fmt.Errorf("job %q: unknown selection %q", text, how)
	}
	for _, e := range sel {
		e.Kind = kind
		e.Flags |= jobFlags
		e.Text = JobString(p, e)
		jobs = append(jobs, e)
	}
	return jobs, nil
}

// splitArchDep splits libsolv's architecture dependency off a job's
// dependency: "A . i686", "(A . i686) > 1" and "A > 1 . i686" (testsolv
// reads the last as REL_ARCH over "A > 1") give "A" or "A > 1" with the
// arch "i686".
func splitArchDep(s string) (dep, arch string) {
	if strings.HasPrefix(s, "(") {
		if i := strings.IndexByte(s, ')'); i > 0 {
			if n, a, ok := strings.Cut(s[1:i], " . "); ok && !strings.ContainsAny(n, " ()") {
				return n + s[i+1:], strings.TrimSpace(a)
			}
		}
		return s, ""
	}
	if n, a, ok := strings.Cut(s, " . "); ok && !strings.ContainsAny(n, " ()") && !strings.ContainsAny(a, " ()") {
		return n, a
	}
	if i := strings.LastIndex(s, " . "); i > 0 {
		n, a := s[:i], strings.TrimSpace(s[i+3:])
		if f := strings.Fields(n); len(f) == 3 && relOps.Get()[f[1]] && a != "" &&
			!strings.ContainsAny(n, "()") && !strings.ContainsAny(a, " ()") {
			return n, a
		}
	}
	return s, ""
}

// relOps are the version operators of a plain testcase dependency.
var relOps = lazy.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{"<": true, "<=": true, "=": true, ">=": true, ">": true, "<>": true}
}}
