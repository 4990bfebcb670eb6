package initd

import (
	"os"
	"strconv"
	"strings"
	"time"
)

// bootTime is when the kernel booted (now minus /proc/uptime), what timer units'
// OnBootSec= counts from; the zero time (the supervisor's start) when it cannot be read.
func bootTime() time.Time {
	b, err := os.ReadFile("/proc/uptime")
	if err != nil {
		return time.Time{}
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return time.Time{}
	}
	secs, err := strconv.ParseFloat(f[0], 64)
	if err != nil || secs < 0 {
		return time.Time{}
	}
	return time.Now().Add(-time.Duration(secs * float64(time.Second)))
}
