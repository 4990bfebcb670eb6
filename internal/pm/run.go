package pm

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/history"
	"github.com/nimbus-linux/nimbus/internal/repo"
	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/solver"
	"github.com/nimbus-linux/nimbus/internal/txn"
)

// Download fetches the plan's new packages into the cache (or uses them in place for
// file:// repositories), verifying each against the repository's checksum and, when the
// repository has gpgcheck, its signature against the repository's keys. It returns the
// local file of each new package.
func (p *Plan) Download(ctx context.Context) (map[solver.ID]string, error) {
	b := p.base
	files := map[solver.ID]string{}
	var reqs []repo.Request
	type pending struct {
		id   solver.ID
		dest string
	}
	var fetched []pending
	for _, a := range p.Actions {
		if a.New == 0 {
			continue
		}
		if c := b.cmdline[a.New]; c != nil {
			files[a.New] = c.File // used in place, as dnf does (localpkg_gpgcheck is off)
			continue
		}
		ap := b.Available[a.New]
		if ap == nil {
			return nil, fmt.Errorf("%s is not from a repository", b.Pool.Solvable(a.New))
		}
		pk := ap.Repo.Index.Package(ap.I)
		mirrors, loc, err := packageSource(ap.Repo, pk.Location)
		if err != nil {
			return nil, err
		}
		req := repo.Request{Repo: ap.Repo.ID, Mirrors: mirrors, Path: loc, Size: pk.Size,
			Checksum: repomd.Checksum{Type: pk.ChecksumType, Value: pk.Checksum}}
		if local := localPath(mirrors, loc); local != "" {
			files[a.New] = local
			if err := repo.VerifyFile(local, req); err != nil {
				return nil, fmt.Errorf("repository %s: %s: %w", ap.Repo.ID, pk.Location, err)
			}
			continue
		}
		dest := filepath.Join(repo.CacheDirOf(b.Main.CacheDir, ap.Repo.Repo), "packages", path.Base(loc))
		if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
			return nil, err
		}
		req.Dest = dest
		files[a.New] = dest
		if repo.VerifyFile(dest, req) == nil {
			continue // already in the cache and intact
		}
		reqs = append(reqs, req)
		fetched = append(fetched, pending{a.New, dest})
	}
	if len(reqs) > 0 {
		f := b.fetcher()
		if b.cfg.Progress != nil {
			var total int64
			for _, r := range reqs {
				total += r.Size
			}
			f.Progress = repo.NewProgress(b.cfg.Progress, fmt.Sprintf("Downloading %d package%s", len(reqs), map[bool]string{true: "", false: "s"}[len(reqs) == 1]), total)
		}
		err := f.FetchAll(ctx, reqs)
		f.Progress.Done()
		if err != nil {
			return nil, err
		}
	}
	if err := p.checkSignatures(ctx, files); err != nil {
		return nil, err
	}
	return files, nil
}

// dropCachedPackages removes the packages of a successful transaction that were downloaded
// into the cache (keepcache=0, dnf's default); packages used in place stay.
func (p *Plan) dropCachedPackages(files map[solver.ID]string) {
	b := p.base
	for id, f := range files {
		ap := b.Available[id]
		if ap == nil {
			continue
		}
		if filepath.Dir(f) == filepath.Join(repo.CacheDirOf(b.Main.CacheDir, ap.Repo.Repo), "packages") {
			if err := os.Remove(f); err != nil && !os.IsNotExist(err) {
				b.Log("warning: %v", err)
			}
		}
	}
}

// packageSource is where a package is fetched from: the repository's base URLs (or the
// mirrors its metadata came from) and its location; a location primary.xml gave an xml:base
// (an absolute URL, cache.locationOf) is fetched from that URL's directory, as dnf does.
func packageSource(r *LoadedRepo, location string) (mirrors []string, loc string, err error) {
	if strings.Contains(location, "://") {
		u, err := url.Parse(location)
		if err != nil || u.Path == "" || strings.HasSuffix(u.Path, "/") || strings.Contains(u.Path, "/../") {
			return nil, "", fmt.Errorf("repository %s: package location %q (xml:base) is not a package URL", r.ID, location)
		}
		dir, file := path.Split(u.Path)
		u.Path, u.RawPath = dir, ""
		return []string{u.String()}, file, nil
	}
	if strings.Contains(location, "..") || strings.HasPrefix(location, "/") {
		return nil, "", fmt.Errorf("repository %s: package location %q points outside the repository", r.ID, location)
	}
	mirrors = r.BaseURLs
	if len(mirrors) == 0 { // mirrorlist= or metalink=: the mirrors the metadata came from
		mirrors = r.Meta.Mirrors()
	}
	return mirrors, location, nil
}

// localPath is the file of a package in a file:// repository with one base URL.
func localPath(baseURLs []string, location string) string {
	if len(baseURLs) != 1 {
		return ""
	}
	u, err := url.Parse(baseURLs[0])
	if err != nil || u.Scheme != "file" {
		return ""
	}
	return filepath.Join(u.Path, filepath.FromSlash(location))
}

// checkSignatures verifies every package from a gpgcheck repository against its keys and
// remembers those repositories' key files for importKeys.
func (p *Plan) checkSignatures(ctx context.Context, files map[solver.ID]string) error {
	b := p.base
	keyrings := map[string]rpm.Verifier{}
	for id, file := range files {
		ap := b.Available[id]
		if ap == nil || !ap.Repo.GPGCheck {
			continue
		}
		kr, ok := keyrings[ap.Repo.ID]
		if !ok {
			k, kf, err := b.packageKeyring(ctx, ap.Repo.Repo)
			if err != nil {
				return err
			}
			if k == nil {
				b.Log("Public key for %s is not installed", filepath.Base(file))
				return fmt.Errorf("GPG check FAILED: repository %s has gpgcheck=1, but no key is imported (rpm --import) and it names no gpgkey", ap.Repo.ID)
			}
			idx, err := b.releaseIndexFor(ctx, ap.Repo.Repo)
			if err != nil {
				return err
			}
			kr = packageVerifier{kr: k, idx: idx, repo: ap.Repo.ID}
			keyrings[ap.Repo.ID] = kr
			if p.keyFiles == nil {
				p.keyFiles = map[string][]repoKeyFile{}
			}
			p.keyFiles[ap.Repo.ID] = kf
		}
		f, err := os.Open(file)
		if err != nil {
			return err
		}
		rep, err := rpm.Verify(f, kr)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", filepath.Base(file), err)
		}
		if !rep.OK {
			return fmt.Errorf("package %s from %s does not verify: %s", filepath.Base(file), ap.Repo.ID, rep.Problem())
		}
	}
	return nil
}

// Run downloads, verifies and applies the plan and records it in the history.
func (p *Plan) Run(ctx context.Context, runner txn.Runner) (*txn.Result, error) {
	b := p.base
	if err := os.MkdirAll(b.cfg.Root, 0o755); err != nil { // dnf creates the install root
		return nil, err
	}
	if len(p.Actions) == 0 && len(p.Comps()) > 0 && !b.cfg.DownloadOnly {
		// group changes without packages (group mark, a group already installed): dnf
		// records them in a transaction of their own
		now := b.cfg.Now()
		return &txn.Result{}, p.record(ctx, now, 0)
	}
	files, err := p.Download(ctx)
	if err != nil {
		return nil, err
	}
	if b.cfg.DownloadOnly {
		return &txn.Result{}, nil // kept until the next successful transaction, as dnf
	}
	if err := b.importKeys(ctx, p.keyFiles); err != nil {
		return nil, err
	}
	var req txn.Request
	replaces := map[solver.ID][]int64{}
	for _, a := range p.Actions {
		// An upgrade, downgrade or reinstall replaces the old package; so does the package
		// obsoleting one (the solver names it in the step when it knows it).
		if a.New != 0 && a.Old != 0 {
			replaces[a.New] = append(replaces[a.New], b.Installed[a.Old].Num)
		}
	}
	for _, a := range p.Actions {
		switch {
		case a.Kind == ActObsoleted && a.New != 0:
			// installed by its own install/upgrade action
		case a.New != 0:
			req.Install = append(req.Install, txn.InstallItem{File: files[a.New], Replaces: replaces[a.New]})
		case a.Old != 0:
			req.Erase = append(req.Erase, b.Installed[a.Old].Num)
		}
	}
	if runner == nil {
		runner = b.cfg.runner()
	}
	began := b.cfg.Now()
	res, err := txn.Run(ctx, txn.Options{Root: b.cfg.Root, Runner: runner, Now: b.cfg.Now, NoScripts: b.cfg.NoScripts,
		Warn: func(s string) { b.Log("warning: %s", s) }}, req)
	rc := 0
	if err != nil {
		rc = 1
	}
	if herr := p.record(ctx, began, rc); herr != nil && err == nil {
		err = herr
	}
	if err == nil && !b.Main.KeepCache {
		p.dropCachedPackages(files)
	}
	if err == nil { // module streams the transaction enabled (modules.go)
		b.autoEnableModules(p)
		err = b.CommitModules()
	}
	return res, err
}

// record writes the transaction to the history and updates install reasons, in one
// database transaction.
func (p *Plan) record(ctx context.Context, began time.Time, rc int) error {
	b := p.base
	h, err := history.Open(b.cfg.Root, true)
	if err != nil {
		return err
	}
	defer h.Close()
	if h.Notice != "" {
		b.Log("warning: %s", h.Notice)
	}
	t := &history.Transaction{Cmdline: b.cfg.Cmdline, RC: rc, Releasever: b.releasever(), UID: os.Getuid()}
	t.Begin, t.End = began, b.cfg.Now()
	set := map[string]history.Reason{}
	var forget []string
	for _, a := range p.Actions {
		switch a.Kind {
		case ActInstall, ActUpgrade, ActDowngrade, ActReinstall:
			act := map[string]history.Action{ActInstall: history.Install, ActUpgrade: history.Upgrade, ActDowngrade: history.Downgrade, ActReinstall: history.Reinstall}[a.Kind]
			s := b.Pool.Solvable(a.New)
			t.Items = append(t.Items, history.Item{Action: act, NEVRA: s.String(), Repo: s.Repo.Name, Reason: a.Reason})
			if a.Old != 0 {
				back := map[string]history.Action{ActUpgrade: history.Upgraded, ActDowngrade: history.Downgraded, ActReinstall: history.Reinstalled}[a.Kind]
				t.Items = append(t.Items, history.Item{Action: back, NEVRA: b.Pool.Solvable(a.Old).String(), Repo: "@System", Reason: a.Reason})
			}
			if rc == 0 {
				set[s.Name+"."+s.Arch] = a.Reason
			}
		case ActRemove, ActObsoleted:
			o := b.Pool.Solvable(a.Old)
			act := history.Removed
			if a.Kind == ActObsoleted {
				act = history.Obsoleted
			}
			t.Items = append(t.Items, history.Item{Action: act, NEVRA: o.String(), Repo: "@System", Reason: b.reasonOf(a.Old)})
			if rc == 0 {
				forget = append(forget, o.Name+"."+o.Arch)
			}
		}
	}
	t.Comps = p.compsRecords(rc, forget)
	if _, err = h.RecordWithReasons(ctx, t, set, forget); err != nil {
		return err
	}
	// dnf's own history (swdb) gets the transaction too, so dnf sees the same reasons.
	return history.WriteSwdb(ctx, b.cfg.Root, t)
}
