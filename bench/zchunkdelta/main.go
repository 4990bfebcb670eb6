// Command zchunkdelta measures the metadata bytes a refresh fetches after 1% of
// a repository's packages changed: Nimbus's zchunk delta (internal/repo) against
// a full download and against dnf on the same loopback server in the same run.
// bench/zchunk.sh runs it; see there.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/repo"
	"github.com/nimbus-linux/nimbus/internal/repomd"
)

type counter struct{ n atomic.Int64 }

type cw struct {
	http.ResponseWriter
	c *counter
}

func (w cw) Write(b []byte) (int, error) { w.c.n.Add(int64(len(b))); return w.ResponseWriter.Write(b) }

func main() {
	primary := flag.String("primary", "", "primary.xml.gz of the base repository")
	percent := flag.Int("every", 100, "change one package in EVERY (100: 1%)")
	dnf := flag.String("dnf", "", "dnf binary for the peer measurement (empty: skip)")
	flag.Parse()
	if err := run(*primary, *percent, *dnf); err != nil {
		fmt.Fprintln(os.Stderr, "zchunkdelta:", err)
		os.Exit(1)
	}
}

func writeRepo(dir string, doc []byte) (gz, zck int64, err error) {
	os.RemoveAll(filepath.Join(dir, "repodata"))
	if err := os.MkdirAll(filepath.Join(dir, "repodata"), 0o755); err != nil {
		return 0, 0, err
	}
	rec, data, err := repomd.Record("primary", doc, compress.Gzip, time.Now().Unix())
	if err != nil {
		return 0, 0, err
	}
	zrec, zdata, err := repomd.ZckRecord("primary", doc, time.Now().Unix())
	if err != nil {
		return 0, 0, err
	}
	os.WriteFile(filepath.Join(dir, rec.Location), data, 0o644)
	os.WriteFile(filepath.Join(dir, zrec.Location), zdata, 0o644)
	var b bytes.Buffer
	(&repomd.Repomd{Revision: fmt.Sprint(time.Now().UnixNano()), Data: []repomd.Data{rec, zrec}}).Write(&b)
	return rec.Size, zrec.Size, os.WriteFile(filepath.Join(dir, "repodata", "repomd.xml"), b.Bytes(), 0o644)
}

func run(primary string, every int, dnf string) error {
	f, err := os.Open(primary)
	if err != nil {
		return err
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	doc, err := io.ReadAll(zr)
	if err != nil {
		return err
	}
	rel := regexp.MustCompile(`rel="([^"]*)"/>`)
	pk, changed := 0, 0
	newDoc := regexp.MustCompile(`(?s)<package type="rpm">.*?</package>`).ReplaceAllFunc(doc, func(p []byte) []byte {
		pk++
		if pk%every != every/2 {
			return p
		}
		changed++
		return rel.ReplaceAll(p, []byte(`rel="${1}.1"/>`))
	})
	work, err := os.MkdirTemp("", "zchunkdelta-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	srvDir := filepath.Join(work, "srv")
	c := &counter{}
	fs := http.FileServer(http.Dir(srvDir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs.ServeHTTP(cw{w, c}, r)
	}))
	defer srv.Close()

	gz1, zck1, err := writeRepo(srvDir, doc)
	if err != nil {
		return err
	}
	fmt.Printf("repository: %d packages, %d changed (1 in %d); primary %d bytes uncompressed\n", pk, changed, every, len(doc))
	fmt.Printf("v1 primary.xml.gz %d bytes, primary.xml.zck %d bytes\n", gz1, zck1)

	ctx := context.Background()
	r := &repo.Repo{ID: "bench", BaseURLs: []string{srv.URL + "/"}, MetadataExpire: time.Hour}
	var logs []string
	opts := repo.Options{CacheDir: filepath.Join(work, "cache"), Types: []string{}, Refresh: true,
		Log: func(f string, a ...any) { logs = append(logs, fmt.Sprintf(f, a...)) }}
	var dnfArgs []string
	if dnf != "" {
		root := filepath.Join(work, "dnfroot")
		dnfArgs = []string{"-q", "-y", "--installroot=" + root, "--setopt=reposdir=/dev/null", "--setopt=cachedir=" + filepath.Join(work, "dnfcache"),
			"--releasever=1", "--nogpgcheck", "--noplugins", "--repofrompath=bench," + srv.URL + "/", "--repo=bench", "makecache"}
	}
	sync := func() (nimbus, peer int64, err error) {
		c.n.Store(0)
		if _, err := repo.Sync(ctx, r, opts); err != nil {
			return 0, 0, err
		}
		nimbus = c.n.Load()
		if dnf != "" {
			c.n.Store(0)
			if out, err := exec.Command(dnf, dnfArgs...).CombinedOutput(); err != nil {
				return 0, 0, fmt.Errorf("dnf makecache: %v\n%s", err, out)
			}
			peer = c.n.Load()
		}
		return nimbus, peer, nil
	}
	n1, p1, err := sync()
	if err != nil {
		return err
	}
	gz2, zck2, err := writeRepo(srvDir, newDoc)
	if err != nil {
		return err
	}
	logs = nil
	n2, p2, err := sync()
	if err != nil {
		return err
	}
	fmt.Printf("v2 primary.xml.gz %d bytes, primary.xml.zck %d bytes\n", gz2, zck2)
	fmt.Printf("%s\n", strings.Join(logs, "\n"))
	fmt.Printf("\n%-40s %12s %12s\n", "bytes served (repomd.xml included)", "first sync", "refresh")
	fmt.Printf("%-40s %12d %12d\n", "nimbus (zchunk delta)", n1, n2)
	if dnf != "" {
		fmt.Printf("%-40s %12d %12d\n", "dnf makecache", p1, p2)
	}
	fmt.Printf("\nnimbus refresh / full zchunk download: %.1f%%\n", 100*float64(n2)/float64(zck2))
	fmt.Printf("nimbus refresh / full gzip download:   %.1f%%\n", 100*float64(n2)/float64(gz2))
	if dnf != "" {
		fmt.Printf("nimbus refresh / dnf refresh:          %.1f%% (dnf %.1fx the bytes)\n", 100*float64(n2)/float64(p2), float64(p2)/float64(n2))
	}
	return nil
}
