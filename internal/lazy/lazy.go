// Package lazy holds package-level values that are built at their first use and cost
// nothing at process start.
//
// A package-level `var x = map[...]...{...}`, `regexp.MustCompile(...)` or
// `sync.OnceValue(f)` is code in the package's init function, and every init runs in
// every process of the binary, whatever command it runs: in the full nimbus (536
// packages) each init that runs maps the 64 KiB of code around it (the kernel's
// fault-around) and its tables, most of them for commands the process never runs
// (docs/solver.md, "The binary's pages at the peak"). A `lazy.Value` whose New is a
// function (or a closure that captures nothing) is static data instead: the package
// gets no init code for it, and New runs at the first Get.
package lazy

import "sync"

// Value is a value of type T made by New at the first Get, once, safe for
// concurrent use. Declare it as `var x = lazy.Value[T]{New: f}`; the zero Value
// (no New) holds T's zero value.
type Value[T any] struct {
	New  func() T
	once sync.Once
	v    T
}

// Get returns the value, making it on the first call.
func (l *Value[T]) Get() T {
	l.once.Do(func() {
		if l.New != nil {
			l.v = l.New()
		}
	})
	return l.v
}
