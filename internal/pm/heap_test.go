package pm

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// gcPercent and memoryLimit read the runtime's settings without changing them.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func memoryLimit() int64 { return debug.SetMemoryLimit(-1) }

func TestTuneHeap(t *testing.T) {
	tests := []struct {
		name      string
		h         Heap
		gogc, gml string // environment
		wantGC    int    // during the command, before its first collection; 0: unchanged
		wantGC1   int    // during the command, after its first collection; 0: unchanged
		wantLimit int64  // during the command; 0: unchanged
	}{
		{"metadata", HeapMetadata, "", "", 200, 25, 0},
		{"listing", HeapListing, "", "", 0, 0, 40 << 20},
		{"both", HeapListing | HeapMetadata, "", "", 200, 25, 40 << 20},
		{"GOGC set by the user wins", HeapMetadata, "80", "", 0, 0, 0},
		{"GOMEMLIMIT set by the user wins", HeapListing | HeapMetadata, "", "1GiB", 200, 25, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GOGC", tc.gogc)
			t.Setenv("GOMEMLIMIT", tc.gml)
			debug.SetGCPercent(100)
			debug.SetMemoryLimit(math.MaxInt64)
			restore := TuneHeap(tc.h)
			wantGC, wantLimit := 100, int64(math.MaxInt64)
			if tc.wantGC != 0 {
				wantGC = tc.wantGC
			}
			if tc.wantLimit != 0 {
				wantLimit = tc.wantLimit
			}
			if g, l := gcPercent(), memoryLimit(); g != wantGC || l != wantLimit {
				t.Errorf("during: GOGC %d, limit %d; want %d, %d", g, l, wantGC, wantLimit)
			}
			wantGC1 := 100
			if tc.wantGC1 != 0 {
				wantGC1 = tc.wantGC1
			}
			if g := afterCollection(wantGC1); g != wantGC1 {
				t.Errorf("after a collection: GOGC %d; want %d", g, wantGC1)
			}
			// once the pool is built (Open), a metadata command's target is settledGCPercent
			heapSettled()
			if want := map[bool]int{true: settledGCPercent, false: wantGC1}[tc.wantGC1 == metadataGCPercent]; gcPercent() != want {
				t.Errorf("settled: GOGC %d; want %d", gcPercent(), want)
			}
			restore()
			if g, l := gcPercent(), memoryLimit(); g != 100 || l != math.MaxInt64 {
				t.Errorf("after: GOGC %d, limit %d; want the previous 100, %d", g, l, int64(math.MaxInt64))
			}
		})
	}
}

// afterCollection runs collections until the GOGC setting is want (the cleanup that
// changes it runs in its own goroutine after a collection) or 2 s have passed, and
// returns the setting.
func afterCollection(want int) int {
	deadline := time.Now().Add(2 * time.Second)
	for {
		runtime.GC()
		time.Sleep(time.Millisecond)
		if g := gcPercent(); g == want || time.Now().After(deadline) {
			return g
		}
	}
}

// A command that ends before its first collection leaves the previous setting: the
// cleanup that runs after it does not set GOGC=25.
func TestTuneHeapRestoredBeforeCollection(t *testing.T) {
	t.Setenv("GOGC", "")
	debug.SetGCPercent(100)
	restore := TuneHeap(HeapMetadata)
	if g := gcPercent(); g != floorGCPercent {
		t.Fatalf("during: GOGC %d; want %d", g, floorGCPercent)
	}
	restore()
	deadline := time.Now().Add(200 * time.Millisecond)
	for time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
		if g := gcPercent(); g != 100 {
			t.Fatalf("after restore and a collection: GOGC %d; want the previous 100", g)
		}
	}
}

// Settled before its first collection, a command keeps the floor (no collection while the
// heap is small), and the first collection's cleanup sets settledGCPercent, not GOGC=25;
// restore gives back the previous setting, and a later heapSettled (no command tuned)
// changes nothing.
func TestHeapSettledBeforeCollection(t *testing.T) {
	t.Setenv("GOGC", "")
	debug.SetGCPercent(100)
	restore := TuneHeap(HeapMetadata)
	heapSettled()
	if g := gcPercent(); g != floorGCPercent {
		t.Fatalf("settled before a collection: GOGC %d; want the floor's %d", g, floorGCPercent)
	}
	if g := afterCollection(settledGCPercent); g != settledGCPercent {
		t.Fatalf("settled, after a collection: GOGC %d; want %d", g, settledGCPercent)
	}
	deadline := time.Now().Add(200 * time.Millisecond)
	for time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
		if g := gcPercent(); g != settledGCPercent {
			t.Fatalf("settled, after more collections: GOGC %d; want %d", g, settledGCPercent)
		}
	}
	restore()
	heapSettled()
	if g := gcPercent(); g != 100 {
		t.Fatalf("after restore: GOGC %d; want the previous 100", g)
	}
}
