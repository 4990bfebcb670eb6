package imds

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// A valid token stays valid for its whole TTL however many tokens are issued after it
// (5b42cb4 forgot it after 4,096 newer ones), and stops at its TTL.
func TestServerTokensNotEvicted(t *testing.T) {
	clk := &fakeClock{time.Unix(1e9, 0)}
	s := NewServer(testInstance(t, ""), clk.now)
	_, first := do(t, s, "PUT", "/latest/api/token", map[string]string{HeaderTTL: "600"})
	for range 5000 {
		if code, _ := do(t, s, "PUT", "/latest/api/token", map[string]string{HeaderTTL: "21600"}); code != 200 {
			t.Fatal(code)
		}
	}
	get := func() int {
		code, _ := do(t, s, "GET", "/latest/meta-data/instance-id", map[string]string{HeaderToken: first})
		return code
	}
	if code := get(); code != 200 {
		t.Fatalf("the first token after 5,000 newer ones: %d, want 200", code)
	}
	clk.t = clk.t.Add(599 * time.Second)
	if code := get(); code != 200 {
		t.Errorf("1 s before expiry: %d", code)
	}
	clk.t = clk.t.Add(time.Second)
	if code := get(); code != 401 {
		t.Errorf("at expiry: %d, want 401", code)
	}
	// Forged and mangled tokens are refused.
	for _, tok := range []string{"x", strings.Repeat("A", 54), first[:len(first)-2] + "AA", first + "A"} {
		if code, _ := do(t, s, "GET", "/latest/meta-data/instance-id", map[string]string{HeaderToken: tok}); code != 401 {
			t.Errorf("token %q: %d, want 401", tok, code)
		}
	}
}

// Counters do not grow with the paths a guest invents.
func TestServerCountersBounded(t *testing.T) {
	s := NewServer(testInstance(t, ""), nil)
	s.in.HTTPTokens = "optional"
	for i := range 10000 {
		do(t, s, "GET", fmt.Sprintf("/latest/meta-data/nope-%d", i), nil)
		do(t, s, "GET", fmt.Sprintf("/x%d/", i), nil)
	}
	do(t, s, "GET", "/latest/meta-data/instance-id", nil)
	s.mu.Lock()
	n := len(s.requests)
	s.mu.Unlock()
	if n > 3 {
		t.Errorf("%d counters after 20,000 requests for absent paths, want at most 3", n)
	}
	if s.Requests(otherPaths) != 20000 || s.Requests("/latest/meta-data/instance-id") != 1 {
		t.Errorf("counts: other %d, instance-id %d", s.Requests(otherPaths), s.Requests("/latest/meta-data/instance-id"))
	}
}

// Dated API versions answer as "latest" does (cloud-init asks 2021-03-23, 2018-09-24,
// 2016-09-02 and 2009-04-04 first); unknown versions are 404; "/" lists the versions.
func TestServerDatedVersions(t *testing.T) {
	s := NewServer(testInstance(t, ""), nil)
	_, tok := do(t, s, "PUT", "/latest/api/token", map[string]string{HeaderTTL: "60"})
	h := map[string]string{HeaderToken: tok}
	for _, c := range []struct {
		path string
		code int
		body string
	}{
		{"/2021-07-15/meta-data/instance-id", 200, "i-0abc"},
		{"/2021-03-23/meta-data/public-keys/0/openssh-key", 200, "ssh-ed25519 AAAAC3 test@example"},
		{"/2009-04-04/meta-data/public-keys/", 200, "0=mykey"},
		{"/2016-09-02/dynamic/instance-identity/document", 200, ""},
		{"/2018-09-24/", 200, "dynamic/\nmeta-data/"},
		{"/2018-09-24", 200, "dynamic/\nmeta-data/"},
		{"/2099-01-01/meta-data/instance-id", 404, ""},
		{"/2021-07-15/meta-data/nope", 404, ""},
		{"/latest/meta-data/instance-id", 200, "i-0abc"},
	} {
		code, body := do(t, s, "GET", c.path, h)
		if code != c.code || c.body != "" && !strings.HasPrefix(body, c.body) {
			t.Errorf("GET %s = %d %q, want %d %q", c.path, code, body, c.code, c.body)
		}
	}
	code, body := do(t, s, "GET", "/", h)
	lines := strings.Split(body, "\n")
	if code != 200 || lines[0] != "1.0" || lines[len(lines)-1] != "latest" || !strings.Contains(body, "\n2021-07-15\n") {
		t.Errorf("GET / = %d %q", code, body)
	}
	if code, _ := do(t, s, "GET", "/2021-07-15/meta-data/instance-id", nil); code != 401 {
		t.Errorf("dated version without a token: %d, want 401", code)
	}
}

func TestHTTPServerTimeouts(t *testing.T) {
	hs := HTTPServer(NewServer(testInstance(t, ""), nil))
	if hs.ReadHeaderTimeout <= 0 || hs.ReadTimeout <= 0 || hs.WriteTimeout <= 0 || hs.IdleTimeout <= 0 || hs.MaxHeaderBytes <= 0 {
		t.Errorf("unbounded server: %+v", hs)
	}
}
