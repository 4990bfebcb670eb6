package cache

import (
	"os"
	"runtime"
	"runtime/debug"
	"syscall"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/solver"
)

// BenchmarkPoolFromIndex builds a pool from the index file NIMBUS_BENCH_INDEX (a package
// manager's index.nidx, e.g. of bench/pm-large.sh's repository) as the package manager does
// (AddWith without Exact, then the provides index), under its GOGC of 25.
func BenchmarkPoolFromIndex(b *testing.B) {
	path := os.Getenv("NIMBUS_BENCH_INDEX")
	if path == "" {
		b.Skip("NIMBUS_BENCH_INDEX not set")
	}
	runtime.GC()
	defer debug.SetGCPercent(debug.SetGCPercent(25))
	cpu := func() int64 {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return ru.Utime.Nano() + ru.Stime.Nano()
	}
	c0 := cpu()
	for b.Loop() {
		x, err := Load(path)
		if err != nil {
			b.Fatal(err)
		}
		p := solver.NewPool()
		p.SetArch("x86_64")
		r := p.NewRepo("large", 0)
		x.AddWith(r, SolvableOptions{}, nil)
		p.CreateWhatProvides()
	}
	b.ReportMetric(float64(cpu()-c0)/float64(b.N)/1e6, "cpu-ms/op")
}
