package repo

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/repomd"
)

// listMissing adds records to dir's repomd.xml: a plain comps file that is there and, as
// a trimmed copy of a distribution's repository has them, a compressed comps file and an
// updateinfo that are not.
func listMissing(t *testing.T, dir string) {
	t.Helper()
	p := filepath.Join(dir, "repodata", "repomd.xml")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	rm, err := repomd.ParseRepomd(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	comps := []byte(`<?xml version="1.0"?><comps><group><id>core</id><name>Core</name></group></comps>`)
	rec, body, err := repomd.Record("group", comps, "", 1764000000)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, rec.Location), body, 0o644); err != nil {
		t.Fatal(err)
	}
	rm.Data = append(rm.Data, rec,
		repomd.Data{Type: "group_xz", Location: "repodata/0123-comps.xml.xz", Size: 10, Checksum: repomd.Checksum{Type: "sha256", Value: strings.Repeat("a", 64)}},
		repomd.Data{Type: "updateinfo", Location: "repodata/0123-updateinfo.xml.gz", Size: 10, Checksum: repomd.Checksum{Type: "sha256", Value: strings.Repeat("b", 64)}})
	var b bytes.Buffer
	rm.Write(&b)
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A local repository is read in place as librepo reads it for libdnf (LRO_IGNOREMISSING):
// a file repomd.xml lists but the directory lacks is left out, and the comps file is the
// first listed form that is there. Over HTTP the same repository fails, as dnf fails.
func TestLocalRepoListedFileMissing(t *testing.T) {
	dir := t.TempDir()
	writeRepo(t, dir, 3, "1.0")
	listMissing(t, dir)

	r := &Repo{ID: "trimmed", BaseURLs: []string{"file://" + dir + "/"}}
	var logged bytes.Buffer
	o := Options{CacheDir: t.TempDir(), Fetcher: fastFetcher(), Log: func(f string, a ...any) { logged.WriteString(f + "\n") }}
	md, err := Sync(testCtx(t), r, o)
	if err != nil {
		t.Fatalf("local repository with a listed but missing comps_xz and updateinfo: %v", err)
	}
	if g := md.GroupPath(); !strings.HasSuffix(g, ".xml") {
		t.Errorf("comps file %q, want the plain group record's", g)
	}
	if md.Path("updateinfo") != "" {
		t.Errorf("updateinfo %q, want none", md.Path("updateinfo"))
	}
	if !strings.Contains(logged.String(), "missing") {
		t.Errorf("nothing logged about the missing files: %q", logged.String())
	}

	srv, _ := countingServer(t, dir)
	hr := &Repo{ID: "trimmed-http", BaseURLs: []string{srv.URL + "/"}}
	if _, err := Sync(testCtx(t), hr, Options{CacheDir: t.TempDir(), Fetcher: fastFetcher()}); err == nil {
		t.Error("over HTTP a listed file that is not served synced without an error")
	}
}
