package sourcedate

import (
	"testing"
	"time"
)

func TestBuildTime(t *testing.T) {
	now := func() time.Time { return time.Unix(1700000000, 5e8) }
	env := func(v string) func(string) string { return func(string) string { return v } }
	for _, tc := range []struct {
		v       string
		want    int64
		set, ok bool
	}{
		{"", 1700000000, false, true},
		{"1234567890", 1234567890, true, true},
		{"0", 0, true, true},
		{"-5", 0, false, false},
		{"12x", 0, false, false},
		{"99999999999", 0, false, false},
	} {
		got, set, err := BuildTime(env(tc.v), now)
		if (err == nil) != tc.ok {
			t.Errorf("%q: err = %v, want ok=%v", tc.v, err, tc.ok)
			continue
		}
		if tc.ok && (got.Unix() != tc.want || set != tc.set) {
			t.Errorf("%q: got %v set=%v, want %d set=%v", tc.v, got.Unix(), set, tc.want, tc.set)
		}
	}
}
