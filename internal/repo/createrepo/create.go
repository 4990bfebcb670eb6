// Package createrepo indexes a directory of RPM packages into rpm-md metadata the way
// createrepo_c does (primary, filelists and other, named by checksum, listed in
// repomd.xml), reading the packages in parallel. Output is reproducible: packages are
// ordered by location, and every timestamp comes from Options.Time.
package createrepo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/repomd"
)

// Signer signs repomd.xml (implemented by *sign.Signer).
type Signer interface {
	ArmoredDetachSign(data []byte, at time.Time) ([]byte, error)
}

// Options control Create.
type Options struct {
	// Compress is the compression of the metadata files (gzip by default, or zstd).
	Compress compress.Kind
	// Update reuses the entries of the existing metadata for files whose size, mtime and
	// checksum are unchanged.
	Update bool
	// Signer, when set, writes repodata/repomd.xml.asc.
	Signer Signer
	// Time is the repository's revision and timestamp (the zero Time means now, as
	// createrepo_c does). With Clamp set (SOURCE_DATE_EPOCH given) package file times
	// newer than Time are recorded as Time.
	Time  time.Time
	Clamp bool
	// Workers bounds the parallel package readers (0: the number of CPUs).
	Workers int
	// Updateinfo, when set, is an uncompressed updateinfo.xml to publish with the
	// metadata (what modifyrepo_c does); it is checked with repomd.ReadUpdateinfo first.
	Updateinfo []byte
	// UpdateinfoFor, when set, is called with the indexed packages and returns the
	// updateinfo.xml to publish (nil: none), so advisories can be checked against and
	// rendered for exactly the repository's packages. It replaces Updateinfo.
	UpdateinfoFor func(pkgs []*repomd.Package) ([]byte, error)
	// SkipUnreadable leaves out a package that cannot be opened or parsed and reports it
	// in Result.Skipped, as createrepo_c does ("Cannot read package", exit 0); without it
	// such a package is an error (what release publishing wants).
	SkipUnreadable bool
	// Zck also writes every document as zchunk (<type>_zck records), as
	// createrepo_c --zck (and modifyrepo_c --zck for updateinfo) does.
	Zck bool
	// Groupfile, when set, is a comps file published as the "group" and "group_gz"
	// records (createrepo_c -g/--groupfile); GroupfileName names it (comps.xml by default).
	Groupfile     []byte
	GroupfileName string
}

// Skipped is a package file SkipUnreadable left out.
type Skipped struct {
	Href string
	Err  error
}

// Result reports what Create did.
type Result struct {
	Packages int
	Reused   int
	Skipped  []Skipped
	Repomd   *repomd.Repomd
}

// Create indexes the RPMs under dir (recursively, skipping repodata) and replaces
// dir/repodata atomically.
func Create(ctx context.Context, dir string, opts Options) (*Result, error) {
	if opts.Compress == compress.None {
		opts.Compress = compress.Gzip
	}
	if opts.Time.IsZero() {
		opts.Time = time.Now()
	}
	if opts.Compress != compress.Gzip && opts.Compress != compress.Zstd && opts.Compress != compress.Xz {
		return nil, fmt.Errorf("metadata compression %q: want gzip, zstd or xz", opts.Compress)
	}
	if opts.Updateinfo != nil {
		if err := repomd.ReadUpdateinfo(bytes.NewReader(opts.Updateinfo), func(*repomd.Update) error { return nil }); err != nil {
			return nil, err
		}
	}
	if opts.Groupfile != nil { // checked before any package is read
		if _, _, err := groupRecords(opts.GroupfileName, opts.Groupfile, opts.Compress, 0); err != nil {
			return nil, err
		}
	}
	files, err := findRPMs(dir)
	if err != nil {
		return nil, err
	}
	var old map[string]*repomd.Package
	if opts.Update {
		old, err = loadExisting(dir)
		if err != nil {
			return nil, fmt.Errorf("--update: reading the existing metadata of %s: %w", dir, err)
		}
	}
	pkgs, reused, skipped, err := readAll(ctx, dir, files, old, opts)
	if err != nil {
		return nil, err
	}
	if opts.UpdateinfoFor != nil {
		if opts.Updateinfo, err = opts.UpdateinfoFor(pkgs); err != nil {
			return nil, err
		}
		if opts.Updateinfo != nil {
			if err := repomd.ReadUpdateinfo(bytes.NewReader(opts.Updateinfo), func(*repomd.Update) error { return nil }); err != nil {
				return nil, err
			}
		}
	}
	rm, err := write(dir, pkgs, opts)
	if err != nil {
		return nil, err
	}
	return &Result{Packages: len(pkgs), Reused: reused, Skipped: skipped, Repomd: rm}, nil
}

// findRPMs lists the *.rpm files under dir as slash-separated relative paths, ordered as
// createrepo_c orders its packages: by file name, then by path.
func findRPMs(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != dir && (d.Name() == "repodata" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(d.Name(), ".rpm") && d.Type().IsRegular() {
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing packages in %s: %w", dir, err)
	}
	sort.Slice(out, func(i, j int) bool {
		bi, bj := path.Base(out[i]), path.Base(out[j])
		if bi != bj {
			return bi < bj
		}
		return out[i] < out[j]
	})
	return out, nil
}

func readAll(ctx context.Context, dir string, files []string, old map[string]*repomd.Package, opts Options) ([]*repomd.Package, int, []Skipped, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	pkgs := make([]*repomd.Package, len(files))
	reusedFlags := make([]bool, len(files))
	errs := make([]error, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				pkgs[i], reusedFlags[i], errs[i] = readOne(dir, files[i], old[files[i]], opts)
			}
		}()
	}
	for i := range files {
		select {
		case next <- i:
		case <-ctx.Done():
			close(next)
			wg.Wait()
			return nil, 0, nil, ctx.Err()
		}
	}
	close(next)
	wg.Wait()
	reused := 0
	var skipped []Skipped
	kept := pkgs[:0]
	for i := range files {
		if errs[i] != nil {
			if !opts.SkipUnreadable {
				return nil, 0, nil, errs[i]
			}
			skipped = append(skipped, Skipped{Href: files[i], Err: errs[i]})
			continue
		}
		if reusedFlags[i] {
			reused++
		}
		kept = append(kept, pkgs[i])
	}
	return kept, reused, skipped, nil
}

func readOne(dir, href string, prev *repomd.Package, opts Options) (*repomd.Package, bool, error) {
	name := filepath.Join(dir, filepath.FromSlash(href))
	f, err := os.Open(name)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, false, err
	}
	mtime := fi.ModTime().Unix()
	if opts.Clamp && mtime > opts.Time.Unix() {
		mtime = opts.Time.Unix()
	}
	if prev != nil && prev.SizePackage == fi.Size() && prev.TimeFile == mtime && prev.ChecksumType == "sha256" {
		sum, err := fileSHA256(f)
		if err != nil {
			return nil, false, fmt.Errorf("reading %s: %w", name, err)
		}
		if sum == prev.PkgID {
			return prev, true, nil
		}
		if _, err := f.Seek(0, 0); err != nil {
			return nil, false, err
		}
	}
	p, err := FromFile(f, fi.Size(), mtime, href)
	return p, false, err
}

// write formats the three documents, writes them into a fresh directory and swaps it in
// for dir/repodata.
// WriteMetadata writes rpm-md metadata for pkgs (already described, e.g. by FromFile)
// into dir/repodata, replacing it atomically, as Create does after reading the package
// files: for generators whose packages are not all files on disk (the large-repository
// benchmark). Packages are written in the given order.
func WriteMetadata(dir string, pkgs []*repomd.Package, opts Options) (*repomd.Repomd, error) {
	if opts.Compress == compress.None {
		opts.Compress = compress.Gzip
	}
	if opts.Time.IsZero() {
		opts.Time = time.Now() // as Create
	}
	return write(dir, pkgs, opts)
}

func write(dir string, pkgs []*repomd.Package, opts Options) (*repomd.Repomd, error) {
	ts := opts.Time.Unix()
	format := func(head []byte, add func([]byte, *repomd.Package) []byte, foot string) []byte {
		b := head
		for _, p := range pkgs {
			b = add(b, p)
		}
		return append(b, foot...)
	}
	var prim, fl, oth []byte
	var fwg sync.WaitGroup
	fwg.Add(2)
	go func() {
		defer fwg.Done()
		fl = format(repomd.FilelistsHeader(len(pkgs)), repomd.AppendFilelists, repomd.FilelistsFooter)
	}()
	go func() {
		defer fwg.Done()
		oth = format(repomd.OtherHeader(len(pkgs)), repomd.AppendOther, repomd.OtherFooter)
	}()
	prim = format(repomd.PrimaryHeader(len(pkgs)), repomd.AppendPrimary, repomd.PrimaryFooter)
	fwg.Wait()

	tmp, err := os.MkdirTemp(dir, ".repodata.tmp-")
	if err != nil {
		return nil, fmt.Errorf("writing metadata of %s: %w", dir, err)
	}
	defer os.RemoveAll(tmp)
	rm := &repomd.Repomd{Revision: strconv.FormatInt(ts, 10)}
	type doc struct {
		typ  string
		data []byte
		zck  bool
		rec  repomd.Data
		comp []byte
		err  error
	}
	// The order of createrepo_c --zck then modifyrepo_c --zck: primary,
	// filelists, other, their _zck records, updateinfo, updateinfo_zck.
	docs := []doc{{typ: "primary", data: prim}, {typ: "filelists", data: fl}, {typ: "other", data: oth}}
	if opts.Zck {
		docs = append(docs, doc{typ: "primary", data: prim, zck: true}, doc{typ: "filelists", data: fl, zck: true}, doc{typ: "other", data: oth, zck: true})
	}
	if opts.Updateinfo != nil {
		docs = append(docs, doc{typ: "updateinfo", data: opts.Updateinfo})
		if opts.Zck {
			docs = append(docs, doc{typ: "updateinfo", data: opts.Updateinfo, zck: true})
		}
	}
	var wg sync.WaitGroup
	for i := range docs {
		wg.Add(1)
		go func() { // the documents compress in parallel
			defer wg.Done()
			d := &docs[i]
			if d.zck {
				d.rec, d.comp, d.err = repomd.ZckRecord(d.typ, d.data, ts)
			} else {
				d.rec, d.comp, d.err = repomd.Record(d.typ, d.data, opts.Compress, ts)
			}
		}()
	}
	wg.Wait()
	var groupRecs []repomd.Data
	var groupData [][]byte
	if opts.Groupfile != nil {
		if groupRecs, groupData, err = groupRecords(opts.GroupfileName, opts.Groupfile, opts.Compress, ts); err != nil {
			return nil, err
		}
	}
	for _, d := range docs {
		if d.err != nil {
			return nil, d.err
		}
		if err := writeFile(filepath.Join(tmp, filepath.Base(d.rec.Location)), d.comp, opts.Time); err != nil {
			return nil, err
		}
		rm.Data = append(rm.Data, d.rec)
		if d.typ == "other" && !d.zck {
			// createrepo_c lists group and group_gz after primary, filelists and other
			for j, g := range groupRecs {
				if err := writeFile(filepath.Join(tmp, filepath.Base(g.Location)), groupData[j], opts.Time); err != nil {
					return nil, err
				}
				rm.Data = append(rm.Data, g)
			}
		}
	}
	var buf strings.Builder
	if err := rm.Write(&buf); err != nil {
		return nil, err
	}
	if err := writeFile(filepath.Join(tmp, "repomd.xml"), []byte(buf.String()), opts.Time); err != nil {
		return nil, err
	}
	if opts.Signer != nil {
		sig, err := opts.Signer.ArmoredDetachSign([]byte(buf.String()), opts.Time)
		if err != nil {
			return nil, fmt.Errorf("signing repomd.xml of %s: %w", dir, err)
		}
		if err := writeFile(filepath.Join(tmp, "repomd.xml.asc"), sig, opts.Time); err != nil {
			return nil, err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	if err := swapDir(tmp, filepath.Join(dir, "repodata")); err != nil {
		return nil, fmt.Errorf("replacing %s/repodata: %w", dir, err)
	}
	return rm, nil
}

func writeFile(name string, data []byte, mtime time.Time) error {
	err := fsutil.WriteFileAtomic(name, 0o644, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
	if err != nil {
		return err
	}
	return os.Chtimes(name, mtime, mtime)
}

// swapDir replaces dst by src: the old directory is moved aside, src renamed into place,
// and the old one removed. Readers see either the old or the new metadata.
func swapDir(src, dst string) error {
	old := dst + ".old"
	os.RemoveAll(old)
	if err := os.Rename(dst, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Rename(src, dst); err != nil {
		os.Rename(old, dst)
		return err
	}
	return os.RemoveAll(old)
}
