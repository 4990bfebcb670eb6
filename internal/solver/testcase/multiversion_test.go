package testcase

import (
	"os"
	"testing"
)

// TestMultiversionUpdaters runs testdata/multiversion/kernel.t, whose expected results
// are testsolv's: on an update, multiversion candidates are installed beside the
// installed package (kernels), never through its update rule, so an installed
// multiversion package whose update cannot go beside it stays as it is.
func TestMultiversionUpdaters(t *testing.T) {
	res, err := RunFile(os.DirFS("testdata/multiversion"), "kernel.t")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Sections) != 9 {
		t.Fatalf("kernel.t: %d sections, want 9", len(res.Sections))
	}
	for _, s := range res.Sections {
		if s.Outcome != Pass {
			t.Errorf("kernel.t section %d: %s %v", s.Index, s.Outcome, s.Diff)
		}
	}
}
