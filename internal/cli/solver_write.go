package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/solver"
	"github.com/nimbus-linux/nimbus/internal/solver/testcase"
	"github.com/nimbus-linux/nimbus/internal/solver/universe"
)

// openDecompressed opens path and undoes gzip/xz/zstd compression.
func openDecompressed(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(f, 1<<16)
	head, _ := br.Peek(8)
	k := compress.Detect(head)
	if k == compress.None {
		return struct {
			io.Reader
			io.Closer
		}{br, f}, nil
	}
	zr, err := compress.NewReader(k, br)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("decompressing %s: %w", path, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{zr, closers{zr, f}}, nil
}

type closers []io.Closer

func (c closers) Close() error {
	var first error
	for _, x := range c {
		if err := x.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// loadRepoFile fills repo from a file whose format it recognises: a
// Nimbus pool cache, an rpm-md primary.xml, a Debian Packages index or
// testtags (each possibly compressed).
func loadRepoFile(p *solver.Pool, repo *solver.Repo, path string) error {
	rc, err := openDecompressed(path)
	if err != nil {
		return fmt.Errorf("repo %s: %w", repo.Name, err)
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 1<<16)
	head, _ := br.Peek(512)
	switch {
	case bytes.HasPrefix(head, []byte("NIMBUS-POOL")):
		err = repo.AddCache(br)
	case bytes.Contains(head, []byte("<metadata")) || bytes.HasPrefix(head, []byte("<?xml")):
		_, err = universe.LoadPrimary(br, repo)
	case bytes.HasPrefix(head, []byte("Package:")) || bytes.Contains(head, []byte("\nPackage:")):
		p.Debian = true
		_, err = universe.LoadDebian(br, repo)
	default:
		err = testcase.ReadTestTags(br, repo)
	}
	if err != nil {
		return fmt.Errorf("repo %s from %s: %w", repo.Name, path, err)
	}
	return nil
}

// poolFlags are the inputs shared by write-testcase and cache.
type poolFlags struct {
	arch      string
	repos     []string
	installed string
	stub      bool
}

func (f *poolFlags) register(c *cobra.Command) {
	c.Flags().StringVar(&f.arch, "arch", "x86_64", "machine architecture (unset for none)")
	c.Flags().StringArrayVar(&f.repos, "repo", nil, "NAME=FILE: a repository from a Debian Packages index, primary.xml, testtags or pool cache (repeatable)")
	c.Flags().StringVar(&f.installed, "installed", "", "NAME=FILE: the installed system, in one of the --repo formats")
	c.Flags().BoolVar(&f.stub, "stub-missing", false, "add a stub package providing every required name nothing provides")
}

func (f *poolFlags) build() (*solver.Pool, error) {
	p := solver.NewPool()
	arch := f.arch
	if err := p.SetArch(arch); err != nil {
		return nil, err
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
		return loadRepoFile(p, r, path)
	}
	if f.installed != "" {
		if err := add(f.installed, true); err != nil {
			return nil, err
		}
	} else {
		p.Installed = p.NewRepo("@System", 0)
	}
	for _, spec := range f.repos {
		if err := add(spec, false); err != nil {
			return nil, err
		}
	}
	if p.Debian && arch == "x86_64" {
		if err := p.SetArch("amd64"); err != nil {
			return nil, err
		}
		f.arch = "amd64"
	}
	if f.stub {
		universe.StubMissing(p, p.NewRepo("stub", 0))
	}
	p.CreateWhatProvides()
	return p, nil
}

func newSolverWriteCmd(e *env) *cobra.Command {
	var pf poolFlags
	var jobs []string
	var out string
	var solve bool
	c := &cobra.Command{
		Use:   "write-testcase --repo NAME=FILE... --job JOB... [-o FILE]",
		Short: "Write a pool and jobs as a libsolv testcase (for bug reports; testsolv reads it)",
		Long: `Load repositories, parse jobs in testcase syntax ("install name foo",
"erase provides bar", "update all packages", "distupgrade repo NAME") and write
everything as one self-contained libsolv testcase. With --solve the result of
Nimbus's solver is written as the expected result, so the file both records
what happened and replays it: nimbus solver testcase FILE, or testsolv FILE.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := pf.build()
			if err != nil {
				return err
			}
			repos := map[string]*solver.Repo{}
			for _, r := range p.Repos {
				repos[r.Name] = r
			}
			spec := testcase.Spec{Pool: p, Arch: pf.arch, Flags: solver.DefaultFlags()}
			for _, js := range jobs {
				if w := strings.Fields(js); len(w) > 2 && strings.HasPrefix(w[1], "selection") {
					// "install selection bash-5.1 canon": libsolv's selection syntax
					if spec.Jobs, err = testcase.SelectionJobs(p, spec.Jobs, w); err != nil {
						return err
					}
					continue
				}
				j, skip, err := testcase.ParseJob(p, repos, js)
				if err != nil {
					return err
				}
				if skip != "" {
					return fmt.Errorf("job %q: %s", js, strings.TrimPrefix(skip, "!"))
				}
				spec.Jobs = append(spec.Jobs, j)
			}
			if solve {
				res, err := solver.New(p).Solve(spec.Jobs)
				if err != nil {
					return fmt.Errorf("solving: %w", err)
				}
				spec.Result = res
			}
			if out != "" && out != "-" {
				// atomically: a reader may have the old file mapped
				return fsutil.WriteFileAtomic(out, 0o644, func(f *os.File) error { return testcase.Write(f, spec) })
			}
			return testcase.Write(e.stdout, spec)
		},
	}
	pf.register(c)
	c.Flags().StringArrayVar(&jobs, "job", nil, "a job in testcase syntax (repeatable)")
	c.Flags().StringVarP(&out, "output", "o", "", "output file (default stdout)")
	c.Flags().BoolVar(&solve, "solve", false, "solve and record the result as the expected one")
	return c
}

func newSolverCacheCmd(e *env) *cobra.Command {
	var pf poolFlags
	var out string
	c := &cobra.Command{
		Use:   "cache --repo NAME=FILE... -o FILE",
		Short: "Write repositories as a binary pool cache (Nimbus's .solv)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return fmt.Errorf("cache: -o FILE is required")
			}
			p, err := pf.build()
			if err != nil {
				return err
			}
			// atomically: a reader may have the old cache mapped
			if err := fsutil.WriteFileAtomic(out, 0o644, func(f *os.File) error { return p.WriteCache(f) }); err != nil {
				return err // names the file
			}
			fmt.Fprintf(e.stdout, "%s: %d packages\n", out, p.Len())
			return nil
		},
	}
	pf.register(c)
	c.Flags().StringVarP(&out, "output", "o", "", "cache file to write")
	return c
}
