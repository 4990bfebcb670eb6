// Command debrepo writes Debian's archive index (a Packages file, e.g. testdata's
// Debian 12 index of 63k packages) as an rpm-md repository, for bench/pm-large.sh:
// every package becomes an rpm header with its relations mapped exactly as the
// distribution build maps them (distbuild.DebianIndexDeps), described with the
// createrepo code (createrepo.FromFile) so the metadata has createrepo_c's shape, and
// written with createrepo.WriteMetadata. Only the packages that may be in the closure of
// the -closure names (every alternative and every provider of their Requires, so any
// solver's choice is covered) are written as .rpm files; the others are metadata only,
// pointing at files that are never downloaded.
//
// Payloads are small: a package holds /usr/share/doc/NAME/copyright and, for each
// 100 kB of Debian's Installed-Size, one small file (at most 40), so filelists has a
// realistic order of magnitude without Debian's Contents index.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/distbuild"
	"github.com/nimbus-linux/nimbus/internal/distbuild/deb"
	"github.com/nimbus-linux/nimbus/internal/recipe"
	"github.com/nimbus-linux/nimbus/internal/repo/createrepo"
	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/rpm"
)

const buildTime = 1764000000

type pkg struct {
	info *rpm.Info
	href string
	meta *repomd.Package
	rpm  []byte // the file, kept only for closure packages
}

// content serves each regular file's bytes: "NAME PATH\n".
type content struct{ name string }

func (c content) Open(f *rpm.File) (io.ReadCloser, error) {
	return io.NopCloser(strings.NewReader(c.name + " " + f.Path + "\n")), nil
}

func main() {
	packages := flag.String("packages", "", "Debian Packages index (plain or .xz)")
	out := flag.String("o", "", "repository directory to write")
	closure := flag.String("closure", "", "comma-separated names whose Requires closure is written as .rpm files")
	list := flag.String("list", "", "write the names of the closure packages here")
	flag.Parse()
	if *packages == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: debrepo -packages Packages[.xz] -o DIR [-closure NAMES] [-list FILE]")
		os.Exit(2)
	}
	if err := run(*packages, *out, *closure, *list); err != nil {
		fmt.Fprintln(os.Stderr, "debrepo:", err)
		os.Exit(1)
	}
}

func run(packagesPath, out, closure, listPath string) error {
	f, err := os.Open(packagesPath)
	if err != nil {
		return err
	}
	defer f.Close()
	r, _, err := compress.Open(f, 1<<30)
	if err != nil {
		return fmt.Errorf("%s: %w", packagesPath, err)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("%s: %w", packagesPath, err)
	}
	var pkgs []*pkg
	skipped := 0
	err = deb.ParseStanzas(data, func(s deb.Stanza) error {
		p, err := toInfo(s)
		if err != nil {
			// a relation the distribution build's mapping refuses: left out, as the
			// distribution build would refuse to import the package
			if skipped++; skipped <= 5 {
				fmt.Fprintf(os.Stderr, "debrepo: left out: %v\n", err)
			}
			return nil
		}
		if p != nil {
			pkgs = append(pkgs, p)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("%s: %w", packagesPath, err)
	}
	want := closureOf(pkgs, strings.FieldsFunc(closure, func(r rune) bool { return r == ',' }))

	// Build and describe every package, in parallel.
	var wg sync.WaitGroup
	errs := make([]error, len(pkgs))
	work := make(chan int)
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				errs[i] = build(pkgs[i], want[pkgs[i].info.Name])
			}
		}()
	}
	for i := range pkgs {
		work <- i
	}
	close(work)
	wg.Wait()
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	sort.Slice(pkgs, func(i, j int) bool { return pkgs[i].href < pkgs[j].href })
	var metas []*repomd.Package
	var names []string
	for _, p := range pkgs {
		metas = append(metas, p.meta)
		if p.rpm != nil {
			dst := filepath.Join(out, p.href)
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(dst, p.rpm, 0o644); err != nil {
				return err
			}
			if err := os.Chtimes(dst, time.Unix(buildTime, 0), time.Unix(buildTime, 0)); err != nil {
				return err
			}
			names = append(names, p.info.Name)
		}
	}
	if _, err := createrepo.WriteMetadata(out, metas, createrepo.Options{Time: time.Unix(buildTime, 0)}); err != nil {
		return err
	}
	if listPath != "" {
		if err := os.WriteFile(listPath, []byte(strings.Join(names, "\n")+"\n"), 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("%d packages (%d stanzas skipped), %d written as .rpm files\n", len(pkgs), skipped, len(names))
	return nil
}

// toInfo is the rpm header of one Debian stanza (nil for an architecture not built).
func toInfo(s deb.Stanza) (*pkg, error) {
	var arch string
	switch s.Get("Architecture") {
	case "amd64":
		arch = "x86_64"
	case "all":
		arch = "noarch"
	default:
		return nil, nil
	}
	name := s.Get("Package")
	evr, err := recipe.MapDebianVersion(s.Get("Version"))
	if err != nil {
		return nil, err
	}
	ds, err := distbuild.DebianIndexDeps(s)
	if err != nil {
		return nil, err
	}
	summary, desc, _ := strings.Cut(s.Get("Description"), "\n")
	src := name
	if v := s.Get("Source"); v != "" {
		src, _, _ = strings.Cut(v, " ")
	}
	info := &rpm.Info{
		Name: name, Epoch: evr.Epoch, Version: evr.Version, Release: evr.Release, Arch: arch, OS: "linux",
		Summary: summary, Desc: strings.TrimSpace(desc), License: "Distributable", URL: s.Get("Homepage"),
		Packager: s.Get("Maintainer"), Group: "Unspecified", BuildTime: buildTime, BuildHost: "debrepo",
		SourceRPM: src + "-" + evr.Version + "-" + evr.Release + ".src.rpm",
	}
	// What rpmbuild adds (pkgdesc.addImplicitDeps): the self and ISA provides; rpm's
	// transaction check reads only the header's provides.
	self := evr.Version + "-" + evr.Release
	if evr.Epoch != nil {
		self = strconv.FormatUint(uint64(*evr.Epoch), 10) + ":" + self
	}
	info.Provides = append(info.Provides, dep.Dep{Name: name, Flags: dep.Equal, Version: self})
	if arch == "x86_64" {
		info.Provides = append(info.Provides, dep.Dep{Name: name + "(x86-64)", Flags: dep.Equal, Version: self})
	}
	pre := map[string]bool{}
	for _, p := range ds.Pre {
		pre[p] = true
	}
	for k, list := range ds.Lists {
		dst := info.Deps(k)
		if dst == nil {
			continue
		}
		for _, str := range list {
			d, err := dep.Parse(str)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			if k == dep.Requires && pre[str] {
				d.Flags |= dep.ScriptPre
			}
			*dst = append(*dst, d)
		}
	}
	size, _ := strconv.Atoi(s.Get("Installed-Size"))
	files := []rpm.File{{Path: "/usr/share/doc/" + name, Mode: rpm.ModeDir | 0o755}, {Path: "/usr/share/doc/" + name + "/copyright", Mode: rpm.ModeRegular | 0o644}}
	if n := min(size/100, 40); n > 0 {
		files = append(files, rpm.File{Path: "/usr/share/" + name + ".bench", Mode: rpm.ModeDir | 0o755})
		for i := range n {
			files = append(files, rpm.File{Path: fmt.Sprintf("/usr/share/%s.bench/f%02d", name, i), Mode: rpm.ModeRegular | 0o644})
		}
	}
	for i := range files {
		files[i].User, files[i].Group, files[i].Mtime = "root", "root", buildTime
		if files[i].IsRegular() {
			files[i].Size = int64(len(name) + len(files[i].Path) + 2) // content's "NAME PATH\n"
		}
	}
	info.Files = files
	dir := strings.ToLower(name[:1])
	return &pkg{info: info, href: "Packages/" + dir + "/" + name + "-" + evr.Version + "-" + evr.Release + "." + arch + ".rpm"}, nil
}

// build writes p's package file and describes it as createrepo_c would.
func build(p *pkg, keep bool) error {
	var buf bytes.Buffer
	// A package never downloaded gets no compressor (that is most of the generator's
	// time otherwise); the ones installed get gzip, which every rpm reads.
	opts := rpm.WriteOptions{Compressor: compress.Identity, Level: 1}
	if keep {
		opts.Compressor = compress.Gzip
	}
	if err := rpm.Write(&buf, p.info, content{p.info.Name}, opts); err != nil {
		return err
	}
	m, err := createrepo.FromFile(bytes.NewReader(buf.Bytes()), int64(buf.Len()), buildTime, p.href)
	if err != nil {
		return err
	}
	p.meta = m
	if keep {
		p.rpm = buf.Bytes()
	}
	p.info = &rpm.Info{Name: p.info.Name} // the rest is in meta now
	return nil
}

// closureOf is every package reachable from roots over Requires, taking every
// alternative of a rich dependency and every provider of a name.
func closureOf(pkgs []*pkg, roots []string) map[string]bool {
	providers := map[string][]*pkg{}
	byName := map[string][]*pkg{}
	for _, p := range pkgs {
		byName[p.info.Name] = append(byName[p.info.Name], p)
		providers[p.info.Name] = append(providers[p.info.Name], p)
		for _, d := range p.info.Provides {
			if d.Name != p.info.Name {
				providers[d.Name] = append(providers[d.Name], p)
			}
		}
	}
	want := map[string]bool{}
	queue := roots
	seenName := map[string]bool{}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if seenName[n] {
			continue
		}
		seenName[n] = true
		for _, p := range providers[n] {
			if want[p.info.Name] {
				continue
			}
			want[p.info.Name] = true
			for _, d := range p.info.Requires {
				queue = append(queue, depNames(d.Name)...)
			}
		}
	}
	return want
}

// depNames are the package names a dependency mentions (every operand of a rich one).
func depNames(s string) []string {
	if !strings.HasPrefix(s, "(") {
		return []string{s}
	}
	var out []string
	afterOp := false
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == '(' || r == ')' || r == ' ' }) {
		switch {
		case afterOp: // the version after an operator
			afterOp = false
		case f == "<" || f == "<=" || f == "=" || f == ">=" || f == ">":
			afterOp = true
		case f == "or" || f == "and" || f == "if" || f == "else" || f == "with" || f == "without" || f == "unless":
		default:
			out = append(out, f)
		}
	}
	return out
}
