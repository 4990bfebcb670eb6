package testcase

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/solver"
)

// Spec is everything a testcase file records about one solver run.
type Spec struct {
	Pool *solver.Pool
	// Arch is the machine architecture of the system line ("unset" for none).
	Arch  string
	Flags solver.Flags
	Jobs  []solver.Job
	// Result, when set, is written as the expected result section.
	Result *solver.Result
}

// Write writes spec as a libsolv testcase: every repo inline in testtags
// form, the system line, solver flags, jobs and (optionally) the result.
// testsolv reads what Write writes, which makes it a bug-report format.
func Write(w io.Writer, spec Spec) error {
	bw := bufio.NewWriter(w)
	p := spec.Pool
	for _, r := range p.Repos {
		prio := fmt.Sprint(r.Priority)
		if r.SubPriority != 0 {
			prio += fmt.Sprintf(".%d", r.SubPriority)
		}
		if len(r.Solvables) == 0 {
			fmt.Fprintf(bw, "repo %s %s empty\n", r.Name, prio)
			continue
		}
		fmt.Fprintf(bw, "repo %s %s testtags <inline>\n", r.Name, prio)
		for _, id := range r.Solvables {
			writeSolvable(bw, p.Peek(id))
		}
	}
	arch := spec.Arch
	if arch == "" {
		arch = "unset"
	}
	dist := "rpm"
	if p.Debian {
		dist = "deb"
	}
	inst := ""
	if p.Installed != nil {
		inst = " " + p.Installed.Name
	}
	fmt.Fprintf(bw, "system %s %s%s\n", arch, dist, inst)
	if pf := poolFlagWords(p); pf != "" {
		fmt.Fprintf(bw, "poolflags %s\n", pf)
	}
	if sf := solverFlagWords(spec.Flags); sf != "" {
		fmt.Fprintf(bw, "solverflags %s\n", sf)
	}
	for _, j := range spec.Jobs {
		fmt.Fprintf(bw, "job %s\n", JobString(p, j))
	}
	if spec.Result != nil {
		fmt.Fprintln(bw, "result transaction,problems <inline>")
		for _, l := range FormatResult(spec.Result, "transaction,problems") {
			fmt.Fprintf(bw, "#>%s\n", l)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing testcase: %w", err)
	}
	return nil
}

func writeSolvable(w *bufio.Writer, s *solver.Solvable) {
	v, rel, ok := strings.Cut(s.EVR, "-")
	if i := strings.LastIndexByte(s.EVR, '-'); i >= 0 {
		v, rel, ok = s.EVR[:i], s.EVR[i+1:], true
	}
	if !ok {
		rel = "-"
	}
	arch := s.Arch
	if arch == "" {
		arch = "noarch"
	}
	fmt.Fprintf(w, "#>=Pkg: %s %s %s %s\n", s.Name, v, rel, arch)
	tags := []struct {
		tag  string
		deps []solver.Dep
	}{{"Req", s.Deps("Req")}, {"Prq", s.Deps("Prq")}, {"Prv", s.Deps("Prv")}, {"Con", s.Deps("Con")}, {"Obs", s.Deps("Obs")},
		{"Rec", s.Deps("Rec")}, {"Sug", s.Deps("Sug")}, {"Sup", s.Deps("Sup")}, {"Enh", s.Deps("Enh")}}
	for _, t := range tags {
		for _, d := range t.deps {
			if t.tag == "Prv" && d.Rich == nil && d.Name == s.Name && d.Op == solver.OpEqual && d.EVR == s.EVR {
				continue // the self-provide is implied
			}
			fmt.Fprintf(w, "#>=%s: %s\n", t.tag, d)
		}
	}
	if s.Vendor != "" {
		fmt.Fprintf(w, "#>=Vnd: %s\n", s.Vendor)
	}
	if s.BuildTime != 0 {
		fmt.Fprintf(w, "#>=Tim: %d\n", s.BuildTime)
	}
	for _, f := range s.FileList() {
		fmt.Fprintf(w, "#>=Fls: %s\n", f)
	}
}

func poolFlagWords(p *solver.Pool) string {
	var w []string
	if p.ImplicitObsoleteUsesColors {
		w = append(w, "implicitobsoleteusescolors")
	}
	if p.ObsoleteUsesProvides {
		w = append(w, "obsoleteusesprovides")
	}
	if p.WhatProvidesWithDisabled {
		w = append(w, "whatprovideswithdisabled")
	}
	return strings.Join(w, " ")
}

func solverFlagWords(f solver.Flags) string {
	d := solver.DefaultFlags()
	var w []string
	add := func(name string, v, def bool) {
		if v != def {
			if v {
				w = append(w, name)
			} else {
				w = append(w, "!"+name)
			}
		}
	}
	add("allowuninstall", f.AllowUninstall, d.AllowUninstall)
	add("allowdowngrade", f.AllowDowngrade, d.AllowDowngrade)
	add("allowarchchange", f.AllowArchChange, d.AllowArchChange)
	add("allowvendorchange", f.AllowVendorChange, d.AllowVendorChange)
	add("allownamechange", f.AllowNameChange, d.AllowNameChange)
	add("dupallowdowngrade", f.DupAllowDowngrade, d.DupAllowDowngrade)
	add("dupallowarchchange", f.DupAllowArchChange, d.DupAllowArchChange)
	add("dupallowvendorchange", f.DupAllowVendorChange, d.DupAllowVendorChange)
	add("keeporphans", f.KeepOrphans, d.KeepOrphans)
	add("ignorerecommended", f.IgnoreRecommended || !f.InstallWeakDeps, d.IgnoreRecommended)
	add("strongrecommends", f.StrongRecommends, d.StrongRecommends)
	add("focusinstalled", f.FocusInstalled, d.FocusInstalled)
	add("focusbest", f.FocusBest, d.FocusBest)
	add("strictrepopriority", f.StrictRepoPriority, d.StrictRepoPriority)
	add("yumobsoletes", f.YumObsoletes, d.YumObsoletes)
	add("bestobeypolicy", f.BestObeyPolicy, d.BestObeyPolicy)
	add("noautotarget", f.NoAutoTarget, d.NoAutoTarget)
	add("keepexplicitobsoletes", f.KeepExplicitObsoletes, d.KeepExplicitObsoletes)
	return strings.Join(w, " ")
}

// JobString writes a job in testcase syntax (libsolv's testcase_job2str).
func JobString(p *solver.Pool, j solver.Job) string {
	var b strings.Builder
	b.WriteString(j.Kind.String())
	switch j.Sel {
	case solver.SelName:
		b.WriteString(" name " + selDepString(j))
	case solver.SelProvides:
		b.WriteString(" provides " + selDepString(j))
	case solver.SelPkg, solver.SelOneOf:
		if j.Sel == solver.SelPkg {
			b.WriteString(" pkg")
		} else {
			b.WriteString(" oneof")
			if len(j.Pkgs) == 0 {
				b.WriteString(" nothing")
			}
		}
		for _, id := range j.Pkgs {
			b.WriteString(" " + p.Peek(id).NEVRA())
		}
	case solver.SelAll:
		b.WriteString(" all packages")
	case solver.SelRepo:
		b.WriteString(" repo " + j.Repo.Name)
	}
	var fl []string
	for _, f := range []struct {
		bit  solver.JobFlags
		name string
	}{{solver.JobWeak, "weak"}, {solver.JobCleanDeps, "cleandeps"}, {solver.JobForceBest, "forcebest"},
		{solver.JobTargeted, "targeted"}, {solver.JobNotByUser, "notbyuser"}, {solver.JobSetEV, "setev"},
		{solver.JobSetEVR, "setevr"}, {solver.JobSetArch, "setarch"}, {solver.JobSetVendor, "setvendor"},
		{solver.JobSetRepo, "setrepo"}, {solver.JobNoAutoSet, "noautoset"}} {
		if j.Flags&f.bit != 0 {
			fl = append(fl, f.name)
		}
	}
	if len(fl) > 0 {
		b.WriteString(" [" + strings.Join(fl, ",") + "]")
	}
	return b.String()
}

// selDepString writes a name or provides selection's dependency, with its
// architecture as libsolv's "name . arch" (inside a relation:
// "(name . arch) > 1").
func selDepString(j solver.Job) string {
	if j.Arch == "" {
		return j.Dep.String()
	}
	base := j.Dep.Name + " . " + j.Arch
	if j.Dep.Op == 0 {
		return base
	}
	d := j.Dep
	d.Name = "(" + base + ")"
	return d.String()
}
