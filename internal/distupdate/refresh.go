package distupdate

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/tools"

	"github.com/nimbus-linux/nimbus/internal/distbuild/apt"
	"github.com/nimbus-linux/nimbus/internal/distbuild/deb"
)

// maxIndexFile bounds one downloaded index file (Debian's biggest Packages.xz is
// about 10 MB; uncompressed lists are checked again by apt.LoadIndex).
const maxIndexFile = 256 << 20

// Refresh brings the verified indexes up to date before dist update reads them.
//
// With Archive empty it runs `apt-get update` (the machine's own apt configuration,
// which verifies InRelease against its keyring; the build verifies again). With
// Archive set (an http(s) URL or a directory of a Debian-style archive: dists/SUITE/
// InRelease and the Packages files it lists) it downloads the suites' InRelease and
// binary-ARCH Packages files into a fresh directory, named as apt names its lists,
// verifies them all (apt.LoadIndex: signature, Valid-Until, SHA-256), and only then
// replaces that archive's files in ListsDir: a bad signature or a tampered index
// leaves the previous lists as they were. This is how the end-to-end test uses an
// archive of its own without touching the host's apt state.
type Refresh struct {
	Archive    string
	Suites     []string // the suites to fetch from Archive
	Components []string // default main
	Arches     []string // Debian arches (amd64, arm64)
	Apt        apt.Options
	AptGet     string // default apt-get
	Client     *http.Client
	Now        time.Time
}

// Run refreshes the lists.
func (r *Refresh) Run(ctx context.Context) error {
	if r.Archive == "" {
		prog := r.AptGet
		if prog == "" {
			prog = tools.AptGet()
		}
		cmd := exec.CommandContext(ctx, prog, "-q", "update")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("apt-get update: %w\n%s", err, strings.TrimSpace(out.String()))
		}
		return nil
	}
	lists := r.Apt.ListsDir
	if lists == "" {
		return fmt.Errorf("refresh from %s: no lists directory given", r.Archive)
	}
	if err := os.MkdirAll(lists, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(lists, ".refresh-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	prefix := listPrefix(r.Archive)
	comps := r.Components
	if len(comps) == 0 {
		comps = []string{"main"}
	}
	for _, suite := range r.Suites {
		base := prefix + "_dists_" + suite + "_"
		inrel, err := r.get(ctx, "dists/"+suite+"/InRelease")
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(tmp, base+"InRelease"), inrel, 0o644); err != nil {
			return err
		}
		listed := releaseFiles(inrel)
		for _, comp := range comps {
			for _, arch := range r.Arches {
				rel := comp + "/binary-" + arch + "/Packages"
				got := false
				for _, ext := range []string{".xz", ".gz", ""} {
					if !listed[rel+ext] {
						continue
					}
					data, err := r.get(ctx, "dists/"+suite+"/"+rel+ext)
					if err != nil {
						return err
					}
					name := base + strings.ReplaceAll(rel, "/", "_") + ext
					if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
						return err
					}
					got = true
					break
				}
				if !got {
					return fmt.Errorf("refresh from %s: %s/InRelease lists no %s", r.Archive, suite, rel)
				}
			}
		}
	}
	o := r.Apt
	o.ListsDir, o.Arches, o.Now = tmp, r.Arches, r.Now
	if _, err := apt.LoadIndex(o); err != nil {
		return fmt.Errorf("refresh from %s: %w (the previous lists in %s are kept)", r.Archive, err, lists)
	}
	old, _ := filepath.Glob(filepath.Join(lists, prefix+"_dists_*"))
	for _, p := range old {
		if err := os.Remove(p); err != nil {
			return err
		}
	}
	fresh, _ := filepath.Glob(filepath.Join(tmp, "*"))
	for _, p := range fresh {
		if err := os.Rename(p, filepath.Join(lists, filepath.Base(p))); err != nil {
			return err
		}
	}
	return nil
}

// listPrefix names an archive's lists the way apt does: the URL without its scheme,
// slashes turned to underscores.
func listPrefix(archive string) string {
	s := archive
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	s = strings.Trim(s, "/")
	return strings.NewReplacer("/", "_", ":", "%3a").Replace(s)
}

// releaseFiles lists the paths an InRelease file's SHA256 field names (unverified:
// only to choose what to download; LoadIndex verifies).
func releaseFiles(inrel []byte) map[string]bool {
	out := map[string]bool{}
	text := inrel
	if i := bytes.Index(text, []byte("\n\n")); i >= 0 && bytes.HasPrefix(text, []byte("-----BEGIN PGP SIGNED")) {
		text = text[i+2:]
	}
	if i := bytes.Index(text, []byte("\n-----BEGIN PGP SIGNATURE")); i >= 0 {
		text = text[:i+1]
	}
	st, err := deb.ParseControl(text)
	if err != nil {
		return out
	}
	for _, l := range strings.Split(st.Get("SHA256"), "\n") {
		if f := strings.Fields(l); len(f) == 3 {
			out[f[2]] = true
		}
	}
	return out
}

func (r *Refresh) get(ctx context.Context, rel string) ([]byte, error) {
	if !strings.Contains(r.Archive, "://") {
		p := filepath.Join(r.Archive, filepath.FromSlash(rel))
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("refresh: %w", err)
		}
		defer f.Close()
		return readBounded(f, p)
	}
	u := strings.TrimSuffix(r.Archive, "/") + "/" + rel
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	c := r.Client
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("refresh: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("refresh: %s: %s", u, resp.Status)
	}
	return readBounded(resp.Body, u)
}

func readBounded(rd io.Reader, name string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(rd, maxIndexFile+1))
	if err != nil {
		return nil, fmt.Errorf("refresh: %s: %w", name, err)
	}
	if len(b) > maxIndexFile {
		return nil, fmt.Errorf("refresh: %s is larger than %d bytes", name, maxIndexFile)
	}
	return b, nil
}
