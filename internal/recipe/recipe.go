// Package recipe is the distribution's package recipe: a YAML file in dist/recipes that
// says what one package (and its subpackages) is and where its content comes from —
// a Go main package of this repository, a pinned Debian binary package, or files in
// the recipe's folder — plus the overrides Nimbus applies on top (dependencies added,
// dropped or renamed, scriptlets, system users, config files, units enabled by
// default, files dropped). Parse reports every problem at once, each with its field
// path. The builders in internal/distbuild turn a recipe into pkgdesc.Package values.
// It is pure: it parses bytes and touches no files.
package recipe

import (
	"github.com/nimbus-linux/nimbus/internal/pkgdesc"
)

// Arches Nimbus builds for.
const (
	X86_64  = "x86_64"
	Aarch64 = "aarch64"
	Noarch  = "noarch"
)

// AllArches are the binary architectures of the distribution.
var AllArches = []string{X86_64, Aarch64}

// Recipe is one dist/recipes/NAME.yaml.
type Recipe struct {
	Name        string  `yaml:"name"`
	Epoch       *uint32 `yaml:"epoch,omitempty"`
	Version     string  `yaml:"version,omitempty"` // go and files recipes; debian ones take Debian's
	Release     string  `yaml:"release,omitempty"`
	Summary     string  `yaml:"summary,omitempty"` // debian recipes default to the control file's
	Description string  `yaml:"description,omitempty"`
	License     string  `yaml:"license,omitempty"` // debian recipes default to the copyright file's
	URL         string  `yaml:"url,omitempty"`
	// Arches the recipe builds for: x86_64 and aarch64 by default; [noarch] for
	// architecture-independent packages (debian "all" packages become noarch by themselves).
	Arches []string `yaml:"arches,omitempty"`

	Source      Source       `yaml:"source"`
	Overrides   Overrides    `yaml:"overrides,omitempty"`
	Subpackages []Subpackage `yaml:"subpackages,omitempty"`

	// Path is the recipe file (set by Load, not read from YAML).
	Path string `yaml:"-"`
}

// Source says where the content comes from; exactly one kind is set.
type Source struct {
	Go     *GoSource     `yaml:"go,omitempty"`
	Debian *DebianSource `yaml:"debian,omitempty"`
	Files  *FilesSource  `yaml:"files,omitempty"`
}

// Kind names the source kind that is set.
func (s Source) Kind() string {
	switch {
	case s.Go != nil:
		return "go"
	case s.Debian != nil:
		return "debian"
	case s.Files != nil:
		return "files"
	}
	return ""
}

// GoSource builds a main package of this repository with CGO_ENABLED=0 -trimpath.
type GoSource struct {
	Package string `yaml:"package"`          // "./cmd/nimbus"
	Binary  string `yaml:"binary,omitempty"` // installed path, default /usr/bin/<base of package>
	// Links are extra names for the binary (multi-call personalities): "/usr/bin/dnf".
	Links   []string `yaml:"links,omitempty"`
	Ldflags string   `yaml:"ldflags,omitempty"` // added after "-s -w -buildid=ID"
	Tags    []string `yaml:"tags,omitempty"`
}

// DebianSource imports a Debian 12 binary package by name. The exact version and the
// SHA-256 of its .deb live in the distribution's lock file (dist/debian.lock), which the
// build writes and follows as the tracked suites move; Hold keeps one version on purpose.
type DebianSource struct {
	Package string `yaml:"package"`
	// Version and Versions are the old exact pins: refused with a pointer to the lock
	// file and to Hold, so a recipe written before the lock existed fails clearly.
	Version  string            `yaml:"version,omitempty"`
	Versions map[string]string `yaml:"versions,omitempty"`
	// Packages overrides Package per Nimbus arch (the kernel's name carries its arch).
	Packages map[string]string `yaml:"packages,omitempty"`
	// Suites are the suites (Release codenames) the package follows; default
	// DefaultSuites. The newest version among them is what the lock moves to.
	Suites []string `yaml:"suites,omitempty"`
	// Hold keeps an exact version whatever the suites have.
	Hold *Hold `yaml:"hold,omitempty"`
	// Kernel turns on the kernel policy: installonly "kernel" package with generated
	// modules.dep, modules.alias, modules.symbols and the boot files under /lib/modules.
	Kernel bool `yaml:"kernel,omitempty"`
}

// Hold keeps a Debian package at one version on purpose, with the reason in review.
type Hold struct {
	Version string `yaml:"version"`
	Reason  string `yaml:"reason"`
}

// DefaultSuites are the suites a Debian recipe follows unless it names its own: the
// release, its stable updates and its security updates.
var DefaultSuites = []string{"bookworm", "bookworm-updates", "bookworm-security"}

// TrackedSuites are the suites the recipe follows.
func (d *DebianSource) TrackedSuites() []string {
	if len(d.Suites) > 0 {
		return d.Suites
	}
	return DefaultSuites
}

// PackageFor is the Debian package name for a Nimbus arch.
func (d *DebianSource) PackageFor(arch string) string {
	if p, ok := d.Packages[arch]; ok {
		return p
	}
	return d.Package
}

// FilesSource packages files from the recipe's folder (dist/recipes/NAME/).
type FilesSource struct {
	// Root is a directory in the recipe's folder whose files all become package files.
	Root  string         `yaml:"root,omitempty"`
	Files []pkgdesc.File `yaml:"files,omitempty"`
	// Owner and Group defaults for every file (root when empty).
	Owner string `yaml:"owner,omitempty"`
	Group string `yaml:"group,omitempty"`
}

// Overrides are Nimbus's changes on top of what the source gives.
type Overrides struct {
	Requires   DepEdit `yaml:"requires,omitempty"`
	Provides   DepEdit `yaml:"provides,omitempty"`
	Conflicts  DepEdit `yaml:"conflicts,omitempty"`
	Obsoletes  DepEdit `yaml:"obsoletes,omitempty"`
	Recommends DepEdit `yaml:"recommends,omitempty"`
	// Scripts are Nimbus scriptlets (pre, post, preun, postun, pretrans, posttrans).
	Scripts map[string]pkgdesc.Script `yaml:"scripts,omitempty"`
	Users   []User                    `yaml:"users,omitempty"`
	Groups  []Group                   `yaml:"groups,omitempty"`
	// Config marks files %config(noreplace).
	Config []string `yaml:"config,omitempty"`
	// Units are service units enabled by default (a systemd preset file is written).
	Units []string `yaml:"units,omitempty"`
	// Drop removes files: glob patterns where "**" matches any number of path parts.
	Drop []string `yaml:"drop,omitempty"`
	// Keep exempts files from Drop (and from the global documentation policy).
	Keep []string `yaml:"keep,omitempty"`
	// Files are added, or override attributes of files the source gave.
	Files []pkgdesc.File `yaml:"files,omitempty"`
	// NoAutoDeps turns off ELF dependency generation.
	NoAutoDeps bool `yaml:"no_auto_deps,omitempty"`
}

// DepEdit changes one dependency list.
type DepEdit struct {
	Add  []string `yaml:"add,omitempty"`
	Drop []string `yaml:"drop,omitempty"` // names; every relation on that name is dropped
	// Rename replaces a dependency name, keeping its version range.
	Rename map[string]string `yaml:"rename,omitempty"`
}

// User is a system user the package's %pre creates.
type User struct {
	Name   string `yaml:"name"`
	UID    *int   `yaml:"uid,omitempty"`
	Group  string `yaml:"group,omitempty"` // primary group, created if missing; default the user's name
	Home   string `yaml:"home,omitempty"`  // default /
	Shell  string `yaml:"shell,omitempty"` // default /usr/sbin/nologin
	Gecos  string `yaml:"gecos,omitempty"`
	System bool   `yaml:"system,omitempty"`
}

// Group is a system group the package's %pre creates.
type Group struct {
	Name string `yaml:"name"`
	GID  *int   `yaml:"gid,omitempty"`
}

// Subpackage splits files off the main package into another one.
type Subpackage struct {
	Name     string   `yaml:"name"`
	Summary  string   `yaml:"summary"`
	Paths    []string `yaml:"paths"` // glob patterns ("**" allowed) of files moved here
	Requires []string `yaml:"requires,omitempty"`
	Provides []string `yaml:"provides,omitempty"`
}

// Set is one dist/sets/NAME.yaml: a named group of packages, closed under dependencies.
type Set struct {
	Name    string `yaml:"name"`
	Summary string `yaml:"summary,omitempty"`
	// Includes are other sets this one contains.
	Includes []string `yaml:"includes,omitempty"`
	// Packages are what the set is for (what an image or user installs).
	Packages []string `yaml:"packages"`
	// Deps are the recipes that close Packages under dependencies, maintained by
	// `nimbus build --import-debian`; the closure check verifies them.
	Deps []string `yaml:"deps,omitempty"`
	// Arches the set is built for (default x86_64 and aarch64).
	Arches []string `yaml:"arches,omitempty"`

	Path string `yaml:"-"`
}
