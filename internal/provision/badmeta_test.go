package provision

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/imds"
)

// First boot against metadata as AWS's metadata mock serves it (public-keys listed as
// "0/"), with a broken item (local-hostname answers 500) and a cloud-config that is not
// YAML: every bad item is logged and left out, and the instance still gets its hostname,
// default user and key (5b42cb4 failed the whole boot at the metadata stage).
func TestAgentSurvivesOddMetadata(t *testing.T) {
	items := map[string]string{
		"dynamic/instance-identity/document":  `{"instanceId":"i-odd","region":"us-east-1"}`,
		"meta-data/hostname":                  "ip-10-1-2-3.ec2.internal",
		"meta-data/public-keys/":              "0/\n<html>",
		"meta-data/public-keys/0/openssh-key": "ssh-ed25519 MOCK key",
		"user-data":                           "#cloud-config\nusers: [default\n  - {broken",
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(r.URL.Path, "/latest/")
		switch {
		case r.URL.Path == "/latest/api/token":
			w.Write([]byte("token"))
		case p == "meta-data/local-hostname":
			http.Error(w, "boom", http.StatusInternalServerError)
		case items[p] != "":
			w.Write([]byte(items[p]))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	root := newRoot(t)
	sys := &recSys{root: root, chowns: map[string][2]int{}}
	var log bytes.Buffer
	a := &Agent{Root: root, Sys: sys, Provider: AWS{Client: &imds.Client{Endpoint: srv.URL, Backoff: time.Millisecond, Attempts: 2}}, Log: &log}
	rep, err := a.Run(context.Background())
	if rep.InstanceID != "i-odd" {
		t.Fatalf("metadata stage failed: %v\n%s", err, log.String())
	}
	read := func(p string) string {
		b, _ := os.ReadFile(filepath.Join(root, p))
		return string(b)
	}
	if sys.hostname != "ip-10-1-2-3.ec2.internal" {
		t.Errorf("hostname %q", sys.hostname)
	}
	if read("home/ec2-user/.ssh/authorized_keys") != "ssh-ed25519 MOCK key\n" {
		t.Errorf("authorized_keys %q\n%s", read("home/ec2-user/.ssh/authorized_keys"), log.String())
	}
	for _, want := range []string{"metadata: left out meta-data/local-hostname", "metadata: left out meta-data/public-keys/", "<html>", "; ignored"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, log.String())
		}
	}
}
