// Package txn executes package transactions on an install root: ordering, file-conflict
// checks, safe unpacking with owners, modes, capabilities and %config handling, scriptlets
// with rpm's arguments, erasure of exactly the files nobody else owns, and the rpmdb update —
// all under a journal that makes the transaction crash-safe (see journal.go).
package txn

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"sync"
	"time"

	"github.com/nimbus-linux/nimbus/internal/phases"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
	"github.com/nimbus-linux/nimbus/internal/rpmdb"
	"github.com/nimbus-linux/nimbus/internal/unpack"
)

// Options configure a transaction.
type Options struct {
	Root   string // install root ("/" for the running system)
	DBPath string // rpmdb path inside the root (rpmdb.DefaultPath when empty)
	Runner Runner // scriptlet runner (ChrootRunner when nil)
	// NoScripts runs no scriptlets and no file triggers, as rpm 4.18's --noscripts and dnf's
	// tsflags=noscripts (RPMTRANS_FLAG_NOSCRIPTS); sysusers.d and tmpfiles.d, which stand
	// for scriptlets, are skipped too.
	NoScripts bool
	// Test checks the transaction (its packages, their conflicts with each other and with
	// the installed ones) and changes nothing, not even to finish an interrupted
	// transaction: rpm's RPMTRANS_FLAG_TEST, dnf's tsflags=test.
	Test bool
	// Checked, when set, is called once the transaction has passed its checks, before
	// anything changes (dnf prints "Transaction test succeeded." there).
	Checked func()
	// NoTriggers runs no file triggers but still the scriptlets, as rpm's --notriggers and
	// dnf's tsflags=notriggers (RPMTRANS_FLAG_NOTRIGGERS).
	NoTriggers bool
	Now        func() time.Time
	Warn       func(string) // warnings (unknown users, skipped Lua scriptlets, .rpmnew files)
	// Hook, when set, is called at every journal point with its name; tests use it to stop a
	// transaction anywhere (by killing the process).
	Hook     func(point string)
	LockWait time.Duration // how long to wait for another package manager's lock
	// ExcludeDocs leaves the %doc files out (rpm --excludedocs, dnf's tsflags=nodocs); they
	// are recorded as not installed.
	ExcludeDocs bool
	// Progress, when set, is told what the transaction does as rpm's callbacks tell dnf
	// (dnf prints a line of each: "Installing", "Running scriptlet", …).
	Progress func(Progress)
	// DB, when set, is the rpmdb opened for writing by the caller (who closes it): the
	// transaction uses it instead of opening its own, so a command opens the database once
	// for all it writes (the package manager imports keys into it first).
	DB *rpmdb.DB
}

// ProgressKind is what a Progress reports.
type ProgressKind int

const (
	// ProgressPrepare: the transaction is about to change the root (rpm's TRANS_PROGRESS).
	ProgressPrepare ProgressKind = iota
	// ProgressElement: an element's files are in place (install) or gone (erase), before
	// its %post or %postun (rpm's INST_PROGRESS/UNINST_PROGRESS at 100%).
	ProgressElement
	// ProgressScript: a package's scriptlet starts (rpm's SCRIPT_START).
	ProgressScript
	// ProgressEnd is not sent by the transaction: its caller may send it to a Progress
	// function of its own once the transaction returned.
	ProgressEnd
)

// Progress is one event of a running transaction. Done is the element being processed,
// counted from 1 in the transaction's order (0 before the first: %pretrans), of Total.
type Progress struct {
	Kind  ProgressKind
	Op    string // the element's "install" or "erase"
	NEVRA string
	Num   int64 // an erased package's rpmdb number
	Done  int
	Total int
}

// InstallItem is a verified package file to install, and the installed packages it replaces
// (older or newer versions of the same name, or packages it obsoletes). With Pkg set (a
// package the caller read and checked), File is ignored and the file is not read again
// except for its payload.
type InstallItem struct {
	File     string
	Pkg      *Verified
	Replaces []int64 // rpmdb numbers
}

// Request is what to do.
type Request struct {
	Install []InstallItem
	Erase   []int64 // rpmdb numbers of packages to erase
}

// Result says what happened.
type Result struct {
	Installed, Erased []string // NEVRAs
	Warnings          []string
	Recovered         bool // an interrupted transaction was finished first
}

// ConflictError lists file conflicts that stop a transaction before anything changes.
type ConflictError struct{ Conflicts []string }

func (e *ConflictError) Error() string {
	s := "file conflicts:"
	for _, c := range e.Conflicts {
		s += "\n  " + c
	}
	return s
}

type runner struct {
	opts Options
	root *os.Root // the install root: every file operation of the transaction resolves in it
	// dirs is the directory cache every package's files are written through (unpack.Dirs),
	// invalidated whenever anything else changes the tree (treeChanged).
	dirs    *unpack.Dirs
	db      *rpmdb.DB
	ids     *idMap
	res     *Result
	counts  map[string]int    // installed instances by name, kept current
	owners  *ownership        // who owns each path, kept current
	digests map[string]string // path -> digest recorded by the packages being replaced
	batch   *rpmdb.Txn        // the open database batch (batch.go)
	batchN  int               // steps in it
	commits int               // batches committed
	// planned holds the decoded headers of the install steps this process just planned
	// (and hashed), so execute does not read and hash every package file again.
	planned map[int]*rpm.Info
	// unpacked is the package writeFiles read last; its step's database phase reuses the
	// headers instead of reading the file once more.
	unpacked     *rpm.Package
	unpackedFile string
	// verified are the packages handed over open and checked, by path (InstallItem.Pkg).
	verified map[string]*Verified
	saved    []string // %config files target saved aside for the package being unpacked
	// elem is the step being executed (from 1; 0 before the first, the steps' count
	// after the last) of total, for Progress.
	elem, total int
	// File triggers (filetriggers.go): the installed packages as the database has them,
	// the ones this transaction installed (keys of live) and the ones it erased.
	live     liveSet
	transNew map[string]bool
	erased   []*rpm.Info
	// Staging ahead (ahead.go): the install steps' headers, the %filetriggerin triggers of
	// the root's and the transaction's packages, the next packages being staged, in step
	// order, and the lock of the owner lookups their goroutines share.
	newInfos   map[int]*rpm.Info
	triggersIn []rpm.FileTrigger
	// classic: some installed package or one of the transaction's has a classic trigger
	// (triggers.go); then no step is staged ahead, as for a scriptlet between steps.
	classic bool
	ahead   []*ahead
	idsMu   sync.Mutex
}

// Run executes a request. An interrupted earlier transaction on the same root is finished
// first. Nothing changes when the request fails its checks (missing files, conflicts).
func Run(ctx context.Context, opts Options, req Request) (*Result, error) {
	r, err := open(ctx, opts)
	if err != nil {
		return nil, err
	}
	defer r.close()
	if !opts.Test {
		if err := r.recover(ctx); err != nil {
			return r.res, err
		}
	}
	done := phases.Start("txn: plan (state, conflicts, journal)")
	j, err := r.plan(ctx, req)
	done()
	if err != nil {
		return r.res, err
	}
	if j == nil {
		return r.res, nil
	}
	defer phases.Start("txn: execute")()
	return r.res, r.execute(ctx, j)
}

// Recover finishes a transaction a crash interrupted, if there is one.
func Recover(ctx context.Context, opts Options) (*Result, error) {
	r, err := open(ctx, opts)
	if err != nil {
		return nil, err
	}
	defer r.close()
	return r.res, r.recover(ctx)
}

// hookKey carries a journal-point hook in a context (WithHook).
type hookKey struct{}

// WithHook returns a context under which every transaction that has no Options.Hook calls
// hook at each journal point. It lets the fault-injection tests stop a transaction that a
// whole command (`nimbus upgrade`) runs, several layers above the Options.
func WithHook(ctx context.Context, hook func(point string)) context.Context {
	return context.WithValue(ctx, hookKey{}, hook)
}

func open(ctx context.Context, opts Options) (*runner, error) {
	if opts.Hook == nil {
		opts.Hook, _ = ctx.Value(hookKey{}).(func(string))
	}
	if opts.Root == "" {
		opts.Root = "/"
	}
	if opts.Runner == nil {
		opts.Runner = ChrootRunner{}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	res := &Result{}
	warn := opts.Warn
	var warnMu sync.Mutex // a package staged ahead warns from its goroutine (unknown owners)
	opts.Warn = func(s string) {
		warnMu.Lock()
		defer warnMu.Unlock()
		res.Warnings = append(res.Warnings, s)
		if warn != nil {
			warn(s)
		}
	}
	rt, err := os.OpenRoot(opts.Root)
	if err != nil {
		return nil, fmt.Errorf("install root: %w", err)
	}
	db := opts.DB
	if db == nil {
		if db, err = rpmdb.Open(opts.Root, opts.DBPath, rpmdb.Options{Write: true, LockWait: opts.LockWait}); err != nil {
			rt.Close()
			return nil, err
		}
	}
	dirs, err := unpack.OpenDirs(opts.Root)
	if err != nil {
		if opts.DB == nil {
			db.Close()
		}
		rt.Close()
		return nil, fmt.Errorf("install root: %w", err)
	}
	r := &runner{opts: opts, root: rt, dirs: dirs, db: db, ids: newIDMap(rt, opts.Warn), res: res}
	r.opts.Runner = treeRunner{opts.Runner, r.treeChanged} // every scriptlet and trigger
	return r, nil
}

func (r *runner) close() {
	if r.opts.DB == nil {
		r.db.Close()
	}
	r.dirs.Close()
	r.root.Close()
}

// treeChanged is called after anything but unpack changed the root's tree (a scriptlet
// ran, files were removed or renamed, tmpfiles.d or sysusers.d applied): the cached
// directories are resolved again, and the next file owner looked up checks /etc/passwd
// and /etc/group again (a %pre's useradd).
func (r *runner) treeChanged() {
	r.dirs.Invalidate()
	r.idsMu.Lock()
	r.ids.stale = true
	r.idsMu.Unlock()
}

// treeRunner is a Runner that reports each scriptlet run as a change of the tree.
type treeRunner struct {
	Runner
	changed func()
}

func (t treeRunner) Run(ctx context.Context, root string, s Script) error {
	defer t.changed()
	return t.Runner.Run(ctx, root, s)
}

func (r *runner) hook(point string) {
	if r.opts.Hook != nil {
		r.opts.Hook(point)
	}
}

// loadState reads the installed packages into the instance counts and the ownership map.
func (r *runner) loadState(ctx context.Context) (map[int64]*installedPkg, error) {
	all, err := r.db.All(dbCtx(ctx))
	if err != nil {
		return nil, err
	}
	r.counts = map[string]int{}
	r.owners = newOwnership()
	byNum := map[int64]*installedPkg{}
	for i := range all {
		info, err := all[i].Info()
		if err != nil {
			return nil, fmt.Errorf("installed package %d: %w", all[i].Num, err)
		}
		p := &installedPkg{num: all[i].Num, hdr: all[i].Header, info: info}
		byNum[p.num] = p
		r.counts[info.Name]++
		r.owners.add(ownerKey(p.num), info)
		r.live.add(ownerKey(p.num), info)
	}
	return byNum, nil
}

type installedPkg struct {
	num  int64
	hdr  *rpm.Header
	info *rpm.Info
}

func ownerKey(num int64) string { return fmt.Sprintf("db:%d", num) }

// openPackage reads a package file's headers and the SHA-256 of the whole file.
func openPackage(file string) (*rpm.Package, *rpm.Info, string, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, "", err
	}
	defer f.Close()
	h := sha256.New()
	p, err := rpm.Read(io.TeeReader(f, h))
	if err != nil {
		return nil, nil, "", fmt.Errorf("%s: %w", file, err)
	}
	info, err := rpm.FromHeader(p.Header)
	if err != nil {
		return nil, nil, "", fmt.Errorf("%s: %w", file, err)
	}
	buf := copyBufs.Get().(*[]byte)
	defer copyBufs.Put(buf)
	// The plain Reader keeps io.CopyBuffer on buf (os.File's WriteTo would allocate its own).
	if _, err := io.CopyBuffer(h, struct{ io.Reader }{f}, *buf); err != nil {
		return nil, nil, "", fmt.Errorf("%s: %w", file, err)
	}
	return p, info, hex.EncodeToString(h.Sum(nil)), nil
}

var copyBufs = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// plan checks the request and writes the journal. It returns nil for an empty request.
func (r *runner) plan(ctx context.Context, req Request) (*journal, error) {
	if len(req.Install) == 0 && len(req.Erase) == 0 {
		return nil, nil
	}
	installed, err := r.loadState(ctx)
	if err != nil {
		return nil, err
	}
	type newPkg struct {
		item InstallItem
		info *rpm.Info
		sum  string
		sha1 string
	}
	var news []*newPkg
	var infos []*rpm.Info
	byInfo := map[*rpm.Info]*newPkg{}
	leaving := map[int64]bool{}
	for _, it := range req.Install {
		var p *rpm.Package
		var info *rpm.Info
		var sum string
		if v := it.Pkg; v != nil {
			p, info, sum, it.File = v.Pkg, v.Info, v.SHA256, v.Path
			if r.verified == nil {
				r.verified = map[string]*Verified{}
			}
			r.verified[v.Path] = v
		} else if p, info, sum, err = openPackage(it.File); err != nil {
			return nil, err
		}
		np := &newPkg{it, info, sum, p.Signature.String(tag.SigSHA1)}
		news = append(news, np)
		infos = append(infos, info)
		byInfo[info] = np
		for _, n := range it.Replaces {
			if installed[n] == nil {
				return nil, fmt.Errorf("%s: replaces package %d, which is not installed", info.NEVRA(), n)
			}
			leaving[n] = true
		}
	}
	for _, n := range req.Erase {
		if installed[n] == nil {
			return nil, fmt.Errorf("erase: package %d is not installed", n)
		}
		leaving[n] = true
	}
	if err := r.checkConflicts(infos, installed, leaving); err != nil {
		return nil, err
	}
	if r.opts.Checked != nil {
		r.opts.Checked()
	}
	if r.opts.Test {
		return nil, nil
	}

	j := &journal{Version: 1, TID: uint32(r.opts.Now().Unix()), NoDocs: r.opts.ExcludeDocs, rt: r.root, path: JournalPath}
	counts := map[string]int{}
	for k, v := range r.counts {
		counts[k] = v
	}
	eraseStep := func(p *installedPkg, upgrade bool) step {
		counts[p.info.Name]--
		return step{Op: "erase", NEVRA: p.info.NEVRA(), SHA1Hdr: p.hdr.String(tag.Sha1header), Num: p.num, Upgrade: upgrade, Arg: counts[p.info.Name]}
	}
	for _, info := range orderPackages(infos) {
		np := byInfo[info]
		counts[info.Name]++
		if r.planned == nil {
			r.planned = map[int]*rpm.Info{}
		}
		r.planned[len(j.Steps)] = info
		reps := append([]int64(nil), np.item.Replaces...)
		sort.Slice(reps, func(a, b int) bool { return reps[a] < reps[b] })
		j.Steps = append(j.Steps, step{Op: "install", NEVRA: info.NEVRA(), File: np.item.File, SHA256: np.sum, SHA1Hdr: np.sha1, Arg: counts[info.Name], Replaces: reps})
		of := len(j.Steps)
		for _, n := range reps {
			st := eraseStep(installed[n], true)
			st.Of = of
			j.Steps = append(j.Steps, st)
		}
	}
	// Pure erasures last, each before what it requires.
	var erased []*rpm.Info
	byErased := map[*rpm.Info]*installedPkg{}
	for _, n := range req.Erase {
		erased = append(erased, installed[n].info)
		byErased[installed[n].info] = installed[n]
	}
	ord := orderPackages(erased)
	for i := len(ord) - 1; i >= 0; i-- {
		j.Steps = append(j.Steps, eraseStep(byErased[ord[i]], false))
	}
	if err := j.save(); err != nil {
		return nil, fmt.Errorf("writing the transaction journal: %w", err)
	}
	r.hook("planned")
	return j, nil
}

// recover finishes the journal's transaction if one was interrupted.
func (r *runner) recover(ctx context.Context) error {
	j, err := loadJournal(r.root)
	if err != nil || j == nil {
		return err
	}
	r.res.Recovered = true
	r.opts.Warn(fmt.Sprintf("finishing an interrupted transaction (%d steps)", len(j.Steps)))
	// Scriptlet files of the killed run: nobody else writes them while we hold the lock.
	if _, err := cleanScriptTmp(r.root); err != nil {
		r.opts.Warn(fmt.Sprintf("removing scriptlet files the interrupted transaction left in /%s: %v", ScriptTmpDir, err))
	}
	return r.execute(ctx, j)
}

// execute runs (or resumes) the journal's steps.
func (r *runner) execute(ctx context.Context, j *journal) error {
	defer r.abort(j)
	defer r.dropAhead()
	installed, err := r.loadState(ctx)
	if err != nil {
		return err
	}
	// Digests of files of the packages being replaced, for %config decisions.
	r.digests = map[string]string{}
	bySHA1 := map[string]*installedPkg{}
	for _, p := range installed {
		bySHA1[p.hdr.String(tag.Sha1header)] = p
	}
	// erasing finds an erase step's package: by number (a reinstall's old and new rows share
	// their SHA1HEADER), by SHA1HEADER in journals written before numbers were recorded.
	erasing := func(s step) *installedPkg {
		if s.Num != 0 {
			if p := installed[s.Num]; p != nil && p.hdr.String(tag.Sha1header) == s.SHA1Hdr {
				return p
			}
			return nil
		}
		return bySHA1[s.SHA1Hdr]
	}
	for _, s := range j.Steps {
		if s.Op == "erase" && s.Upgrade {
			if p := erasing(s); p != nil {
				for _, f := range p.info.Files {
					r.digests[f.Path] = f.Digest
				}
			}
		}
	}
	// The packages this transaction installs own their paths from the start, so erasing a
	// replaced version never removes a file its successor ships.
	newInfos := map[int]*rpm.Info{}
	for i, s := range j.Steps {
		if s.Op != "install" {
			continue
		}
		if info := r.planned[i]; info != nil {
			newInfos[i] = info // read and hashed by plan, moments ago
			r.owners.add("new:"+s.SHA1Hdr, info)
			continue
		}
		_, info, sum, err := openPackage(s.File)
		if err == nil && sum != s.SHA256 {
			err = fmt.Errorf("%s changed since the transaction started (sha256 %s, want %s)", s.File, sum, s.SHA256)
		}
		if err != nil {
			// Recovery without the package file (a cleaned cache): a step past its database
			// phase only misses its scriptlets; an earlier one cannot finish and fails, as
			// with a failing %pre, so the root is never wedged on a file that is gone.
			if phaseAfter(s.Phase, phaseDB) {
				r.opts.Warn(fmt.Sprintf("%s: scriptlets not run: %v", s.NEVRA, err))
				continue
			}
			if s.Phase == phaseFiles {
				r.opts.Warn(fmt.Sprintf("%s: its files were written but it cannot be recorded: %v", s.NEVRA, err))
			}
			j.Steps[i].Failed = "cannot finish the interrupted install: " + err.Error()
			if err := j.setPhase(i, phaseDone); err != nil {
				return err
			}
			continue
		}
		newInfos[i] = info
		r.owners.add("new:"+s.SHA1Hdr, info)
	}

	r.newInfos, r.triggersIn = newInfos, r.triggersInOf(newInfos)
	r.classic = r.anyClassicTriggers(newInfos)
	r.transNew = map[string]bool{}
	for _, s := range j.Steps {
		if s.Op != "install" {
			continue
		}
		if s.Failed == "" && phaseAfter(s.Phase, phaseDB) {
			if p := bySHA1[s.SHA1Hdr]; p != nil {
				r.transNew[ownerKey(p.num)] = true // recorded by the run a crash interrupted
			}
		}
	}
	r.total = len(j.Steps)
	if !j.PretransDone {
		r.progress(Progress{Kind: ProgressPrepare, Done: 1, Total: 1})
		for i, s := range j.Steps {
			if s.Op == "install" && s.Phase == phasePending {
				r.script(ctx, newInfos[i], rpm.PreTrans, s.Arg)
			}
		}
		erasingKeys := map[string]bool{}
		for _, s := range j.Steps {
			if p := erasing(s); s.Op == "erase" && s.Phase == phasePending && p != nil {
				erasingKeys[ownerKey(p.num)] = true
			}
		}
		r.transFileTriggersUn(ctx, erasingKeys)
		if err := j.setFlag("pretrans"); err != nil {
			return err
		}
	}
	for i := range j.Steps {
		s := &j.Steps[i]
		if s.Phase == phaseDone {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err // stopped between steps (the database statements do not watch ctx, dbCtx); the journal finishes it
		}
		if s.Of > 0 && j.Steps[s.Of-1].Failed != "" {
			s.Failed = "not replaced: " + j.Steps[s.Of-1].NEVRA + " was not installed"
			if err := j.setPhase(i, phaseDone); err != nil {
				return err
			}
			continue
		}
		var err error
		r.elem = i + 1
		if s.Op == "install" {
			err = r.install(ctx, j, i, newInfos[i])
		} else {
			err = r.erase(ctx, j, i, erasing(*s))
		}
		if err != nil {
			return err
		}
	}
	done := phases.Start("txn: rpmdb commit")
	err = r.commit(j)
	done()
	if err != nil {
		return err
	}
	var failed []string
	for _, s := range j.Steps {
		if s.Failed != "" && s.Of == 0 {
			failed = append(failed, s.NEVRA+": "+s.Failed)
		}
	}
	r.elem = len(j.Steps)
	if !j.PosttransDone {
		for i, s := range j.Steps {
			if s.Op == "install" {
				r.script(ctx, newInfos[i], rpm.PostTrans, s.Arg)
			}
		}
		if err := j.setFlag("posttrans"); err != nil {
			return err
		}
	}
	if !j.TransTriggersDone {
		r.transFileTriggers(ctx, r.transNew, r.erased)
		if err := j.setFlag("transtriggers"); err != nil {
			return err
		}
	}
	r.hook("finished")
	if err := j.remove(); err != nil {
		return err
	}
	if len(failed) > 0 {
		return &StepError{Failed: failed}
	}
	return nil
}

// StepError reports packages a failing %pre or %preun kept out of (or in) the system; the
// rest of the transaction completed.
type StepError struct{ Failed []string }

func (e *StepError) Error() string {
	s := "some packages were not changed:"
	for _, f := range e.Failed {
		s += "\n  " + f
	}
	return s
}

// progress reports an event to Options.Progress.
func (r *runner) progress(p Progress) {
	if r.opts.Progress != nil {
		r.opts.Progress(p)
	}
}

// script runs one scriptlet slot of a package if it has one. Failures of anything but
// %pre and %preun are warnings, as in rpm.
func (r *runner) script(ctx context.Context, info *rpm.Info, kind rpm.ScriptKind, arg int) error {
	if r.opts.NoScripts || info == nil {
		return nil
	}
	for _, s := range info.Scripts {
		if s.Kind != kind {
			continue
		}
		r.progress(Progress{Kind: ProgressScript, NEVRA: info.NEVRA(), Done: r.elem, Total: r.total})
		done := phases.Start("txn: scriptlets")
		err := r.opts.Runner.Run(ctx, r.opts.Root, Script{Package: info.NEVRA(), Kind: kind, Interp: s.Interp, Body: s.Body, Arg: arg})
		done()
		if errors.Is(err, ErrLua) {
			r.opts.Warn(fmt.Sprintf("%s scriptlet of %s skipped: %v", kind, info.NEVRA(), err))
			return nil
		}
		if err != nil && kind != rpm.Pre && kind != rpm.PreUn {
			r.opts.Warn(err.Error())
			return nil
		}
		return err
	}
	return nil
}
