// Command solvetc solves libsolv testcase files with Nimbus's resolver and prints what
// `nimbus solver testcase` prints for them: the results of sections without an expected
// result, and PASS/FAIL per judged file. It is bench/solver.sh's counterpart of libsolv's
// testsolv: a small driver around the library (internal/solver/testcase), so that the
// two tools' peak memory compares the solvers and not the size of the programs around
// them (the full nimbus command maps about 14 MB of its own pages at the peak; this
// driver, a few). The same memory settings as the command (testcase.MemoryLimit).
package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"

	"github.com/nimbus-linux/nimbus/internal/solver/testcase"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: solvetc FILE.t...")
		os.Exit(2)
	}
	defer testcase.MemoryLimit(os.Args[1:])()
	w := bufio.NewWriter(os.Stdout)
	fail := 0
	for _, name := range os.Args[1:] {
		abs, err := filepath.Abs(name)
		if err == nil {
			var res *testcase.FileResult
			if res, err = testcase.RunFile(os.DirFS(filepath.Dir(abs)), filepath.Base(abs)); err == nil {
				for _, s := range res.Sections {
					if !s.Expected {
						for _, l := range s.Got {
							fmt.Fprintln(w, l)
						}
					}
				}
				switch res.Outcome() {
				case testcase.Fail:
					fail++
					fmt.Fprintf(w, "FAIL %s\n", name)
				case testcase.Pass:
					fmt.Fprintf(w, "PASS %s\n", name)
				}
				continue
			}
		}
		fmt.Fprintf(w, "FAIL %s: %v\n", name, err)
		fail++
	}
	if err := w.Flush(); err != nil || fail > 0 {
		os.Exit(1)
	}
}
