package pm

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/modulemd"
	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/rpm"
)

// ManageOptions are repomanage's (dnf-plugins-core 4.3, repomanage.py): the older
// packages (Old) or the newest Keep of each name.arch (the default).
type ManageOptions struct {
	Old bool
	// OldOnly is --oldonly: Old, except that a module's artifacts that a newer version of
	// its stream also ships are not listed.
	OldOnly bool
	Keep    int
}

// ErrNoFiles is repomanage's "No files to process": a directory without repodata and
// without rpm files.
var ErrNoFiles = errors.New("No files to process")

type managed struct {
	name, arch, evr, nevra string
	parsed                 evr.EVR
}

// RepoManage lists the package files of dir to keep or to drop, as repomanage does:
// the packages of dir's repodata (PATH/location_href) when it has some, else every *.rpm
// file under dir (its headers read; a file that is no package is left out). Per
// name.arch the packages sorted by version: the last Keep (new), or the others (Old);
// every file of a listed NEVRA is printed (files of one NEVRA are one package). The paths are joined to dir as Python's
// os.path.join does, and sorted. It also returns the files it could not read.
func RepoManage(dir string, o ManageOptions) ([]string, []string, error) {
	var pkgs []managed
	files := map[string][]string{} // NEVRA: its files
	var unreadable []string
	// the repodata's modules: their packages are listed by stream version, not by NEVRA
	var mods []*modulemd.Module
	artifacts := map[string]bool{}
	type modPkg struct{ nevra, file string }
	var modular []modPkg
	add := func(name, epoch, version, release, arch, file string) {
		if len(artifacts) > 0 {
			if n := modulemd.NEVRA(name, epoch, version, release, arch); artifacts[n] {
				modular = append(modular, modPkg{n, file})
				return
			}
		}
		e := epoch
		if e == "" {
			e = "0"
		}
		v := version + "-" + release
		full := e + ":" + v
		m := managed{name: name, arch: arch, evr: full, nevra: name + "-" + full + "." + arch, parsed: evr.ParseLax(full)}
		if _, ok := files[m.nevra]; !ok { // hawkey's packages of one NEVRA compare equal: listed once
			pkgs = append(pkgs, m)
		}
		files[m.nevra] = append(files[m.nevra], file)
	}
	if md, err := os.Open(filepath.Join(dir, "repodata", "repomd.xml")); err == nil {
		rm, err := repomd.ParseRepomd(md)
		md.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", dir, err)
		}
		d := rm.Find("primary")
		if d == nil {
			return nil, nil, fmt.Errorf("%s: repomd.xml lists no primary", dir)
		}
		rel, err := localName(dir, d.Location)
		if err != nil {
			return nil, nil, err
		}
		root, err := os.OpenRoot(dir)
		if err != nil {
			return nil, nil, err
		}
		if mods, err = readManagedModules(root, dir, rm); err != nil {
			root.Close()
			return nil, nil, err
		}
		for _, m := range mods {
			for _, a := range m.Artifacts {
				artifacts[modulemd.NormalizeNEVRA(a)] = true
			}
		}
		f, err := root.Open(rel)
		root.Close()
		if err != nil {
			return nil, nil, err
		}
		defer f.Close()
		rc, _, err := repomd.Decompress(f, repomd.DefaultLimit)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", d.Location, err)
		}
		defer rc.Close()
		if err := repomd.ReadPrimary(rc, func(p *repomd.Package) error {
			add(p.Name, p.Epoch, p.Version, p.Release, p.Arch, pyJoin(dir, p.Location))
			return nil
		}); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", d.Location, err)
		}
	} else {
		var walk func(string) error
		walk = func(d string) error { // os.walk: the directory as given, then its subdirectories
			ents, err := os.ReadDir(d)
			if err != nil {
				return nil
			}
			for _, ent := range ents {
				p := pyJoin(d, ent.Name())
				if ent.IsDir() {
					walk(p)
					continue
				}
				if strings.ToLower(filepath.Ext(ent.Name())) != ".rpm" {
					continue
				}
				if ent.Type()&fs.ModeSymlink != 0 {
					if fi, err := os.Stat(p); err != nil || fi.IsDir() {
						continue
					}
				}
				info, err := readInfo(p)
				if err != nil {
					unreadable = append(unreadable, p)
					continue
				}
				e := ""
				if info.Epoch != nil {
					e = strconv.FormatUint(uint64(*info.Epoch), 10)
				}
				arch := info.Arch
				if info.SourceRPM == "" { // a source package: rpm reads it as src
					arch = "src"
				}
				add(info.Name, e, info.Version, info.Release, arch, p)
			}
			return nil
		}
		walk(dir)
		if len(pkgs)+len(unreadable) == 0 {
			return nil, nil, ErrNoFiles
		}
	}
	sort.SliceStable(pkgs, func(i, j int) bool {
		a, b := pkgs[i], pkgs[j]
		if a.name != b.name {
			return a.name < b.name
		}
		if c := evr.Compare(a.parsed, b.parsed); c != 0 {
			return c < 0
		}
		return a.arch < b.arch
	})
	byNA := map[string][]managed{}
	var order []string
	for _, p := range pkgs {
		k := p.name + "." + p.arch
		if _, ok := byNA[k]; !ok {
			order = append(order, k)
		}
		byNA[k] = append(byNA[k], p)
	}
	keep := o.Keep
	old := o.Old || o.OldOnly
	var out []string
	for _, k := range order {
		list := byNA[k]
		cut := -keep // Python's list[-keep:] and list[:-keep]
		if cut < 0 {
			cut += len(list)
		}
		cut = max(0, min(cut, len(list)))
		sel := list[cut:]
		if old {
			sel = list[:cut]
		}
		for _, p := range sel {
			out = append(out, files[p.nevra]...)
		}
	}
	if len(mods) > 0 {
		chosen := managedStreamArtifacts(mods, keep, o)
		for _, p := range modular {
			if chosen[p.nevra] {
				out = append(out, p.file)
			}
		}
	}
	sort.Strings(out)
	return out, unreadable, nil
}

// pyJoin is Python's os.path.join of two parts (the second relative).
func pyJoin(a, b string) string {
	if a == "" || strings.HasSuffix(a, "/") {
		return a + b
	}
	return a + "/" + b
}

// readInfo reads a package file's header.
func readInfo(p string) (*rpm.Info, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	pkg, err := rpm.Read(f)
	if err != nil {
		return nil, err
	}
	return rpm.FromHeader(pkg.Header)
}

// readManagedModules reads the modules document repomd.xml names, through root.
func readManagedModules(root *os.Root, dir string, rm *repomd.Repomd) ([]*modulemd.Module, error) {
	d := rm.Find("modules")
	if d == nil {
		return nil, nil
	}
	rel, err := localName(dir, d.Location)
	if err != nil {
		return nil, err
	}
	f, err := root.Open(rel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, _, err := repomd.Decompress(f, 1<<30) // the metadata reader every repository file goes through
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.Location, err)
	}
	defer r.Close()
	idx, err := modulemd.Parse(r, "repomanage_repo")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.Location, err)
	}
	return idx.Modules, nil
}

// managedStreamArtifacts are the modular packages repomanage lists: per module stream,
// the artifacts of its newest Keep versions (new), of the others (--old), or of the
// others that no kept version also ships (--oldonly).
func managedStreamArtifacts(mods []*modulemd.Module, keep int, o ManageOptions) map[string]bool {
	byStream := map[string]map[uint64][]*modulemd.Module{}
	for _, m := range mods {
		ns := m.Name + ":" + m.Stream
		if byStream[ns] == nil {
			byStream[ns] = map[uint64][]*modulemd.Module{}
		}
		byStream[ns][m.Version] = append(byStream[ns][m.Version], m)
	}
	arts := func(ms []*modulemd.Module, into map[string]bool) {
		for _, m := range ms {
			for _, a := range m.Artifacts {
				into[modulemd.NormalizeNEVRA(a)] = true
			}
		}
	}
	chosen := map[string]bool{}
	for _, byVersion := range byStream {
		var versions []uint64
		for v := range byVersion {
			versions = append(versions, v)
		}
		sort.Slice(versions, func(i, j int) bool { return versions[i] < versions[j] })
		cut := -keep // Python's [-keep:] and [:-keep]
		if cut < 0 {
			cut += len(versions)
		}
		cut = max(0, min(cut, len(versions)))
		newer, older := versions[cut:], versions[:cut]
		switch {
		case o.OldOnly:
			kept := map[string]bool{}
			for _, v := range newer {
				arts(byVersion[v], kept)
			}
			old := map[string]bool{}
			for _, v := range older {
				arts(byVersion[v], old)
			}
			for a := range old {
				if !kept[a] {
					chosen[a] = true
				}
			}
		case o.Old:
			for _, v := range older {
				arts(byVersion[v], chosen)
			}
		default:
			for _, v := range newer {
				arts(byVersion[v], chosen)
			}
		}
	}
	return chosen
}
