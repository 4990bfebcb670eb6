// Package startup sets the runtime up for a short-lived command before the packages after
// it (in import path order) are initialised. Import it first from a main package, for its
// effect: `import _`. What it does, each measured on the package manager's small install
// (docs/pm.md, "The package-manager binary"):
//
//   - It grows the stack of the goroutine that initialises packages (the main goroutine) to
//     64 KiB. A goroutine starts with 2 KiB and the runtime doubles its stack as calls go
//     deeper, copying it each time and walking every frame on it: a walk reads each frame's
//     entries of the binary's pclntab and stack maps, and each one read maps the 64 KiB
//     window of the file it lies in. The package manager's main goroutine grew four times,
//     the last ones deep in the solver and sqlite; grown here, the walk sees two frames:
//     0.3-0.5 MB of the peak RSS.
//   - It turns off the runtime's allocation sampling (runtime.MemProfileRate = 0). The
//     linker turns it off by itself only when nothing links runtime.MemProfile, and
//     runtime/pprof does (internal/phases, the memprof build): then one allocation in about
//     every 512 KiB recorded its call stack, a walk of every frame with the same pclntab
//     reads, 0.7 MB of a small install's peak RSS. A command that writes an allocation
//     profile sets the rate again (internal/phases with NIMBUS_PHASES_ALLOCPROFILE,
//     cmd/nimbus's memprof build).
package startup

import "runtime"

func init() {
	runtime.MemProfileRate = 0
	grow()
}

// grow's frame is 56 KiB: the stack it runs on becomes 64 KiB. The array is written at
// an index the compiler cannot know, so the frame is kept.
//
//go:noinline
func grow() {
	var frame [56 << 10]byte
	frame[index] = 1
	sink = frame[index]
}

var (
	index int
	sink  byte
)
