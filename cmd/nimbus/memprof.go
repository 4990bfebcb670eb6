//go:build memprof

// Built with -tags memprof, nimbus writes the heap profile of its largest live heap to
// $NIMBUS_HEAPPROFILE (checked every 20 ms), and with $NIMBUS_CPUPROFILE a CPU profile of
// the first $NIMBUS_CPUSECONDS seconds (default 10), for profiling bench/pm-large.sh's
// commands (docs/pm.md).
package main

import (
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"time"
)

func init() {
	if out := os.Getenv("NIMBUS_CPUPROFILE"); out != "" {
		if f, err := os.Create(out); err == nil && pprof.StartCPUProfile(f) == nil {
			secs, _ := strconv.Atoi(os.Getenv("NIMBUS_CPUSECONDS"))
			if secs <= 0 {
				secs = 10
			}
			time.AfterFunc(time.Duration(secs)*time.Second, func() { pprof.StopCPUProfile(); f.Close() })
		}
	}
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
