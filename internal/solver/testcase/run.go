package testcase

import (
	"bufio"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"unsafe"

	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// Outcome is the verdict on a testcase section or file.
type Outcome uint8

// Outcomes.
const (
	Pass Outcome = iota
	Fail
	Skip
)

func (o Outcome) String() string { return [...]string{"PASS", "FAIL", "SKIP"}[o] }

// SectionResult is the verdict on one job section (sections are separated
// by "nextjob").
type SectionResult struct {
	Index   int
	Outcome Outcome
	Reason  string   // why it was skipped or failed
	Diff    []string // "-expected" and "+got" lines
	Got     []string // the result in testsolv's output form
	// Expected is false when the section has no result to compare with
	// (the file only asks for a result, as "testsolv -r" prints it).
	Expected bool
	// InfoExpected counts the expected problem descriptions ("problem ...
	// info ..."), InfoMatched those Nimbus words exactly like libsolv. The
	// wording is reported, not part of the verdict.
	InfoExpected, InfoMatched int
}

// FileResult collects the sections of one .t file.
type FileResult struct {
	Name     string
	Sections []SectionResult
}

// Outcome is Fail if any section failed, Skip if all were skipped.
func (f *FileResult) Outcome() Outcome {
	out := Skip
	for _, s := range f.Sections {
		if s.Outcome == Fail {
			return Fail
		}
		if s.Outcome == Pass {
			out = Pass
		}
	}
	return out
}

// Reason summarises why the file failed or was skipped.
func (f *FileResult) Reason() string {
	for _, s := range f.Sections {
		if s.Outcome == f.Outcome() && s.Reason != "" {
			return s.Reason
		}
	}
	return ""
}

// runner holds the state of one testcase file while it is interpreted.
type runner struct {
	fsys     fs.FS
	dir      string
	pool     *solver.Pool
	repos    map[string]*solver.Repo
	flags    solver.Flags
	jobs     []solver.Job
	skip     string
	fail     string
	autoinst []string // names from "autoinst name N" lines
	// fileSkip stops reading: the file needs a feature testsolv itself
	// lacks ("feature linked_packages"), so no section is run
	fileSkip string
	jobLines []string
	expWhat  string
	expected []string
	haveRes  bool
	last     *solver.Solver // the previous section's solver, for reusesolver
	reuse    bool
	jobsSeen []solver.Job // every job of the last section, kept for tests
	genid    bool         // the section only dumps dependency ids
	// dropInput gives back the resident pages of a mapped testcase
	// before a solve: the repositories have been read from it by then
	dropInput func()
	settled   int // the pool's size at the last settleHeap
	// drop gives back pages of the mapped testcase (nil when it was read into
	// memory): an inline repository's, a megabyte at a time, as it is read
	drop func([]byte)
	out  *FileResult
}

// RunFile interprets the testcase name (a path in fsys), solving every
// section and comparing with its expected result.
func RunFile(fsys fs.FS, name string) (*FileResult, error) {
	// a large testcase (a whole distribution inline) is mapped, not read
	data, drop, err := readMapped(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("reading testcase %s: %w", name, err)
	}
	r := &runner{fsys: fsys, dir: path.Dir(name), pool: solver.NewPool(), repos: map[string]*solver.Repo{},
		flags: solver.DefaultFlags(), out: &FileResult{Name: name}, drop: drop}
	if drop != nil {
		r.dropInput = func() { drop(data) }
		// the pool copies what it keeps, so the text's pages can go as it is read
		r.pool.OwnStrings = true
	}
	text := ""
	if len(data) > 0 {
		// data is not written again: let the pool's strings point into it
		text = unsafe.String(&data[0], len(data))
	}
	if err := r.run(text); err != nil {
		return nil, fmt.Errorf("testcase %s: %w", name, err)
	}
	if r.fileSkip != "" {
		r.out.Sections = []SectionResult{{Index: 1, Outcome: Skip, Reason: r.fileSkip, Expected: true}}
	}
	return r.out, nil
}

func (r *runner) run(text string) error {
	// walk the text line by line without splitting it: a big inline
	// repository is read straight from it
	pos := 0
	next := func() (string, bool) {
		if pos >= len(text) {
			return "", false
		}
		l := text[pos:]
		if i := strings.IndexByte(l, '\n'); i >= 0 {
			l = l[:i]
			pos += i + 1
		} else {
			pos = len(text)
		}
		return l, true
	}
	for r.fileSkip == "" {
		raw, ok := next()
		if !ok {
			break
		}
		line := strings.TrimSpace(raw)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		// the inline block that follows: lines starting with "#>"
		var inline *inlineBlock
		if strings.HasSuffix(line, "<inline>") {
			start, n := pos, 0
			var d pageDropper
			for pos < len(text) && strings.HasPrefix(text[pos:], "#>") {
				next()
				n++
				d.upTo(r.drop, text[start:pos])
			}
			d.upTo(r.drop, text[start:pos])
			inline = &inlineBlock{text: text[start:pos], n: n, drop: r.drop}
		}
		f := strings.Fields(line)
		var err error
		switch f[0] {
		case "repo":
			err = r.repo(f, inline)
		case "system":
			err = r.system(f)
		case "poolflags":
			r.poolFlags(f[1:])
		case "solverflags":
			err = r.solverFlags(f[1:])
		case "disable":
			r.disable(f)
		case "vendorclass":
			// vendor equivalence classes (SUSE's "suse*" = "opensuse*") are
			// SUSE-only policy: read, not applied (docs/solver.md)
		case "autoinst":
			// "autoinst name N": N was installed as a dependency; every
			// other installed package counts as userinstalled
			if len(f) > 2 && f[1] == "name" {
				r.autoinst = append(r.autoinst, f[2])
			}
		case "job":
			err = r.job(line)
		case "result":
			err = r.result(f, inline)
		case "nextjob":
			r.finish()
			r.reuse = len(f) > 1 && f[1] == "reusesolver"
			if !r.reuse {
				// only "nextjob reusesolver" reads the previous solver: let
				// its rules and decisions go before the next section solves
				r.last = nil
			}
		case "feature":
			for _, name := range f[1:] {
				if !knownFeature(name) {
					r.fileSkip = "testsolv lacks the feature " + name + " too"
				}
			}
		case "namespace":
			r.skip = "namespace dependencies (SUSE locale/modalias provides) are not supported"
		case "evrcmp":
			if len(f) == 3 {
				r.jobLines = append(r.jobLines, evrcmpLine(f[1], f[2]))
			}
		case "genid":
			if len(f) < 3 {
				r.fail = "genid needs dep or lit and a string"
				break
			}
			arg := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(line, "genid"), " "))
			arg = strings.TrimSpace(strings.TrimPrefix(arg, f[1]))
			out, e := genidLines(f[1], arg)
			if e != nil {
				r.fail = e.Error()
				break
			}
			r.jobLines = append(r.jobLines, out...)
			r.genid = true
		default:
			r.fail = "unknown testcase command " + f[0]
		}
		if err != nil {
			return err
		}
	}
	r.finish()
	return nil
}

func evrcmpLine(a, b string) string {
	c := evr.Vercmp(a, b)
	if strings.ContainsAny(a+b, ":-") {
		c = evr.Compare(evr.ParseLax(a), evr.ParseLax(b))
	}
	op := "="
	if c < 0 {
		op = "<"
	} else if c > 0 {
		op = ">"
	}
	return "job noop provides " + a + " " + op + " " + b
}

func (r *runner) repo(f []string, inline *inlineBlock) error {
	if len(f) == 4 && f[3] == "empty" {
		f = append(f[:3], "testtags", "empty")
	}
	if len(f) < 5 {
		return fmt.Errorf("repo line %q: want repo NAME PRIO TYPE DATA", strings.Join(f, " "))
	}
	prio, sub := 0, 0
	ps, ss, _ := strings.Cut(f[2], ".")
	prio, err := strconv.Atoi(ps)
	if err != nil {
		return fmt.Errorf("repo %s: priority %q: %w", f[1], f[2], err)
	}
	if ss != "" {
		if sub, err = strconv.Atoi(ss); err != nil {
			return fmt.Errorf("repo %s: sub-priority %q: %w", f[1], f[2], err)
		}
	}
	repo := r.pool.NewRepo(f[1], prio)
	repo.SubPriority = sub
	r.repos[f[1]] = repo
	switch {
	case f[4] == "empty":
		return nil
	case f[3] == "nimbus":
		return addIndex(r.fsys, path.Join(r.dir, f[4]), repo)
	case f[3] == "solv" || f[3] == "helix":
		// libsolv's own binary format and Ximian's helix XML: a
		// feature left out (exit 77), not a wrong answer
		r.skip = "repo type " + f[3] + " (libsolv's own repository formats) is not read"
		return nil
	case f[3] != "testtags" && f[3] != "susetags":
		return fmt.Errorf("repo %s: unknown repo type %q (want testtags, solv or nimbus)", f[1], f[3])
	case f[4] == "<inline>":
		return readTestTags(inline.each(), inline.count(), repo)
	}
	// a file beside the testcase, compressed or not (testsolv's
	// solv_xfopen: .gz, .xz, .lzma, .bz2, .zst by the name's suffix)
	fh, err := openRepoFile(r.fsys, path.Join(r.dir, f[4]))
	if err != nil {
		return fmt.Errorf("repo %s: %w", f[1], err)
	}
	defer fh.Close()
	if err := ReadTestTags(bufio.NewReaderSize(fh, 1<<16), repo); err != nil {
		return fmt.Errorf("repo %s from %s: %w", f[1], f[4], err)
	}
	return nil
}

// result reads a "result FLAGS <inline>" or "result FLAGS FILE" line: the
// expected result inline ("#>" lines) or in a file beside the testcase
// (plain lines, as testsolv writes "solver.result"). Without a third word
// testsolv only solves and prints, and so does the runner.
func (r *runner) result(f []string, inline *inlineBlock) error {
	if len(f) < 2 {
		return fmt.Errorf("result line without kind")
	}
	r.expWhat = f[1]
	switch {
	case len(f) < 3:
		return nil
	case f[2] == "<inline>":
		r.expected, r.haveRes = inline.lines(), true
		return nil
	}
	data, err := fs.ReadFile(r.fsys, path.Join(r.dir, f[2]))
	if err != nil {
		return fmt.Errorf("result file: %w", err)
	}
	for _, l := range strings.Split(string(data), "\n") {
		if l != "" {
			r.expected = append(r.expected, l)
		}
	}
	r.haveRes = true
	return nil
}

func (r *runner) system(f []string) error {
	if len(f) < 2 {
		return fmt.Errorf("system line without arch")
	}
	if err := r.pool.SetArch(f[1]); err != nil {
		return err
	}
	if len(f) > 2 && f[2] == "deb" {
		r.pool.Debian = true
	}
	if len(f) > 3 {
		repo := r.repos[f[3]]
		if repo == nil {
			repo = r.pool.NewRepo(f[3], 0)
			r.repos[f[3]] = repo
		}
		r.pool.Installed = repo
	}
	return nil
}

func (r *runner) poolFlags(names []string) {
	for _, n := range names {
		on := !strings.HasPrefix(n, "!")
		switch strings.TrimPrefix(n, "!") {
		case "implicitobsoleteusescolors":
			r.pool.ImplicitObsoleteUsesColors = on
		case "obsoleteusesprovides":
			r.pool.ObsoleteUsesProvides = on
		case "noobsoletesmultiversion":
			r.pool.NoObsoletesMultiversion = on
		case "whatprovideswithdisabled":
			r.pool.WhatProvidesWithDisabled = on
			r.pool.CreateWhatProvides()
		}
	}
}

func (r *runner) solverFlags(names []string) error {
	f := &r.flags
	for _, n := range names {
		on := !strings.HasPrefix(n, "!")
		var p *bool
		switch strings.TrimPrefix(n, "!") {
		case "allowuninstall":
			p = &f.AllowUninstall
		case "allowdowngrade":
			p = &f.AllowDowngrade
		case "allowarchchange":
			p = &f.AllowArchChange
		case "allowvendorchange":
			p = &f.AllowVendorChange
		case "allownamechange":
			p = &f.AllowNameChange
		case "dupallowdowngrade":
			p = &f.DupAllowDowngrade
		case "dupallowarchchange":
			p = &f.DupAllowArchChange
		case "dupallowvendorchange":
			p = &f.DupAllowVendorChange
		case "dupallownamechange":
			p = &f.DupAllowNameChange
		case "keeporphans":
			p = &f.KeepOrphans
		case "ignorerecommended":
			p = &f.IgnoreRecommended
		case "strongrecommends":
			p = &f.StrongRecommends
		case "focusinstalled":
			p = &f.FocusInstalled
		case "focusbest":
			p = &f.FocusBest
		case "strictrepopriority":
			p = &f.StrictRepoPriority
		case "yumobsoletes":
			p = &f.YumObsoletes
		case "bestobeypolicy":
			p = &f.BestObeyPolicy
		case "noautotarget":
			p = &f.NoAutoTarget
		case "keepexplicitobsoletes":
			p = &f.KeepExplicitObsoletes
		case "noupdateprovide":
			p = &f.NoUpdateProvide
		case "addalreadyrecommended":
			p = &f.AddAlreadyRecommended
		case "onlynamespacerecommended", "splitprovides", "noinfarchcheck", "installalsoupdates", "urpmreorder", "dupmapall",
			"breakorphans", "needupdateprovide":
			continue
		default:
			// testsolv reports an unknown flag and goes on; so does the runner
			continue
		}
		*p = on
	}
	return nil
}

// job parses a "job" line.
func (r *runner) job(line string) error {
	if f := strings.Fields(line); len(f) >= 3 && strings.HasPrefix(f[2], "selection") {
		jobs, err := SelectionJobs(r.pool, r.jobs, f[1:])
		if err != nil {
			return err
		}
		r.jobs = jobs
		return nil
	}
	j, skip, err := ParseJob(r.pool, r.repos, strings.TrimSpace(strings.TrimPrefix(line, "job")))
	if err != nil {
		return err
	}
	if skip != "" {
		if strings.HasPrefix(skip, "!") {
			r.fail = skip[1:]
		} else {
			r.skip = skip
		}
		return nil
	}
	r.jobs = append(r.jobs, j)
	return nil
}

// finish solves the current section, compares and resets for the next.
func (r *runner) finish() {
	r.jobsSeen = r.jobs
	defer func() {
		r.jobs, r.jobLines, r.haveRes, r.expected, r.expWhat = nil, nil, false, nil, ""
		r.flags = solver.DefaultFlags()
		r.skip, r.fail = "", ""
		r.genid = false
		r.autoinst = nil
	}()
	if !r.haveRes && len(r.jobs) == 0 {
		return
	}
	r.jobs = append(r.jobs, r.autoinstJobs()...)
	sec := SectionResult{Index: len(r.out.Sections) + 1, Expected: r.haveRes}
	defer func() { r.out.Sections = append(r.out.Sections, sec) }()
	if r.skip != "" {
		sec.Outcome, sec.Reason = Skip, r.skip
		return
	}
	if r.fail != "" {
		sec.Outcome, sec.Reason = Fail, r.fail
		return
	}
	if r.genid {
		sec.Got = r.jobLines
		sec.Outcome, sec.Diff = compare(r.expWhat, r.expected, r.jobLines)
		if sec.Outcome == Fail {
			sec.Reason = "result differs"
		}
		return
	}
	if r.dropInput != nil {
		r.dropInput()
	}
	if n := r.pool.Len(); n != r.settled {
		r.settled = n
		// the provides index first: building it drops the dependency table's
		// index and clips the arrays the load reserved, garbage the settle
		// then gives back with the load's (Debian index: 4 MB more of it)
		r.pool.CreateWhatProvides()
		settleHeap()
	}
	s := solver.New(r.pool)
	s.Flags = r.flags
	if r.reuse && r.last != nil {
		// "nextjob reusesolver": the rules of the previous solve stay
		for _, rl := range r.last.Rules() {
			for _, l := range rl.Lits {
				if l < 0 {
					l = -l
				}
				s.Consider = append(s.Consider, l)
			}
		}
	}
	res, err := s.Solve(r.jobs)
	if err != nil {
		sec.Outcome, sec.Reason = Fail, err.Error()
		return
	}
	r.last = s
	got := FormatResult(res, r.expWhat)
	if strings.Contains(r.expWhat, "rules") {
		got = append(got, FormatRules(r.pool, s.Rules())...)
	}
	if strings.Contains(r.expWhat, "jobs") {
		for _, j := range r.jobs {
			got = append(got, "job "+JobString(r.pool, j))
		}
	}
	got = append(got, r.jobLines...)
	sec.Got = got
	sec.Expected = r.haveRes
	if !r.haveRes {
		sec.Outcome, sec.Reason = Skip, "no expected result in the testcase"
		return
	}
	sec.Outcome, sec.Diff = compare(r.expWhat, r.expected, got)
	sec.InfoExpected, sec.InfoMatched = infoMatches(r.expected, got)
	if sec.Outcome == Fail {
		sec.Reason = "result differs"
	}
}

// inlineBlock is the text of an inline block, "#>" prefixes included; n is its number of
// lines, drop (when the text is a file mapping) gives back pages read through.
type inlineBlock struct {
	text string
	n    int
	drop func([]byte)
}

// each returns an iterator over the block's lines without their "#>".
func (b *inlineBlock) each() func() (string, bool) {
	rest, all := "", ""
	var drop func([]byte)
	if b != nil {
		rest, all, drop = b.text, b.text, b.drop
	}
	var d pageDropper
	return func() (string, bool) {
		if drop != nil {
			d.upTo(drop, all[:len(all)-len(rest)])
		}
		if rest == "" {
			return "", false
		}
		l := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			l, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		return strings.TrimPrefix(l, "#>"), true
	}
}

func (b *inlineBlock) count() int {
	if b == nil {
		return 0
	}
	if b.n > 0 {
		return b.n
	}
	return strings.Count(b.text, "\n") + 1
}

func (b *inlineBlock) lines() []string {
	var out []string
	for it := b.each(); ; {
		l, ok := it()
		if !ok {
			return out
		}
		out = append(out, l)
	}
}

// disable reads "disable SELECTION ARG" (pkg, name, provides, repo, all
// packages, oneof): the selected packages leave the pool for the rest of
// the file, as testsolv's pool->considered map. A selection that matches
// nothing, or a malformed line, is ignored, as testsolv does.
func (r *runner) disable(f []string) {
	if len(f) != 3 && !(len(f) > 3 && f[1] == "oneof") {
		return
	}
	if f[1] == "pkg" {
		if id, err := r.pool.ByNEVRA(f[2]); err == nil {
			r.pool.Disable(id)
		}
		return
	}
	j, skip, err := ParseJob(r.pool, r.repos, "noop "+strings.Join(f[1:], " "))
	if err != nil || skip != "" {
		return
	}
	r.pool.CreateWhatProvides()
	for _, id := range r.pool.JobPackages(&j) {
		r.pool.Disable(id)
	}
}

// autoinstJobs turns "autoinst name N" lines into userinstalled jobs for
// the installed packages whose names are not among them (libsolv's
// pool_add_userinstalled_jobs with GET_USERINSTALLED_INVERTED).
func (r *runner) autoinstJobs() []solver.Job {
	if len(r.autoinst) == 0 || r.pool.Installed == nil {
		return nil
	}
	auto := map[string]bool{}
	for _, n := range r.autoinst {
		auto[n] = true
	}
	var jobs []solver.Job
	seen := map[string]bool{}
	for _, id := range r.pool.Installed.Solvables {
		n := r.pool.Peek(id).Name
		if auto[n] || seen[n] {
			continue
		}
		seen[n] = true
		jobs = append(jobs, solver.Job{Kind: solver.JobUserInstalled, Sel: solver.SelName, Dep: solver.Dep{Name: n}, Text: "userinstalled name " + n})
	}
	return jobs
}
