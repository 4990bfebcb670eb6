package release

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/sign"
)

type testKey struct {
	pub []byte
	s   *sign.Signer
	fpr string
}

func newKey(t *testing.T, name string) testKey {
	t.Helper()
	priv, pub, err := sign.GenerateKey(sign.KeyOptions{Name: name, Algorithm: "ed25519", Created: time.Unix(1700000000, 0)})
	if err != nil {
		t.Fatal(err)
	}
	s, err := sign.LoadSigner(priv)
	if err != nil {
		t.Fatal(err)
	}
	return testKey{pub, s, strings.ToUpper(hex.EncodeToString(s.Fingerprint()))}
}

var t0 = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)

func signed(t *testing.T, x *Index, k testKey) ([]byte, []byte) {
	t.Helper()
	data, err := x.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	sig, err := k.s.ArmoredDetachSign(data, t0)
	if err != nil {
		t.Fatal(err)
	}
	return data, sig
}

func index(serial int64, keys []Key, versions ...string) *Index {
	x := &Index{Schema: Schema, Serial: serial, Issued: t0, Expires: t0.Add(30 * 24 * time.Hour), Keys: keys}
	for _, v := range versions {
		x.Releases = append(x.Releases, Entry{Version: v, Arches: []string{"x86_64"}, Date: t0})
	}
	return x
}

func TestVerifyIndex(t *testing.T) {
	old, nw, evil := newKey(t, "old"), newKey(t, "new"), newKey(t, "evil")
	active := func(k testKey) Key {
		return Key{Fingerprint: k.fpr, Status: KeyActive, Added: t0, PublicKey: string(k.pub)}
	}
	first := index(1, []Key{active(old)}, "2026.9.20260901", "2026.10.20261001")
	d1, s1 := signed(t, first, old)
	o := VerifyOptions{Subject: "release index test", Trusted: [][]byte{old.pub}, Now: t0.Add(time.Hour)}
	prev, _, err := VerifyIndex(d1, s1, o)
	if err != nil {
		t.Fatal(err)
	}
	if got := prev.Newer("2026.9.20260901", "x86_64"); len(got) != 1 || got[0].Version != "2026.10.20261001" {
		t.Errorf("Newer = %v", got)
	}
	if got := prev.Newer("2026.10.20261001", "x86_64"); len(got) != 0 {
		t.Errorf("a system on the latest release sees %v", got)
	}

	// Rotation: serial 2 adds the new key, signed by the old one; serial 3 is signed by
	// the new key alone and revokes the old one. The client trusts only the old key by
	// configuration.
	rot := index(2, []Key{active(old), active(nw)}, "2026.9.20260901", "2026.10.20261001")
	d2, s2 := signed(t, rot, old)
	o.Previous = prev
	prev2, _, err := VerifyIndex(d2, s2, o)
	if err != nil {
		t.Fatalf("rotation: %v", err)
	}
	revokedOld := Key{Fingerprint: old.fpr, Status: KeyRevoked, Added: t0, Revoked: t0, Reason: "compromised"}
	rev := index(3, []Key{revokedOld, active(nw)}, "2026.9.20260901", "2026.10.20261001", "2026.11.20261101")
	d3, s3 := signed(t, rev, nw)
	o.Previous = prev2
	prev3, _, err := VerifyIndex(d3, s3, o)
	if err != nil {
		t.Fatalf("index signed by the rotated-in key: %v", err)
	}
	if prev3.Latest("x86_64").Version != "2026.11.20261101" {
		t.Errorf("latest = %v", prev3.Latest("x86_64"))
	}

	cases := []struct {
		name       string
		data, sig  []byte
		prev       *Index
		now        time.Time
		kind, want string
	}{
		{"rollback to serial 2", func() []byte { d, _ := signed(t, index(2, rev.Keys, "2026.9.20260901"), nw); return d }(),
			func() []byte { _, s := signed(t, index(2, rev.Keys, "2026.9.20260901"), nw); return s }(), prev3, t0.Add(time.Hour), Rollback, "index serial 2 is older than serial 3"},
		{"serial 2 by the revoked key", d2, s2, prev3, t0.Add(time.Hour), Revoked, "revoked"},
		{"expired", d3, s3, prev2, t0.Add(31 * 24 * time.Hour), Freeze, "expired at"},
		{"signed by revoked key", func() []byte { d, _ := signed(t, index(4, rev.Keys, "2026.9.20260901"), old); return d }(),
			func() []byte { _, s := signed(t, index(4, rev.Keys, "2026.9.20260901"), old); return s }(), prev3, t0.Add(time.Hour), Revoked, "revoked"},
		{"untrusted key", func() []byte { d, _ := signed(t, index(5, []Key{active(evil)}, "2026.9.20260901"), evil); return d }(),
			func() []byte { _, s := signed(t, index(5, []Key{active(evil)}, "2026.9.20260901"), evil); return s }(), prev3, t0.Add(time.Hour), Signature, "signature check failed"},
		{"tampered", append(append([]byte{}, d3...), ' '), s3, prev2, t0.Add(time.Hour), Signature, "signature check failed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			oo := o
			oo.Previous, oo.Now = c.prev, c.now
			_, _, err := VerifyIndex(c.data, c.sig, oo)
			var te *TrustError
			if !errors.As(err, &te) || te.Kind != c.kind || !strings.Contains(err.Error(), c.want) || !errors.Is(err, ErrTrust) {
				t.Fatalf("got %v, want a %s error containing %q", err, c.kind, c.want)
			}
			if te.What == "" {
				t.Error("a trust error must say what to do")
			}
		})
	}
}

func TestParseIndexBad(t *testing.T) {
	bad := map[string]string{
		`{"schema":2,"serial":1,"issued":"2026-10-01T00:00:00Z","expires":"2026-11-01T00:00:00Z","keys":[],"releases":[]}`:                                                                                                                                                                 "schema 2",
		`{"schema":1,"serial":1,"issued":"2026-10-01T00:00:00Z","expires":"2026-09-01T00:00:00Z","keys":[],"releases":[]}`:                                                                                                                                                                 "must be after issued",
		`{"schema":1,"serial":1,"issued":"2026-10-01T00:00:00Z","expires":"2026-11-01T00:00:00Z","keys":[],"releases":[{"version":"2026.10.20261001","arches":["x86_64"],"date":"2026-10-01T00:00:00Z"},{"version":"2026.9.20260901","arches":["x86_64"],"date":"2026-10-01T00:00:00Z"}]}`: "is not after",
		`{"schema":1,"serial":1,"issued":"2026-10-01T00:00:00Z","expires":"2026-11-01T00:00:00Z","keys":[{"fingerprint":"zz","status":"active","added":"2026-10-01T00:00:00Z"}],"releases":[]}`:                                                                                            "fingerprint",
		`{"schema":1,"serial":1,"bogus":1}`: "unknown field",
		`{"schema":1} {}`:                   "after the JSON object",
		`{"schema":1,"serial":1,"issued":"2026-10-01T00:00:00Z","expires":"2026-11-01T00:00:00Z","keys":[],"releases":[{"version":"2026.13","arches":["x86_64"],"date":"2026-10-01T00:00:00Z"}]}`: "releases[0]",
	}
	for in, want := range bad {
		if _, err := ParseIndex([]byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseIndex(%s) = %v, want %q", in, err, want)
		}
	}
}

func TestParseAutomatic(t *testing.T) {
	a, err := ParseAutomatic(strings.NewReader("# policy\n[commands]\nupgrade_type = security\nsecurity_from_newer_releases = yes\napply_updates = no\n[reboot]\nreboot = when-needed\n"), "automatic.conf")
	if err != nil {
		t.Fatal(err)
	}
	if !a.FromNewerReleases || a.ApplyUpdates || a.Reboot != "when-needed" || a.RebootCommand != "nimbusctl reboot" {
		t.Errorf("got %+v", a)
	}
	for in, want := range map[string]string{
		"[commands]\nupgrade_type = all\n": "automatic.conf:2: [commands] upgrade_type = \"all\": want security or default",
		"[commands]\nbogus = 1\n":          "automatic.conf:2: unknown key bogus",
		"[x]\n":                            "unknown section [x]",
		"[reboot]\nreboot = sometimes\n":   "want never or when-needed",
		"upgrade_type\n":                   "expected key = value",
	} {
		if _, err := ParseAutomatic(strings.NewReader(in), "automatic.conf"); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", in, err, want)
		}
	}
}
