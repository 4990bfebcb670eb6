package testcase

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/solver"
	"github.com/nimbus-linux/nimbus/internal/solver/universe"
)

// PoolFiles names the files a pool is built from (nimbus solver write-testcase and
// cache): repositories and the installed system as NAME=FILE, each in a format LoadRepo
// recognises.
type PoolFiles struct {
	Arch      string   // machine architecture ("" for none); x86_64 becomes amd64 for Debian indexes
	Repos     []string // NAME=FILE
	Installed string   // NAME=FILE; "" for an empty @System
	// StubMissing adds a stub package providing every required name nothing provides.
	StubMissing bool
}

// BuildPool loads the files into a new pool (with its whatprovides index) and returns it
// with the architecture it was set to.
func BuildPool(f PoolFiles) (*solver.Pool, string, error) {
	p := solver.NewPool()
	arch := f.Arch
	if err := p.SetArch(arch); err != nil {
		return nil, "", err
	}
	add := func(spec string, installed bool) error {
		name, path, ok := strings.Cut(spec, "=")
		if !ok || name == "" || path == "" {
			return fmt.Errorf("repository %q: want NAME=FILE", spec)
		}
		r := p.NewRepo(name, 0)
		if installed {
			p.Installed = r
		}
		return LoadRepoFile(p, r, path)
	}
	if f.Installed != "" {
		if err := add(f.Installed, true); err != nil {
			return nil, "", err
		}
	} else {
		p.Installed = p.NewRepo("@System", 0)
	}
	for _, spec := range f.Repos {
		if err := add(spec, false); err != nil {
			return nil, "", err
		}
	}
	if p.Debian && arch == "x86_64" {
		if err := p.SetArch("amd64"); err != nil {
			return nil, "", err
		}
		arch = "amd64"
	}
	if f.StubMissing {
		universe.StubMissing(p, p.NewRepo("stub", 0))
	}
	p.CreateWhatProvides()
	return p, arch, nil
}

// LoadRepoFile fills repo from a file in a format LoadRepo recognises.
func LoadRepoFile(p *solver.Pool, repo *solver.Repo, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("repo %s: %w", repo.Name, err)
	}
	defer f.Close()
	if err := LoadRepo(p, repo, f); err != nil {
		return fmt.Errorf("repo %s from %s: %w", repo.Name, path, err)
	}
	return nil
}

// LoadRepo fills repo from r, whose format it recognises: a Nimbus binary index
// (internal/repo/cache, the package manager's metadata cache; one written from a Debian
// pool marks the pool Debian), an rpm-md primary.xml, a Debian Packages index (which marks
// the pool Debian) or testtags, each possibly gzip, xz or zstd compressed.
func LoadRepo(p *solver.Pool, repo *solver.Repo, r io.Reader) error {
	zr, _, err := compress.Open(r, math.MaxInt64)
	if err != nil {
		return fmt.Errorf("decompressing: %w", err)
	}
	defer zr.Close()
	br := bufio.NewReaderSize(zr, 1<<16)
	head, _ := br.Peek(512)
	switch {
	case bytes.HasPrefix(head, []byte("NMBSIDX\x00")):
		data, err := io.ReadAll(br)
		if err != nil {
			return err
		}
		return loadIndex(p, repo, data, nil)
	case bytes.Contains(head, []byte("<metadata")) || bytes.HasPrefix(head, []byte("<?xml")):
		_, err := universe.LoadPrimary(br, repo)
		return err
	case bytes.HasPrefix(head, []byte("Package:")) || bytes.Contains(head, []byte("\nPackage:")):
		p.Debian = true
		_, err := universe.LoadDebian(br, repo)
		return err
	default:
		return ReadTestTags(br, repo)
	}
}
