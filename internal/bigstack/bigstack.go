// Package bigstack grows the stack of the goroutine that initialises packages (the main
// goroutine) to 64 KiB when it is initialised, before the packages after it (in import
// path order) are. Import it from a main package for its effect: `import _`.
//
// A goroutine starts with 2 KiB and the runtime doubles its stack as calls go deeper,
// copying it each time and walking every frame on it: a walk reads each frame's entries
// of the binary's pclntab and stack maps, and each one read maps the 64 KiB window of the
// file it lies in. The package manager's main goroutine grew four times, the last ones
// deep in the solver and sqlite; grown here, the walk sees two frames. Measured on a
// small install with the package-manager binary: 0.3-0.5 MB of its peak RSS (docs/pm.md,
// "The package-manager binary").
package bigstack

func init() { grow() }

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
