package universe

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/ulikunitz/xz"

	"github.com/nimbus-linux/nimbus/internal/solver"
	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

var (
	debOnce sync.Once
	debPool *solver.Pool
	debErr  error
)

// debianPool loads the Debian 12 universe once per test binary.
func debianPool(t testing.TB) *solver.Pool {
	t.Helper()
	debianPackages := testfiles.Path(t, testfiles.DebianPackages)
	debOnce.Do(func() {
		f, err := os.Open(debianPackages)
		if err != nil {
			debErr = err
			return
		}
		defer f.Close()
		zr, err := xz.NewReader(bufio.NewReaderSize(f, 1<<20))
		if err != nil {
			debErr = err
			return
		}
		p := solver.NewPool()
		p.Debian = true
		if err := p.SetArch("amd64"); err != nil {
			debErr = err
			return
		}
		p.Installed = p.NewRepo("@System", 0)
		if _, err := LoadDebian(zr, p.NewRepo("bookworm", 0)); err != nil {
			debErr = err
			return
		}
		p.CreateWhatProvides()
		debPool = p
	})
	if debErr != nil {
		t.Fatalf("loading %s: %v", debianPackages, debErr)
	}
	return debPool
}

// verify is an independent check of a final package set: every
// requirement (Depends, Pre-Depends, with alternatives) met, no
// conflicts, one version per name.
func verify(p *solver.Pool, set []solver.ID) []string {
	in := map[solver.ID]bool{}
	names := map[string]solver.ID{}
	var bad []string
	for _, id := range set {
		in[id] = true
		n := p.Solvable(id).Name
		if o, dup := names[n]; dup {
			bad = append(bad, fmt.Sprintf("%s and %s both installed", p.Solvable(o), p.Solvable(id)))
		}
		names[n] = id
	}
	met := func(d solver.Dep) bool {
		alts := []solver.Dep{d}
		if d.Rich != nil {
			alts = nil
			for _, a := range d.Rich.Args {
				alts = append(alts, a.Atom)
			}
		}
		for _, a := range alts {
			for _, q := range p.WhatProvides(a) {
				if in[q] {
					return true
				}
			}
		}
		return false
	}
	for _, id := range set {
		s := p.Solvable(id)
		for _, d := range append(append([]solver.Dep(nil), s.Requires...), s.PreRequires...) {
			if !met(d) {
				bad = append(bad, fmt.Sprintf("%s requires %s", s, d))
			}
		}
		for _, d := range s.Conflicts {
			for _, q := range p.WhatProvides(d) {
				if q != id && in[q] {
					bad = append(bad, fmt.Sprintf("%s conflicts with %s", s, p.Solvable(q)))
				}
			}
		}
	}
	return bad
}

func TestDebianLoad(t *testing.T) {
	p := debianPool(t)
	if p.Len() < 60000 {
		t.Fatalf("loaded %d packages, want the whole Debian 12 main index (63k)", p.Len())
	}
}

// TestDebianInstall solves install jobs for large targets in the Debian 12
// universe and checks every answer independently.
func TestDebianInstall(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the Debian universe jobs run in CI and in full local runs")
	}
	p := debianPool(t)
	for _, target := range []string{"libreoffice", "gnome", "task-gnome-desktop", "kde-full", "texlive-full"} {
		t.Run(target, func(t *testing.T) {
			s := solver.New(p)
			res, err := s.Solve([]solver.Job{{Kind: solver.JobInstall, Sel: solver.SelName, Dep: solver.Dep{Name: target}}})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Problems) > 0 {
				t.Fatalf("install %s: problems: %v", target, res.Problems)
			}
			set := res.NewSet()
			if bad := verify(p, set); len(bad) > 0 {
				t.Fatalf("install %s: %d violations, first: %s", target, len(bad), strings.Join(bad[:min(5, len(bad))], "; "))
			}
			rules, dec, confl := s.Stats()
			t.Logf("install %s: %d packages, %d rules, %d decisions, %d conflicts", target, len(set), rules, dec, confl)
		})
	}
}

// TestDebianInstallEverything asks for every package at once as a weak
// job (install whatever can be installed together) and checks the result.
func TestDebianInstallEverything(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the Debian universe jobs run in CI and in full local runs")
	}
	p := debianPool(t)
	s := solver.New(p)
	s.Flags.InstallWeakDeps = false
	res, err := s.Solve([]solver.Job{{Kind: solver.JobInstall, Sel: solver.SelAll, Flags: solver.JobWeak}})
	if err != nil {
		t.Fatal(err)
	}
	set := res.NewSet()
	if bad := verify(p, set); len(bad) > 0 {
		t.Fatalf("%d violations, first: %s", len(bad), strings.Join(bad[:min(5, len(bad))], "; "))
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	rules, dec, confl := s.Stats()
	t.Logf("installed %d of %d packages; %d rules, %d decisions, %d conflicts; heap %d MB", len(set), p.Len(), rules, dec, confl, ms.HeapAlloc>>20)
	// Debian main is full of mutually exclusive alternatives (MTAs, init
	// systems, -dev variants), so far from all of it fits at once; a
	// collapse to a small set would mean weak jobs are being dropped.
	if len(set) < 20000 {
		t.Errorf("only %d of %d packages installed together", len(set), p.Len())
	}
	// bounded memory: the whole archive with its rules stays well under 2 GB
	if ms.HeapAlloc > 2<<30 {
		t.Errorf("heap %d MB after solving the whole archive", ms.HeapAlloc>>20)
	}
}
