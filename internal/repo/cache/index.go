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
	"encoding/binary"

	"github.com/nimbus-linux/nimbus/internal/dep"
)

// StrID addresses a string in an Index's pool.
type StrID uint32

// numKinds is the number of dependency kinds (dep.Requires .. dep.Enhances).
const numKinds = int(dep.Enhances)

// pkgRec is one package as the Builder collects it: string ids, sizes and the ends of its
// dependency runs (one per kind, cumulative over the whole deps array) and of its file run.
// An Index holds the same fields encoded (pkgRecSize bytes each, the file's layout) and reads
// them in place.
type pkgRec struct {
	name, epoch, version, release, arch StrID
	location, checksum, checksumType    StrID
	summary, sourceRPM, vendor          StrID
	size, installed, buildTime          int64
	depEnd                              [numKinds]uint32
	fileEnd                             uint32
}

// Field offsets in an encoded package record: 11 string ids, 3 int64s, the dependency run
// ends, the file run end.
const (
	fName = 4 * iota
	fEpoch
	fVersion
	fRelease
	fArch
	fLocation
	fChecksum
	fChecksumType
	fSummary
	fSourceRPM
	fVendor
	fSize
	fInstalled = fSize + 8
	fBuildTime = fSize + 16
	fDepEnd    = fSize + 24
	fFileEnd   = fDepEnd + 4*numKinds
)

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

// Index is the compact in-memory form of a repository's packages: the sections of the
// file form, read in place (Decode aliases the file's bytes, a mapping when the caller
// mapped it), so loading a cache allocates nothing per package, dependency or string.
type Index struct {
	key      string
	pool     string       // the pool, or only its hot strings when cold or coldPool holds the rest
	coldPool string       // the cold strings, read (Load, or all at once by coldSource)
	cold     *coldSource  // where the cold strings are on disk while coldPool is empty
	hot      int          // strings 0..hot-1 are the hot ones (Builder)
	offs     []byte       // (strings+1) × u32: string i is the pool's bytes off(i):off(i+1); only the hot strings' (hot+1) while cold holds the rest on disk
	nstr     int          // strings
	ndep     int          // dependency records
	depSrc   *recSource   // where they are on disk when deps does not hold them (Load)
	npkg     int          // packages
	pkgSrc   *recSource   // where they are on disk when pkgs does not hold them (Load)
	pkgs     []byte       // packages × pkgRecSize
	deps     []byte       // dependencies × depRecSize
	files    []byte       // files × fileRecSize
	drop     func([]byte) // gives back pages of a mapping read through (DecodeMapped), or nil
}

// pf returns field f (an f* offset) of package i.
func (x *Index) pf(i, f int) uint32 {
	if x.pkgSrc != nil {
		var r pkgRecord
		x.pkgSrc.read(i, r[:])
		return binary.LittleEndian.Uint32(r[f:])
	}
	return binary.LittleEndian.Uint32(x.pkgs[i*pkgRecSize+f:])
}

func (x *Index) pf64(i, f int) int64 {
	if x.pkgSrc != nil {
		var r pkgRecord
		x.pkgSrc.read(i, r[:])
		return int64(binary.LittleEndian.Uint64(r[f:]))
	}
	return int64(binary.LittleEndian.Uint64(x.pkgs[i*pkgRecSize+f:]))
}

// pkgRecord is one encoded package record.
type pkgRecord [pkgRecSize]byte

// record copies package i's record into r.
func (x *Index) record(i int, r *pkgRecord) {
	if x.pkgSrc != nil {
		x.pkgSrc.read(i, r[:])
		return
	}
	copy(r[:], x.pkgs[i*pkgRecSize:])
}

func (r *pkgRecord) u32(f int) uint32 { return binary.LittleEndian.Uint32(r[f:]) }

// depRange is DepRange for the record of a package whose dependencies start at first.
func (r *pkgRecord) depRange(first uint32, k dep.Kind) (int, int) {
	start := first
	if k > dep.Requires {
		start = r.u32(fDepEnd + 4*int(k-2))
	}
	return int(start), int(r.u32(fDepEnd + 4*int(k-1)))
}

func (x *Index) str(i, f int) string { return x.Str(StrID(x.pf(i, f))) }

// Dep returns dependency j of the whole dependency array.
func (x *Index) dep(j int) DepRef {
	var q []byte
	if x.depSrc != nil {
		var r [depRecSize]byte
		x.depSrc.read(j, r[:])
		q = r[:]
	} else {
		q = x.deps[j*depRecSize:]
	}
	return DepRef{Name: StrID(binary.LittleEndian.Uint32(q)), EVR: StrID(binary.LittleEndian.Uint32(q[4:])), Flags: dep.Flags(binary.LittleEndian.Uint32(q[8:]))}
}

// depRun returns the encoded records of dependencies lo..hi-1 (depRecSize bytes each): the
// index's own bytes when it holds them, else read into buf (grown as needed).
func (x *Index) depRun(lo, hi int, buf *[]byte) []byte {
	if x.depSrc == nil {
		return x.deps[lo*depRecSize : hi*depRecSize]
	}
	n := (hi - lo) * depRecSize
	if cap(*buf) < n {
		*buf = make([]byte, n, max(n, 2*cap(*buf)))
	}
	b := (*buf)[:n]
	x.depSrc.readRun(lo, hi-lo, b)
	return b
}

// depAt decodes record k of a run of encoded dependency records (depRun).
func depAt(run []byte, k int) DepRef {
	q := run[k*depRecSize : (k+1)*depRecSize]
	return DepRef{Name: StrID(binary.LittleEndian.Uint32(q)), EVR: StrID(binary.LittleEndian.Uint32(q[4:])), Flags: dep.Flags(binary.LittleEndian.Uint32(q[8:]))}
}

func (x *Index) file(j int) FileRef {
	q := x.files[j*fileRecSize:]
	return FileRef{Path: StrID(binary.LittleEndian.Uint32(q)), Type: q[4]}
}

// Key returns what the index was built from (the repomd.xml checksum by convention).
func (x *Index) Key() string { return x.key }

// Len returns the number of packages.
func (x *Index) Len() int { return x.npkg }

// NumStrings returns the number of distinct strings in the pool.
func (x *Index) NumStrings() int { return x.nstr }

// NumDeps returns the number of dependency records (of all packages together).
func (x *Index) NumDeps() int { return x.ndep }

// Str returns a pool string. Out-of-range ids give "". A cold string of a loaded index
// is read from its file (coldSource); "" if that fails.
func (x *Index) Str(id StrID) string {
	if int(id) >= x.nstr {
		return ""
	}
	if 4*int(id)+8 > len(x.offs) { // a cold string, its offsets on disk too
		return x.cold.strID(x, id)
	}
	lo, hi := int(binary.LittleEndian.Uint32(x.offs[4*id:])), int(binary.LittleEndian.Uint32(x.offs[4*id+4:]))
	if hi <= len(x.pool) {
		return x.pool[lo:hi]
	}
	if lo == hi {
		return ""
	}
	if x.coldPool == "" && x.cold != nil {
		return x.cold.str(x, lo, hi)
	}
	lo, hi = lo-len(x.pool), hi-len(x.pool)
	if lo < 0 || hi > len(x.coldPool) {
		return ""
	}
	return x.coldPool[lo:hi]
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
	var cold [len(coldFields)]string
	if x.cold != nil && x.coldPool == "" {
		cold = x.cold.pkg(x, i) // one read of the file for the package's cold strings
	} else {
		for j, f := range coldFields {
			cold[j] = x.str(i, f)
		}
	}
	return Package{
		Name: x.str(i, fName), Epoch: x.str(i, fEpoch), Version: x.str(i, fVersion), Release: x.str(i, fRelease),
		Arch: x.str(i, fArch), Location: cold[0], Checksum: cold[1],
		ChecksumType: cold[2], Summary: cold[3], SourceRPM: cold[4],
		Vendor: x.str(i, fVendor), Size: x.pf64(i, fSize), InstalledSize: x.pf64(i, fInstalled), BuildTime: x.pf64(i, fBuildTime),
	}
}

// NameID and Name return package i's name.
func (x *Index) NameID(i int) StrID { return StrID(x.pf(i, fName)) }
func (x *Index) Name(i int) string  { return x.str(i, fName) }

// ArchID and VendorID return the string ids of package i's architecture and vendor.
func (x *Index) ArchID(i int) StrID   { return StrID(x.pf(i, fArch)) }
func (x *Index) VendorID(i int) StrID { return StrID(x.pf(i, fVendor)) }

// BuildTime returns package i's build time (seconds since the epoch, 0 if unknown).
func (x *Index) BuildTime(i int) int64 { return x.pf64(i, fBuildTime) }

// Arch returns package i's architecture.
func (x *Index) Arch(i int) string { return x.str(i, fArch) }

// EVR returns package i's [epoch:]version-release (zero epoch left out).
func (x *Index) EVR(i int) string {
	return joinEVR(x.str(i, fEpoch), x.str(i, fVersion), x.str(i, fRelease))
}

// EVRParts returns the string ids of package i's epoch, version and release.
func (x *Index) EVRParts(i int) (e, v, r StrID) {
	return StrID(x.pf(i, fEpoch)), StrID(x.pf(i, fVersion)), StrID(x.pf(i, fRelease))
}

// Vendor returns package i's vendor ("" when the index does not record it).
func (x *Index) Vendor(i int) string { return x.str(i, fVendor) }

// DepRange returns the bounds of package i's dependencies of kind k in the whole
// dependency array (read them with DepAt).
func (x *Index) DepRange(i int, k dep.Kind) (int, int) {
	if k < dep.Requires || k > dep.Enhances {
		return 0, 0
	}
	var start uint32
	if k > dep.Requires {
		start = x.pf(i, fDepEnd+4*int(k-2))
	} else if i > 0 {
		start = x.pf(i-1, fDepEnd+4*(numKinds-1))
	}
	return int(start), int(x.pf(i, fDepEnd+4*int(k-1)))
}

// DepAt returns dependency j of the whole dependency array (DepRange gives a package's).
func (x *Index) DepAt(j int) DepRef { return x.dep(j) }

// DepRefs returns package i's dependencies of kind k.
func (x *Index) DepRefs(i int, k dep.Kind) []DepRef {
	a, b := x.DepRange(i, k)
	if a == b {
		return nil
	}
	out := make([]DepRef, 0, b-a)
	for j := a; j < b; j++ {
		out = append(out, x.dep(j))
	}
	return out
}

// Deps returns package i's dependencies of kind k as dep.Dep values.
func (x *Index) Deps(i int, k dep.Kind) []dep.Dep {
	a, b := x.DepRange(i, k)
	if a == b {
		return nil
	}
	out := make([]dep.Dep, 0, b-a)
	for j := a; j < b; j++ {
		r := x.dep(j)
		out = append(out, dep.Dep{Name: x.Str(r.Name), Flags: r.Flags, Version: x.Str(r.EVR)})
	}
	return out
}

// fileRange returns the bounds of package i's files in the whole file array.
func (x *Index) fileRange(i int) (int, int) {
	var start uint32
	if i > 0 {
		start = x.pf(i-1, fFileEnd)
	}
	return int(start), int(x.pf(i, fFileEnd))
}

// FileRefs returns package i's files.
func (x *Index) FileRefs(i int) []FileRef {
	a, b := x.fileRange(i)
	if a == b {
		return nil
	}
	out := make([]FileRef, 0, b-a)
	for j := a; j < b; j++ {
		out = append(out, x.file(j))
	}
	return out
}

// FileIDs appends the string ids of package i's file paths to dst.
func (x *Index) FileIDs(dst []StrID, i int) []StrID {
	a, b := x.fileRange(i)
	for j := a; j < b; j++ {
		dst = append(dst, StrID(binary.LittleEndian.Uint32(x.files[j*fileRecSize:])))
	}
	return dst
}

// Files returns package i's file paths.
func (x *Index) Files(i int) []string {
	a, b := x.fileRange(i)
	out := make([]string, 0, b-a)
	for j := a; j < b; j++ {
		out = append(out, x.Str(x.file(j).Path))
	}
	return out
}

// Lookup returns the StrID of s, if s is in the pool. It is a linear scan; callers that
// look up many strings build their own map once.
func (x *Index) Lookup(s string) (StrID, bool) {
	for i := 0; i < x.NumStrings(); i++ {
		if x.Str(StrID(i)) == s {
			return StrID(i), true
		}
	}
	return 0, false
}
