package repomd

import (
	"strings"

	"github.com/nimbus-linux/nimbus/internal/dep"
)

// Package is one package as rpm-md describes it: primary.xml's fields, optionally merged
// with its full file list (filelists.xml) and changelog (other.xml).
type Package struct {
	PkgID        string // the package checksum (pkgid="YES"), hex
	ChecksumType string // "sha256", ...
	Name         string
	Arch         string
	Epoch        string // "0" when the package has none, as createrepo_c writes it
	Version      string
	Release      string
	Summary      string
	Description  string
	Packager     string
	URL          string
	TimeFile     int64 // mtime of the package file
	TimeBuild    int64
	SizePackage  int64 // size of the package file
	SizeInstall  int64 // installed size
	SizeArchive  int64 // uncompressed payload size
	Location     string
	LocationBase string // xml:base of <location>, usually empty
	License      string
	Vendor       string
	Group        string
	BuildHost    string
	SourceRPM    string
	HeaderStart  int64 // the main header's byte range in the file
	HeaderEnd    int64

	// The eight dependency lists, indexed by dep.Kind (index 0 is unused).
	Deps [dep.Enhances + 1][]Dep

	// Files is primary.xml's short file list, or the full list once filelists.xml has
	// been merged in (FullFiles is then set).
	Files     []File
	FullFiles bool

	Changelogs []Changelog
}

// Dep is one dependency as rpm-md writes it: flags as a comparison name and the version
// split into epoch, version and release. Pre marks a Requires needed by scriptlets
// (createrepo_c sets it for Requires(pre), Requires(post) and legacy PreReq).
type Dep struct {
	Name    string
	Flags   string // "", "EQ", "LT", "GT", "LE", "GE"
	Epoch   string
	Version string
	Release string
	Pre     bool
}

// File is one path of a package's file list; Type is "", "dir" or "ghost".
type File struct {
	Path string
	Type string
}

// Changelog is one changelog entry of other.xml.
type Changelog struct {
	Author string
	Date   int64
	Text   string
}

// EVR returns [epoch:]version-release, leaving out a zero epoch as dnf prints it.
func (p *Package) EVR() string {
	s := p.Version + "-" + p.Release
	if p.Epoch != "" && p.Epoch != "0" {
		s = p.Epoch + ":" + s
	}
	return s
}

// NEVRA returns name-[epoch:]version-release.arch.
func (p *Package) NEVRA() string { return p.Name + "-" + p.EVR() + "." + p.Arch }

// Requires and friends return one dependency list.
func (p *Package) Requires() []Dep { return p.Deps[dep.Requires] }
func (p *Package) Provides() []Dep { return p.Deps[dep.Provides] }

// flagNames maps rpm's comparison bits to rpm-md's flag names.
var flagNames = [...]string{
	dep.Less:                "LT",
	dep.Greater:             "GT",
	dep.Equal:               "EQ",
	dep.Less | dep.Equal:    "LE",
	dep.Greater | dep.Equal: "GE",
}

// FlagName returns rpm-md's name of the comparison part of f ("" for none or an
// impossible combination, as createrepo_c does).
func FlagName(f dep.Flags) string {
	op := f & dep.SenseMask
	if int(op) < len(flagNames) {
		return flagNames[op]
	}
	return ""
}

// ParseFlags maps an rpm-md flag name back to comparison bits; unknown names give 0.
func ParseFlags(s string) dep.Flags {
	switch s {
	case "LT":
		return dep.Less
	case "GT":
		return dep.Greater
	case "EQ":
		return dep.Equal
	case "LE":
		return dep.Less | dep.Equal
	case "GE":
		return dep.Greater | dep.Equal
	}
	return 0
}

// EVR returns the dependency's version as rpm stores it: [epoch:]version[-release]. An
// epoch of "0" is kept when the metadata has one, because rpm compares "0:1" and "1"
// equally and keeping it preserves what was written.
func (d Dep) EVR() string {
	if d.Version == "" && d.Epoch == "" && d.Release == "" {
		return ""
	}
	s := d.Version
	if d.Epoch != "" {
		s = d.Epoch + ":" + s
	}
	if d.Release != "" {
		s += "-" + d.Release
	}
	return s
}

// Dep converts d to the header form: comparison flags (plus ScriptPre when Pre is set)
// and the version string.
func (d Dep) Dep() dep.Dep {
	f := ParseFlags(d.Flags)
	if d.Pre {
		f |= dep.ScriptPre
	}
	return dep.Dep{Name: d.Name, Flags: f, Version: d.EVR()}
}

// FromDep converts a header dependency to the rpm-md form the way createrepo_c does (see
// SplitEVR).
func FromDep(d dep.Dep, pre bool) Dep {
	out := Dep{Name: d.Name, Flags: FlagName(d.Flags), Pre: pre}
	if d.Version == "" {
		return out
	}
	out.Epoch, out.Version, out.Release = SplitEVR(d.Version)
	return out
}

// SplitEVR splits [epoch:]version[-release] exactly as createrepo_c's cr_str_to_evr: the
// epoch is "0" when there is no ':'; a non-numeric epoch is dropped (epoch ""); the
// release starts after the first '-' following the epoch.
func SplitEVR(s string) (epoch, version, release string) {
	epoch = "0"
	if i := strings.IndexByte(s, ':'); i >= 0 {
		e := s[:i]
		digits := true
		for k := 0; k < len(e); k++ {
			if e[k] < '0' || e[k] > '9' {
				digits = false
			}
		}
		switch {
		case !digits:
			epoch = ""
		case e != "":
			epoch = e
		}
		s = s[i+1:]
	}
	if i := strings.IndexByte(s, '-'); i >= 0 {
		return epoch, s[:i], s[i+1:]
	}
	return epoch, s, ""
}
