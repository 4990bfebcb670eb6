// Package cache is Nimbus's binary repository metadata cache, the counterpart of libsolv's
// .solv files: after primary.xml has been parsed once, later runs load a compact,
// versioned, checksummed file instead of reparsing XML.
//
// In memory an Index is a handful of flat arrays: one string pool (every distinct string
// once, addressed by StrID), fixed-size package records, dependency records and file
// records. The solver can use StrIDs as interned identities (two dependencies with the same
// name have the same StrID), so building a whatprovides table needs no string hashing.
//
// The file is the same arrays, little-endian, behind a header carrying a format version and
// the key it was built for (the checksum of the repomd.xml it came from) and followed by a
// CRC-32C of everything before it. Load verifies all of it and every index inside, so a
// corrupt or truncated file is an error (ErrCorrupt), never a panic or a wrong answer.
package cache

import (
	"github.com/nimbus-linux/nimbus/internal/dep"
)

// StrID addresses a string in an Index's pool.
type StrID uint32

// numKinds is the number of dependency kinds (dep.Requires .. dep.Enhances).
const numKinds = int(dep.Enhances)

// pkgRec is one package: string ids, sizes and the ends of its dependency runs (one per
// kind, cumulative over the whole deps array) and of its file run.
type pkgRec struct {
	name, epoch, version, release, arch StrID
	location, checksum, checksumType    StrID
	summary, sourceRPM, vendor          StrID
	size, installed, buildTime          int64
	depEnd                              [numKinds]uint32
	fileEnd                             uint32
}

const pkgRecSize = 11*4 + 3*8 + numKinds*4 + 4

// DepRef is a dependency of the index: name and version as pool strings, rpm flags.
type DepRef struct {
	Name  StrID
	EVR   StrID // [epoch:]version[-release], or the empty string
	Flags dep.Flags
}

const depRecSize = 12

// FileRef is one file of a package; Type is 0 (file), 1 (dir) or 2 (ghost).
type FileRef struct {
	Path StrID
	Type uint8
}

const fileRecSize = 5

// File types of FileRef.Type.
const (
	FileRegular = 0
	FileDir     = 1
	FileGhost   = 2
)

// Index is the compact in-memory form of a repository's packages.
type Index struct {
	key    string
	pool   string
	strOff []uint32 // string i is pool[strOff[i]:strOff[i+1]]
	pkgs   []pkgRec
	deps   []DepRef
	files  []FileRef
}

// Key returns what the index was built from (the repomd.xml checksum by convention).
func (x *Index) Key() string { return x.key }

// Len returns the number of packages.
func (x *Index) Len() int { return len(x.pkgs) }

// NumStrings returns the number of distinct strings in the pool.
func (x *Index) NumStrings() int { return len(x.strOff) - 1 }

// Str returns a pool string. Out-of-range ids give "".
func (x *Index) Str(id StrID) string {
	if int(id)+1 >= len(x.strOff) {
		return ""
	}
	return x.pool[x.strOff[id]:x.strOff[id+1]]
}

// Package is a package's scalar fields, as strings.
type Package struct {
	Name, Epoch, Version, Release, Arch string
	Location, Checksum, ChecksumType    string
	Summary, SourceRPM, Vendor          string
	Size, InstalledSize, BuildTime      int64
}

// EVR returns [epoch:]version-release, leaving out a zero epoch (and the release when
// there is none: a Debian native version, a pool's whole EVR kept in Version).
func (p *Package) EVR() string { return joinEVR(p.Epoch, p.Version, p.Release) }

func joinEVR(e, v, r string) string {
	s := v
	if r != "" {
		s += "-" + r
	}
	if e != "" && e != "0" {
		s = e + ":" + s
	}
	return s
}

// NEVRA returns name-[epoch:]version-release.arch.
func (p *Package) NEVRA() string { return p.Name + "-" + p.EVR() + "." + p.Arch }

// Package returns package i (0 <= i < Len()).
func (x *Index) Package(i int) Package {
	r := &x.pkgs[i]
	return Package{
		Name: x.Str(r.name), Epoch: x.Str(r.epoch), Version: x.Str(r.version), Release: x.Str(r.release),
		Arch: x.Str(r.arch), Location: x.Str(r.location), Checksum: x.Str(r.checksum),
		ChecksumType: x.Str(r.checksumType), Summary: x.Str(r.summary), SourceRPM: x.Str(r.sourceRPM),
		Vendor: x.Str(r.vendor), Size: r.size, InstalledSize: r.installed, BuildTime: r.buildTime,
	}
}

// NameID and Name return package i's name.
func (x *Index) NameID(i int) StrID { return x.pkgs[i].name }
func (x *Index) Name(i int) string  { return x.Str(x.pkgs[i].name) }

// Arch returns package i's architecture.
func (x *Index) Arch(i int) string { return x.Str(x.pkgs[i].arch) }

// EVR returns package i's [epoch:]version-release (zero epoch left out).
func (x *Index) EVR(i int) string {
	r := &x.pkgs[i]
	return joinEVR(x.Str(r.epoch), x.Str(r.version), x.Str(r.release))
}

// Vendor returns package i's vendor ("" when the index does not record it).
func (x *Index) Vendor(i int) string { return x.Str(x.pkgs[i].vendor) }

// depRange returns the bounds of package i's dependencies of kind k.
func (x *Index) depRange(i int, k dep.Kind) (int, int) {
	if k < dep.Requires || k > dep.Enhances {
		return 0, 0
	}
	var start uint32
	if k > dep.Requires {
		start = x.pkgs[i].depEnd[k-2]
	} else if i > 0 {
		start = x.pkgs[i-1].depEnd[numKinds-1]
	}
	return int(start), int(x.pkgs[i].depEnd[k-1])
}

// DepRefs returns package i's dependencies of kind k without copying; do not modify.
func (x *Index) DepRefs(i int, k dep.Kind) []DepRef {
	a, b := x.depRange(i, k)
	return x.deps[a:b:b]
}

// Deps returns package i's dependencies of kind k as dep.Dep values.
func (x *Index) Deps(i int, k dep.Kind) []dep.Dep {
	refs := x.DepRefs(i, k)
	if len(refs) == 0 {
		return nil
	}
	out := make([]dep.Dep, len(refs))
	for j, r := range refs {
		out[j] = dep.Dep{Name: x.Str(r.Name), Flags: r.Flags, Version: x.Str(r.EVR)}
	}
	return out
}

// FileRefs returns package i's files without copying; do not modify.
func (x *Index) FileRefs(i int) []FileRef {
	var start uint32
	if i > 0 {
		start = x.pkgs[i-1].fileEnd
	}
	end := x.pkgs[i].fileEnd
	return x.files[start:end:end]
}

// Files returns package i's file paths.
func (x *Index) Files(i int) []string {
	refs := x.FileRefs(i)
	out := make([]string, len(refs))
	for j, r := range refs {
		out[j] = x.Str(r.Path)
	}
	return out
}

// Lookup returns the StrID of s, if s is in the pool. It is a linear scan; callers that
// look up many strings build their own map once.
func (x *Index) Lookup(s string) (StrID, bool) {
	for i := 0; i+1 < len(x.strOff); i++ {
		if x.pool[x.strOff[i]:x.strOff[i+1]] == s {
			return StrID(i), true
		}
	}
	return 0, false
}
