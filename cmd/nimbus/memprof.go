//go:build memprof

// Built with -tags memprof, nimbus writes the heap profile of its largest live heap to
// $NIMBUS_HEAPPROFILE (checked every 20 ms), for bench/pm-large.sh's profiling step.
package main

import (
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

func init() {
	out := os.Getenv("NIMBUS_HEAPPROFILE")
	if out == "" {
		return
	}
	runtime.MemProfileRate = 64 << 10
	go func() {
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var best uint64
		for range time.Tick(20 * time.Millisecond) {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > best {
				best = v
				if f, err := os.Create(out); err == nil {
					pprof.Lookup("heap").WriteTo(f, 0)
					f.Close()
				}
			}
		}
	}()
}
