//go:build !pmonly

package cli

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/solver/testcase"
)

func newSolverCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "solver",
		Short: "Run the dependency resolver on libsolv testcases and write testcases for bug reports",
	}
	c.AddCommand(newSolverTestcaseCmd(e), newSolverWriteCmd(e), newSolverCacheCmd(e))
	return c
}

func newSolverTestcaseCmd(e *env) *cobra.Command {
	var verbose bool
	c := &cobra.Command{
		Use:   "testcase [--verbose] FILE.t...",
		Short: "Solve libsolv testcase files and compare with their expected results",
		Long: `Solve libsolv testcase files (testtags repos, system, flags, jobs, results)
and compare each section with its expected result: transaction lines as a set,
and for problems that there are problems. Prints PASS, FAIL (with a diff) or
SKIP (with the unsupported feature) per file; --verbose prints the result of
every section in testsolv's form. A section without an expected result is
solved and printed, not judged.

Repositories are testtags inline or in files beside the testcase, compressed
or not (.gz, .xz, .lzma, .bz2, .zst, by the name as testsolv does); expected
results inline or in a file ("result transaction,problems solver.result").

Exit status: 0 when every judged section passed, 1 when one failed, 77 when
none failed but some were skipped because they need a feature left out on
purpose (SUSE blacklists, namespace callbacks, libsolv's .solv repositories)
or one testsolv lacks too (testsolv exits 77 for those).`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			defer testcase.MemoryLimit(args)()
			var pass, fail, skip int
			// results can run to thousands of lines: write them in blocks
			w := bufio.NewWriter(e.stdout)
			defer w.Flush()
			for _, name := range args {
				abs, err := filepath.Abs(name)
				if err != nil {
					return fmt.Errorf("testcase %s: %w", name, err)
				}
				res, err := testcase.RunFile(os.DirFS(filepath.Dir(abs)), filepath.Base(abs))
				if err != nil {
					fmt.Fprintf(w, "FAIL %s: %v\n", name, err)
					fail++
					continue
				}
				judged := false
				for _, s := range res.Sections {
					judged = judged || s.Expected
					if verbose || !s.Expected {
						if len(res.Sections) > 1 {
							fmt.Fprintf(w, "test %d:\n", s.Index)
						}
						for _, l := range s.Got {
							fmt.Fprintln(w, l)
						}
					}
				}
				switch out := res.Outcome(); {
				case out == testcase.Fail:
					fail++
					fmt.Fprintf(w, "FAIL %s\n", name)
					for _, s := range res.Sections {
						if s.Outcome != testcase.Fail {
							continue
						}
						fmt.Fprintf(w, "  section %d: %s\n", s.Index, s.Reason)
						for _, d := range s.Diff {
							fmt.Fprintf(w, "    %s\n", d)
						}
					}
				case out == testcase.Skip && judged:
					skip++
					fmt.Fprintf(w, "SKIP %s: %s\n", name, res.Reason())
				case out == testcase.Pass:
					pass++
					fmt.Fprintf(w, "PASS %s\n", name)
				}
			}
			if len(args) > 1 {
				fmt.Fprintf(w, "%d passed, %d failed, %d skipped\n", pass, fail, skip)
			}
			if err := w.Flush(); err != nil {
				return fmt.Errorf("writing results: %w", err)
			}
			switch {
			case fail > 0:
				return &ExitError{Code: 1, Silent: true, Err: errors.New("testcases failed")}
			case skip > 0:
				// 77: automake's and testsolv's "skipped"
				return &ExitError{Code: 77, Silent: true, Err: errors.New("testcases skipped")}
			}
			return nil
		},
	}
	c.Flags().BoolVarP(&verbose, "verbose", "v", false, "print every section's result")
	return c
}
