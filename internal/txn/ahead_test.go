package txn

import (
	"context"
	"slices"
	"testing"
)

// TestStagedAheadInCrashScenario: in TestCrashRecovery's transaction, extra2 (no
// scriptlets, no %config file, after extra, which has no %post) is staged while extra is
// recorded, and app-2 (scriptlets) and extra (a %config file) are not. So the crash test's
// kills at every point cover a transaction that stages ahead.
func TestStagedAheadInCrashScenario(t *testing.T) {
	s := setupCrashScenario(t)
	var staged []string
	stagingAhead = func(file string) { staged = append(staged, file) }
	t.Cleanup(func() { stagingAhead = nil })
	if _, err := Run(context.Background(), opts(s.root), s.request()); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(staged, s.extra2) {
		t.Fatalf("extra2 not staged ahead; staged: %v", staged)
	}
	for _, f := range []string{s.app2, s.extra} {
		if slices.Contains(staged, f) {
			t.Errorf("%s staged ahead: it has a scriptlet or a %%config file", f)
		}
	}
	if got := installedNames(t, s.root); !slices.Equal(got, []string{"app-2-1.noarch", "extra-1-1.noarch", "extra2-1-1.noarch", "libfoo-1.0-1.noarch"}) {
		t.Errorf("installed: %v", got)
	}
	rpmVerify(t, s.root)
}
