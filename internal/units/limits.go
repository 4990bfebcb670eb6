package units

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/lazy"
	"golang.org/x/sys/unix"
)

// Rlimit is one Limit*= setting: a resource and its soft and hard values
// (RlimInfinity for "infinity").
type Rlimit struct {
	Name       string // systemd's name without "Limit": NOFILE, CORE, ...
	Resource   int
	Soft, Hard uint64
}

// RlimInfinity is RLIM_INFINITY.
const RlimInfinity = math.MaxUint64

// rlimitResources maps systemd's Limit*= names to the setrlimit resources, with the unit
// of their values: 'b' bytes (K, M, G, T, P, E suffixes, base 1024), 't' a time span
// (CPU in seconds, RTTIME in microseconds), 'n' a plain number.
var rlimitResources = lazy.Value[map[string]rlimitResource]{New: func() map[string]rlimitResource {
	return map[string]rlimitResource{
		"CPU": {unix.RLIMIT_CPU, 's'}, "FSIZE": {unix.RLIMIT_FSIZE, 'b'}, "DATA": {unix.RLIMIT_DATA, 'b'},
		"STACK": {unix.RLIMIT_STACK, 'b'}, "CORE": {unix.RLIMIT_CORE, 'b'}, "RSS": {unix.RLIMIT_RSS, 'b'},
		"NOFILE": {unix.RLIMIT_NOFILE, 'n'}, "AS": {unix.RLIMIT_AS, 'b'}, "NPROC": {unix.RLIMIT_NPROC, 'n'},
		"MEMLOCK": {unix.RLIMIT_MEMLOCK, 'b'}, "LOCKS": {unix.RLIMIT_LOCKS, 'n'},
		"SIGPENDING": {unix.RLIMIT_SIGPENDING, 'n'}, "MSGQUEUE": {unix.RLIMIT_MSGQUEUE, 'b'},
		"NICE": {unix.RLIMIT_NICE, 'i'}, "RTPRIO": {unix.RLIMIT_RTPRIO, 'n'}, "RTTIME": {unix.RLIMIT_RTTIME, 'u'},
	}
}}

type rlimitResource struct {
	res  int
	kind byte
}

// ParseRlimit reads the value of LimitNAME= as systemd.exec(5) describes it: "VALUE" (soft
// and hard alike) or "SOFT:HARD", each a number, "infinity", a byte size with a K/M/G/T/P/E
// suffix (base 1024) for size limits, a time span for CPU (seconds, rounded up) and RTTIME
// (microseconds); LimitNICE also takes a nice level -20..19 (stored as 20-nice).
func ParseRlimit(name, v string) (Rlimit, error) {
	r, ok := rlimitResources.Get()[name]
	if !ok {
		return Rlimit{}, fmt.Errorf("unknown resource limit Limit%s", name)
	}
	l := Rlimit{Name: name, Resource: r.res}
	soft, hard, two := strings.Cut(strings.TrimSpace(v), ":")
	var err error
	if l.Soft, err = rlimitValue(r.kind, soft); err != nil {
		return l, err
	}
	l.Hard = l.Soft
	if two {
		if l.Hard, err = rlimitValue(r.kind, hard); err != nil {
			return l, err
		}
	}
	if l.Soft > l.Hard {
		return l, fmt.Errorf("soft limit %q above hard limit", v)
	}
	return l, nil
}

func rlimitValue(kind byte, v string) (uint64, error) {
	v = strings.TrimSpace(v)
	if v == "infinity" {
		return RlimInfinity, nil
	}
	switch kind {
	case 's', 'u':
		if n, err := strconv.ParseUint(v, 10, 64); err == nil {
			return n, nil
		}
		d, err := ParseTimespan(v)
		if err != nil || d < 0 {
			return 0, fmt.Errorf("bad limit %q", v)
		}
		if kind == 'u' {
			return uint64(d.Microseconds()), nil
		}
		return uint64((d + 999999999) / 1000000000), nil
	case 'i':
		if n, err := strconv.Atoi(v); err == nil && (strings.HasPrefix(v, "-") || strings.HasPrefix(v, "+")) {
			if n < -20 || n > 19 {
				return 0, fmt.Errorf("nice level %q out of range -20..19", v)
			}
			return uint64(20 - n), nil
		}
	case 'b':
		mul := uint64(1)
		if n := len(v); n > 0 {
			if i := strings.IndexByte("KMGTPE", v[n-1]); i >= 0 {
				mul = 1 << (10 * (i + 1))
				v = v[:n-1]
			} else if v[n-1] == 'B' {
				v = v[:n-1]
			}
		}
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil || n > math.MaxUint64/mul {
			return 0, fmt.Errorf("bad size limit %q", v)
		}
		return n * mul, nil
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("bad limit %q", v)
	}
	return n, nil
}
