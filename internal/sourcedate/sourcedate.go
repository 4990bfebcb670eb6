// Package sourcedate is where time enters Nimbus builds: SOURCE_DATE_EPOCH is parsed here, once,
// strictly, and everything below takes a time.Time.
package sourcedate

import (
	"fmt"
	"strconv"
	"time"
)

// Var is the environment variable of the reproducible-builds specification.
const Var = "SOURCE_DATE_EPOCH"

// BuildTime returns the time builds should record: SOURCE_DATE_EPOCH when set (set=true),
// else now. A malformed value is an error, never silently ignored.
func BuildTime(getenv func(string) string, now func() time.Time) (t time.Time, set bool, err error) {
	v := getenv(Var)
	if v == "" {
		return now().UTC().Truncate(time.Second), false, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || n > 1<<32-1 {
		return time.Time{}, false, fmt.Errorf("%s=%q: want a decimal count of seconds since 1970 that fits rpm's 32-bit time", Var, v)
	}
	return time.Unix(n, 0).UTC(), true, nil
}
