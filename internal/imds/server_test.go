package imds

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func testInstance(t *testing.T, extra string) *Instance {
	t.Helper()
	y := `
instance-id: i-0abc
hostname: ip-10-0-0-5.ec2.internal
local-ipv4: 10.0.0.5
region: eu-west-1
public-keys:
  - name: mykey
    openssh-key: ssh-ed25519 AAAAC3 test@example
iam:
  role: web
  access-key-id: AKIA
tags:
  Name: web-1
` + extra
	in, err := ParseInstance(strings.NewReader(y), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func do(t *testing.T, h http.Handler, method, path string, hdr map[string]string) (int, string) {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	b, _ := io.ReadAll(rec.Body)
	return rec.Code, string(b)
}

func TestServerTokenRules(t *testing.T) {
	clk := &fakeClock{time.Unix(1e9, 0)}
	s := NewServer(testInstance(t, ""), clk.now)
	for _, tc := range []struct {
		name   string
		method string
		hdr    map[string]string
		want   int
	}{
		{"no ttl", "PUT", nil, 400},
		{"ttl zero", "PUT", map[string]string{HeaderTTL: "0"}, 400},
		{"ttl too big", "PUT", map[string]string{HeaderTTL: "21601"}, 400},
		{"ttl garbage", "PUT", map[string]string{HeaderTTL: "ten"}, 400},
		{"forwarded", "PUT", map[string]string{HeaderTTL: "60", "X-Forwarded-For": "1.2.3.4"}, 403},
		{"get token", "GET", map[string]string{HeaderTTL: "60"}, 405},
		{"min ttl", "PUT", map[string]string{HeaderTTL: "1"}, 200},
		{"max ttl", "PUT", map[string]string{HeaderTTL: "21600"}, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if code, _ := do(t, s, tc.method, "/latest/api/token", tc.hdr); code != tc.want {
				t.Fatalf("got %d, want %d", code, tc.want)
			}
		})
	}
}

func TestServerAccess(t *testing.T) {
	clk := &fakeClock{time.Unix(1e9, 0)}
	s := NewServer(testInstance(t, "user-data: \"#!/bin/sh\\necho hi\\n\""), clk.now)
	code, tok := do(t, s, "PUT", "/latest/api/token", map[string]string{HeaderTTL: "10"})
	if code != 200 || tok == "" {
		t.Fatalf("token: %d %q", code, tok)
	}
	auth := map[string]string{HeaderToken: tok}
	for _, tc := range []struct {
		path string
		hdr  map[string]string
		code int
		body string
	}{
		{"/latest/meta-data/instance-id", nil, 401, ""},
		{"/latest/meta-data/instance-id", map[string]string{HeaderToken: "bogus"}, 401, ""},
		{"/latest/meta-data/instance-id", auth, 200, "i-0abc"},
		{"/latest/meta-data/local-hostname", auth, 200, "ip-10-0-0-5.ec2.internal"},
		{"/latest/meta-data/placement/region", auth, 200, "eu-west-1"},
		{"/latest/meta-data/placement/availability-zone", auth, 200, "eu-west-1a"},
		{"/latest/meta-data/public-keys/", auth, 200, "0=mykey"},
		{"/latest/meta-data/public-keys/0/", auth, 200, "openssh-key"},
		{"/latest/meta-data/public-keys/0/openssh-key", auth, 200, "ssh-ed25519 AAAAC3 test@example"},
		{"/latest/meta-data/public-keys/1/openssh-key", auth, 404, ""},
		{"/latest/meta-data/iam/security-credentials/", auth, 200, "web"},
		{"/latest/meta-data/tags/instance/Name", auth, 404, ""},
		{"/latest/meta-data/nope", auth, 404, ""},
		{"/latest/user-data", auth, 200, "#!/bin/sh\necho hi\n"},
		{"/latest/", auth, 200, "dynamic/\nmeta-data/\nuser-data"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			code, body := do(t, s, "GET", tc.path, tc.hdr)
			if code != tc.code {
				t.Fatalf("code %d, want %d (%q)", code, tc.code, body)
			}
			if tc.body != "" && body != tc.body {
				t.Fatalf("body %q, want %q", body, tc.body)
			}
		})
	}
	if code, _ := do(t, s, "POST", "/latest/meta-data/instance-id", auth); code != 405 {
		t.Errorf("POST: %d, want 405", code)
	}
	clk.t = clk.t.Add(11 * time.Second)
	if code, _ := do(t, s, "GET", "/latest/meta-data/instance-id", auth); code != 401 {
		t.Errorf("expired token: %d, want 401", code)
	}
}

func TestServerOptionalTagsNoUserData(t *testing.T) {
	s := NewServer(testInstance(t, "http-tokens: optional\ninstance-metadata-tags: true\n"), nil)
	if code, body := do(t, s, "GET", "/latest/meta-data/tags/instance/Name", nil); code != 200 || body != "web-1" {
		t.Fatalf("IMDSv1 tag: %d %q", code, body)
	}
	if code, _ := do(t, s, "GET", "/latest/user-data", nil); code != 404 {
		t.Fatalf("user-data: %d, want 404", code)
	}
	if code, _ := do(t, s, "GET", "/latest/meta-data/instance-id", map[string]string{HeaderToken: "bad"}); code != 401 {
		t.Fatalf("bad token in optional mode: %d, want 401", code)
	}
}

func TestConfigErrors(t *testing.T) {
	for _, y := range []string{"http-tokens: maybe\n", "public-keys: [{name: a}]\n", "bogus-key: 1\n", "iam: {access-key-id: x}\n"} {
		if _, err := ParseInstance(strings.NewReader(y), "", nil); err == nil {
			t.Errorf("%q: no error", y)
		}
	}
}
