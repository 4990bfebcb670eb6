package testcase

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync/atomic"
)

// MemoryLimit sets a soft memory limit for the Go heap (unless
// GOMEMLIMIT is set) sized to the testcases' input: 40 MiB plus the bytes
// of testtags text they read, plus twice the bytes of binary indexes beyond
// the first 16 MiB of them. That stays above the live heap of their pools:
// the Debian universe as 15 MB of text, 35-40 MB live, limit 55 MiB; the
// AppStream testcase, 18 MB, 24 MB live; the Debian universe's 15.5 MB
// index, read in place, 24 MB live after the load and 28 MB after three
// installs, limit 40 MiB (it was 71: peak RSS 67 -> 56 MB for the same
// time; 2026-12-07). Half the text was tried: 5 MB less on the Debian text,
// but the real-world cases' solves hold 50-95 MB live, above such a limit,
// and their collector ran back to back (one loaded run measured them at
// 7.5x testsolv's time against 2.6x before).
// Without it the collector lets the heap grow to twice the live heap
// before collecting, which doubles the peak RSS of a large pool; near the
// limit it collects sooner instead (a limit below the live heap would
// make it collect all the time).
//
// Below the limit the collector's target is 25% over the live heap (GOGC=25,
// unless GOGC is set), as the package manager's (pm.HeapMetadata): a pool
// is live until the end, so the default 100% only lets garbage double the
// peak; the target follows the live heap, so a solve that holds more than
// the limit gets room too. Peak RSS, same run (2026-12-07, the compact pool):
// Debian index + 3 installs 54 -> 50 MB, Debian text 59 -> 52 MB,
// AppStream text 50 -> 44 MB, the same user time within the noise. It
// returns the function restoring the previous settings.
//
// It is not pm.TuneHeap on purpose: the package manager's heaps are sized by
// its repositories and TuneHeap's settings are fixed (HeapListing's 40 MiB
// limit), while a testcase run's live heap follows its input files, from
// kilobytes to the 50-95 MB above; a fixed 40 MiB limit sits below the large
// ones. Like TuneHeap it leaves GOGC and GOMEMLIMIT from the environment alone.
func MemoryLimit(files []string) func() {
	restore := func() {}
	if os.Getenv("GOGC") == "" {
		old := debug.SetGCPercent(25)
		tuned.Store(true)
		restore = func() { tuned.Store(false); debug.SetGCPercent(old) }
	}
	if os.Getenv("GOMEMLIMIT") != "" {
		return restore
	}
	var text, cache int64
	for _, f := range files {
		t, c := inputSize(f)
		text, cache = text+t, cache+c
	}
	old := debug.SetMemoryLimit(40<<20 + text + max(0, 2*cache-32<<20))
	return func() { debug.SetMemoryLimit(old); restore() }
}

// inputSize returns the bytes of text (the testcase file and the
// testtags files it names) and of pool caches (its "nimbus" repos) a
// testcase reads. Only a small file's repo lines are looked at (a large
// one holds its repositories inline); unreadable files count 0: the
// runner reports them.
func inputSize(name string) (text, cache int64) {
	fi, err := os.Stat(name)
	if err != nil || !fi.Mode().IsRegular() {
		return 0, 0
	}
	text = fi.Size()
	if text > 1<<20 {
		return text, 0
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return text, 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		// repo NAME PRIO TYPE FILE
		f := strings.Fields(l)
		if len(f) < 5 || f[0] != "repo" || f[4] == "<inline>" || f[4] == "empty" {
			continue
		}
		rfi, err := os.Stat(filepath.Join(filepath.Dir(name), f[4]))
		if err != nil || !rfi.Mode().IsRegular() {
			continue
		}
		switch ext := filepath.Ext(f[4]); {
		case f[3] == "nimbus":
			cache += rfi.Size()
		case ext == ".gz" || ext == ".xz" || ext == ".zst" || ext == ".bz2" || ext == ".lzma":
			// compressed testtags: many times larger once read
			// (AppStream's: 1.1 MB gzip'd, 16.8 MB of text)
			text += 12 * rfi.Size()
		default:
			text += rfi.Size()
		}
	}
	return text, cache
}

// tuned is set while MemoryLimit's settings hold (and GOGC is not the
// environment's): only then does a run settle the heap before a solve.
var tuned atomic.Bool

// settleMin is the heap below which settleHeap does nothing: a forced
// collection is cheap there, and so is what it would give back.
const settleMin = 16 << 20

// settleHeap runs before the first solve over a pool that has grown, when
// MemoryLimit tuned the collector. The load leaves free pages in the heap
// (the parse's garbage, arrays outgrown and copied: 4-6 MB on the Debian
// text) that the collector keeps resident up to 10% over its target; they
// are given back at once (debug.FreeOSMemory: a collection, then every free
// page returned). Then the solve collects at 10% over the live heap instead
// of 25%: the pool is live to the end and most of what a solve allocates
// stays live (rules, watches, the provides index), so the tighter target
// costs few collections. Debian text, solvetc, 5 alternated runs: peak RSS
// median 35.8 -> 33.4 MB, user time 0.28 -> 0.32 s (docs/solver.md).
func settleHeap() {
	if !tuned.Load() {
		return
	}
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 || s[0].Value.Uint64() < settleMin {
		return
	}
	debug.FreeOSMemory()
	debug.SetGCPercent(10)
}
