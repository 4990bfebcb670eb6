package pm

import (
	"math"
	"runtime/debug"
	"testing"
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
		wantGC    int    // during the command; 0: unchanged
		wantLimit int64  // during the command; 0: unchanged
	}{
		{"metadata", HeapMetadata, "", "", 25, 0},
		{"listing", HeapListing, "", "", 0, 40 << 20},
		{"both", HeapListing | HeapMetadata, "", "", 25, 40 << 20},
		{"GOGC set by the user wins", HeapMetadata, "80", "", 0, 0},
		{"GOMEMLIMIT set by the user wins", HeapListing | HeapMetadata, "", "1GiB", 25, 0},
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
			restore()
			if g, l := gcPercent(), memoryLimit(); g != 100 || l != math.MaxInt64 {
				t.Errorf("after: GOGC %d, limit %d; want the previous 100, %d", g, l, int64(math.MaxInt64))
			}
		})
	}
}
