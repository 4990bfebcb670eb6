package pm

import (
	"strconv"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// JSONVersion is the version of the --json documents (docs/pm.md describes them); it changes
// only when a field changes meaning or goes away.
const JSONVersion = 1

// JSONPackage is a package in --json output.
type JSONPackage struct {
	Name    string `json:"name"`
	Epoch   int    `json:"epoch"`
	Version string `json:"version"`
	Release string `json:"release"`
	Arch    string `json:"arch"`
	NEVRA   string `json:"nevra"` // name-[epoch:]version-release.arch, epoch only when not 0
	Repo    string `json:"repo"`  // repository id, "@System" for installed packages
	// Details (info, repoquery).
	Summary     string   `json:"summary,omitempty"`
	License     string   `json:"license,omitempty"`
	URL         string   `json:"url,omitempty"`
	Description string   `json:"description,omitempty"`
	Size        *int64   `json:"size,omitempty"` // download size (available) or installed size
	Requires    []string `json:"requires,omitempty"`
	Provides    []string `json:"provides,omitempty"`
	Files       []string `json:"files,omitempty"`
}

// JSONPkg describes a pool package for --json output.
func (b *Base) JSONPkg(id solver.ID) JSONPackage {
	s := b.Pool.Solvable(id)
	v := evr.ParseLax(s.EVR)
	ep, _ := strconv.Atoi(v.Epoch)
	p := JSONPackage{Name: s.Name, Epoch: ep, Version: v.Version, Release: v.Release, Arch: s.Arch,
		NEVRA: s.Name + "-" + stripZeroEpoch(s.EVR) + "." + s.Arch, Repo: s.Repo.Name}
	if s.Repo == b.Pool.Installed {
		p.Repo = "@System"
	}
	return p
}

// JSONDetails is JSONPkg with summary, license, URL, description and size from d (its
// Details or InfoDetails).
func (b *Base) JSONDetails(id solver.ID, d Details) JSONPackage {
	p := b.JSONPkg(id)
	p.Summary, p.License, p.URL, p.Description = d.Summary, d.License, d.URL, d.Description
	size := d.Size
	p.Size = &size
	return p
}

// JSONAction is one action of a plan.
type JSONAction struct {
	Action     string       `json:"action"` // install, upgrade, downgrade, reinstall, remove, obsoleted
	Package    JSONPackage  `json:"package"`
	Replaces   *JSONPackage `json:"replaces,omitempty"` // the installed package an upgrade/downgrade/reinstall/obsoletes replaces
	Reason     string       `json:"reason,omitempty"`   // user, dependency, weak-dependency (packages coming in)
	Dependency bool         `json:"dependency"`         // not named by the request (a dependency, an unused dependency)
	Size       int64        `json:"size"`               // download size of a new package, installed size of a removed one
}

// JSONPlan is a resolved transaction as --json prints it.
type JSONPlan struct {
	Version  int          `json:"version"`
	Command  string       `json:"command"`
	Executed bool         `json:"executed"` // the transaction ran (-y) and succeeded
	Actions  []JSONAction `json:"actions"`
	Summary  JSONSummary  `json:"summary"`
	NoMatch  []string     `json:"no_match"`
}

// JSONSummary counts a plan's actions and sizes.
type JSONSummary struct {
	Install            int   `json:"install"`
	Upgrade            int   `json:"upgrade"`
	Downgrade          int   `json:"downgrade"`
	Reinstall          int   `json:"reinstall"`
	Remove             int   `json:"remove"` // removals, including obsoleted packages
	DownloadSize       int64 `json:"download_size"`
	InstalledSizeDelta int64 `json:"installed_size_change"`
}

// JSON describes the plan for --json output.
func (p *Plan) JSON(command string) JSONPlan {
	b := p.base
	out := JSONPlan{Version: JSONVersion, Command: command, Actions: []JSONAction{}, NoMatch: append([]string{}, p.NoMatch...)}
	for _, a := range p.Actions {
		ja := JSONAction{Action: a.Kind, Dependency: a.Dependency, Reason: string(a.Reason)}
		switch {
		case a.Kind == ActObsoleted || a.Kind == ActRemove:
			ja.Package = b.JSONPkg(a.Old)
			ja.Reason = ""
			if ip := b.Installed[a.Old]; ip != nil {
				ja.Size = ip.Info.Size
			}
			if a.Kind == ActObsoleted && a.New != 0 {
				// the obsoleting package comes in by its own action
				ja.Dependency = false
			}
		default:
			ja.Package = b.JSONPkg(a.New)
			if ap := b.Available.Get(a.New); ap != nil {
				ja.Size = ap.Repo.Index.Package(ap.I).Size
			}
			if a.Old != 0 {
				r := b.JSONPkg(a.Old)
				ja.Replaces = &r
			}
		}
		out.Actions = append(out.Actions, ja)
	}
	c := p.Counts()
	out.Summary = JSONSummary{Install: c[ActInstall], Upgrade: c[ActUpgrade], Downgrade: c[ActDowngrade], Reinstall: c[ActReinstall],
		Remove: c[ActRemove] + c[ActObsoleted]}
	out.Summary.DownloadSize, out.Summary.InstalledSizeDelta = p.Sizes()
	return out
}

// JSON describes a listing line for --json output.
func (l PkgLine) JSON() JSONPackage {
	v := evr.ParseLax(l.EVR)
	ep, _ := strconv.Atoi(v.Epoch)
	return JSONPackage{Name: l.Name, Epoch: ep, Version: v.Version, Release: v.Release, Arch: l.Arch,
		NEVRA: l.Name + "-" + stripZeroEpoch(l.EVR) + "." + l.Arch, Repo: jsonRepo(l.Repo)}
}

// jsonRepo is a listing's repository as the JSON documents name it: "@System" for every
// installed package (the listing's "@repo" is where dnf's history says it came from).
func jsonRepo(repo string) string {
	if strings.HasPrefix(repo, "@") {
		return "@System"
	}
	return repo
}
