package txn

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"sort"
	"strings"
	"syscall"

	"github.com/nimbus-linux/nimbus/internal/phases"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
	"github.com/nimbus-linux/nimbus/internal/rpmdb"
	"github.com/nimbus-linux/nimbus/internal/unpack"
)

// ownership maps each path to the packages that own it (installed ones as "db:N", the ones
// this transaction installs as "new:SHA1").
type ownership struct {
	byPath map[string]map[string]*rpm.File
}

func newOwnership() *ownership { return &ownership{byPath: map[string]map[string]*rpm.File{}} }

func (o *ownership) add(key string, info *rpm.Info) {
	for i := range info.Files {
		f := &info.Files[i]
		m := o.byPath[f.Path]
		if m == nil {
			m = map[string]*rpm.File{}
			o.byPath[f.Path] = m
		}
		m[key] = f
	}
}

func (o *ownership) remove(key string, info *rpm.Info) {
	for _, f := range info.Files {
		delete(o.byPath[f.Path], key)
	}
}

// others reports whether a package other than key owns path.
func (o *ownership) others(key, p string) bool {
	for k := range o.byPath[p] {
		if k != key {
			return true
		}
	}
	return false
}

// identical reports whether two packages may share a path: directories with the same mode,
// or files with the same type, mode, content and link target (rpm's rule; colored multilib
// files are not handled).
func identical(a, b *rpm.File) bool {
	if a.IsDir() && b.IsDir() {
		return true
	}
	return a.Mode == b.Mode && a.Digest == b.Digest && a.LinkTo == b.LinkTo
}

// checkConflicts finds paths two packages would both own with different contents: a new
// package against installed ones that stay, and new packages against each other. %ghost
// files never conflict.
func (r *runner) checkConflicts(news []*rpm.Info, installed map[int64]*installedPkg, leaving map[int64]bool) error {
	var conflicts []string
	type owner struct {
		nevra string
		f     *rpm.File
	}
	seen := map[string]owner{}
	for _, info := range news {
		for i := range info.Files {
			f := &info.Files[i]
			if f.IsGhost() {
				continue
			}
			for k, g := range r.owners.byPath[f.Path] {
				var num int64
				fmt.Sscanf(k, "db:%d", &num)
				if leaving[num] || g.IsGhost() || identical(f, g) {
					continue
				}
				conflicts = append(conflicts, fmt.Sprintf("file %s from install of %s conflicts with file from package %s", f.Path, info.NEVRA(), installed[num].info.NEVRA()))
			}
			if o, ok := seen[f.Path]; ok && !identical(f, o.f) {
				conflicts = append(conflicts, fmt.Sprintf("file %s from install of %s conflicts with file from install of %s", f.Path, info.NEVRA(), o.nevra))
			}
			seen[f.Path] = owner{info.NEVRA(), f}
		}
	}
	if len(conflicts) > 0 {
		sort.Strings(conflicts)
		return &ConflictError{conflicts}
	}
	return nil
}

// install runs one install step from its journal phase onwards.
func (r *runner) install(ctx context.Context, j *journal, i int, info *rpm.Info) error {
	s := &j.Steps[i]
	if !phaseAfter(s.Phase, phaseScript1) {
		r.hook("install:" + s.NEVRA + ":pre")
		if err := r.flushFor(j, info, rpm.Pre); err != nil {
			return err
		}
		if err := r.flushForClassic(j, rpm.TriggerPreIn, info); err != nil {
			return err
		}
		r.classicTriggers(ctx, rpm.TriggerPreIn, info, 0, true, false)
		if err := r.script(ctx, info, rpm.Pre, s.Arg); err != nil {
			s.Failed = err.Error()
			return j.setPhase(i, phaseDone)
		}
		if err := j.setPhase(i, phaseScript1); err != nil {
			return err
		}
	}
	if !phaseAfter(s.Phase, phaseFiles) {
		r.hook("install:" + s.NEVRA + ":files")
		r.createAccounts(s.File, info) // sysconf.go: %sysusers_create_package's place
		r.saved = r.saved[:0]
		done := phases.Start("txn: unpack files")
		err := r.writeFiles(s.File, info, notInstalled(info, j.NoDocs))
		done()
		if err != nil {
			// None of the package's files is in place (unpack stages them all and renames
			// only when every one was written): the package fails as with a failing %pre,
			// the versions it replaces stay, the rest of the transaction goes on.
			r.unsave()
			r.owners.remove("new:"+s.SHA1Hdr, info)
			s.Failed = err.Error()
			return j.setPhase(i, phaseDone)
		}
		if err := j.setPhase(i, phaseFiles); err != nil {
			return err
		}
		r.stageAhead(j, i) // the next package's files staged while this one is recorded
	}
	if !phaseAfter(s.Phase, phaseDB) {
		r.hook("install:" + s.NEVRA + ":db")
		done := phases.Start("txn: rpmdb rows")
		num, err := r.addToDB(ctx, j, s, info)
		done()
		if err != nil {
			return fmt.Errorf("installing %s: %w", s.NEVRA, err)
		}
		r.live.add(ownerKey(num), info) // the database has it now: file triggers see it
		r.transNew[ownerKey(num)] = true
		if err := j.setPhase(i, phaseDB); err != nil {
			return err
		}
		if r.batchN >= maxBatch {
			if err := r.commit(j); err != nil {
				return err
			}
		}
	}
	r.hook("install:" + s.NEVRA + ":post")
	r.progress(Progress{Kind: ProgressElement, Op: "install", NEVRA: s.NEVRA, Done: r.elem, Total: r.total})
	if err := r.flushFor(j, info, rpm.Post); err != nil {
		return err
	}
	key := r.liveKey(info)
	if err := r.flushForTriggers(j, rpm.FileTriggerIn, key, info); err != nil {
		return err
	}
	r.fileTriggersIn(ctx, key, info, true)
	r.createTmpfiles(info) // sysconf.go: %tmpfiles_create's place, at the start of %post
	r.script(ctx, info, rpm.Post, s.Arg)
	if err := r.flushForClassic(j, rpm.TriggerIn, info); err != nil {
		return err
	}
	r.classicTriggers(ctx, rpm.TriggerIn, info, 0, true, false)
	r.fileTriggersIn(ctx, key, info, false)
	r.res.Installed = append(r.res.Installed, s.NEVRA)
	return j.setPhase(i, phaseDone)
}

// writeFiles unpacks a package into the root, deciding per file where it goes: stages
// its files (or takes them staged ahead, ahead.go) and renames them into place.
func (r *runner) writeFiles(file string, info *rpm.Info, skip map[string]bool) error {
	st, p, err := r.takeAhead(file)
	if st == nil && err == nil {
		st, p, err = r.stage(file, info, skip)
	}
	if err != nil {
		return err
	}
	r.unpacked, r.unpackedFile = p, file
	done := phases.Start("txn: unpack files, renames")
	_, err = st.Commit()
	done()
	return err
}

// stage writes a package's files under their temporary names (unpack.Stage).
func (r *runner) stage(file string, info *rpm.Info, skip map[string]bool) (*unpack.Staged, *rpm.Package, error) {
	var p *rpm.Package
	var err error
	if v := r.verified[file]; v != nil {
		if p, err = v.payload(); err != nil { // the checked file, from its descriptor
			return nil, nil, err
		}
	} else {
		f, oerr := os.Open(file)
		if oerr != nil {
			return nil, nil, oerr
		}
		defer f.Close()
		if p, err = rpm.Read(f); err != nil {
			return nil, nil, err
		}
	}
	targets := map[string]string{}
	for i := range info.Files {
		pf := &info.Files[i]
		if skip[pf.Path] {
			targets[pf.Path] = "" // not installed (--nodocs)
			continue
		}
		t, err := r.target(pf)
		if err != nil {
			return nil, nil, err
		}
		targets[pf.Path] = t
	}
	st, err := unpack.Stage(file, p, info, r.opts.Root, unpack.Options{
		Target: func(f *rpm.File) string { return targets[f.Path] },
		Owner: func(f *rpm.File) (int, int) {
			r.idsMu.Lock()
			defer r.idsMu.Unlock()
			return r.ids.lookup(f.User, f.Group)
		},
		Caps: true,
		Written: func(f *rpm.File) {
			if f.Path == "/etc/passwd" || f.Path == "/etc/group" {
				r.idsMu.Lock()
				r.ids.stale = true
				r.idsMu.Unlock()
			}
			r.hook("install:" + info.NEVRA() + ":wrote:" + f.Path)
		},
		Dirs: r.dirs,
	})
	if err != nil {
		return nil, nil, err
	}
	return st, p, nil
}

// target decides where a package file is written: at its path, at path.rpmnew (a
// %config(noreplace) file the administrator changed), or at its path after the changed file
// was saved as .rpmsave (plain %config) or .rpmorig (a file no package owned). Every look at
// the file on disk resolves inside the root (r.root): a symlink cannot lead it out.
func (r *runner) target(f *rpm.File) (string, error) {
	rel := strings.TrimPrefix(path.Clean(f.Path), "/")
	if f.Flags&tag.FileConfig == 0 || !f.IsRegular() {
		return rel, nil
	}
	fi, err := r.root.Lstat(rel)
	if errors.Is(err, fs.ErrNotExist) || isEscape(err) {
		return rel, nil // nothing there (unpack refuses a path that leads out of the root)
	}
	if err != nil {
		return "", err
	}
	if !fi.Mode().IsRegular() {
		return rel, nil
	}
	sum, err := fileDigest(r.root, rel)
	if err != nil {
		return "", err
	}
	old, owned := r.digests[f.Path]
	if !owned {
		for k, g := range r.owners.byPath[f.Path] {
			if k[:3] == "db:" {
				old, owned = g.Digest, true
			}
		}
	}
	if sum == f.Digest || (owned && sum == old) {
		return rel, nil // unchanged by the administrator, or already the new content
	}
	if owned && old == f.Digest {
		// The administrator changed the file and the package did not (a reinstall, or an
		// upgrade that ships the same content): theirs stays, nothing is written beside it
		// (rpm's FA_SKIP).
		return "", nil
	}
	if f.Flags&tag.FileNoReplace != 0 {
		r.opts.Warn(fmt.Sprintf("%s created as %s.rpmnew", f.Path, f.Path))
		return rel + ".rpmnew", nil
	}
	suffix := ".rpmsave"
	if !owned {
		suffix = ".rpmorig"
	}
	err = r.root.Rename(rel, rel+suffix)
	r.treeChanged()
	if err != nil {
		return "", err
	}
	r.saved = append(r.saved, rel)
	r.opts.Warn(fmt.Sprintf("%s saved as %s%s", f.Path, f.Path, suffix))
	return rel, nil
}

// unsave puts back the changed %config files target saved as .rpmsave/.rpmorig for a
// package whose files then failed to go in.
func (r *runner) unsave() {
	if len(r.saved) > 0 {
		defer r.treeChanged()
	}
	for _, rel := range r.saved {
		for _, suffix := range []string{".rpmsave", ".rpmorig"} {
			if _, err := r.root.Lstat(rel); errors.Is(err, fs.ErrNotExist) {
				if r.root.Rename(rel+suffix, rel) == nil {
					break
				}
			}
		}
	}
	r.saved = r.saved[:0]
}

// isEscape reports whether an os.Root operation failed because the path leads out of the
// root (through an absolute symlink, or `..` past the root). os does not export the error;
// its text is part of Go's compatibility promise no more than any error text, so a test
// (TestSymlinksOutOfRoot) pins it.
func isEscape(err error) bool {
	return err != nil && strings.HasSuffix(err.Error(), "path escapes from parent")
}

// fileDigest is the SHA-256 of a file inside the root.
func fileDigest(rt *os.Root, rel string) (string, error) {
	f, err := rt.Open(rel)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// addToDB records the package in the open database batch, unless a previous run already
// did (resume after a crash).
func (r *runner) addToDB(ctx context.Context, j *journal, s *step, info *rpm.Info) (int64, error) {
	tx, err := r.dbTxn(ctx, j)
	if err != nil {
		return 0, err
	}
	nums, err := tx.Sha1headerNums(dbCtx(ctx), s.SHA1Hdr)
	if err != nil {
		return 0, err
	}
	for _, n := range nums {
		if !slices.Contains(s.Replaces, n) {
			return n, nil // added by the run a crash interrupted
		}
	}
	p := r.unpacked
	if p == nil || r.unpackedFile != s.File {
		f, err := os.Open(s.File)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		if p, err = rpm.Read(f); err != nil {
			return 0, err
		}
	}
	r.unpacked, r.unpackedFile = nil, ""
	now := uint32(r.opts.Now().Unix())
	blob, err := rpmdb.HeaderBlob(p, rpmdb.InstallData{Time: now, TID: j.TID, Color: color(p.Header.String(tag.Arch)),
		FileStates: fileStates(info, notInstalled(info, j.NoDocs))})
	if err != nil {
		return 0, err
	}
	return tx.Add(dbCtx(ctx), blob)
}

// color is rpm's transaction color on this architecture (%_transaction_color).
func color(arch string) uint32 {
	switch arch {
	case "x86_64", "aarch64", "ppc64le", "s390x":
		return 3
	}
	return 0
}

// erase runs one erase step from its journal phase onwards. p is nil when a previous run
// already removed the package from the database.
func (r *runner) erase(ctx context.Context, j *journal, i int, p *installedPkg) error {
	s := &j.Steps[i]
	if p == nil {
		// The database removal committed and the process died before the journal said so;
		// it comes only after the files phase.
		if !phaseAfter(s.Phase, phaseFiles) {
			return fmt.Errorf("erasing %s: not in the database, but the journal says its files were not removed yet", s.NEVRA)
		}
		r.res.Erased = append(r.res.Erased, s.NEVRA)
		return j.setPhase(i, phaseDone) // %postun needs the header, which is gone: as rpm after a crash
	}
	key := ownerKey(p.num)
	if !phaseAfter(s.Phase, phaseScript1) {
		r.hook("erase:" + s.NEVRA + ":preun")
		if err := r.flushFor(j, p.info, rpm.PreUn); err != nil {
			return err
		}
		if err := r.flushForTriggers(j, rpm.FileTriggerUn, key, p.info); err != nil {
			return err
		}
		r.fileTriggersUn(ctx, key, p.info, true)
		if err := r.flushForClassic(j, rpm.TriggerUn, p.info); err != nil {
			return err
		}
		r.classicTriggers(ctx, rpm.TriggerUn, p.info, -1, true, true)
		if err := r.script(ctx, p.info, rpm.PreUn, s.Arg); err != nil {
			s.Failed = err.Error()
			return j.setPhase(i, phaseDone)
		}
		r.fileTriggersUn(ctx, key, p.info, false)
		if err := j.setPhase(i, phaseScript1); err != nil {
			return err
		}
	}
	if !phaseAfter(s.Phase, phaseFiles) {
		r.hook("erase:" + s.NEVRA + ":files")
		if err := r.removeFiles(key, p.info); err != nil {
			return fmt.Errorf("erasing %s: %w", s.NEVRA, err)
		}
		if err := j.setPhase(i, phaseFiles); err != nil {
			return err
		}
		r.stageAhead(j, i) // the next package's files staged while this one is recorded
	}
	if !phaseAfter(s.Phase, phaseDB) {
		r.hook("erase:" + s.NEVRA + ":db")
		tx, err := r.dbTxn(ctx, j)
		if err != nil {
			return err
		}
		if err := tx.Remove(dbCtx(ctx), p.num); err != nil {
			return fmt.Errorf("erasing %s: %w", s.NEVRA, err)
		}
		if err := j.setPhase(i, phaseDB); err != nil {
			return err
		}
		if r.batchN >= maxBatch {
			if err := r.commit(j); err != nil {
				return err
			}
		}
	}
	r.owners.remove(key, p.info)
	r.live.remove(key)
	r.erased = append(r.erased, p.info)
	r.hook("erase:" + s.NEVRA + ":postun")
	r.progress(Progress{Kind: ProgressElement, Op: "erase", NEVRA: s.NEVRA, Num: p.num, Done: r.elem, Total: r.total})
	if err := r.flushFor(j, p.info, rpm.PostUn); err != nil {
		return err
	}
	if err := r.flushForTriggers(j, rpm.FileTriggerPostUn, key, p.info); err != nil {
		return err
	}
	r.fileTriggersPostUn(ctx, key, p.info, true)
	r.script(ctx, p.info, rpm.PostUn, s.Arg)
	if err := r.flushForClassic(j, rpm.TriggerPostUn, p.info); err != nil {
		return err
	}
	r.classicTriggers(ctx, rpm.TriggerPostUn, p.info, 0, false, false)
	r.fileTriggersPostUn(ctx, key, p.info, false)
	r.res.Erased = append(r.res.Erased, s.NEVRA)
	return j.setPhase(i, phaseDone)
}

// removeFiles deletes the package's files that no other package owns, deepest first;
// modified %config files are kept as .rpmsave; directories go only when empty. Every
// operation resolves inside the root: a path that a symlink leads out of the root is left
// alone, as rpm (which works chrooted) finds nothing there. A file that cannot be removed
// (an immutable file, a busy mount point) is a warning, as in rpm (without
// %_erasure_strict): the erase goes on, and a failure can never wedge the root.
func (r *runner) removeFiles(key string, info *rpm.Info) error {
	defer r.treeChanged() // directories removed: none stays cached
	files := append([]rpm.File(nil), info.Files...)
	sort.Slice(files, func(a, b int) bool { return files[a].Path > files[b].Path })
	failed := func(f *rpm.File, what string, err error) {
		r.opts.Warn(fmt.Sprintf("%s %s: %s failed: %v", info.NEVRA(), f.Path, what, err))
	}
	for i := range files {
		f := &files[i]
		if r.owners.others(key, f.Path) {
			continue
		}
		p := strings.TrimPrefix(path.Clean(f.Path), "/")
		if p == "" {
			continue
		}
		fi, err := r.root.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if isEscape(err) {
			r.opts.Warn(fmt.Sprintf("%s not removed: a symlink leads it out of the install root", f.Path))
			continue
		}
		if err != nil {
			failed(f, "lstat", err)
			continue
		}
		switch {
		case fi.IsDir():
			if err := r.root.Remove(p); err != nil && !isNotEmpty(err) {
				failed(f, "rmdir", err)
			}
		case f.Flags&tag.FileConfig != 0 && fi.Mode().IsRegular() && !f.IsGhost():
			sum, err := fileDigest(r.root, p)
			if err != nil {
				failed(f, "digest", err)
				continue
			}
			if sum != f.Digest {
				if err := r.root.Rename(p, p+".rpmsave"); err != nil {
					failed(f, "rename to .rpmsave", err)
					continue
				}
				r.opts.Warn(fmt.Sprintf("%s saved as %s.rpmsave", f.Path, f.Path))
				continue
			}
			if err := r.root.Remove(p); err != nil {
				failed(f, "remove", err)
			}
		default:
			if err := r.root.Remove(p); err != nil {
				failed(f, "remove", err)
			}
		}
	}
	return nil
}

func isNotEmpty(err error) bool {
	return errors.Is(err, syscall.ENOTEMPTY) || errors.Is(err, syscall.EEXIST)
}
