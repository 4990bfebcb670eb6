package release

import (
	"strings"
	"testing"
)

func FuzzParseVersion(f *testing.F) {
	for _, s := range []string{"2026.9.20260901", "2026.10.20261001", "2026", "latest", "2026.09.20260931", "9999.999999999.99991231"} {
		f.Add(s, "2026.10.20261001")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if v, err := ParseVersion(a); err == nil {
			w, err := ParseVersion(v.String())
			if err != nil || w != v {
				t.Fatalf("round trip of %q: %v %v", a, w, err)
			}
		}
		if CompareStrings(a, b) != -CompareStrings(b, a) {
			t.Fatalf("CompareStrings(%q, %q) is not antisymmetric", a, b)
		}
	})
}

func FuzzParseIndex(f *testing.F) {
	f.Add([]byte(`{"schema":1,"serial":1,"issued":"2026-10-01T00:00:00Z","expires":"2026-11-01T00:00:00Z","keys":[{"fingerprint":"0123456789ABCDEF","status":"revoked","added":"2026-10-01T00:00:00Z"}],"releases":[{"version":"2026.10.20261001","arches":["x86_64"],"date":"2026-10-01T00:00:00Z"}]}`))
	f.Add([]byte(`{"schema":1,"serial":2,"issued":"2026-10-01T00:00:00Z","expires":"2026-11-01T00:00:00Z","keys":[],"releases":[{"version":"2026.10.20261001","arches":["x86_64"],"date":"2026-10-01T00:00:00Z","recalled":{"at":"2026-10-02T00:00:00Z","reason":"breaks boot"}}]}`))
	f.Add([]byte(`{"schema":1,"serial":2,"issued":"2026-10-01T00:00:00Z","expires":"2026-11-01T00:00:00Z","keys":[],"releases":[{"version":"2026.10.20261001","arches":["x86_64"],"date":"2026-10-01T00:00:00Z","rollout":{"waves":[{"start_after":"0s","fleet_percentage":10},{"start_after":"24h","fleet_percentage":100}]}}]}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		x, err := ParseIndex(data)
		if err != nil {
			return
		}
		out, err := x.Marshal()
		if err != nil {
			t.Fatalf("a parsed index does not marshal: %v", err)
		}
		if _, err := ParseIndex(out); err != nil {
			t.Fatalf("round trip: %v", err)
		}
		x.Newer("2026.9.20260901", "x86_64")
		x.Latest("x86_64")
		for i := range x.Releases {
			x.Releases[i].WaveStart(Seed("i-1"))
		}
	})
}

func FuzzParseAutomatic(f *testing.F) {
	f.Add("[commands]\nupgrade_type = security\n[reboot]\nreboot = never\n")
	f.Fuzz(func(t *testing.T, s string) {
		ParseAutomatic(strings.NewReader(s), "automatic.conf")
	})
}

func FuzzParseMetalink(f *testing.F) {
	f.Add(NewMetalink([]byte("<repomd/>"), 1, []string{"http://a.invalid/r/x86_64/"}).Marshal())
	f.Add([]byte(`<metalink><files><file name="repomd.xml"><size>-1</size></file></files></metalink>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseMetalink(data)
		if err != nil {
			return
		}
		m.Check(data)
		if _, err := ParseMetalink(m.Marshal()); err != nil {
			t.Fatalf("round trip: %v", err)
		}
	})
}
