// Package elfdeps derives a file's automatic RPM dependencies from its ELF dynamic
// section and symbol version tables, in exactly the forms rpm's own generator
// (/usr/lib/rpm/elfdeps, run by rpmbuild) writes them: "libssl.so.3()(64bit)" for a
// soname, "libc.so.6(GLIBC_2.34)(64bit)" for a symbol version, "rtld(GNU_HASH)" for
// objects with only a GNU hash table. So packages Nimbus builds or imports resolve
// against packages built by rpmbuild for Fedora, RHEL or Amazon Linux, and the other
// way round. It is pure: it reads an io.ReaderAt.
//
// The rules, from rpm 4.18's tools/elfdeps.c:
//   - only ET_EXEC and ET_DYN objects are looked at;
//   - the marker is "(64bit)" for ELFCLASS64 (except Alpha) and nothing for 32-bit;
//     a dependency with neither version nor marker is the bare soname;
//   - sonames that do not look like libraries are filtered out (skipSoname): a soname
//     must contain ".so" and start with "lib", "ld." or "ld-";
//   - Provides: each non-base version definition as "soname(VERSION)marker", where
//     soname is the base definition's name; then, for a DSO without DT_DEBUG (that is,
//     not a PIE executable), DT_SONAME, or the file's base name when there is none,
//     as "soname()marker";
//   - Requires, unless the file has a program interpreter (PT_INTERP) but no execute
//     permission bit (genRequires): each version need "file(VERSION)marker" and
//     each DT_NEEDED "soname()marker", in section order, then "rtld(GNU_HASH)" when
//     DT_GNU_HASH is present without DT_HASH. The interpreter is not required (that is
//     elfdeps' --require-interp, which rpmbuild does not pass).
//
// Output keeps rpm's order with duplicates removed (rpmbuild removes them too).
package elfdeps

import (
	"bytes"
	"debug/elf"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Deps are the automatic dependencies of one file.
type Deps struct {
	Provides []string
	Requires []string
}

// ErrNotELF is returned for files that are not ELF objects.
var ErrNotELF = errors.New("not an ELF file")

// IsELF reports whether data starts with the ELF magic.
func IsELF(prefix []byte) bool { return bytes.HasPrefix(prefix, []byte(elf.ELFMAG)) }

// maxSection bounds the dynamic and version sections read, so a corrupt header cannot
// make us allocate gigabytes.
const maxSection = 64 << 20

// Analyze returns the dependencies of the ELF object r. name is the file's path (its
// base name is the provide of a DSO without DT_SONAME); exec says whether the file has
// exec says whether the file has an execute permission bit. Objects that are neither
// executables nor shared objects (relocatable .o, core files) give none.
func Analyze(r io.ReaderAt, name string, exec bool) (deps Deps, err error) {
	f, err := elf.NewFile(r)
	if err != nil {
		var fe *elf.FormatError
		if errors.As(err, &fe) {
			return Deps{}, fmt.Errorf("%s: %w: %w", name, ErrNotELF, err)
		}
		return Deps{}, fmt.Errorf("%s: %w", name, err)
	}
	// debug/elf can panic on some corrupt inputs in older releases; never let a file
	// from outside take the build down.
	defer func() {
		if p := recover(); p != nil {
			deps, err = Deps{}, fmt.Errorf("%s: corrupt ELF file: %v", name, p)
		}
	}()
	if f.Type != elf.ET_DYN && f.Type != elf.ET_EXEC {
		return Deps{}, nil
	}
	a := &analysis{f: f, genRequires: exec || !hasInterp(f), isDSO: f.Type == elf.ET_DYN, seenP: map[string]bool{}, seenR: map[string]bool{}}
	if f.Class == elf.ELFCLASS64 && f.Machine != elf.EM_ALPHA && f.Machine != 0x9026 {
		a.marker = "(64bit)"
	}
	for _, s := range f.Sections {
		var err error
		switch s.Type {
		case elf.SHT_GNU_VERDEF:
			err = a.verdef(s)
		case elf.SHT_GNU_VERNEED:
			err = a.verneed(s)
		case elf.SHT_DYNAMIC:
			err = a.dynamic(s)
		}
		if err != nil {
			return Deps{}, fmt.Errorf("%s: section %s: %w", name, s.Name, err)
		}
	}
	if a.gotGNUHash && !a.gotHash && a.genRequires {
		a.add(&a.deps.Requires, a.seenR, "rtld(GNU_HASH)")
	}
	if a.isDSO && !a.gotDebug {
		if a.soname == "" {
			a.soname = base(name)
		}
		if !skipSoname(a.soname) {
			a.addDep(&a.deps.Provides, a.seenP, a.soname, "")
		}
	}
	return a.deps, nil
}

// skipSoname is elfdeps' rough sanity filter: library sonames contain ".so" and start
// with "lib"; the dynamic linker ("ld.", "ld-") is the one exception allowed.
func skipSoname(s string) bool {
	if strings.TrimSpace(s) == "" || !strings.Contains(s, ".so") {
		return true
	}
	return !(strings.HasPrefix(s, "lib") || strings.HasPrefix(s, "ld.") || strings.HasPrefix(s, "ld-"))
}

func hasInterp(f *elf.File) bool {
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			return true
		}
	}
	return false
}

func base(name string) string {
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '/' {
			return name[i+1:]
		}
	}
	return name
}

type analysis struct {
	f                             *elf.File
	isDSO, genRequires            bool
	gotHash, gotGNUHash, gotDebug bool
	soname, marker                string
	deps                          Deps
	seenP, seenR                  map[string]bool
}

func (a *analysis) add(list *[]string, seen map[string]bool, s string) {
	if !seen[s] {
		seen[s] = true
		*list = append(*list, s)
	}
}

// addDep formats a dependency the way elfdeps' addDep does.
func (a *analysis) addDep(list *[]string, seen map[string]bool, soname, ver string) {
	s := soname
	if ver != "" || a.marker != "" {
		s = soname + "(" + ver + ")" + a.marker
	}
	a.add(list, seen, s)
}

func (a *analysis) data(s *elf.Section) ([]byte, error) {
	if s.Type == elf.SHT_NOBITS {
		return nil, nil
	}
	if s.Size > maxSection {
		return nil, fmt.Errorf("%d bytes is too large", s.Size)
	}
	return s.Data()
}

// strtab returns the string table a section links to.
func (a *analysis) strtab(s *elf.Section) ([]byte, error) {
	if int(s.Link) >= len(a.f.Sections) || s.Link == 0 {
		return nil, fmt.Errorf("link %d is not a section", s.Link)
	}
	return a.data(a.f.Sections[s.Link])
}

func cstring(tab []byte, off uint64) (string, bool) {
	if off >= uint64(len(tab)) {
		return "", false
	}
	end := bytes.IndexByte(tab[off:], 0)
	if end < 0 {
		return "", false
	}
	return string(tab[off : off+uint64(end)]), true
}

func (a *analysis) dynamic(s *elf.Section) error {
	d, err := a.data(s)
	if err != nil {
		return err
	}
	str, err := a.strtab(s)
	if err != nil {
		return err
	}
	bo := a.f.ByteOrder
	size := 16
	if a.f.Class == elf.ELFCLASS32 {
		size = 8
	}
	for i := 0; i+size <= len(d); i += size {
		var t, v uint64
		if size == 16 {
			t, v = bo.Uint64(d[i:]), bo.Uint64(d[i+8:])
		} else {
			t, v = uint64(bo.Uint32(d[i:])), uint64(bo.Uint32(d[i+4:]))
		}
		switch elf.DynTag(t) {
		case elf.DT_HASH:
			a.gotHash = true
		case elf.DT_GNU_HASH:
			a.gotGNUHash = true
		case elf.DT_DEBUG:
			a.gotDebug = true
		case elf.DT_SONAME:
			if n, ok := cstring(str, v); ok {
				a.soname = n
			}
		case elf.DT_NEEDED:
			if n, ok := cstring(str, v); ok && a.genRequires && !skipSoname(n) {
				a.addDep(&a.deps.Requires, a.seenR, n, "")
			}
		}
	}
	return nil
}

// verdef walks Elf_Verdef entries (vd_version u16, vd_flags u16, vd_ndx u16,
// vd_cnt u16, vd_hash u32, vd_aux u32, vd_next u32) and their Elf_Verdaux
// (vda_name u32, vda_next u32). As in elfdeps, the base definition names the
// soname and a non-base one provides its first name (elfdeps reads the first aux
// vd_cnt times; the repeats are duplicates).
func (a *analysis) verdef(s *elf.Section) error {
	d, err := a.data(s)
	if err != nil {
		return err
	}
	str, err := a.strtab(s)
	if err != nil {
		return err
	}
	bo := a.f.ByteOrder
	soname := ""
	off := uint64(0)
	for i := int(s.Info); i > 0; i-- {
		if off+20 > uint64(len(d)) {
			break
		}
		flags, cnt := bo.Uint16(d[off+2:]), bo.Uint16(d[off+6:])
		aux, next := off+uint64(bo.Uint32(d[off+12:])), uint64(bo.Uint32(d[off+16:]))
		for j := int(cnt); j > 0; j-- {
			if aux+8 > uint64(len(d)) {
				break
			}
			n, ok := cstring(str, uint64(bo.Uint32(d[aux:])))
			if !ok {
				break
			}
			if flags&1 != 0 { // VER_FLG_BASE
				soname = n
				aux += uint64(bo.Uint32(d[aux+4:]))
				continue
			}
			if soname != "" && !skipSoname(soname) {
				a.addDep(&a.deps.Provides, a.seenP, soname, n)
			}
		}
		if next == 0 {
			break
		}
		off += next
	}
	return nil
}

// verneed walks Elf_Verneed entries (vn_version u16, vn_cnt u16, vn_file u32,
// vn_aux u32, vn_next u32) and their Elf_Vernaux (vna_hash u32, vna_flags u16,
// vna_other u16, vna_name u32, vna_next u32).
func (a *analysis) verneed(s *elf.Section) error {
	d, err := a.data(s)
	if err != nil {
		return err
	}
	str, err := a.strtab(s)
	if err != nil {
		return err
	}
	bo := a.f.ByteOrder
	off := uint64(0)
	for i := int(s.Info); i > 0; i-- {
		if off+16 > uint64(len(d)) {
			break
		}
		cnt := bo.Uint16(d[off+2:])
		file, ok := cstring(str, uint64(bo.Uint32(d[off+4:])))
		if !ok {
			break
		}
		aux, next := off+uint64(bo.Uint32(d[off+8:])), uint64(bo.Uint32(d[off+12:]))
		for j := int(cnt); j > 0; j-- {
			if aux+16 > uint64(len(d)) {
				break
			}
			n, ok := cstring(str, uint64(bo.Uint32(d[aux+8:])))
			if !ok {
				break
			}
			if a.genRequires && !skipSoname(file) {
				a.addDep(&a.deps.Requires, a.seenR, file, n)
			}
			aux += uint64(bo.Uint32(d[aux+12:]))
		}
		if next == 0 {
			break
		}
		off += next
	}
	return nil
}
