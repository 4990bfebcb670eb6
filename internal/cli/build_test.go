package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/distbuild"
	"github.com/nimbus-linux/nimbus/internal/distbuild/apt"
)

// testRelease is the release version in dist/recipes/system-release.yaml: `nimbus build`
// publishes out/repos/RELEASE/ARCH.
var testRelease = func() string {
	b, _ := os.ReadFile("../../dist/recipes/system-release.yaml")
	if m := regexp.MustCompile(`(?m)^version: "([^"]+)"`).FindSubmatch(b); m != nil {
		return string(m[1])
	}
	return "system-release.yaml-has-no-version"
}()

// The minimal set's install target (dist/sets/minimal.yaml packages).
var minimalPackages = []string{"kernel", "filesystem", "setup", "system-release", "nimbus-repos", "nimbus", "nimbus-init",
	"bash", "coreutils", "util-linux", "openssh-server", "openssh-client", "iproute2", "e2fsprogs", "ca-certificates",
	"sudo", "procps", "less", "tzdata", "dash", "libc-bin"}

func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(apt.DefaultListsDir, "*_InRelease")); len(m) == 0 {
		t.Skip("no apt lists: run apt-get update")
	}
}

func runBuildCLI(t *testing.T, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	env := map[string]string{"SOURCE_DATE_EPOCH": "1790000000"}
	err := RunEnv(context.Background(), append([]string{"nimbus", "build"}, args...), nil, &out, &errb, func(k string) string { return env[k] })
	if err != nil {
		t.Fatalf("nimbus build %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String() + errb.String()
}

// hashes maps file names under dir (rpms and repodata) to their SHA-256.
func hashes(t *testing.T, dir string, patterns ...string) map[string][32]byte {
	out := map[string][32]byte{}
	for _, p := range patterns {
		m, _ := filepath.Glob(filepath.Join(dir, p))
		for _, f := range m {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(dir, f)
			out[rel] = sha256.Sum256(b)
		}
	}
	return out
}

// installed lists the NEVRAs in a root's rpmdb (rpm's own reading), without gpg-pubkey.
func installed(t *testing.T, root string) string {
	o, err := exec.Command("rpm", "--root", root, "--dbpath", "/var/lib/rpm", "-qa", "--qf", "%{NEVRA}\n").CombinedOutput()
	if err != nil {
		t.Fatalf("rpm -qa in %s: %v\n%s", root, err, o)
	}
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(string(o)), "\n") {
		if l != "" && !strings.HasPrefix(l, "gpg-pubkey") {
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return strings.Join(out, "\n") + "\n"
}

// TestBuildMinimal is the distribution's acceptance test: the minimal set builds for
// x86_64 and aarch64 from the pinned Debian packages (verified end to end) and this
// repository's sources; every package verifies with rpm -K against the distribution
// key; the set is closed under dependencies (the build checks it); a second build from
// the same inputs gives byte-identical packages and repodata; an unchanged rebuild
// reuses everything; the real dnf installs the set into an empty root from the
// published repository with signature checks on, and ssh runs there.
func TestBuildMinimal(t *testing.T) {
	needTools(t, "apt-get", "rpm", "dnf")
	dist, err := filepath.Abs("../../dist")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	a, b := filepath.Join(tmp, "a"), filepath.Join(tmp, "b")

	srcBefore, err := distbuild.SourceHash(filepath.Dir(dist))
	if err != nil {
		t.Fatal(err)
	}
	out := runBuildCLI(t, "--dist", dist, "-o", a, "--arch", "x86_64", "--arch", "aarch64")
	t.Logf("first build:\n%s", out)
	for _, arch := range []string{"x86_64", "aarch64"} {
		if !strings.Contains(out, arch+": ") || !strings.Contains(out, "closed under dependencies") {
			t.Fatalf("no closure report for %s:\n%s", arch, out)
		}
		if _, err := os.Stat(filepath.Join(a, "repos", testRelease, arch, "repodata/repomd.xml.asc")); err != nil {
			t.Fatalf("%s repository not published with a signed repomd: %v", arch, err)
		}
	}
	key := filepath.Join(a, "keys/nimbus-dev.key")

	// Incremental: nothing changed, nothing is rebuilt. (When the sources changed
	// meanwhile, as happens while others edit the tree, only go recipes may rebuild.)
	out = runBuildCLI(t, "--dist", dist, "-o", a, "--arch", "x86_64", "--arch", "aarch64")
	srcAfter, err := distbuild.SourceHash(filepath.Dir(dist))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(out, "\n") {
		f := strings.Fields(l)
		if len(f) < 2 || f[0] != "built" {
			continue
		}
		if srcBefore == srcAfter || (f[1] != "nimbus" && f[1] != "nimbus-init") {
			t.Errorf("an unchanged rebuild rebuilt %s", f[1])
		} else {
			t.Logf("sources changed during the test: %s rebuilt", f[1])
		}
	}

	// Reproducible: a second build elsewhere with the same key gives the same bytes.
	runBuildCLI(t, "--dist", dist, "-o", b, "--arch", "x86_64", "--arch", "aarch64", "--key", key)
	globs := []string{"rpms/x86_64/*.rpm", "rpms/aarch64/*.rpm", "rpms/noarch/*.rpm", "repos/" + testRelease + "/x86_64/repodata/*", "repos/" + testRelease + "/aarch64/repodata/*"}
	ha, hb := hashes(t, a, globs...), hashes(t, b, globs...)
	if len(ha) < 180 {
		t.Fatalf("only %d files built", len(ha))
	}
	var diff []string
	for f, h := range ha {
		if hb[f] != h {
			diff = append(diff, f)
		}
	}
	sort.Strings(diff)
	if len(diff) > 0 || len(ha) != len(hb) {
		t.Errorf("two builds differ (%d vs %d files): %v", len(ha), len(hb), diff)
	}

	// rpm -K against the distribution key.
	db := t.TempDir()
	pub := filepath.Join(a, "keys/nimbus-dev.pub")
	if o, err := exec.Command("rpm", "--dbpath", db, "--import", pub).CombinedOutput(); err != nil {
		t.Fatalf("rpm --import: %v\n%s", err, o)
	}
	rpms, _ := filepath.Glob(filepath.Join(a, "rpms/*/*.rpm"))
	o, err := exec.Command("rpm", append([]string{"--dbpath", db, "-K"}, rpms...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("rpm -K: %v\n%s", err, o)
	}
	if n := strings.Count(string(o), "digests signatures OK"); n != len(rpms) {
		t.Errorf("rpm -K: %d of %d packages OK:\n%s", n, len(rpms), o)
	}

	// The real dnf installs the set into an empty root, checking package and
	// repository signatures.
	root := filepath.Join(tmp, "root")
	repo := filepath.Join(a, "repos", testRelease, "x86_64")
	args := []string{"--noplugins", "-y", "--installroot", root, "--releasever", testRelease, "--disablerepo=*",
		"--repofrompath", "nimbus,file://" + repo, "--enablerepo", "nimbus",
		"--setopt=nimbus.gpgcheck=1", "--setopt=nimbus.repo_gpgcheck=1", "--setopt=nimbus.gpgkey=file://" + pub,
		"--setopt=install_weak_deps=False", "--setopt=cachedir=" + filepath.Join(tmp, "dnfcache"), "install"}
	// Debian's rpm keeps its database in ~/.rpmdb; give dnf rpm's usual /var/lib/rpm
	// (where the Nimbus package manager writes too) through a private HOME.
	dnf := exec.Command("dnf", append(args, minimalPackages...)...)
	dnf.Env = dnfEnv(t)
	if o, err := dnf.CombinedOutput(); err != nil {
		t.Fatalf("dnf install: %v\n%s", err, o)
	} else if bytes.Contains(o, []byte("Error in")) || bytes.Contains(o, []byte("scriptlet failed")) {
		t.Errorf("dnf install reported scriptlet errors:\n%s", o)
	}

	// The Nimbus package manager installs the same set to the same NEVRAs.
	root2 := filepath.Join(tmp, "root2")
	var pmOut bytes.Buffer
	pmArgs := append([]string{"nimbus", "-y", "--installroot", root2, "--releasever", testRelease, "--repofrompath", "nimbus," + repo,
		"--setopt=install_weak_deps=False", "install"}, minimalPackages...)
	if err := RunEnv(context.Background(), pmArgs, nil, &pmOut, &pmOut, func(string) string { return "" }); err != nil {
		t.Errorf("nimbus install: %v\n%s", err, pmOut.String())
	} else {
		dnfSet, pmSet := installed(t, root), installed(t, root2)
		if dnfSet != pmSet {
			t.Errorf("dnf and nimbus installed different packages:\ndnf:\n%s\nnimbus:\n%s", dnfSet, pmSet)
		}
		if n := strings.Count(dnfSet, "\n"); n < 90 {
			t.Errorf("only %d packages installed", n)
		}
	}

	// aarch64: the same install as a transaction test (dependencies, conflicts, file
	// conflicts, signatures), as its scriptlets cannot run on this machine.
	t.Run("aarch64 transaction test", func(t *testing.T) {
		args := []string{"--noplugins", "-y", "--installroot", filepath.Join(tmp, "root-aarch64"), "--forcearch", "aarch64", "--releasever", testRelease,
			"--disablerepo=*", "--repofrompath", "nimbus,file://" + filepath.Join(a, "repos", testRelease, "aarch64"), "--enablerepo", "nimbus",
			"--setopt=nimbus.gpgcheck=1", "--setopt=nimbus.repo_gpgcheck=1", "--setopt=nimbus.gpgkey=file://" + pub,
			"--setopt=install_weak_deps=False", "--setopt=tsflags=test", "--setopt=cachedir=" + filepath.Join(tmp, "dnfcache-a64"), "install"}
		dnf := exec.Command("dnf", append(args, minimalPackages...)...)
		dnf.Env = dnfEnv(t)
		o, err := dnf.CombinedOutput()
		if err != nil || !bytes.Contains(o, []byte("Transaction test succeeded")) {
			t.Errorf("dnf aarch64 transaction test: %v\n%s", err, o)
		}
	})

	t.Run("chroot", func(t *testing.T) {
		if os.Geteuid() != 0 {
			t.Skip("not root: chroot needs root")
		}
		devNull(t, root)
		o, err := exec.Command("chroot", root, "/bin/bash", "-c", "ssh -V; id ec2-user || true; id sshd").CombinedOutput()
		if err != nil || !bytes.Contains(o, []byte("OpenSSH_")) || !bytes.Contains(o, []byte("(sshd)")) {
			t.Errorf("chroot check: %v\n%s", err, o)
		}
		t.Logf("chroot: %s", o)
	})

	// Third-party compatibility: a C program packaged by rpmbuild (so its requires are
	// rpm's automatic libc.so.6(GLIBC_...)(64bit) ones) installs with the Nimbus package
	// manager into the root holding the minimal set, and runs there.
	t.Run("third-party rpm", func(t *testing.T) {
		for _, tool := range []string{"rpmbuild", "gcc"} {
			if _, err := exec.LookPath(tool); err != nil {
				t.Skipf("%s not installed", tool)
			}
		}
		tp := filepath.Join(tmp, "thirdparty")
		top := filepath.Join(tp, "top")
		os.MkdirAll(filepath.Join(top, "SOURCES"), 0o755)
		writeTestFile(t, filepath.Join(top, "SOURCES/hello.c"), "#include <stdio.h>\nint main(void) { puts(\"hello from a third-party rpm\"); return 0; }\n")
		writeTestFile(t, filepath.Join(tp, "hello.spec"), thirdPartySpec)
		if o, err := exec.Command("rpmbuild", "-bb", "--define", "_topdir "+top, "--define", "_buildshell /bin/bash", filepath.Join(tp, "hello.spec")).CombinedOutput(); err != nil {
			t.Fatalf("rpmbuild: %v\n%s", err, o)
		}
		built, _ := filepath.Glob(filepath.Join(top, "RPMS/*/*.rpm"))
		if len(built) != 1 {
			t.Fatalf("rpmbuild made %d packages", len(built))
		}
		req, _ := exec.Command("rpm", "-qp", "--requires", built[0]).Output()
		if !bytes.Contains(req, []byte("libc.so.6(GLIBC_")) {
			t.Fatalf("rpmbuild's package has no automatic libc requires:\n%s", req)
		}
		repo3 := filepath.Join(tp, "repo")
		os.MkdirAll(repo3, 0o755)
		data, _ := os.ReadFile(built[0])
		writeTestFile(t, filepath.Join(repo3, filepath.Base(built[0])), string(data))
		var o bytes.Buffer
		if err := RunEnv(context.Background(), []string{"nimbus", "repo", "create", repo3}, nil, &o, &o, func(string) string { return "" }); err != nil {
			t.Fatalf("repo create: %v\n%s", err, o.String())
		}
		args := []string{"nimbus", "-y", "--installroot", root2, "--releasever", testRelease, "--repofrompath", "dist," + repo,
			"--repofrompath", "thirdparty," + repo3, "--repo", "dist", "--repo", "thirdparty", "--nogpgcheck",
			"--setopt=install_weak_deps=False", "install", "hello-thirdparty"}
		if err := RunEnv(context.Background(), args, nil, &o, &o, func(string) string { return "" }); err != nil {
			t.Fatalf("nimbus install hello-thirdparty: %v\n%s", err, o.String())
		}
		if os.Geteuid() != 0 {
			t.Skip("installed; not root, so not run in a chroot")
		}
		devNull(t, root2)
		out, err := exec.Command("chroot", root2, "/usr/bin/hello").CombinedOutput()
		if err != nil || !bytes.Contains(out, []byte("hello from a third-party rpm")) {
			t.Errorf("running the third-party program: %v\n%s", err, out)
		}
	})
}

const thirdPartySpec = `%define debug_package %{nil}
Name: hello-thirdparty
Version: 1.0
Release: 1
Summary: A C program packaged by rpmbuild
License: MIT
Source0: hello.c
%description
Third-party compatibility check.
%prep
cp %{SOURCE0} .
%build
gcc -O2 -o hello hello.c
%install
mkdir -p %{buildroot}/usr/bin
install -m 0755 hello %{buildroot}/usr/bin/hello
%files
/usr/bin/hello
`

func writeTestFile(t *testing.T, p, s string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// devNull gives a root the /dev/null programs expect.
func devNull(t *testing.T, root string) {
	os.MkdirAll(filepath.Join(root, "dev"), 0o755)
	if _, err := os.Stat(filepath.Join(root, "dev/null")); err == nil {
		return
	}
	if o, err := exec.Command("mknod", "-m", "666", filepath.Join(root, "dev/null"), "c", "1", "3").CombinedOutput(); err != nil {
		t.Fatalf("mknod: %v %s", err, o)
	}
}

// TestRecipeCommitTimes: each recipe's build time is the time of the last commit that
// touched it (its file or its folder), so commits elsewhere do not rebuild it.
func TestRecipeCommitTimes(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	git := func(env []string, args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), append([]string{"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@x", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@x"}, env...)...)
		if o, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, o)
		}
	}
	os.MkdirAll(filepath.Join(dir, "dist/recipes/b"), 0o755)
	git(nil, "init", "-q")
	writeTestFile(t, filepath.Join(dir, "dist/recipes/a.yaml"), "a")
	writeTestFile(t, filepath.Join(dir, "dist/recipes/b.yaml"), "b")
	git([]string{"GIT_COMMITTER_DATE=1700000000 +0000"}, "add", ".")
	git([]string{"GIT_COMMITTER_DATE=1700000000 +0000"}, "commit", "-qm", "one")
	writeTestFile(t, filepath.Join(dir, "dist/recipes/b/file"), "x")
	git(nil, "add", ".")
	git([]string{"GIT_COMMITTER_DATE=1800000000 +0000"}, "commit", "-qm", "two")
	got := distbuild.RecipeCommitTimes(filepath.Join(dir, "dist"))
	if got["a"].Unix() != 1700000000 || got["b"].Unix() != 1800000000 {
		t.Errorf("got %v", got)
	}
}
