package pm

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/history"
	"github.com/nimbus-linux/nimbus/internal/phases"
	"github.com/nimbus-linux/nimbus/internal/repo"
	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/rpmdb"
	"github.com/nimbus-linux/nimbus/internal/solver"
	"github.com/nimbus-linux/nimbus/internal/txn"
)

// Download fetches the plan's new packages into the cache (or uses them in place for
// file:// repositories) and verifies each against the repository's size and checksum and,
// when the repository has gpgcheck, its signature against the repository's keys. Each
// package file is read once for all of that (verifyPackage) and handed over open, with its
// sha256 and headers, to the transaction, which reads only the payload again. The caller
// closes the files (CloseAll).
func (p *Plan) Download(ctx context.Context) (map[solver.ID]*txn.Verified, error) {
	defer phases.Start("download + verify")()
	b := p.base
	pkgs := map[solver.ID]*txn.Verified{}
	ok := false
	defer func() {
		if !ok {
			CloseAll(pkgs)
		}
	}()
	var reqs []repo.Request
	type pending struct {
		id   solver.ID
		dest string
		req  repo.Request
	}
	var fetched []pending
	for _, a := range p.Actions {
		if a.New == 0 {
			continue
		}
		if c := b.cmdline[a.New]; c != nil {
			// used in place, as dnf does (localpkg_gpgcheck is off)
			v, err := verifyPackage(c.File, nil, nil)
			if err != nil {
				return nil, err
			}
			pkgs[a.New] = v
			if err := b.copyToDestDir(c.File); err != nil {
				return nil, err
			}
			continue
		}
		ap := b.Available.Get(a.New)
		if ap == nil {
			return nil, fmt.Errorf("%s is not from a repository", b.Pool.Solvable(a.New))
		}
		pk := ap.Repo.Index.Package(ap.I)
		if err := ap.Repo.Index.Err(); err != nil { // its file changed since it was loaded
			return nil, fmt.Errorf("repository %s: %w (run the command again)", ap.Repo.ID, err)
		}
		mirrors, loc, err := packageSource(ap.Repo, pk.Location)
		if err != nil {
			return nil, err
		}
		req := repo.Request{Repo: ap.Repo.ID, Mirrors: mirrors, Path: loc, Size: pk.Size,
			Checksum: repomd.Checksum{Type: pk.ChecksumType, Value: pk.Checksum}}
		kr, err := p.keyringFor(ctx, ap)
		if err != nil {
			return nil, err
		}
		if local := localPath(mirrors, loc); local != "" {
			v, err := verifyPackage(local, &req, kr)
			if err != nil {
				return nil, repoFileError(ap.Repo.ID, pk.Location, err)
			}
			pkgs[a.New] = v
			if err := b.copyToDestDir(local); err != nil {
				return nil, err
			}
			continue
		}
		dest, err := b.downloadDest(ap.Repo, loc)
		if err != nil {
			return nil, err
		}
		if b.cfg.DestDir == "" {
			p.inCache++
		}
		if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
			return nil, err
		}
		req.Dest = dest
		if v, err := verifyPackage(dest, &req, kr); err == nil {
			pkgs[a.New] = v // already in the cache and intact
			continue
		} else if !errors.As(err, new(*checksumError)) && !errors.Is(err, fs.ErrNotExist) {
			return nil, err // intact, but refused (signature)
		}
		reqs = append(reqs, req)
		fetched = append(fetched, pending{a.New, dest, req})
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
		done := phases.Start("download: fetch")
		err := f.FetchAll(ctx, reqs)
		done()
		f.Progress.Done()
		if err != nil {
			return nil, err
		}
		for _, fp := range fetched {
			kr, err := p.keyringFor(ctx, b.Available.Get(fp.id))
			if err != nil {
				return nil, err
			}
			v, err := verifyPackage(fp.dest, &fp.req, kr)
			if err != nil {
				return nil, repoFileError(fp.req.Repo, fp.req.Path, err)
			}
			pkgs[fp.id] = v
		}
	}
	ok = true
	return pkgs, nil
}

// downloadDest is where a package of the repository at location loc is downloaded: the
// repository's cache directory, or --destdir when there is one.
func (b *Base) downloadDest(r *LoadedRepo, loc string) (string, error) {
	if b.cfg.DestDir != "" {
		return filepath.Join(b.cfg.DestDir, path.Base(loc)), nil
	}
	return b.inCache(filepath.Join(repo.CacheDirOf(b.Main.CacheDir, r.Repo), "packages", path.Base(loc)))
}

// confineCache reports whether symlinks in the metadata and package cache are resolved
// inside it (repo.Options.Confine): when the cache belongs to an install root.
func (b *Base) confineCache() bool { return b.cfg.Root != "" && b.cfg.Root != "/" }

// inCache is p, a path under the cache directory, resolved as confineCache says.
func (b *Base) inCache(p string) (string, error) {
	return repo.InCache(b.Main.CacheDir, p, b.confineCache())
}

// copyToDestDir copies a package used in place into DestDir, when there is one (dnf's
// download_packages copies its local packages there).
func (b *Base) copyToDestDir(file string) error {
	if b.cfg.DestDir == "" {
		return nil
	}
	dst := filepath.Join(b.cfg.DestDir, filepath.Base(file))
	if same, _ := sameFile(dst, file); same {
		return nil
	}
	if err := fsutil.CopyFile(dst, file); err != nil {
		return fmt.Errorf("copying %s to --destdir: %w", filepath.Base(file), err)
	}
	return nil
}

// sameFile reports whether a and b are the same file.
func sameFile(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
}

// repoFileError names the repository and the package's location in an error about the
// file itself (unreadable, not the repository's size or checksum); a package that is
// unreadable as rpm or does not verify is named by its file already.
func repoFileError(id, location string, err error) error {
	if errors.As(err, new(*checksumError)) || errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
		return fmt.Errorf("repository %s: %s: %w", id, location, err)
	}
	return err
}

// CloseAll closes the package files Download handed over.
func CloseAll(pkgs map[solver.ID]*txn.Verified) {
	for _, v := range pkgs {
		v.File.Close()
	}
}

// checksumError is a package file whose size or checksum is not the repository's.
type checksumError struct{ err error }

func (e *checksumError) Error() string { return e.err.Error() }
func (e *checksumError) Unwrap() error { return e.err }

// signatureError is a package that does not verify against its repository's keys.
type signatureError struct{ msg string }

func (e *signatureError) Error() string { return e.msg }

// verifyPackage reads a package file once: the repository's size and checksum (req, when
// the package comes from a repository), the sha256 of the whole file the transaction
// journals, the headers, and with a keyring the signature and digests (rpm.VerifyPackage)
// all come from that one read. The file is returned open for the transaction.
func verifyPackage(file string, req *repo.Request, kr rpm.Verifier) (*txn.Verified, error) {
	defer phases.Start("download: verify (read+hash)")()
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	v, err := readVerified(f, file, req, kr)
	if err != nil {
		f.Close()
		return nil, err
	}
	return v, nil
}

func readVerified(f *os.File, file string, req *repo.Request, kr rpm.Verifier) (*txn.Verified, error) {
	sum := sha256.New()
	w := []io.Writer{sum}
	var chk *repo.Checker
	if req != nil && req.Checksum.Value != "" {
		var err error
		if chk, err = repo.NewChecker(*req); err != nil {
			return nil, err
		}
		w = append(w, chk)
	}
	tee := io.TeeReader(f, io.MultiWriter(w...))
	// checked reads what is left and says whether the file is the repository's: a damaged
	// file is named as such, whatever else failed on it.
	checked := func() error {
		if _, err := io.Copy(io.Discard, tee); err != nil {
			return err
		}
		if chk != nil {
			if err := chk.Check(); err != nil {
				return &checksumError{err}
			}
		}
		return nil
	}
	pkg, err := rpm.Read(tee)
	if err != nil {
		if cerr := checked(); cerr != nil {
			return nil, cerr
		}
		return nil, fmt.Errorf("%s: %w", filepath.Base(file), err)
	}
	info, err := rpm.FromHeader(pkg.Header)
	if err != nil {
		if cerr := checked(); cerr != nil {
			return nil, cerr
		}
		return nil, fmt.Errorf("%s: %w", filepath.Base(file), err)
	}
	var rep *rpm.Report
	if kr != nil {
		rep, err = rpm.VerifyPackage(pkg, kr) // reads the payload through tee
	}
	if cerr := checked(); cerr != nil {
		return nil, cerr
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(file), err)
	}
	if rep != nil && !rep.OK {
		return nil, &signatureError{fmt.Sprintf("package %s from %s does not verify: %s", filepath.Base(file), req.Repo, rep.Problem())}
	}
	return &txn.Verified{Path: file, File: f, SHA256: hex.EncodeToString(sum.Sum(nil)), Pkg: pkg, Info: info}, nil
}

// dropCachedPackages removes the packages of a successful transaction that were downloaded
// into the cache (keepcache=0, dnf's default); packages used in place stay.
func (p *Plan) dropCachedPackages(pkgs map[solver.ID]*txn.Verified) {
	b := p.base
	for id, v := range pkgs {
		f := v.Path
		ap := b.Available.Get(id)
		if ap == nil {
			continue
		}
		if dir, err := b.inCache(filepath.Join(repo.CacheDirOf(b.Main.CacheDir, ap.Repo.Repo), "packages")); err == nil && filepath.Dir(f) == dir {
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

// keyringFor returns the keys a package of a gpgcheck repository must verify against (nil
// for a repository without gpgcheck), and remembers the repository's key files for
// importKeys.
func (p *Plan) keyringFor(ctx context.Context, ap *AvailablePkg) (rpm.Verifier, error) {
	b := p.base
	if ap == nil || !ap.Repo.GPGCheck {
		return nil, nil
	}
	if kr, ok := p.keyrings[ap.Repo.ID]; ok {
		return kr, nil
	}
	k, kf, err := b.packageKeyring(ctx, ap.Repo.Repo)
	if err != nil {
		return nil, err
	}
	if k == nil {
		b.Log("Public key for %s is not installed", path.Base(ap.Repo.Index.Package(ap.I).Location))
		return nil, fmt.Errorf("GPG check FAILED: repository %s has gpgcheck=1, but no key is imported (rpm --import) and it names no gpgkey", ap.Repo.ID)
	}
	idx, err := b.releaseIndexFor(ctx, ap.Repo.Repo)
	if err != nil {
		return nil, err
	}
	kr := packageVerifier{kr: k, idx: idx, repo: ap.Repo.ID}
	if p.keyrings == nil {
		p.keyrings = map[string]rpm.Verifier{}
	}
	p.keyrings[ap.Repo.ID] = kr
	if p.keyFiles == nil {
		p.keyFiles = map[string][]repoKeyFile{}
	}
	p.keyFiles[ap.Repo.ID] = kf
	return kr, nil
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
		cookie := b.rpmdbCookie(ctx)
		return &txn.Result{}, p.record(ctx, now, 0, cookie, cookie)
	}
	// the plan is made: the provides index is not needed for the transaction (rebuilt if
	// asked for)
	b.Pool.DropWhatProvides()
	pkgs, err := p.Download(ctx)
	if err != nil {
		return nil, err
	}
	defer CloseAll(pkgs)
	if b.cfg.DownloadOnly {
		return &txn.Result{}, nil // kept until the next successful transaction, as dnf
	}
	// One rpmdb handle for everything the transaction writes: the keys, then the packages.
	doneDB := phases.Start("rpmdb open (create)")
	db, err := rpmdb.Open(b.cfg.Root, "", rpmdb.Options{Write: true})
	doneDB()
	if err != nil {
		return nil, err
	}
	defer func() {
		defer phases.Start("rpmdb close (checkpoint)")()
		db.Close()
	}()
	if err := b.importKeys(ctx, db, p.keyFiles); err != nil {
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
			req.Install = append(req.Install, txn.InstallItem{Pkg: pkgs[a.New], Replaces: replaces[a.New]})
		case a.Old != 0:
			req.Erase = append(req.Erase, b.Installed[a.Old].Num)
		}
	}
	if runner == nil {
		runner = b.cfg.runner()
	}
	began := b.cfg.Now()
	doneCookie := phases.Start("rpmdb cookie")
	begin := cookieOf(context.WithoutCancel(ctx), db)
	doneCookie() // dnf's rpmdb_version_begin (after the key imports, as dnf)
	doneTxn := phases.Start("transaction")
	test := b.TestOnly()
	var progress func(txn.Progress)
	warn := func(s string) { b.Log("warning: %s", s) }
	if p.OnProgress != nil {
		progress, warn = p.progressWithLog(warn)
	}
	res, err := txn.Run(ctx, txn.Options{Progress: progress, Root: b.cfg.Root, DB: db, Runner: runner, Now: b.cfg.Now,
		NoScripts: b.cfg.NoScripts || slices.Contains(b.Main.TSFlags, "noscripts"), NoTriggers: slices.Contains(b.Main.TSFlags, "notriggers"),
		Test: test, Checked: p.OnChecked,
		ExcludeDocs: b.excludeDocs(), Warn: warn}, req)
	doneTxn()
	if progress != nil {
		progress(txn.Progress{Kind: txn.ProgressEnd})
	}
	if test {
		return res, err // tsflags=test: nothing changed, nothing to record (dnf's _record_history)
	}
	rc := 0
	if err != nil {
		rc = 1
	}
	doneRec := phases.Start("history + swdb")
	// The record's statements do not watch ctx: modernc.org/sqlite starts a goroutine per
	// statement for a cancellable context (one per history item), and a transaction that
	// was stopped is recorded too (rc 1), as dnf records it.
	rctx := context.WithoutCancel(ctx)
	herr := p.record(rctx, began, rc, begin, cookieOf(rctx, db))
	doneRec()
	if herr != nil && err == nil {
		err = herr
	}
	if err == nil && !b.Main.KeepCache {
		p.dropCachedPackages(pkgs)
	}
	if err == nil { // module streams the transaction enabled (modules.go)
		b.autoEnableModules(p)
		err = b.CommitModules()
	}
	return res, err
}

// TestOnly reports tsflags=test: a transaction is downloaded, its keys imported and it is
// checked, and nothing else changes (dnf's RPMTRANS_FLAG_TEST).
func (b *Base) TestOnly() bool { return slices.Contains(b.Main.TSFlags, "test") }

// record writes the transaction to the history and updates install reasons, in one
// database transaction.
func (p *Plan) record(ctx context.Context, began time.Time, rc int, begin, end string) error {
	b := p.base
	t := &history.Transaction{Cmdline: b.cfg.Cmdline, Comment: b.cfg.Comment, RC: rc, Releasever: b.releasever(), UID: loginUID()}
	t.Begin, t.End = began, b.cfg.Now()
	t.RPMDBBegin, t.RPMDBEnd = begin, end
	set := map[string]history.Reason{}
	var forget []string
	for _, a := range p.historyOrder() {
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
			r := b.reasonOf(a.Old)
			if a.Kind == ActRemove {
				r = p.removalReason(a)
			}
			t.Items = append(t.Items, history.Item{Action: act, NEVRA: o.String(), Repo: "@System", Reason: r})
			if rc == 0 {
				forget = append(forget, o.Name+"."+o.Arch)
			}
		}
	}
	t.Comps = p.compsRecords(rc, forget)
	if err := p.recordHistory(ctx, t, set, forget); err != nil {
		return err
	}
	// dnf's own history (swdb) gets the transaction too, so dnf sees the same reasons. One
	// after the other, not at once: two sqlite databases written concurrently raised a
	// small install's peak RSS by 1.2 MB (docs/pm.md).
	return history.WriteSwdb(ctx, b.cfg.Root, t)
}

// recordHistory writes t to nimbus's own history and updates the install reasons.
func (p *Plan) recordHistory(ctx context.Context, t *history.Transaction, set map[string]history.Reason, forget []string) error {
	b := p.base
	h, err := history.Open(b.cfg.Root, true)
	if err != nil {
		return err
	}
	defer h.Close()
	if h.Notice != "" {
		b.Log("warning: %s", h.Notice)
	}
	_, err = h.RecordWithReasons(ctx, t, set, forget)
	return err
}

// historyOrder is the plan's actions in the order dnf 4.14 records a transaction's
// packages (dnf.base._goal2transaction): downgrades, reinstalls, installs, upgrades, then
// removals, each package replacing others followed by the packages it obsoletes.
func (p *Plan) historyOrder() []Action {
	rank := map[string]int{ActDowngrade: 0, ActReinstall: 1, ActInstall: 2, ActUpgrade: 3}
	obsoletedBy := map[solver.ID][]Action{}
	for _, a := range p.Actions {
		if a.Kind == ActObsoleted && a.New != 0 {
			obsoletedBy[a.New] = append(obsoletedBy[a.New], a)
		}
	}
	groups := make([][]Action, 5)
	for _, a := range p.Actions {
		r, ok := rank[a.Kind]
		switch {
		case a.Kind == ActObsoleted && a.New != 0:
			continue // after its obsoleter, below
		case !ok:
			r = 4
		}
		groups[r] = append(groups[r], a)
		if a.Kind != ActObsoleted && a.New != 0 {
			groups[r] = append(groups[r], obsoletedBy[a.New]...)
			delete(obsoletedBy, a.New)
		}
	}
	var out []Action
	for _, g := range groups {
		out = append(out, g...)
	}
	for _, a := range p.Actions { // an obsoleter the plan does not install (none expected)
		if _, left := obsoletedBy[a.New]; left && a.Kind == ActObsoleted {
			out = append(out, a)
		}
	}
	return out
}

// rpmdbCookie is the rpmdb's version as dnf records it in its history (rpm's dbCookie), ""
// when the database cannot be read.
func (b *Base) rpmdbCookie(ctx context.Context) string {
	db, err := rpmdb.Open(b.cfg.Root, "", rpmdb.Options{})
	if err != nil {
		return ""
	}
	defer db.Close()
	return cookieOf(ctx, db)
}

// cookieOf is db's dbCookie, "" when it cannot be read (dnf then records none).
func cookieOf(ctx context.Context, db *rpmdb.DB) string {
	c, err := db.Cookie(ctx)
	if err != nil {
		return ""
	}
	return c
}

// loginUID is the user a transaction is recorded for, as libdnf's getLoginUid: the login
// uid of the session (/proc/self/loginuid; 4294967295 when none was set, which dnf shows
// as "System <unset>"), else the process's uid.
func loginUID() int {
	if data, err := os.ReadFile("/proc/self/loginuid"); err == nil {
		if n, err := strconv.ParseUint(strings.TrimSpace(string(data)), 10, 32); err == nil {
			return int(n)
		}
	}
	return os.Getuid()
}
