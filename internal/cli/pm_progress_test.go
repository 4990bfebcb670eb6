package cli

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/pm"
)

// TestPMDownloadProgress: the package download bar is drawn where Config.Progress points
// (the CLI sets it only for a terminal), and nothing like it reaches a non-terminal stderr.
func TestPMDownloadProgress(t *testing.T) {
	dir := t.TempDir()
	buildRepo(t, dir, fixturesV1[1:3])
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()

	var bar bytes.Buffer
	cfg := pm.Config{Root: t.TempDir(), Releasever: "1", Setopt: map[string]string{"reposdir": "/dev/null"},
		RepoFromPath: []string{"r1," + srv.URL}, Repos: []string{"r1"}, NoGPGCheck: true, Progress: &bar}
	b, err := pm.Open(context.Background(), cfg, true)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := b.Resolve(pm.Request{Install: []string{"lib", "extra"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := plan.Run(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if s := bar.String(); !strings.Contains(s, "\rDownloading 2 packages") || !strings.HasSuffix(s, "\n") || !strings.Contains(s, "[==============================]") {
		t.Errorf("progress output = %q", s)
	}

	root := t.TempDir()
	out, errs, err := runCLI(t, nil, "-y", "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1", "--nogpgcheck",
		"--repofrompath=r1,"+srv.URL, "--repo=r1", "install", "lib")
	if err != nil {
		t.Fatalf("install: %v\n%s", err, errs)
	}
	if strings.Contains(out+errs, "\r") || strings.Contains(errs, "Downloading 1 package") {
		t.Errorf("a progress bar reached a non-terminal:\nstdout %q\nstderr %q", out, errs)
	}
}
