package cli

import (
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// `repo create` over a directory with unreadable RPMs (garbage, and a header claiming
// 256 MiB in a 176-byte file) leaves them out with a warning and exit 0, as createrepo_c
// does on the same directory.
func TestRepoCreateSkipsUnreadable(t *testing.T) {
	dir := t.TempDir()
	buildRepo(t, dir, fixturesV1[1:2]) // lib
	good, _ := filepath.Glob(filepath.Join(dir, "lib-*.rpm"))
	data, err := os.ReadFile(good[0])
	if err != nil {
		t.Fatal(err)
	}
	huge := append([]byte(nil), data[:96+16]...)
	binary.BigEndian.PutUint32(huge[96+8:], 1)
	binary.BigEndian.PutUint32(huge[96+12:], 0x0fffffff) // the most rpm accepts
	huge = append(huge, make([]byte, 176-len(huge))...)
	os.WriteFile(filepath.Join(dir, "huge.rpm"), huge, 0o644)
	os.WriteFile(filepath.Join(dir, "garbage.rpm"), []byte("\xed\xab\xee\xdbnot really a package"), 0o644)

	out, errs, err := runCLI(t, nil, "repo", "create", dir)
	if err != nil {
		t.Fatalf("repo create: %v\n%s", err, errs)
	}
	for _, f := range []string{"huge.rpm", "garbage.rpm"} {
		if !strings.Contains(errs, "Warning: Cannot read package: "+f+": ") {
			t.Errorf("no warning for %s:\n%s", f, errs)
		}
	}
	if !strings.Contains(out, ": 1 packages") {
		t.Errorf("stdout %q, want 1 package", out)
	}
	if got := mustCLI(t, nil, "repo", "query", "--repo", dir); strings.TrimSpace(got) != "lib-0:1.0-1.noarch" {
		t.Errorf("repo query: %q", got)
	}
	// The referee: createrepo_c exits 0 with a warning per bad file and indexes the rest.
	outDir := t.TempDir()
	cout, cerr := exec.Command(needTool(t, "createrepo_c"), "-o", outDir, dir).CombinedOutput()
	if cerr != nil || strings.Count(string(cout), "Cannot read package") != 2 {
		t.Errorf("createrepo_c on the same directory: %v\n%s", cerr, cout)
	}
	if got := mustCLI(t, nil, "repo", "query", "--repo", outDir); strings.TrimSpace(got) != "lib-0:1.0-1.noarch" {
		t.Errorf("createrepo_c's repository: %q", got)
	}
}
