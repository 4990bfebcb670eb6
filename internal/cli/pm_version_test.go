package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestVersionLikeDNF: `dnf --version` prints dnf's version, then each installed package of
// history_record_packages (dnf, rpm) with its install and build times. The real dnf 4.14
// reads the database its rpm macros name (a private HOME's .rpmmacros points it at a root
// with rpmbuild-built dnf and rpm packages that the real rpm installed); Nimbus reads the
// same root; the outputs must be identical. Also: nimbus answers --version among the
// leading options, with its value-taking options before it, and exits 0.
func TestVersionLikeDNF(t *testing.T) {
	dir, root := t.TempDir(), t.TempDir()
	buildRepo(t, dir, []fixture{
		{name: "dnf", version: "4.14.0", release: "5.nm1", tags: []string{"Packager: Nimbus Linux <packages@nimbus.invalid>"}, files: []string{"/usr/share/dnf/f"}},
		{name: "rpm", version: "4.18.0", release: "1", tags: []string{"Epoch: 1"}, files: []string{"/usr/share/rpm/f"}},
	})
	rpms, _ := filepath.Glob(filepath.Join(dir, "*.rpm"))
	run(t, needTool(t, "rpm"), append([]string{"--root", root, "--dbpath", "/var/lib/rpm", "--nodeps", "-i"}, rpms...)...)

	home := t.TempDir()
	if err := os.WriteFile(filepath.Join(home, ".rpmmacros"), []byte("%_dbpath "+filepath.Join(root, "var/lib/rpm")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(needTool(t, "dnf"), "--noplugins", "--version")
	cmd.Env = append(os.Environ(), "HOME="+home)
	want, err := cmd.Output()
	if err != nil {
		t.Fatalf("dnf --version: %v\n%s", err, want)
	}
	var got bytes.Buffer
	if err := printVersion(context.Background(), &got, root); err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("--version differs from dnf's\n--- dnf:\n%s--- nimbus:\n%s", want, got.String())
	}
	for _, s := range []string{"4.14.0\n", "  Installed: dnf-0:4.14.0-5.nm1.noarch at ", "  Built    : Nimbus Linux <packages@nimbus.invalid> at ", "  Installed: rpm-1:4.18.0-1.noarch at "} {
		if !strings.Contains(string(want), s) {
			t.Errorf("dnf's output lacks %q: the comparison no longer shows it\n%s", s, want)
		}
	}

	for _, args := range [][]string{{"--version"}, {"-q", "--installroot", root, "--version"}, {"--setopt=x=y", "--version", "install", "foo"}} {
		var out bytes.Buffer
		err := RunEnv(context.Background(), append([]string{"dnf"}, args...), strings.NewReader(""), &out, io.Discard, func(string) string { return "" })
		if err != nil || !strings.HasPrefix(out.String(), "4.14.0\n") {
			t.Errorf("dnf %v: %v, %q; want 4.14.0 first", args, err, out.String())
		}
	}
}
