package imds

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestParseKeyListVariants(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     []KeyEntry
		bad      bool
	}{
		{"ec2", "0=mykey\n1=other", []KeyEntry{{0, "mykey"}, {1, "other"}}, false},
		{"mock directory", "0/", []KeyEntry{{0, ""}}, false},
		{"bare index, CRLF", "0\r\n1\r\n", []KeyEntry{{0, ""}, {1, ""}}, false},
		{"name with =", "0=a=b", []KeyEntry{{0, "a=b"}}, false},
		{"duplicate", "0=a\n0/", []KeyEntry{{0, "a"}}, false},
		{"one bad line", "0=good\nx=y\n-1=neg\n1=also", []KeyEntry{{0, "good"}, {1, "also"}}, true},
		{"leading zero and huge", "01=x\n99999999999999999999=y", nil, true},
		{"empty", "", nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseKeyList([]byte(c.in))
			if !reflect.DeepEqual(got, c.want) || (err != nil) != c.bad {
				t.Errorf("got %v, %v; want %v, bad=%v", got, err, c.want, c.bad)
			}
		})
	}
}

// mockIMDS answers like AWS's metadata mock: any token, a fixed map of paths, and 500
// for the paths listed in broken.
func mockIMDS(t *testing.T, items map[string]string, broken ...string) *Client {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/latest/api/token" {
			w.Write([]byte("token"))
			return
		}
		p := strings.TrimPrefix(r.URL.Path, "/latest/")
		for _, b := range broken {
			if p == b {
				http.Error(w, "boom", http.StatusInternalServerError)
				return
			}
		}
		v, ok := items[p]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(v))
	}))
	t.Cleanup(srv.Close)
	return &Client{Endpoint: srv.URL, Backoff: time.Millisecond, Attempts: 2}
}

// The mock lists public-keys as "0/"; a single bad item (500s, a bad listing line) is a
// Problem, never a failed Fetch: the other items still come back.
func TestFetchListingVariantsAndBadItems(t *testing.T) {
	base := map[string]string{
		"dynamic/instance-identity/document":  `{"instanceId":"i-mock","region":"us-east-1"}`,
		"meta-data/instance-id":               "i-mock",
		"meta-data/hostname":                  "ip-1.ec2.internal",
		"meta-data/local-hostname":            "ip-1.ec2.internal",
		"meta-data/public-keys/":              "0/",
		"meta-data/public-keys/0/openssh-key": "ssh-ed25519 MOCK key\n",
		"meta-data/public-keys/1/openssh-key": "ssh-ed25519 SECOND key",
		"user-data":                           "#cloud-config\n",
	}
	with := func(k, v string) map[string]string {
		m := map[string]string{}
		for a, b := range base {
			m[a] = b
		}
		m[k] = v
		return m
	}
	ctx := context.Background()
	cases := []struct {
		name     string
		c        *Client
		keys     int
		problems int
		userData bool
	}{
		{"mock listing", mockIMDS(t, base), 1, 0, true},
		{"bad listing line", mockIMDS(t, with("meta-data/public-keys/", "0/\n<html>\n1=second")), 2, 1, true},
		{"identity document broken", mockIMDS(t, base, "dynamic/instance-identity/document"), 1, 1, true},
		{"hostname and user-data 500", mockIMDS(t, base, "meta-data/hostname", "user-data"), 1, 2, false},
		{"key 500", mockIMDS(t, base, "meta-data/public-keys/0/openssh-key"), 0, 1, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := Fetch(ctx, c.c)
			if err != nil {
				t.Fatalf("Fetch failed: %v", err)
			}
			if m.Identity.InstanceID != "i-mock" || len(m.PublicKeys) != c.keys || len(m.Problems) != c.problems || (m.UserData != nil) != c.userData {
				t.Errorf("id %q keys %q problems %v user-data %v", m.Identity.InstanceID, m.PublicKeys, m.Problems, m.UserData != nil)
			}
			if c.keys > 0 && m.PublicKeys[0] != "ssh-ed25519 MOCK key" {
				t.Errorf("key %q", m.PublicKeys[0])
			}
		})
	}
	// Without any instance id there is nothing to key the instance's state on.
	if _, err := Fetch(ctx, mockIMDS(t, base, "dynamic/instance-identity/document", "meta-data/instance-id")); err == nil {
		t.Error("Fetch without an instance id succeeded")
	} else if errors.Is(err, ErrNotFound) {
		t.Errorf("unexpected 404: %v", err)
	}
}

// TestFetchOneConnection: with the client's own transport, Fetch asks the token, the six
// first items and a second key on one kept-alive connection (under `nimbus run` each new
// connection is a relay process on the host), and reads them all right.
func TestFetchOneConnection(t *testing.T) {
	items := map[string]string{
		"dynamic/instance-identity/document":  `{"instanceId":"i-one","region":"r","availabilityZone":"r1a","accountId":"1","imageId":"ami-1","instanceType":"t3.micro","architecture":"x86_64","privateIp":"10.0.0.1"}`,
		"user-data":                           "hello",
		"meta-data/public-keys/":              "0=launch\n1=other",
		"meta-data/public-keys/0/openssh-key": "ssh-ed25519 LAUNCH key",
		"meta-data/public-keys/1/openssh-key": "ssh-ed25519 OTHER key",
		"meta-data/hostname":                  "ip-10-0-0-1.ec2.internal",
		"meta-data/local-hostname":            "ip-10-0-0-1.ec2.internal",
	}
	var requests, conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if r.URL.Path == "/latest/api/token" {
			w.Write([]byte("token"))
			return
		}
		v, ok := items[strings.TrimPrefix(r.URL.Path, "/latest/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(v))
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	c := &Client{Endpoint: srv.URL, Backoff: time.Millisecond, Attempts: 1}
	defer c.CloseIdleConnections()
	m, err := Fetch(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	if m.Identity.InstanceID != "i-one" || len(m.PublicKeys) != 2 || m.PublicKeys[0] != "ssh-ed25519 LAUNCH key" ||
		m.PublicKeys[1] != "ssh-ed25519 OTHER key" || string(m.UserData) != "hello" || len(m.Problems) != 0 {
		t.Fatalf("id %q keys %q user-data %q problems %v", m.Identity.InstanceID, m.PublicKeys, m.UserData, m.Problems)
	}
	if n, k := requests.Load(), conns.Load(); n != 8 || k != 1 {
		t.Fatalf("%d requests on %d connections, want 8 (token, six items, key 1) on 1", n, k)
	}
}
