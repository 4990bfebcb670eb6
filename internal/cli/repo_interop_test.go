package cli

// Interop of `nimbus repo` with the real createrepo_c 0.17 and dnf 4.14 (Debian's
// createrepo-c and dnf packages): each tool reads what the other writes, and dnf installs
// from a Nimbus repository. The tools are referees: their absence fails the test.
//
// The real dnf runs isolated from the host (runDNF: --noplugins, a private HOME whose
// .rpmmacros sets %_dbpath /var/lib/rpm, whatever the host's rpm defaults to), so the
// tests query the result with `rpm --root R --dbpath /var/lib/rpm`.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/repomd"
)

const repoSDE = "1764000000"

var extraDescs = map[string]string{
	"nimbus-lib.yaml": `name: nimbus-lib
version: "1.1"
release: "1"
arch: noarch
summary: A library for the dependency test
description: Provides libnimbus.
license: MIT
provides:
  - libnimbus = 1.1
files:
  - path: /usr/lib/nimbus-lib/lib.txt
    content: "lib\n"
`,
	"nimbus-app.yaml": `name: nimbus-app
version: "2.0"
release: "3"
arch: noarch
summary: An application for the dependency test
description: Needs libnimbus.
license: MIT
requires:
  - libnimbus >= 1.0
files:
  - path: /usr/bin/nimbus-app
    content: "#!/bin/sh\necho app\n"
    mode: "0755"
`,
}

// repoPackages fills dir with RPMs from rpmbuild (the specs of internal/rpm/testdata) and
// from `nimbus rpm pack` (the examples and two packages with a dependency between them),
// every file's mtime set to SOURCE_DATE_EPOCH so both indexers record the same times.
func repoPackages(t *testing.T, dir string) {
	t.Helper()
	rpmbuild := needTool(t, "rpmbuild")
	top := t.TempDir()
	specs, _ := filepath.Glob(filepath.Join(repoRoot(t), "internal", "rpm", "testdata", "specs", "*.spec"))
	if len(specs) == 0 {
		t.Fatal("no specs in internal/rpm/testdata/specs")
	}
	for _, spec := range specs {
		run(t, rpmbuild, append(append([]string{}, rpmMacros...), "--define", "_topdir "+top, "--quiet", "-bb", spec)...)
	}
	built, _ := filepath.Glob(filepath.Join(top, "RPMS", "*", "*.rpm"))
	os.MkdirAll(filepath.Join(dir, "Packages"), 0o755)
	for _, p := range built {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "Packages", filepath.Base(p)), data, 0o644)
	}
	env := map[string]string{"SOURCE_DATE_EPOCH": repoSDE}
	descs := []string{filepath.Join(repoRoot(t), "examples", "hello", "hello.yaml"), filepath.Join(repoRoot(t), "examples", "motd", "motd.yaml")}
	for name, body := range extraDescs {
		p := filepath.Join(t.TempDir(), name)
		os.WriteFile(p, []byte(body), 0o644)
		descs = append(descs, p)
	}
	mustCLI(t, env, append([]string{"rpm", "pack", "-o", dir + "/"}, descs...)...)
	stamp := time.Unix(1764000000, 0)
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".rpm") {
			os.Chtimes(p, stamp, stamp)
		}
		return nil
	})
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	out, err := exec.Command("cp", "-a", src+"/.", dst).CombinedOutput()
	if err != nil {
		t.Fatalf("cp -a: %v %s", err, out)
	}
}

// metadataDocs returns the uncompressed primary, filelists and other of a repository.
func metadataDocs(t *testing.T, dir string) map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "repodata", "repomd.xml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rm, err := repomd.ParseRepomd(f)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, typ := range []string{"primary", "filelists", "other"} {
		d := rm.Find(typ)
		if d == nil {
			t.Fatalf("%s: repomd.xml lists no %s", dir, typ)
		}
		pf, err := os.Open(filepath.Join(dir, d.Location))
		if err != nil {
			t.Fatal(err)
		}
		rc, _, err := repomd.Decompress(pf, repomd.DefaultLimit)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		pf.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[typ] = string(b)
	}
	return out
}

func dnfArgs(t *testing.T, repoID, loc string) []string {
	root := t.TempDir()
	return []string{"-q", "-y", "--installroot=" + root, "--setopt=reposdir=/dev/null", "--setopt=cachedir=" + filepath.Join(root, "cache"),
		"--releasever=1", "--nogpgcheck", "--repofrompath=" + repoID + "," + loc, "--repo=" + repoID, "--noplugins"}
}

func dnfOut(t *testing.T, repoID, loc string, args ...string) string {
	t.Helper()
	return runDNF(t, append(dnfArgs(t, repoID, loc), args...)...)
}

func sortedLines(s string) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	sort.Strings(l)
	return strings.Join(l, "\n")
}

// TestRepoCreateAgainstCreaterepoC: on the same packages, `nimbus repo create` writes
// byte-for-byte the primary, filelists and other that createrepo_c writes, and dnf reads
// both repositories identically (packages, dependencies, file lists).
func TestRepoCreateAgainstCreaterepoC(t *testing.T) {
	cr := needTool(t, "createrepo_c")
	pkgs := t.TempDir()
	repoPackages(t, pkgs)
	theirs, ours := t.TempDir(), t.TempDir()
	copyTree(t, pkgs, theirs)
	copyTree(t, pkgs, ours)
	run(t, cr, "--no-database", theirs)
	mustCLI(t, map[string]string{"SOURCE_DATE_EPOCH": repoSDE}, "repo", "create", ours)

	a, b := metadataDocs(t, theirs), metadataDocs(t, ours)
	for _, typ := range []string{"primary", "filelists", "other"} {
		if a[typ] != b[typ] {
			al, bl := strings.Split(a[typ], "\n"), strings.Split(b[typ], "\n")
			for i := 0; i < len(al) || i < len(bl); i++ {
				var x, y string
				if i < len(al) {
					x = al[i]
				}
				if i < len(bl) {
					y = bl[i]
				}
				if x != y {
					t.Errorf("%s.xml line %d:\n createrepo_c: %q\n nimbus:       %q", typ, i+1, x, y)
					break
				}
			}
		}
	}
	for _, qf := range []string{"%{name}-%{epoch}:%{version}-%{release}.%{arch}|%{requires}|%{provides}|%{conflicts}|%{obsoletes}|%{recommends}|%{suggests}|%{supplements}|%{enhances}", "%{name}-%{epoch}:%{version}-%{release}.%{arch}|%{files}"} {
		da := dnfOut(t, "theirs", theirs, "repoquery", "--available", "--qf", qf)
		db := dnfOut(t, "ours", ours, "repoquery", "--available", "--qf", qf)
		if sortedLines(da) != sortedLines(db) {
			t.Errorf("dnf reads the repositories differently (%s):\ncreaterepo_c:\n%s\nnimbus:\n%s", qf, da, db)
		}
	}
}

// TestRepoQueryAgainstDnf: nimbus repo query on createrepo_c repositories (gzip, xz and
// zstd metadata) lists exactly what dnf repoquery --available lists.
func TestRepoQueryAgainstDnf(t *testing.T) {
	cr := needTool(t, "createrepo_c")
	pkgs := t.TempDir()
	repoPackages(t, pkgs)
	for _, comp := range []string{"gz", "xz", "zstd"} {
		t.Run(comp, func(t *testing.T) {
			dir := t.TempDir()
			copyTree(t, pkgs, dir)
			if comp == "zstd" {
				// Debian's createrepo_c is built without zstd: recompress its gzip output
				// with the reference zstd tool.
				run(t, cr, "--no-database", dir)
				recompressZstd(t, dir)
			} else {
				run(t, cr, "--no-database", "--general-compress-type="+comp, dir)
			}
			for _, q := range [][]string{nil, {"--arch", "noarch"}, {"hello"}, {"nimbus-*"}, {"hello-2.4*"}} {
				ours := mustCLI(t, nil, append([]string{"repo", "query", "--repo", dir}, q...)...)
				theirs := dnfOut(t, "r", dir, append([]string{"repoquery", "--available"}, q...)...)
				if sortedLines(ours) != sortedLines(theirs) || strings.TrimSpace(ours) == "" && len(q) == 0 {
					t.Errorf("query %v:\nnimbus:\n%s\ndnf:\n%s", q, ours, theirs)
				}
			}
		})
	}
}

// recompressZstd replaces a repository's gzip metadata with zstd streams written by the
// zstd command and rewrites repomd.xml for them.
func recompressZstd(t *testing.T, dir string) {
	t.Helper()
	zstd := needTool(t, "zstd")
	f, err := os.Open(filepath.Join(dir, "repodata", "repomd.xml"))
	if err != nil {
		t.Fatal(err)
	}
	rm, err := repomd.ParseRepomd(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	for i := range rm.Data {
		d := &rm.Data[i]
		gz := filepath.Join(dir, d.Location)
		plain := strings.TrimSuffix(gz, ".gz")
		run(t, "gzip", "-d", "-k", gz)
		run(t, zstd, "-q", "-19", plain, "-o", plain+".zst")
		data, err := os.ReadFile(plain + ".zst")
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		d.Checksum = repomd.Checksum{Type: "sha256", Value: hex.EncodeToString(sum[:])}
		d.Size = int64(len(data))
		d.Location = strings.TrimSuffix(d.Location, ".gz") + ".zst"
		os.Remove(gz)
		os.Remove(plain)
	}
	var b bytes.Buffer
	if err := rm.Write(&b); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "repodata", "repomd.xml"), b.Bytes(), 0o644)
}

// TestDnfInstallsFromNimbusRepo: dnf resolves a dependency and installs from a signed,
// zstd-compressed Nimbus repository.
func TestDnfInstallsFromNimbusRepo(t *testing.T) {
	needTool(t, "dnf")
	rpmBin := needTool(t, "rpm")
	dir := t.TempDir()
	repoPackages(t, dir)
	env := map[string]string{"SOURCE_DATE_EPOCH": repoSDE}
	key := filepath.Join(t.TempDir(), "repo")
	mustCLI(t, env, "key", "generate", "--algorithm", "ed25519", "-o", key)
	mustCLI(t, env, "repo", "create", "--compress", "zstd", "--sign", key+".key", dir)
	if _, err := os.Stat(filepath.Join(dir, "repodata", "repomd.xml.asc")); err != nil {
		t.Fatal(err)
	}
	// gpg --verify is the referee for the detached signature.
	gpg := needTool(t, "gpg")
	home := t.TempDir()
	run(t, gpg, "--homedir", home, "--batch", "--quiet", "--import", key+".pub")
	run(t, gpg, "--homedir", home, "--batch", "--quiet", "--verify", filepath.Join(dir, "repodata", "repomd.xml.asc"), filepath.Join(dir, "repodata", "repomd.xml"))

	args := dnfArgs(t, "nimbus", dir)
	root := strings.TrimPrefix(args[2], "--installroot=")
	runDNF(t, append(args, "install", "nimbus-app", "tiny-data")...)
	got := run(t, rpmBin, "--root", root, "--dbpath", "/var/lib/rpm", "-qa", "--qf", "%{NEVRA}\n")
	want := "nimbus-app-2.0-3.noarch\nnimbus-lib-1.1-1.noarch\ntiny-data-0.9~rc1-1.noarch"
	if sortedLines(got) != want {
		t.Errorf("installed:\n%s\nwant:\n%s", got, want)
	}
	if b, err := os.ReadFile(filepath.Join(root, "usr", "bin", "nimbus-app")); err != nil || !bytes.Contains(b, []byte("echo app")) {
		t.Errorf("nimbus-app not installed: %v", err)
	}
}

// TestRepoCreateReproducibleAndUpdate: two runs give identical repodata; --update reuses
// unchanged packages and picks up a new one.
func TestRepoCreateReproducibleAndUpdate(t *testing.T) {
	pkgs := t.TempDir()
	repoPackages(t, pkgs)
	env := map[string]string{"SOURCE_DATE_EPOCH": repoSDE}
	one, two := t.TempDir(), t.TempDir()
	copyTree(t, pkgs, one)
	copyTree(t, pkgs, two)
	mustCLI(t, env, "repo", "create", one)
	mustCLI(t, env, "repo", "create", two)
	if a, b := treeListing(t, filepath.Join(one, "repodata")), treeListing(t, filepath.Join(two, "repodata")); a != b {
		t.Errorf("two runs differ:\n%s\n%s", a, b)
	}
	n := len(strings.Split(strings.TrimSpace(mustCLI(t, nil, "repo", "query", "--repo", one)), "\n"))
	out := mustCLI(t, env, "repo", "create", "--update", one)
	if want := fmt.Sprintf("%d packages (%d reused)", n, n); !strings.Contains(out, want) {
		t.Errorf("--update: %q, want %q", out, want)
	}
	if a, b := treeListing(t, filepath.Join(one, "repodata")), treeListing(t, filepath.Join(two, "repodata")); a != b {
		t.Errorf("--update changed the metadata of unchanged packages:\n%s\n%s", a, b)
	}
	// A changed package (new content under the old name) is re-read.
	lib, _ := filepath.Glob(filepath.Join(one, "nimbus-lib-*.rpm"))
	motd, _ := filepath.Glob(filepath.Join(one, "nimbus-motd-*.rpm"))
	data, _ := os.ReadFile(motd[0])
	os.WriteFile(lib[0], data, 0o644)
	stamp := time.Unix(1764000000, 0)
	os.Chtimes(lib[0], stamp, stamp)
	out = mustCLI(t, env, "repo", "create", "--update", one)
	if want := fmt.Sprintf("%d packages (%d reused)", n, n-1); !strings.Contains(out, want) {
		t.Errorf("--update after a change: %q, want %q", out, want)
	}
}

// TestRepoQueryOverHTTP: the same answers from a loopback HTTP server as from the
// directory, in JSON with locations and checksums, and the binary cache is reused.
func TestRepoQueryOverHTTP(t *testing.T) {
	dir := t.TempDir()
	repoPackages(t, dir)
	mustCLI(t, map[string]string{"SOURCE_DATE_EPOCH": repoSDE}, "repo", "create", dir)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	cacheDir := t.TempDir()
	local := mustCLI(t, nil, "repo", "query", "--json", "--repo", dir)
	remote := mustCLI(t, nil, "repo", "query", "--json", "--cachedir", cacheDir, "--repo", srv.URL)
	if local != remote || !strings.Contains(local, `"location": "Packages/`) || !strings.Contains(local, `"type": "sha256"`) {
		t.Errorf("local and HTTP answers differ:\n%s\n%s", local, remote)
	}
	srv.Close() // the warm cache answers without the server
	if again := mustCLI(t, nil, "repo", "query", "--json", "--cachedir", cacheDir, "--repo", srv.URL); again != remote {
		t.Errorf("warm cache answer differs")
	}
}

// TestDnfReadsUpdateinfo: an advisory written by repomd.WriteUpdateinfo and published with
// `repo create --updateinfo` is what dnf's updateinfo lists.
func TestDnfReadsUpdateinfo(t *testing.T) {
	needTool(t, "dnf")
	dir := t.TempDir()
	repoPackages(t, dir)
	var ui bytes.Buffer
	err := repomd.WriteUpdateinfo(&ui, []repomd.Update{{
		From: "security@nimbus.invalid", Status: "final", Type: "security", Version: "2",
		ID: "NIMBUS-2026-0001", Title: "Important: tiny-data security update", Issued: repomd.Date{Date: "2026-11-01 00:00:00"},
		Severity: "Important", Description: "Fixes CVE-2026-0001.",
		References: []repomd.Reference{{Href: "https://cve.invalid/CVE-2026-0001", ID: "CVE-2026-0001", Type: "cve", Title: "CVE-2026-0001"}},
		Collections: []repomd.Collection{{Short: "nimbus", Name: "Nimbus", Packages: []repomd.UpdatePackage{{
			Name: "tiny-data", Version: "0.9~rc1", Release: "1", Epoch: "0", Arch: "noarch", Filename: "tiny-data-0.9~rc1-1.noarch.rpm"}}}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	uiFile := filepath.Join(t.TempDir(), "updateinfo.xml")
	os.WriteFile(uiFile, ui.Bytes(), 0o644)
	mustCLI(t, map[string]string{"SOURCE_DATE_EPOCH": repoSDE}, "repo", "create", "--updateinfo", uiFile, dir)
	args := dnfArgs(t, "nimbus", dir)
	runDNF(t, append(args, "install", "tiny-data")...)
	out := runDNF(t, append(args, "updateinfo", "list", "--all")...)
	if strings.TrimSpace(out) != "i NIMBUS-2026-0001 Important/Sec. tiny-data-0.9~rc1-1.noarch" {
		t.Errorf("dnf updateinfo list --all: %q", out)
	}
	// And our reader gets the advisory back from the published, compressed file.
	md := metadataDocsType(t, dir, "updateinfo")
	var got []repomd.Update
	if err := repomd.ReadUpdateinfo(strings.NewReader(md), func(u *repomd.Update) error { got = append(got, *u); return nil }); err != nil || len(got) != 1 || got[0].ID != "NIMBUS-2026-0001" {
		t.Errorf("reading the published updateinfo: %v %+v", err, got)
	}
}

// metadataDocsType returns one uncompressed metadata document of a repository.
func metadataDocsType(t *testing.T, dir, typ string) string {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "repodata", "repomd.xml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rm, err := repomd.ParseRepomd(f)
	if err != nil {
		t.Fatal(err)
	}
	d := rm.Find(typ)
	if d == nil {
		t.Fatalf("repomd.xml lists no %s", typ)
	}
	pf, err := os.Open(filepath.Join(dir, d.Location))
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	rc, _, err := repomd.Decompress(pf, repomd.DefaultLimit)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
