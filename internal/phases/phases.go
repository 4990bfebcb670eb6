// Package phases measures where a package-manager command spends its wall time, phase by
// phase, for profiling (docs/pm.md, "Where an install's time goes"). It is off unless the
// environment has NIMBUS_PHASES set (to anything but ""); then the command prints one line
// per phase on stderr at its end: total wall time, how many times the phase ran. Phases may
// nest (the total of an outer phase includes its inner ones) and run concurrently. With
// NIMBUS_PHASES_CPUPROFILE=FILE as well, a CPU profile of the whole command (from package
// initialisation to the report) is written to FILE (`go tool pprof`), and with
// NIMBUS_PHASES_ALLOCPROFILE=FILE the allocation profile of the command from this
// package's initialisation on.
package phases

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

var (
	enabled = os.Getenv("NIMBUS_PHASES") != ""
	mu      sync.Mutex
	order   []string
	totals  = map[string]*total{}
	started = time.Now()
)

var cpuprof *os.File

func init() {
	if !enabled {
		return
	}
	if os.Getenv("NIMBUS_PHASES_ALLOCPROFILE") != "" {
		// internal/startup turned the sampling off; back to the runtime's default.
		runtime.MemProfileRate = 512 * 1024
	}
	if out := os.Getenv("NIMBUS_PHASES_CPUPROFILE"); out != "" {
		if f, err := os.Create(out); err == nil && pprof.StartCPUProfile(f) == nil {
			cpuprof = f
		}
	}
}

type total struct {
	d time.Duration
	n int
}

// Enabled reports whether phases are measured.
func Enabled() bool { return enabled }

// Start starts timing a phase; the returned function ends it. Off, it costs a branch.
func Start(name string) func() {
	if !enabled {
		return func() {}
	}
	t := time.Now()
	return func() { Add(name, time.Since(t)) }
}

// Add adds d to a phase's total.
func Add(name string, d time.Duration) {
	if !enabled {
		return
	}
	mu.Lock()
	defer mu.Unlock()
	t := totals[name]
	if t == nil {
		t = &total{}
		totals[name] = t
		order = append(order, name)
	}
	t.d += d
	t.n++
}

// Report prints the phases in the order they first ended, and the time since the process
// started, to w (nothing when off).
func Report(w io.Writer) {
	if !enabled {
		return
	}
	mu.Lock()
	defer mu.Unlock()
	if cpuprof != nil {
		pprof.StopCPUProfile()
		cpuprof.Close()
		cpuprof = nil
	}
	if out := os.Getenv("NIMBUS_PHASES_ALLOCPROFILE"); out != "" {
		if f, err := os.Create(out); err == nil {
			pprof.Lookup("allocs").WriteTo(f, 0)
			f.Close()
		}
	}
	fmt.Fprintf(w, "phases (NIMBUS_PHASES): %.3f s since start\n", time.Since(started).Seconds())
	for _, n := range order {
		t := totals[n]
		fmt.Fprintf(w, "  %-28s %8.3f s  x%d\n", n, t.d.Seconds(), t.n)
	}
}
