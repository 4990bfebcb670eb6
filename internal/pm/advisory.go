package pm

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/advisory"
	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
	"github.com/nimbus-linux/nimbus/internal/rpmdb"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// Advisories reads the updateinfo of every enabled repository, in configuration order.
// An advisory id seen in an earlier repository is not read again (dnf assumes ids are
// unique across repositories).
func (b *Base) Advisories() ([]repomd.Update, error) {
	var out []repomd.Update
	seen := map[string]bool{}
	for _, r := range b.Repos {
		if r.Meta == nil {
			continue
		}
		if err := r.Meta.ReadUpdateinfo(func(u *repomd.Update) error {
			if !seen[u.ID] {
				seen[u.ID] = true
				out = append(out, *u)
			}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// installedPkgs lists the installed packages for applicability.
func (b *Base) installedPkgs() []advisory.Pkg {
	out := make([]advisory.Pkg, 0, len(b.Installed))
	for id := range b.Installed {
		s := b.Pool.Solvable(id)
		out = append(out, advisory.Pkg{Name: s.Name, Arch: s.Arch, EVR: s.EVR})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name+"."+out[i].Arch < out[j].Name+"."+out[j].Arch })
	return out
}

// UpdateinfoRows are dnf updateinfo's (advisory package, advisory, installed) rows for
// the availability mode, the filter and the SPECs (advisory ids or package names, globs).
func (b *Base) UpdateinfoRows(mode advisory.Mode, f advisory.Filter, specs []string) ([]advisory.Row, error) {
	ups, err := b.Advisories()
	if err != nil {
		return nil, err
	}
	var upgradable func(name, arch string) bool
	if mode == advisory.ModeUpdates {
		have := map[string]bool{}
		for _, l := range b.Upgrades(nil) {
			have[l.Name+"."+l.Arch] = true
		}
		upgradable = func(name, arch string) bool { return have[name+"."+arch] }
	}
	return advisory.Applicable(ups, b.installedPkgs(), mode, upgradable, f, specs), nil
}

// AdvisoryFilter is the package filter of `upgrade --security` and friends (dnf's
// add_security_filters with "__upgrade"): an available package may be an upgrade
// candidate when an advisory matching f names a newer version of an installed package of
// its name and arch, and the candidate is that version or newer (gte, `upgrade`) or
// exactly that version (eq, `upgrade-minimal`). It returns nil when the filter is empty.
func (b *Base) AdvisoryFilter(f advisory.Filter, exact bool) (PkgFilter, error) {
	if f.Empty() {
		return nil, nil
	}
	ups, err := b.Advisories()
	if err != nil {
		return nil, err
	}
	targets := advisory.UpgradeTargets(ups, b.installedPkgs(), f)
	return func(b *Base, id solver.ID) bool {
		s := b.Pool.Solvable(id)
		evrs := targets[s.Name+"."+s.Arch]
		if len(evrs) == 0 {
			return false
		}
		if exact {
			for _, e := range evrs {
				if advisory.CompareEVR(s.EVR, e) == 0 {
					return true
				}
			}
			return false
		}
		return advisory.CompareEVR(s.EVR, evrs[0]) >= 0
	}, nil
}

// FilterUpgrades keeps the check-update lines an advisory filter allows (nil: all).
func (b *Base) FilterUpgrades(lines []PkgLine, f advisory.Filter) ([]PkgLine, error) {
	if f.Empty() {
		return lines, nil
	}
	ups, err := b.Advisories()
	if err != nil {
		return nil, err
	}
	targets := advisory.UpgradeTargets(ups, b.installedPkgs(), f)
	var out []PkgLine
	for _, l := range lines {
		if evrs := targets[l.Name+"."+l.Arch]; len(evrs) > 0 && advisory.CompareEVR(l.EVR, evrs[0]) >= 0 {
			out = append(out, l)
		}
	}
	return out, nil
}

// RebootPackages are the packages whose update needs a reboot: dnf needs-restarting's
// list (kernel, glibc, systemd, dbus, firmware, microcode), Nimbus's PID 1, and the
// Debian names Nimbus ships them under.
var RebootPackages = []string{
	"kernel", "kernel-rt", "kernel-core", "glibc", "linux-firmware", "systemd", "dbus", "dbus-broker",
	"dbus-daemon", "microcode_ctl", "nimbus-init", "libc6", "libc-bin", "libsystemd0", "firmware-linux",
	"intel-microcode", "amd64-microcode",
}

// CoreUpdatedSince lists the reboot packages (by name, or by what they provide) installed
// after boot, sorted: `needs-restarting -r`.
func (b *Base) CoreUpdatedSince(ctx context.Context, boot time.Time) ([]string, error) {
	db, err := rpmdb.Open(b.cfg.Root, "", rpmdb.Options{})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	all, err := db.All(ctx)
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, n := range RebootPackages {
		want[n] = true
	}
	seen := map[string]bool{}
	for _, p := range all {
		name := p.Header.String(tag.Name)
		hit := ""
		if want[name] {
			hit = name
		} else {
			for _, pr := range p.Header.Strings(tag.Providename) {
				if want[pr] {
					hit = pr
					break
				}
			}
		}
		if hit == "" {
			continue
		}
		t, ok := p.Header.Int(tag.Installtime)
		if !ok || time.Unix(t, 0).Before(boot) {
			continue
		}
		seen[name] = true
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out, nil
}

// IsSecurity reports whether an updateinfo type is security (for labels).
func IsSecurity(typ string) bool { return strings.EqualFold(typ, advisory.Security) }
