package cli

// Signature checks of the package manager with real keys: gpgcheck imports the repository's
// key into the rpmdb as rpm does (rpm itself then trusts it), and repo_gpgcheck verifies
// repomd.xml.asc over HTTP with a gpgkey fetched over HTTP.

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// signingKey makes a gpg signing key in a fresh GNUPGHOME; it returns the home and the
// armored public key file.
func signingKey(t *testing.T) (home, pubFile string) {
	t.Helper()
	gpg := needTool(t, "gpg")
	home = filepath.Join(t.TempDir(), "gnupg")
	if err := os.Mkdir(home, 0o700); err != nil {
		t.Fatal(err)
	}
	gpgRun := func(args ...string) []byte {
		cmd := exec.Command(gpg, append([]string{"--batch", "--quiet"}, args...)...)
		cmd.Env = append(os.Environ(), "GNUPGHOME="+home)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("gpg %v: %v", args, err)
		}
		return out
	}
	gpgRun("--passphrase", "", "--quick-gen-key", "Nimbus Repo <repo@example.com>", "rsa2048", "sign", "never")
	pubFile = filepath.Join(t.TempDir(), "RPM-GPG-KEY-test")
	if err := os.WriteFile(pubFile, gpgRun("--armor", "--export"), 0o644); err != nil {
		t.Fatal(err)
	}
	return home, pubFile
}

// signedRepo builds fixtures, signs every package with rpmsign and indexes them.
func signedRepo(t *testing.T, home string, fixtures []fixture) string {
	t.Helper()
	dir := t.TempDir()
	buildRepo(t, dir, fixtures)
	rpms, _ := filepath.Glob(filepath.Join(dir, "*.rpm"))
	cmd := exec.Command(needTool(t, "rpmsign"), append([]string{"--define", "_gpg_name Nimbus Repo", "--define", "__gpg /usr/bin/gpg", "--addsign"}, rpms...)...)
	cmd.Env = append(os.Environ(), "GNUPGHOME="+home)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("rpmsign: %v\n%s", err, out)
	}
	run(t, needTool(t, "createrepo_c"), "-q", dir)
	return dir
}

func TestPMGPGKeyImport(t *testing.T) {
	home, key := signingKey(t)
	dir := signedRepo(t, home, fixturesV1[1:3]) // lib, extra
	args := func(root string, extra ...string) []string {
		return append([]string{"-y", "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1",
			"--repofrompath=r1," + dir, "--repo=r1", "--setopt=r1.gpgcheck=1", "--setopt=r1.gpgkey=file://" + key}, extra...)
	}
	root := t.TempDir()
	out, errs, err := runCLI(t, nil, args(root, "install", "lib")...)
	if err != nil {
		t.Fatalf("install: %v\n%s\n%s", err, out, errs)
	}
	if !strings.Contains(errs, "Importing GPG key 0x") || !strings.Contains(errs, `"Nimbus Repo <repo@example.com>"`) || !strings.Contains(out, "Key imported successfully") {
		t.Errorf("no dnf-like key import message:\nstdout: %s\nstderr: %s", out, errs)
	}
	keys := strings.Fields(run(t, needTool(t, "rpm"), "--root", root, "--dbpath", "/var/lib/rpm", "-qa", "gpg-pubkey*"))
	if len(keys) != 1 {
		t.Fatalf("rpm -qa gpg-pubkey* = %v, want one key", keys)
	}
	if !strings.Contains(errs, "Importing GPG key 0x"+strings.ToUpper(strings.Split(keys[0], "-")[2])) {
		t.Errorf("the message names another key than %s:\n%s", keys[0], errs)
	}
	rpms, _ := filepath.Glob(filepath.Join(dir, "lib-*.rpm"))
	if k := run(t, needTool(t, "rpm"), "--root", root, "--dbpath", "/var/lib/rpm", "-K", rpms[0]); !strings.Contains(k, "signatures OK") {
		t.Errorf("rpm -K in the root after the import: %s", k)
	}
	// The key is there now: no second import, no question.
	out, errs, err = runCLI(t, nil, args(root, "install", "extra")...)
	if err != nil || strings.Contains(errs, "Importing GPG key") {
		t.Errorf("second install: %v, stderr %s", err, errs)
	}
	if n := len(strings.Fields(run(t, needTool(t, "rpm"), "--root", root, "--dbpath", "/var/lib/rpm", "-qa", "gpg-pubkey*"))); n != 1 {
		t.Errorf("%d keys after the second install", n)
	}
	// Without -y: the plan's question and the key's question are answered from stdin in turn.
	asked := t.TempDir()
	var sout, serr bytes.Buffer
	a0 := args(asked, "install", "lib")[1:]
	if err := RunEnv(context.Background(), append([]string{"nimbus"}, a0...), strings.NewReader("y\ny\n"), &sout, &serr, func(string) string { return "" }); err != nil {
		t.Fatalf("install answering y twice: %v\n%s\n%s", err, sout.String(), serr.String())
	}
	if n := strings.Count(sout.String(), "Is this ok [y/N]: "); n != 2 || !strings.Contains(installedByRPM(t, asked), "lib-1.0-1.noarch") {
		t.Errorf("%d questions; installed %q\n%s", n, installedByRPM(t, asked), sout.String())
	}
	// Answering no to the key leaves the root as it was.
	fresh := t.TempDir()
	a := args(fresh, "install", "lib")
	a[0] = "--assumeno"
	if _, _, err := runCLI(t, nil, a...); err == nil {
		t.Error("install with --assumeno succeeded")
	}
	if got := installedByRPM(t, fresh); got != "" {
		t.Errorf("after --assumeno: %s installed", got)
	}
}

func TestPMRepoGPGCheckHTTP(t *testing.T) {
	home, key := signingKey(t)
	dir := signedRepo(t, home, fixturesV1[1:2])
	keyData, err := os.ReadFile(key)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "RPM-GPG-KEY-test"), keyData, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(needTool(t, "gpg"), "--batch", "--quiet", "--armor", "--detach-sign", "-o", filepath.Join(dir, "repodata/repomd.xml.asc"), filepath.Join(dir, "repodata/repomd.xml"))
	cmd.Env = append(os.Environ(), "GNUPGHOME="+home)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gpg --detach-sign: %v\n%s", err, out)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	var root string
	install := func() (string, error) {
		root = t.TempDir()
		_, errs, err := runCLI(t, nil, "-y", "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1",
			"--repofrompath=r1,"+srv.URL, "--repo=r1", "--setopt=r1.gpgcheck=1", "--setopt=r1.repo_gpgcheck=1",
			"--setopt=r1.gpgkey="+srv.URL+"/RPM-GPG-KEY-test", "install", "lib")
		if err == nil && !strings.Contains(installedByRPM(t, root), "lib-1.0-1.noarch") {
			t.Errorf("install succeeded without installing lib")
		}
		return errs, err
	}
	if errs, err := install(); err != nil {
		t.Fatalf("install from the signed repository: %v\n%s", err, errs)
	}
	// The package manager fetched the gpgkey once and keeps it with the cache.
	if keys, _ := filepath.Glob(filepath.Join(root, "var/cache/dnf/r1-gpgkeys/*.asc")); len(keys) != 1 {
		t.Errorf("cached gpgkeys: %v", keys)
	}
	// repomd.xml changed after signing: refused.
	md := filepath.Join(dir, "repodata/repomd.xml")
	data, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(md, append(data, []byte("<!-- changed -->\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	if errs, err := install(); err == nil {
		t.Fatalf("install from a tampered repomd.xml succeeded:\n%s", errs)
	} else if !strings.Contains(err.Error(), "repomd") {
		t.Errorf("tampered repomd.xml: error does not say what failed: %v", err)
	}
	// No signature at all: refused too.
	os.WriteFile(md, data, 0o644)
	os.Remove(md + ".asc")
	if errs, err := install(); err == nil {
		t.Fatalf("install without repomd.xml.asc succeeded:\n%s", errs)
	}
}
