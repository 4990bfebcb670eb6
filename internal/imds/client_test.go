package imds

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

func TestClientAgainstServer(t *testing.T) {
	s := NewServer(testInstance(t, "user-data: hello\n"), nil)
	ts := httptest.NewServer(s)
	defer ts.Close()
	c := &Client{Endpoint: ts.URL, TTL: time.Hour}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	m, err := Fetch(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if m.Identity.InstanceID != "i-0abc" || m.Identity.Region != "eu-west-1" || m.Hostname != "ip-10-0-0-5.ec2.internal" {
		t.Fatalf("metadata %+v", m)
	}
	if len(m.PublicKeys) != 1 || m.PublicKeys[0] != "ssh-ed25519 AAAAC3 test@example" || string(m.UserData) != "hello" {
		t.Fatalf("keys %q user-data %q", m.PublicKeys, m.UserData)
	}
	if n := s.Requests("/latest/api/token"); n != 1 {
		t.Errorf("token fetched %d times, want 1 (reuse)", n)
	}
	if _, err := c.Get(ctx, "meta-data/nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("absent item: %v", err)
	}
}

func TestClientRefreshesAndRenewsOn401(t *testing.T) {
	clk := &fakeClock{time.Unix(1e9, 0)}
	s := NewServer(testInstance(t, ""), clk.now)
	ts := httptest.NewServer(s)
	defer ts.Close()
	c := &Client{Endpoint: ts.URL, TTL: 100 * time.Second, Now: clk.now, Backoff: time.Millisecond}
	ctx := context.Background()
	if _, err := c.Get(ctx, "meta-data/instance-id"); err != nil {
		t.Fatal(err)
	}
	clk.t = clk.t.Add(95 * time.Second) // inside the refresh margin
	if _, err := c.Get(ctx, "meta-data/instance-id"); err != nil {
		t.Fatal(err)
	}
	if n := s.Requests("/latest/api/token"); n != 2 {
		t.Fatalf("token requests %d, want 2 (refresh before expiry)", n)
	}
	// The server forgets the token (e.g. it restarted): the client gets 401 and renews.
	s.mu.Lock()
	s.key[0] ^= 1 // a new token key: every token issued so far is unknown
	s.mu.Unlock()
	if v, err := c.GetString(ctx, "meta-data/instance-id"); err != nil || v != "i-0abc" {
		t.Fatalf("after 401: %q %v", v, err)
	}
	if n := s.Requests("/latest/api/token"); n != 3 {
		t.Fatalf("token requests %d, want 3", n)
	}
}

func TestClientRetriesWhileServiceComesUp(t *testing.T) {
	s := NewServer(testInstance(t, ""), nil)
	var calls atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) <= 2 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		s.ServeHTTP(w, r)
	}))
	defer ts.Close()
	c := &Client{Endpoint: ts.URL, Backoff: time.Millisecond}
	if v, err := c.GetString(context.Background(), "meta-data/instance-id"); err != nil || v != "i-0abc" {
		t.Fatalf("%q %v", v, err)
	}
	// A dead endpoint fails after the bounded attempts, not forever.
	dead := &Client{Endpoint: "http://127.0.0.1:1", Attempts: 3, Backoff: time.Millisecond}
	if _, err := dead.Get(context.Background(), "meta-data/instance-id"); err == nil {
		t.Fatal("dead endpoint: no error")
	}
}
