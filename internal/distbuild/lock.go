package distbuild

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/recipe"
)

// LockName is the lock file's name in the distribution directory.
const LockName = "debian.lock"

// ErrLock is wrapped by every error about a lock file that does not parse.
var ErrLock = errors.New("bad lock file")

// lockHeader starts every lock file the build writes.
const lockHeader = `# Nimbus Debian lock: the exact version and .deb SHA-256 of every Debian package the
# recipes import, per Debian architecture. Written by ` + "`nimbus build`" + ` and ` + "`nimbus dist update`" + `;
# review its diff like go.sum. Fields: package arch version suite sha256 size.
`

// LockEntry is one line of the lock: the .deb a Debian package of one Debian
// architecture (amd64, arm64 or all) is built from.
type LockEntry struct {
	Package, Arch, Version, Suite string
	SHA256                        [32]byte
	Size                          int64
}

// String is the entry's line in the lock file.
func (e LockEntry) String() string {
	return fmt.Sprintf("%s %s %s %s %x %d", e.Package, e.Arch, e.Version, e.Suite, e.SHA256, e.Size)
}

type lockKey struct{ pkg, arch string }

// Lock is the parsed lock file. The zero value is not usable: see NewLock.
type Lock struct {
	entries map[lockKey]LockEntry
}

// NewLock returns an empty lock.
func NewLock() *Lock { return &Lock{entries: map[lockKey]LockEntry{}} }

// ReadLock reads a lock file; a missing file is an empty lock (the first build
// writes it).
func ReadLock(path string) (*Lock, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return NewLock(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("lock: %w", err)
	}
	return ParseLock(path, data)
}

// ParseLock parses lock file text. name is used in messages. Every problem names the
// line and says how to recover: the file is written by the build, so a hand edit gone
// wrong is undone with git (or by removing the line, which the next build relocks).
func ParseLock(name string, data []byte) (*Lock, error) {
	l := NewLock()
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	n := 0
	var problems []string
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		e, err := parseLockLine(line)
		if err != nil {
			problems = append(problems, fmt.Sprintf("line %d: %v", n, err))
			continue
		}
		k := lockKey{e.Package, e.Arch}
		if _, dup := l.entries[k]; dup {
			problems = append(problems, fmt.Sprintf("line %d: %s %s is locked twice", n, e.Package, e.Arch))
			continue
		}
		l.entries[k] = e
	}
	if err := sc.Err(); err != nil {
		problems = append(problems, err.Error())
	}
	if len(problems) > 0 {
		if len(problems) > 10 {
			problems = append(problems[:10], fmt.Sprintf("and %d more", len(problems)-10))
		}
		return nil, fmt.Errorf("%s: %w:\n  %s\n(the build writes this file: restore it with `git checkout -- %s`, or delete the bad lines and run `nimbus build` to lock those packages again)",
			name, ErrLock, strings.Join(problems, "\n  "), name)
	}
	return l, nil
}

func parseLockLine(line string) (LockEntry, error) {
	f := strings.Fields(line)
	if len(f) != 6 {
		return LockEntry{}, fmt.Errorf("%q: want 6 fields (package arch version suite sha256 size), have %d", line, len(f))
	}
	e := LockEntry{Package: f[0], Arch: f[1], Version: f[2], Suite: f[3]}
	if !validDebName(e.Package) {
		return e, fmt.Errorf("%q is not a Debian package name", e.Package)
	}
	switch e.Arch {
	case "amd64", "arm64", "all":
	default:
		return e, fmt.Errorf("%s: arch %q (want amd64, arm64 or all)", e.Package, e.Arch)
	}
	if _, err := recipe.MapDebianVersion(e.Version); err != nil {
		return e, fmt.Errorf("%s: %w", e.Package, err)
	}
	if !validDebName(e.Suite) {
		return e, fmt.Errorf("%s: suite %q is not a suite codename", e.Package, e.Suite)
	}
	b, err := hex.DecodeString(f[4])
	if err != nil || len(b) != 32 {
		return e, fmt.Errorf("%s: %q is not a SHA-256 (64 hex digits)", e.Package, f[4])
	}
	copy(e.SHA256[:], b)
	if e.Size, err = strconv.ParseInt(f[5], 10, 64); err != nil || e.Size <= 0 {
		return e, fmt.Errorf("%s: size %q is not a positive number", e.Package, f[5])
	}
	return e, nil
}

// validDebName accepts Debian package and suite names.
func validDebName(s string) bool {
	if s == "" || len(s) > 200 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.ContainsRune("+-.", c)) {
			return false
		}
	}
	return true
}

// Get returns the locked .deb of a Debian package for a Debian arch; a package of
// architecture "all" answers for every arch.
func (l *Lock) Get(pkg, arch string) (LockEntry, bool) {
	if e, ok := l.entries[lockKey{pkg, arch}]; ok {
		return e, true
	}
	e, ok := l.entries[lockKey{pkg, "all"}]
	return e, ok
}

// Set records an entry, replacing the one of the same package and arch (and, for an
// arch-specific entry, an "all" one of the package, or the other way round).
func (l *Lock) Set(e LockEntry) {
	if e.Arch == "all" {
		delete(l.entries, lockKey{e.Package, "amd64"})
		delete(l.entries, lockKey{e.Package, "arm64"})
	} else {
		delete(l.entries, lockKey{e.Package, "all"})
	}
	l.entries[lockKey{e.Package, e.Arch}] = e
}

// Entries returns every entry, sorted by package and arch.
func (l *Lock) Entries() []LockEntry {
	out := make([]LockEntry, 0, len(l.entries))
	for _, e := range l.entries {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Package != out[j].Package {
			return out[i].Package < out[j].Package
		}
		return out[i].Arch < out[j].Arch
	})
	return out
}

// Clone returns a copy that can be changed without changing l.
func (l *Lock) Clone() *Lock {
	c := NewLock()
	for k, e := range l.entries {
		c.entries[k] = e
	}
	return c
}

// Bytes is the lock file's text: the header, then one sorted line per entry.
func (l *Lock) Bytes() []byte {
	var b bytes.Buffer
	b.WriteString(lockHeader)
	for _, e := range l.Entries() {
		b.WriteString(e.String())
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// WriteLock writes the lock atomically when its text changed; it reports whether it
// wrote.
func WriteLock(path string, l *Lock) (bool, error) {
	data := l.Bytes()
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return false, nil
	}
	err := fsutil.WriteFileAtomic(path, 0o644, func(f *os.File) error { _, err := f.Write(data); return err })
	if err != nil {
		return false, fmt.Errorf("writing the lock: %w", err)
	}
	return true, nil
}
