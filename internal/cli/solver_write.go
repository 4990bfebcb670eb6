//go:build !pmonly

package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/repo/cache"
	"github.com/nimbus-linux/nimbus/internal/solver"
	"github.com/nimbus-linux/nimbus/internal/solver/testcase"
)

// poolFlags are the inputs shared by write-testcase and cache.
type poolFlags struct {
	arch      string
	repos     []string
	installed string
	stub      bool
}

func (f *poolFlags) register(c *cobra.Command) {
	c.Flags().StringVar(&f.arch, "arch", "x86_64", "machine architecture (unset for none)")
	c.Flags().StringArrayVar(&f.repos, "repo", nil, "NAME=FILE: a repository from a Debian Packages index, primary.xml, testtags or binary index (repeatable)")
	c.Flags().StringVar(&f.installed, "installed", "", "NAME=FILE: the installed system, in one of the --repo formats")
	c.Flags().BoolVar(&f.stub, "stub-missing", false, "add a stub package providing every required name nothing provides")
}

// build loads the pool the flags name (testcase.BuildPool); f.arch becomes the arch set.
func (f *poolFlags) build() (*solver.Pool, error) {
	p, arch, err := testcase.BuildPool(testcase.PoolFiles{Arch: f.arch, Repos: f.repos, Installed: f.installed, StubMissing: f.stub})
	if err != nil {
		return nil, err
	}
	f.arch = arch
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
		Use:   "cache --repo NAME=FILE -o FILE",
		Short: "Write a repository as a binary index (the package manager's metadata cache, Nimbus's .solv)",
		Long: `Load one repository (Debian Packages, primary.xml, testtags or an index) and write
it in the binary index format the package manager keeps for every repository
(internal/repo/cache). A testcase reads it as "repo NAME PRIO nimbus FILE".`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return fmt.Errorf("cache: -o FILE is required")
			}
			if len(pf.repos) != 1 || pf.installed != "" || pf.stub {
				return fmt.Errorf("cache: an index holds one repository: give exactly one --repo NAME=FILE (and no --installed or --stub-missing); write one index per repository")
			}
			p, err := pf.build()
			if err != nil {
				return err
			}
			var r *solver.Repo
			for _, x := range p.Repos {
				if x != p.Installed {
					r = x
				}
			}
			x, err := cache.FromRepo(p, r)
			if err != nil {
				return fmt.Errorf("cache: %w", err)
			}
			// atomically (WriteFile renames): a reader may have the old index mapped
			if err := x.WriteFile(out); err != nil {
				return fmt.Errorf("cache: writing %s: %w", out, err)
			}
			fmt.Fprintf(e.stdout, "%s: %d packages\n", out, x.Len())
			return nil
		},
	}
	pf.register(c)
	c.Flags().StringVarP(&out, "output", "o", "", "cache file to write")
	return c
}
