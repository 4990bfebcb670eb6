package pm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/repo"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// CmdlineRepo is the name of the pseudo-repository of RPM files given as arguments
// (dnf's @commandline).
const CmdlineRepo = "@commandline"

// cmdlinePkg is an RPM file given on the command line.
type cmdlinePkg struct {
	File string
	Info *rpm.Info
	Size int64 // file size
}

// IsRPMArg reports whether a command-line argument names an RPM file rather than a
// package spec, as dnf's option parser decides: it ends in ".rpm" or is an http, https,
// ftp or file URL.
func IsRPMArg(s string) bool {
	if strings.HasSuffix(s, ".rpm") {
		return true
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "ftp" || u.Scheme == "file")
}

// AddRPMFiles adds RPM files (paths, file:// or http(s) URLs) to the pool as the
// @commandline repository, as dnf's add_remote_rpms does, and returns their ids. A file
// that cannot be read is named in dnf's words ("Can not load RPM file: X.") and, with
// strict (the default), makes the whole command fail ("Could not open: X").
func (b *Base) AddRPMFiles(ctx context.Context, args []string) ([]solver.ID, error) {
	if len(args) == 0 {
		return nil, nil
	}
	if b.cmdline == nil {
		b.cmdline = map[solver.ID]*cmdlinePkg{}
	}
	if b.cmdRepo == nil {
		b.cmdRepo = b.Pool.NewRepo(CmdlineRepo, 0)
	}
	sr := b.cmdRepo
	var ids []solver.ID
	var bad []string
	for _, arg := range args {
		file, err := b.localRPM(ctx, arg)
		if err != nil {
			b.Log("%v", err)
			bad = append(bad, arg)
			continue
		}
		info, size, err := readRPMInfo(file)
		if err != nil {
			b.Log("Can not load RPM file: %s.", file)
			bad = append(bad, arg)
			continue
		}
		id := sr.Add(solvableFromInfo(info))
		b.cmdline[id] = &cmdlinePkg{File: file, Info: info, Size: size}
		ids = append(ids, id)
	}
	b.Pool.CreateWhatProvides()
	if len(bad) > 0 && b.Main.Strict {
		return nil, fmt.Errorf("Could not open: %s", strings.Join(bad, " "))
	}
	return ids, nil
}

// localRPM returns a local file for an argument, downloading URLs into the cache.
func (b *Base) localRPM(ctx context.Context, arg string) (string, error) {
	if _, err := os.Stat(arg); err == nil || !strings.Contains(arg, "://") {
		return arg, nil
	}
	u, err := url.Parse(arg)
	if err != nil {
		return "", fmt.Errorf("%s: %w", arg, err)
	}
	switch u.Scheme {
	case "file":
		return u.Path, nil
	case "http", "https", "ftp":
	default:
		return "", fmt.Errorf("Curl error (1): Unsupported protocol for %s", arg)
	}
	dir := filepath.Join(b.Main.CacheDir, CmdlineRepo)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	dest := filepath.Join(dir, filepath.Base(u.Path))
	if u.Scheme == "ftp" {
		f, err := os.Create(dest)
		if err != nil {
			return "", err
		}
		err = repo.FetchFTP(ctx, arg, f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(dest)
			return "", fmt.Errorf("Curl error (7): Couldn't connect to server for %s [%w]", arg, err)
		}
		return dest, nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, arg, nil)
	if err != nil {
		return "", err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", fmt.Errorf("Curl error (7): Couldn't connect to server for %s [%w]", arg, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("Status code: %d for %s", resp.StatusCode, arg)
	}
	f, err := os.Create(dest)
	if err != nil {
		return "", err
	}
	_, err = io.Copy(f, resp.Body)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("downloading %s: %w", arg, err)
	}
	return dest, nil
}

// readRPMInfo reads the header of an RPM file.
func readRPMInfo(file string) (*rpm.Info, int64, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	if !st.Mode().IsRegular() {
		return nil, 0, errors.New("not a regular file")
	}
	p, err := rpm.ReadHeaders(f)
	if err != nil {
		return nil, 0, err
	}
	info, err := rpm.FromHeader(p.Header)
	if err != nil {
		return nil, 0, err
	}
	if info.SourceRPM == "" {
		return nil, 0, errors.New("a source package cannot be installed")
	}
	return info, st.Size(), nil
}
