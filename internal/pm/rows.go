package pm

import (
	"os"
	"slices"

	"github.com/nimbus-linux/nimbus/internal/history"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// Row is one line of the transaction table dnf prints before asking.
type Row struct {
	Section               string // "Installing", "Upgrading", "Installing dependencies", ...
	Name, Arch, EVR, Repo string
	Size                  int64 // download size (new packages) or installed size (removals)
	// Replacing are the packages the row's package obsoletes, as dnf shows them under it
	// ("name.arch evr", sorted); an upgrade's old version is not shown.
	Replacing []string
}

// Sections in the order dnf prints them.
var Sections = []string{
	"Installing", "Upgrading", "Reinstalling", "Installing group/module packages", "Downgrading", "Installing dependencies",
	"Installing weak dependencies", "Removing", "Removing dependent packages", "Removing unused dependencies",
}

// Rows explains the plan as dnf's table rows.
func (p *Plan) Rows() []Row {
	b := p.base
	// The packages each action's package obsoletes, found in one pass (not one per row).
	replacing := map[solver.ID][]string{}
	for _, o := range p.Actions {
		if o.Kind == ActObsoleted && o.New != 0 && o.Old != 0 {
			ob := b.Pool.Solvable(o.Old)
			replacing[o.New] = append(replacing[o.New], ob.Name+"."+ob.Arch+" "+ob.EVR)
		}
	}
	var rows []Row
	for _, a := range p.Actions {
		var r Row
		id := a.New
		switch a.Kind {
		case ActInstall:
			r.Section = "Installing"
			if a.Reason == history.Group {
				r.Section = "Installing group/module packages"
			} else if a.Dependency {
				r.Section = "Installing dependencies"
				if a.Reason == history.Weak {
					r.Section = "Installing weak dependencies"
				}
			}
		case ActUpgrade:
			r.Section = "Upgrading"
		case ActDowngrade:
			r.Section = "Downgrading"
		case ActReinstall:
			r.Section = "Reinstalling"
		case ActRemove:
			r.Section, id = "Removing", a.Old
			if a.Dependency {
				r.Section = "Removing unused dependencies"
			}
			if a.Dependent {
				r.Section = "Removing dependent packages"
			}
		case ActObsoleted:
			continue // shown as "replacing" under the obsoleting package by dnf; the summary counts it
		}
		s := b.Pool.Solvable(id)
		r.Name, r.Arch, r.EVR, r.Repo = s.Name, s.Arch, s.EVR, b.FromRepo(id)
		if ap := b.Available.Get(id); ap != nil {
			pk := ap.Repo.Index.Package(ap.I)
			r.Size = pk.Size
		} else if c := b.cmdline[id]; c != nil {
			r.Size = c.Size
		} else if ip := b.Installed[id]; ip != nil {
			r.Size = ip.Info.Size
		}
		if id != 0 {
			r.Replacing = slices.Clone(replacing[id])
			slices.Sort(r.Replacing)
		}
		rows = append(rows, r)
	}
	return rows
}

// Sizes returns the total download size and the change of installed size.
func (p *Plan) Sizes() (download, installed int64) {
	b := p.base
	for _, a := range p.Actions {
		if ap := b.Available.Get(a.New); a.New != 0 && ap != nil {
			pk := ap.Repo.Index.Package(ap.I)
			download += pk.Size
			installed += pk.InstalledSize
		} else if c := b.cmdline[a.New]; a.New != 0 && c != nil {
			installed += c.Info.Size
		}
		if ip := b.Installed[a.Old]; a.Old != 0 && ip != nil {
			installed -= ip.Info.Size
		}
	}
	return download, installed
}

// SizeReport is what dnf prints under the transaction summary (cli.py's do_transaction
// with output.py's reportDownloadSize and reportRemoveSize).
type SizeReport struct {
	// RemoveOnly: the plan installs nothing; dnf prints "Freed space: Freed" alone.
	RemoveOnly bool
	Freed      int64
	// Total and Local: the package files the plan installs and those already at hand
	// (used in place: a file:// repository, the command line; or downloaded already into
	// the cache or --destdir at the repository's size — dnf also checks the checksum
	// there, Download does before it uses one). "Total size" when Local > 0, "Total
	// download size: Total-Local" when they differ.
	Total, Local int64
	// InstallOnly: nothing is removed or replaced (no upgrade, downgrade, obsoletion; a
	// reinstall does not count: REINSTALLED is not among dnf 4.14's BACKWARD_ACTIONS); only
	// then dnf prints "Installed size: Installed".
	InstallOnly bool
	Installed   int64
}

// Report returns the plan's SizeReport.
func (p *Plan) Report() SizeReport {
	b := p.base
	r := SizeReport{RemoveOnly: true, InstallOnly: true}
	for _, a := range p.Actions {
		if a.Old != 0 {
			r.InstallOnly = r.InstallOnly && a.Kind == ActReinstall
			if ip := b.Installed[a.Old]; ip != nil {
				r.Freed += ip.Info.Size
			}
		}
		if a.New == 0 || a.Kind == ActObsoleted { // an obsoleted package's New is its obsoleter, counted by its own action
			continue
		}
		r.RemoveOnly = false
		if c := b.cmdline[a.New]; c != nil {
			r.Installed += c.Info.Size
			if fi, err := os.Stat(c.File); err == nil {
				r.Total += fi.Size()
				r.Local += fi.Size()
			}
			continue
		}
		ap := b.Available.Get(a.New)
		if ap == nil {
			continue
		}
		pk := ap.Repo.Index.Package(ap.I)
		r.Total += pk.Size
		r.Installed += pk.InstalledSize
		mirrors, loc, err := packageSource(ap.Repo, pk.Location)
		if err != nil {
			continue
		}
		if localPath(mirrors, loc) != "" {
			r.Local += pk.Size
			continue
		}
		if dest, err := b.downloadDest(ap.Repo, loc); err != nil {
			continue
		} else if fi, err := os.Stat(dest); err == nil && fi.Mode().IsRegular() && fi.Size() == pk.Size {
			r.Local += pk.Size
		}
	}
	return r
}

// Counts returns how many packages each summary line of dnf counts.
func (p *Plan) Counts() map[string]int {
	c := map[string]int{}
	for _, a := range p.Actions {
		c[a.Kind]++
	}
	return c
}

// SkippedRows are the rows of dnf's "Skipping packages with broken dependencies" section.
func (p *Plan) SkippedRows() []Row {
	var rows []Row
	for _, id := range p.Skipped {
		s := p.base.Pool.Solvable(id)
		r := Row{Section: "Skipping packages with broken dependencies", Name: s.Name, Arch: s.Arch, EVR: s.EVR, Repo: s.Repo.Name}
		if ap := p.base.Available.Get(id); ap != nil {
			r.Size = ap.Repo.Index.Package(ap.I).Size
		}
		rows = append(rows, r)
	}
	return rows
}
