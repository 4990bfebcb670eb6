package phases

import (
	"bytes"
	"regexp"
	"testing"
	"time"
)

// TestReportOrderAndTotals: phases are reported in the order they first ended, with
// their summed time and count; off, nothing is recorded or printed.
func TestReportOrderAndTotals(t *testing.T) {
	was := enabled
	t.Cleanup(func() {
		enabled = was
		order, totals = nil, map[string]*total{}
	})

	enabled = false
	Start("off")()
	Add("off", time.Second)
	var buf bytes.Buffer
	Report(&buf)
	if buf.Len() != 0 || len(order) != 0 {
		t.Fatalf("off: printed %q, recorded %v", buf.String(), order)
	}

	enabled = true
	Add("resolve", 1500*time.Millisecond)
	done := Start("download")
	done()
	Add("resolve", 500*time.Millisecond)
	Report(&buf)
	out := buf.String()
	want := regexp.MustCompile(`(?s)^phases \(NIMBUS_PHASES\): [0-9.]+ s since start\n` +
		`  resolve +2\.000 s  x2\n` +
		`  download +0\.0\d\d s  x1\n$`)
	if !want.MatchString(out) {
		t.Errorf("report:\n%s\nwant resolve (2.000 s, x2) then download (x1)", out)
	}
}
