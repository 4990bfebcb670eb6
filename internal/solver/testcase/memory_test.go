package testcase

import (
	"os"
	"runtime"
	"runtime/debug"
	"testing"
)

// TestSettleHeap: settleHeap changes nothing for a library caller (no
// MemoryLimit), nor below settleMin; under MemoryLimit with a large heap
// the solve's target becomes 10%, and MemoryLimit's restore undoes it.
func TestSettleHeap(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT set: MemoryLimit leaves them alone")
	}
	gcPercent := func() int { p := debug.SetGCPercent(-1); debug.SetGCPercent(p); return p }
	orig := gcPercent()
	defer debug.SetGCPercent(orig)

	settleHeap()
	if got := gcPercent(); got != orig {
		t.Fatalf("without MemoryLimit: GOGC %d, want %d", got, orig)
	}

	restore := MemoryLimit(nil)
	runtime.GC()
	settleHeap() // this test's heap is far below settleMin
	if got := gcPercent(); got != 25 {
		t.Errorf("small heap: GOGC %d, want MemoryLimit's 25", got)
	}
	big := make([]byte, settleMin+1<<20)
	for i := range big {
		big[i] = byte(i)
	}
	settleHeap()
	if got := gcPercent(); got != 10 {
		t.Errorf("large heap: GOGC %d, want 10", got)
	}
	runtime.KeepAlive(big)
	restore()
	if got := gcPercent(); got != orig {
		t.Errorf("after restore: GOGC %d, want %d", got, orig)
	}
	if tuned.Load() {
		t.Errorf("still tuned after restore")
	}
}
