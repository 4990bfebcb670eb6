package distbuild

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/distbuild/apt"
	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/recipe"
)

// ErrLockedGone is wrapped when a --locked build finds a locked version gone from the
// verified indexes (and not in the store).
var ErrLockedGone = errors.New("the locked version is gone from the verified indexes")

// ErrHoldGone is wrapped when a held version is not in the verified indexes.
var ErrHoldGone = errors.New("the held version is not in the verified indexes")

// Move is a lock entry that changed: From is "" for a package locked the first time.
type Move struct {
	Recipe, Package, Arch string
	From, To, Suite       string
	// Gone is true when the build moved because the locked version left the indexes
	// (not because dist update asked for the newest).
	Gone bool
}

// String is the one-line notice the build prints for a move.
func (m Move) String() string {
	from := m.From
	if from == "" {
		from = "(not locked)"
	}
	why := ""
	if m.Gone {
		why = ": the locked version is gone from the verified indexes"
	}
	return fmt.Sprintf("%s %s: %s → %s (%s)%s", m.Package, m.Arch, from, m.To, m.Suite, why)
}

// Resolution is how a Debian package's .deb is chosen.
type Resolution int

const (
	// ResolveFollow keeps the lock's version while the indexes have it and moves to the
	// newest of the tracked suites when it is gone (the default build).
	ResolveFollow Resolution = iota
	// ResolveLocked refuses anything but the lock's version (nimbus build --locked).
	ResolveLocked
	// ResolveNewest moves every package to the newest version of its tracked suites
	// (nimbus dist update).
	ResolveNewest
)

// LockCommand is the command that moves the lock, named in --locked refusals.
const LockCommand = "nimbus dist update (or nimbus build without --locked)"

// entryFromLock is the index-free view of a lock entry, for fetching from the store.
func entryFromLock(le LockEntry) *apt.Entry {
	ver := le.Version
	if _, v, ok := strings.Cut(ver, ":"); ok {
		ver = v
	}
	return &apt.Entry{Name: le.Package, Version: le.Version, Arch: le.Arch, SHA256: le.SHA256, Size: le.Size,
		Filename: "pool/" + le.Package + "_" + ver + "_" + le.Arch + ".deb", Origin: "dist/" + LockName, Suite: le.Suite}
}

func lockEntryOf(e *apt.Entry) LockEntry {
	return LockEntry{Package: e.Name, Arch: e.Arch, Version: e.Version, Suite: e.Suite, SHA256: e.SHA256, Size: e.Size}
}

// Newest returns the newest entry of a package for a Debian arch among the suites
// (an entry without a suite, from an index without a codename, is in every suite).
func Newest(idx *apt.Index, pkg, arch string, suites []string) *apt.Entry {
	var best *apt.Entry
	for _, e := range idx.Candidates(pkg, arch) {
		if e.Suite != "" && !hasString(suites, e.Suite) {
			continue
		}
		if best == nil || evr.CompareDebian(e.Version, best.Version) > 0 {
			best = e
		}
	}
	return best
}

func hasString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func versionsOf(idx *apt.Index, pkg, arch string) string {
	var vs []string
	cands := idx.Candidates(pkg, arch)
	sort.SliceStable(cands, func(i, j int) bool { return evr.CompareDebian(cands[i].Version, cands[j].Version) < 0 })
	seen := map[string]bool{}
	for _, e := range cands {
		s := e.Version
		if e.Suite != "" {
			s += " (" + e.Suite + ")"
		}
		if !seen[s] { // an "all" package is listed once per arch's list
			seen[s] = true
			vs = append(vs, s)
		}
	}
	if len(vs) == 0 {
		return "no version at all"
	}
	return strings.Join(vs, ", ")
}

// ResolveDeb chooses the .deb a Debian recipe's package is built from for a Debian arch
// (amd64 or arm64; an "all" package answers for both). inStore says whether the store
// keeps a blob, for --locked builds of versions the archive no longer serves. It
// returns the entry and, when the lock moves, the move.
func ResolveDeb(idx *apt.Index, lock *Lock, r *recipe.Recipe, pkg, arch string, mode Resolution, inStore func([32]byte) bool) (*apt.Entry, *Move, error) {
	d := r.Source.Debian
	suites := d.TrackedSuites()
	le, locked := lock.Get(pkg, arch)
	find := func(version string) *apt.Entry {
		for _, e := range idx.Candidates(pkg, arch) {
			if e.Version == version {
				return e
			}
		}
		return nil
	}
	move := func(e *apt.Entry, gone bool) (*apt.Entry, *Move, error) {
		if locked && le.Version == e.Version && le.SHA256 == e.SHA256 {
			return e, nil, nil
		}
		m := &Move{Recipe: r.Name, Package: pkg, Arch: e.Arch, To: e.Version, Suite: e.Suite, Gone: gone}
		if locked {
			m.From = le.Version
		}
		return e, m, nil
	}
	if h := d.Hold; h != nil {
		e := find(h.Version)
		if e == nil {
			return nil, nil, fmt.Errorf("debian package %s=%s (%s), held in recipe %s (%q): %w (they have %s): move the hold to one of those versions, or remove it to follow %s",
				pkg, h.Version, arch, r.Name, h.Reason, ErrHoldGone, versionsOf(idx, pkg, arch), strings.Join(suites, ", "))
		}
		if mode == ResolveLocked && (!locked || le.Version != h.Version) {
			return nil, nil, fmt.Errorf("debian package %s (%s), held at %s in recipe %s: the lock has %q: run %s", pkg, arch, h.Version, r.Name, le.Version, LockCommand)
		}
		return move(e, false)
	}
	if locked {
		e := find(le.Version)
		if e != nil && (e.SHA256 != le.SHA256 || e.Size != le.Size) {
			return nil, nil, fmt.Errorf("debian package %s=%s (%s): %w: the signed index %s gives SHA-256 %x (%d bytes), the lock %x (%d bytes): the archive serves other bytes under the locked version; find out why before moving the lock (remove the line from dist/%s to accept the index's)",
				pkg, le.Version, arch, apt.ErrVerify, e.Origin, e.SHA256, e.Size, le.SHA256, le.Size, LockName)
		}
		switch {
		case mode == ResolveNewest:
			// dist update: below.
		case e != nil:
			return e, nil, nil
		case mode == ResolveLocked:
			if inStore != nil && inStore(le.SHA256) {
				return entryFromLock(le), nil, nil
			}
			return nil, nil, fmt.Errorf("debian package %s=%s (%s), locked for recipe %s: %w (they have %s) and the store does not keep its .deb: run %s to move the lock",
				pkg, le.Version, arch, r.Name, ErrLockedGone, versionsOf(idx, pkg, arch), LockCommand)
		}
		n := Newest(idx, pkg, arch, suites)
		if n == nil {
			if e != nil {
				return e, nil, nil
			}
			return nil, nil, fmt.Errorf("debian package %s (%s) of recipe %s: the locked version %s is gone and the tracked suites (%s) have none (the indexes have %s): name the right suites in the recipe",
				pkg, arch, r.Name, le.Version, strings.Join(suites, ", "), versionsOf(idx, pkg, arch))
		}
		if e != nil && evr.CompareDebian(n.Version, e.Version) <= 0 {
			return e, nil, nil // never move backwards
		}
		return move(n, e == nil)
	}
	if mode == ResolveLocked {
		return nil, nil, fmt.Errorf("debian package %s (%s) of recipe %s is not in dist/%s: run %s to lock it", pkg, arch, r.Name, LockName, LockCommand)
	}
	n := Newest(idx, pkg, arch, suites)
	if n == nil {
		return nil, nil, fmt.Errorf("debian package %s (%s) of recipe %s is not in the tracked suites %s of the verified indexes (they have %s)",
			pkg, arch, r.Name, strings.Join(suites, ", "), versionsOf(idx, pkg, arch))
	}
	return move(n, false)
}

// MoveNotices are the lines a build prints for the lock's moves: one per package
// (arches that moved the same way share the line). New entries, locked the first
// time, are counted on one line instead.
func MoveNotices(moves []Move) []string {
	type key struct{ pkg, from, to, suite string }
	var order []key
	arches := map[key][]string{}
	gone := map[key]bool{}
	fresh := 0
	for _, m := range moves {
		if m.From == "" {
			fresh++
			continue
		}
		k := key{m.Package, m.From, m.To, m.Suite}
		if _, ok := arches[k]; !ok {
			order = append(order, k)
		}
		arches[k] = append(arches[k], m.Arch)
		gone[k] = gone[k] || m.Gone
	}
	var out []string
	for _, k := range order {
		why := ""
		if gone[k] {
			why = " (the locked version is gone from the verified indexes)"
		}
		out = append(out, fmt.Sprintf("lock: %s %s → %s (%s) [%s]%s", k.pkg, k.from, k.to, k.suite, strings.Join(arches[k], " "), why))
	}
	if fresh > 0 {
		out = append(out, fmt.Sprintf("lock: %d Debian packages locked for the first time", fresh))
	}
	return out
}
