package fleet

import (
	"io"
	"testing"
)

func FuzzParseReport(f *testing.F) {
	f.Add([]byte(`{"schema":1,"instance_id":"i-1","time":"2026-10-01T00:00:00Z","release":"2026.9.20260901","pending":[{"id":"N-1","type":"security","severity":"Critical","cves":["CVE-1"],"packages":["foo-2-1.noarch"]}],"reboot_needed":null}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseReport("fuzz", data)
		if err != nil {
			return
		}
		r.Finish()
		s := Merge([]*Report{r, r})
		s.WriteTable(io.Discard)
		r.WriteTable(io.Discard)
	})
}
