package testfiles

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDataSetsPresent(t *testing.T) {
	for _, name := range []string{LibsolvTestcases, RpmVercmp, AppStream, DebianPackages, "README.md"} {
		p := Path(t, name)
		if !filepath.IsAbs(p) {
			t.Errorf("%s: path %s is not absolute", name, p)
		}
	}
	if _, err := os.Stat(filepath.Join(Path(t, LibsolvTestcases), "LICENSE.BSD")); err != nil {
		t.Errorf("libsolv's testcases ship without their licence: %v", err)
	}
}
