package pm

import (
	"os"
	"runtime"
	"runtime/debug"
	"sync"
)

// Heap names how a command's memory is used, so TuneHeap can set the Go runtime for it.
// The settings are process-wide (the runtime has no other kind): a command sets them once,
// at its start, and restores them when it ends.
type Heap int

const (
	// HeapListing is a listing over large repositories (check-update, list, makecache): a
	// 40 MiB soft memory limit (GOMEMLIMIT), so its peak stays low on small instances (the
	// AppStream-sized check-update stays near 53 MB instead of 62 MB); the garbage
	// collector works harder only near the limit.
	HeapListing Heap = 1 << iota
	// HeapMetadata is a command whose heap is mostly repository metadata and the solver
	// pool, live until the command ends (install, upgrade, remove, makecache, ...): the
	// collector's target goes to 25% (GOGC=25). With Go's default of 100% the heap grows to
	// twice that live set before each collection, for garbage that is a small part of it.
	// On Debian's 63k packages (bench/pm-large.sh) an install's peak RSS goes from 185 MB
	// to 139 MB at no measurable cost in time; a soft memory limit below the live set
	// (64 MiB) would cut more but makes the collector run continuously (2.5x slower).
	//
	// Below metadataHeapFloor there is no collection at all: the first one waits until the
	// heap reaches it, and 25% applies from then on. A small command (one package from a
	// small repository) then runs without any: every collection scans the goroutines'
	// stacks, and each frame it walks maps the 64 KiB windows of the binary's pclntab
	// and stack maps it lies in, so the few collections GOGC=25's 1 MiB minimum heap
	// caused cost a small install more resident pages than the garbage they freed
	// (docs/pm.md, "The package-manager binary").
	HeapMetadata
)

// listingMemoryLimit is HeapListing's soft memory limit.
const listingMemoryLimit = 40 << 20

// metadataGCPercent is HeapMetadata's garbage collector target.
const metadataGCPercent = 25

// metadataHeapFloor is the heap size below which HeapMetadata lets no collection run.
// The runtime's smallest heap goal is 4 MiB*GOGC/100, so until the first collection GOGC
// is floorGCPercent.
const (
	metadataHeapFloor = 8 << 20
	floorGCPercent    = metadataHeapFloor / (4 << 20) * 100
)

// TuneHeap sets the Go runtime's memory settings for a command whose heap is used as h
// (HeapListing, HeapMetadata, or both), leaving alone what the user set in the
// environment (GOMEMLIMIT, GOGC). It returns the function restoring the previous settings;
// a command calls it as `defer pm.TuneHeap(pm.HeapMetadata)()`.
func TuneHeap(h Heap) (restore func()) {
	var undo []func()
	if h&HeapListing != 0 && os.Getenv("GOMEMLIMIT") == "" {
		old := debug.SetMemoryLimit(listingMemoryLimit)
		undo = append(undo, func() { debug.SetMemoryLimit(old) })
	}
	if h&HeapMetadata != 0 && os.Getenv("GOGC") == "" {
		// floorGCPercent until the first collection; a cleanup on an object nothing
		// references runs after it and sets metadataGCPercent (unless restored or
		// settled first).
		old := debug.SetGCPercent(floorGCPercent)
		metadataHeap.Lock()
		metadataHeap.on, metadataHeap.settled, metadataHeap.collected = true, false, false
		metadataHeap.Unlock()
		runtime.AddCleanup(new([4]*byte), func(struct{}) { // pointers: no tiny-allocator batching
			metadataHeap.Lock()
			defer metadataHeap.Unlock()
			if metadataHeap.on {
				metadataHeap.collected = true
				if metadataHeap.settled {
					debug.SetGCPercent(settledGCPercent)
				} else {
					debug.SetGCPercent(metadataGCPercent)
				}
			}
		}, struct{}{})
		undo = append(undo, func() {
			metadataHeap.Lock()
			defer metadataHeap.Unlock()
			metadataHeap.on = false
			debug.SetGCPercent(old)
		})
	}
	return func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}
}

// metadataHeap is the state of a command's HeapMetadata setting (TuneHeap).
var metadataHeap struct {
	sync.Mutex
	on, settled, collected bool
}

// settledGCPercent is the collector's target once the pool is built (heapSettled).
const settledGCPercent = 10

// heapSettled is called once the solver pool is built (Open): from then on a change
// command's heap is that pool, live to the end, and what the later steps allocate (the
// solve, downloads, the transaction, the history) is garbage, so under HeapMetadata the
// target goes from 25% to 10% over the live heap: GOGC=25 let the transaction's garbage
// fill 9-10 MB of headroom over the 38 MB pool of Debian's 63k packages, which set the
// peak RSS of the install at its end. Before the first collection (a heap still under
// metadataHeapFloor: a small repository) nothing changes yet: the floor keeps the
// collector off, and the first collection's cleanup sets settledGCPercent. (Setting it at
// once had a small install collect several times: 13.9 -> 15.5 MB peak, the pclntab pages
// of docs/pm.md.)
func heapSettled() {
	metadataHeap.Lock()
	defer metadataHeap.Unlock()
	if metadataHeap.on && !metadataHeap.settled {
		metadataHeap.settled = true
		if metadataHeap.collected {
			debug.SetGCPercent(settledGCPercent)
		}
	}
}
