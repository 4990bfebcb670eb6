package advisory

import (
	"path"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/repomd"
)

// Pkg is an installed or available package as applicability sees it.
type Pkg struct{ Name, Arch, EVR string }

// Filter selects advisories the way dnf's --security/--bugfix/--enhancement/--newpackage,
// --sec-severity, --cve, --bz, --advisory and updateinfo's positional SPECs do: an
// advisory matches when it matches any of the given criteria; an empty filter matches all.
type Filter struct {
	Types      []string // security, bugfix, enhancement, newpackage
	Severities []string // Critical, Important, Medium (or Moderate), Low
	CVEs       []string
	Bugs       []string
	Advisories []string // advisory id globs
	WithCVE    bool     // advisories with a CVE reference
	WithBug    bool     // advisories with a bugzilla reference
}

// Empty reports whether no criterion is set.
func (f *Filter) Empty() bool {
	return len(f.Types)+len(f.Severities)+len(f.CVEs)+len(f.Bugs)+len(f.Advisories) == 0 && !f.WithCVE && !f.WithBug
}

// Matches is dnf's advisory matcher.
func (f *Filter) Matches(u *repomd.Update) bool {
	if f.Empty() {
		return true
	}
	for _, t := range f.Types {
		if u.Type == t {
			return true
		}
	}
	for _, p := range f.Advisories {
		if ok, _ := path.Match(p, u.ID); ok || p == u.ID {
			return true
		}
	}
	for _, s := range f.Severities {
		if u.Severity != "" && (u.Severity == s || NormalizeSeverity(u.Severity) != "" && NormalizeSeverity(u.Severity) == NormalizeSeverity(s)) {
			return true
		}
	}
	for _, r := range u.References {
		switch strings.ToLower(r.Type) {
		case "cve":
			if f.WithCVE {
				return true
			}
			for _, c := range f.CVEs {
				if c == r.ID {
					return true
				}
			}
		case "bugzilla":
			if f.WithBug {
				return true
			}
			for _, b := range f.Bugs {
				if b == r.ID {
					return true
				}
			}
		}
	}
	return false
}

// Mode is updateinfo's availability: which installed packages advisories are compared with.
type Mode int

const (
	// ModeAvailable: advisories fixing newer versions of the newest installed packages (default).
	ModeAvailable Mode = iota
	// ModeInstalled: advisories about installed or older versions.
	ModeInstalled
	// ModeUpdates: like ModeAvailable, for installed packages that have an upgrade in the repositories.
	ModeUpdates
	// ModeAll: advisories about any version of installed packages.
	ModeAll
)

// Row is one advisory package compared with the system: dnf updateinfo's
// (advisory package, advisory, installed) triple.
type Row struct {
	Update *repomd.Update
	Pkg    *repomd.UpdatePackage
	// Installed: a package of the same name at this version or newer is installed.
	Installed bool
}

// NEVRA of the row's advisory package, as dnf prints it (epoch 0 left out).
func (r Row) NEVRA() string { return r.Pkg.Name + "-" + r.Pkg.EVR() + "." + r.Pkg.Arch }

// Applicable compares the advisories' packages with the installed packages as libdnf's
// Query.get_advisory_pkgs does: same name and arch; Available and Updates want the
// advisory's version newer than the (newest) installed one, InstalledMode equal or older,
// All any. upgradable (for Updates) says whether an installed name.arch has an upgrade.
// Rows come once per advisory package and advisory, in dnf's list order (by NEVRA).
func Applicable(updates []repomd.Update, installed []Pkg, mode Mode, upgradable func(name, arch string) bool, f Filter, specs []string) []Row {
	byNA := map[string][]Pkg{}
	byName := map[string][]Pkg{}
	for _, p := range installed {
		byNA[p.Name+"."+p.Arch] = append(byNA[p.Name+"."+p.Arch], p)
		byName[p.Name] = append(byName[p.Name], p)
	}
	if mode == ModeAvailable || mode == ModeUpdates {
		for k, ps := range byNA { // installed().latest(): the newest per name.arch
			sort.Slice(ps, func(i, j int) bool { return cmpEVR(ps[i].EVR, ps[j].EVR) > 0 })
			byNA[k] = ps[:1]
		}
	}
	var rows []Row
	seen := map[string]bool{}
	for ui := range updates {
		u := &updates[ui]
		// dnf: the advisory matches the filter (SPECs count as advisory id globs; no
		// filter and no SPEC match everything), or the package name matches a SPEC.
		advMatch := f.Matches(u) && (len(specs) == 0 || !f.Empty())
		if !advMatch && globAny(specs, u.ID) {
			advMatch = true
		}
		for ci := range u.Collections {
			for pi := range u.Collections[ci].Packages {
				ap := &u.Collections[ci].Packages[pi]
				if !advMatch && !globAny(specs, ap.Name) {
					continue
				}
				ok := false
				for _, ip := range byNA[ap.Name+"."+ap.Arch] {
					if mode == ModeUpdates && (upgradable == nil || !upgradable(ip.Name, ip.Arch)) {
						continue
					}
					c := cmpEVR(ap.EVR(), ip.EVR)
					switch mode {
					case ModeAvailable, ModeUpdates:
						ok = ok || c > 0
					case ModeInstalled:
						ok = ok || c <= 0
					case ModeAll:
						ok = true
					}
				}
				if !ok {
					continue
				}
				r := Row{Update: u, Pkg: ap}
				key := r.NEVRA() + "\x00" + u.ID
				if seen[key] {
					continue
				}
				seen[key] = true
				for _, ip := range byName[ap.Name] {
					if cmpEVR(ip.EVR, ap.EVR()) >= 0 {
						r.Installed = true
					}
				}
				rows = append(rows, r)
			}
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.NEVRA() != b.NEVRA() {
			return a.NEVRA() < b.NEVRA()
		}
		if a.Installed != b.Installed {
			return !a.Installed
		}
		return a.Update.Updated.Date < b.Update.Updated.Date
	})
	return rows
}

func globAny(pats []string, s string) bool {
	for _, p := range pats {
		if ok, _ := path.Match(p, s); ok {
			return true
		}
	}
	return false
}

func cmpEVR(a, b string) int { return evr.Compare(evr.ParseLax(a), evr.ParseLax(b)) }

// UpgradeTargets are the packages an advisory-filtered upgrade may move to, by dnf's
// "__upgrade" rule: advisory packages that match the filter and are newer than the
// installed package of the same name and arch. For each name.arch it returns the
// advisory versions (the caller picks: the newest available at or above them for
// `upgrade`, exactly one of them for `upgrade-minimal`).
func UpgradeTargets(updates []repomd.Update, installed []Pkg, f Filter) map[string][]string {
	out := map[string][]string{}
	for _, r := range Applicable(updates, installed, ModeAvailable, nil, f, nil) {
		if !f.Matches(r.Update) {
			continue
		}
		k := r.Pkg.Name + "." + r.Pkg.Arch
		out[k] = append(out[k], r.Pkg.EVR())
	}
	for k, v := range out {
		sort.Slice(v, func(i, j int) bool { return cmpEVR(v[i], v[j]) < 0 })
		out[k] = v
	}
	return out
}

// CompareEVR orders two [epoch:]version-release strings as rpm does.
func CompareEVR(a, b string) int { return cmpEVR(a, b) }
