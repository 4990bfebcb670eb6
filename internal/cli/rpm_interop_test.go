package cli

// Interop with the real rpm 4.18 (Debian's rpm package, which includes rpmbuild): rpm is the
// referee for every package Nimbus writes, and Nimbus must read what rpmbuild writes.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// runCLI runs the nimbus CLI in-process with SOURCE_DATE_EPOCH fixed.
func runCLI(t *testing.T, env map[string]string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string { return env[k] }
	err := RunEnv(context.Background(), append([]string{"nimbus"}, args...), strings.NewReader(""), &out, &errb, getenv)
	return out.String(), errb.String(), err
}

func mustCLI(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	out, errs, err := runCLI(t, env, args...)
	if err != nil {
		t.Fatalf("nimbus %s: %v\nstderr: %s", strings.Join(args, " "), err, errs)
	}
	return out
}

// needTool returns the path of a referee tool. The referees are part of the test setup
// (scripts/setup.sh installs them): their absence is a failure, not a skip.
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not installed; run scripts/setup.sh (it installs the real peers the tests use)", name)
	}
	return p
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\nstdout: %s\nstderr: %s", name, strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String()
}

func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// rpmMacros are the Debian quirks of ARCHITECTURE.md: a real dbpath, bash as build shell
// and gpg at its Debian path.
var rpmMacros = []string{"--define", "_buildshell /bin/bash", "--define", "__gpg /usr/bin/gpg"}

// qf is the query format both sides render: every field of the header that matters to rpm
// and dnf, one item per line.
const qf = `NAME=%{NAME}
EPOCH=%{EPOCH}
VERSION=%{VERSION}
RELEASE=%{RELEASE}
ARCH=%{ARCH}
SUMMARY=%{SUMMARY}
DESCRIPTION=%{DESCRIPTION}
LICENSE=%{LICENSE}
URL=%{URL}
VENDOR=%{VENDOR}
PACKAGER=%{PACKAGER}
GROUP=%{GROUP}
BUILDTIME=%{BUILDTIME}
BUILDHOST=%{BUILDHOST}
SOURCERPM=%{SOURCERPM}
SIZE=%{SIZE}
[REQUIRE=%{REQUIRENAME}|%{REQUIREFLAGS}|%{REQUIREVERSION}
][PROVIDE=%{PROVIDENAME}|%{PROVIDEFLAGS}|%{PROVIDEVERSION}
][CONFLICT=%{CONFLICTNAME}|%{CONFLICTFLAGS}|%{CONFLICTVERSION}
][OBSOLETE=%{OBSOLETENAME}|%{OBSOLETEFLAGS}|%{OBSOLETEVERSION}
][RECOMMEND=%{RECOMMENDNAME}|%{RECOMMENDFLAGS}|%{RECOMMENDVERSION}
][SUGGEST=%{SUGGESTNAME}|%{SUGGESTFLAGS}|%{SUGGESTVERSION}
][SUPPLEMENT=%{SUPPLEMENTNAME}|%{SUPPLEMENTFLAGS}|%{SUPPLEMENTVERSION}
][ENHANCE=%{ENHANCENAME}|%{ENHANCEFLAGS}|%{ENHANCEVERSION}
][FILE=%{FILENAMES}|%{FILEMODES}|%{FILESIZES}|%{FILEDIGESTS}|%{FILEFLAGS}|%{FILEUSERNAME}|%{FILEGROUPNAME}|%{FILEMTIMES}|%{FILELINKTOS}|%{FILECAPS}|%{FILEINODES}
][CHANGELOG=%{CHANGELOGTIME}|%{CHANGELOGNAME}|%{CHANGELOGTEXT}
]PREIN=%{PREINPROG}|%{PREIN}
POSTIN=%{POSTINPROG}|%{POSTIN}
PREUN=%{PREUNPROG}|%{PREUN}
POSTUN=%{POSTUNPROG}|%{POSTUN}
PRETRANS=%{PRETRANSPROG}|%{PRETRANS}
POSTTRANS=%{POSTTRANSPROG}|%{POSTTRANS}
PAYLOAD=%{PAYLOADCOMPRESSOR}|%{PAYLOADFLAGS}
`

// infoJSON is the part of `nimbus rpm info --json` the comparison reads.
type infoJSON struct {
	Name, Version, Release, Arch, Summary, Description, License, URL, Vendor, Packager, Group string
	Epoch                                                                                     *uint32
	Buildtime                                                                                 uint32
	Buildhost, Sourcerpm                                                                      string
	Size                                                                                      int64
	Requires, Provides, Conflicts, Obsoletes                                                  []depJSON
	Recommends, Suggests, Supplements, Enhances                                               []depJSON
	Files                                                                                     []struct {
		Path, Digest, User, Group, Linkto, Caps string
		Mode, Flags, Mtime, Inode               uint32
		Size                                    int64
	}
	Changelog []struct {
		Time       uint32
		Name, Text string
	}
	Scripts []struct {
		Kind        string
		Interpreter []string
		Body        string
	}
	Payloadcompressor, Payloadflags string
}

// renderQF renders what nimbus says in the shape of qf.
func renderQF(i *infoJSON) string {
	var b strings.Builder
	none := func(s string) string {
		if s == "" {
			return "(none)"
		}
		return s
	}
	epoch := "(none)"
	if i.Epoch != nil {
		epoch = fmt.Sprint(*i.Epoch)
	}
	fmt.Fprintf(&b, "NAME=%s\nEPOCH=%s\nVERSION=%s\nRELEASE=%s\nARCH=%s\nSUMMARY=%s\nDESCRIPTION=%s\nLICENSE=%s\n",
		i.Name, epoch, i.Version, i.Release, i.Arch, i.Summary, i.Description, i.License)
	fmt.Fprintf(&b, "URL=%s\nVENDOR=%s\nPACKAGER=%s\nGROUP=%s\nBUILDTIME=%d\nBUILDHOST=%s\nSOURCERPM=%s\nSIZE=%d\n",
		none(i.URL), none(i.Vendor), none(i.Packager), none(i.Group), i.Buildtime, i.Buildhost, i.Sourcerpm, i.Size)
	for _, l := range []struct {
		k  string
		ds []depJSON
	}{{"REQUIRE", i.Requires}, {"PROVIDE", i.Provides}, {"CONFLICT", i.Conflicts}, {"OBSOLETE", i.Obsoletes},
		{"RECOMMEND", i.Recommends}, {"SUGGEST", i.Suggests}, {"SUPPLEMENT", i.Supplements}, {"ENHANCE", i.Enhances}} {
		for _, d := range l.ds {
			fmt.Fprintf(&b, "%s=%s|%d|%s\n", l.k, d.Name, d.Flags, d.Version)
		}
	}
	anyCaps := false
	for _, f := range i.Files {
		anyCaps = anyCaps || f.Caps != ""
	}
	for _, f := range i.Files {
		caps := f.Caps
		if !anyCaps {
			caps = "(none)" // rpm's rendering of an absent FILECAPS tag
		}
		fmt.Fprintf(&b, "FILE=%s|%d|%d|%s|%d|%s|%s|%d|%s|%s|%d\n", f.Path, f.Mode&0xffff, f.Size, f.Digest, f.Flags, f.User, f.Group, f.Mtime, f.Linkto, caps, f.Inode)
	}
	for _, c := range i.Changelog {
		fmt.Fprintf(&b, "CHANGELOG=%d|%s|%s\n", c.Time, c.Name, c.Text)
	}
	scripts := map[string]string{}
	for _, s := range i.Scripts {
		scripts[s.Kind] = strings.Join(s.Interpreter, ", ") + "|" + s.Body
	}
	for _, k := range []struct{ label, kind string }{{"PREIN", "pre"}, {"POSTIN", "post"}, {"PREUN", "preun"}, {"POSTUN", "postun"}, {"PRETRANS", "pretrans"}, {"POSTTRANS", "posttrans"}} {
		s, ok := scripts[k.kind]
		if !ok {
			s = "(none)|(none)"
		}
		fmt.Fprintf(&b, "%s=%s\n", k.label, s)
	}
	fmt.Fprintf(&b, "PAYLOAD=%s|%s\n", i.Payloadcompressor, i.Payloadflags)
	return b.String()
}

func nimbusInfo(t *testing.T, pkg string) *infoJSON {
	t.Helper()
	out := mustCLI(t, nil, "rpm", "info", "--json", pkg)
	var i infoJSON
	if err := json.Unmarshal([]byte(out), &i); err != nil {
		t.Fatalf("rpm info --json %s: %v\n%s", pkg, err, out)
	}
	return &i
}

// compareWithRPM asserts that rpm -qp --qf and nimbus rpm info --json agree on every line.
func compareWithRPM(t *testing.T, pkg string) {
	t.Helper()
	rpmOut := run(t, needTool(t, "rpm"), append(append([]string{}, rpmMacros...), "-qp", "--qf", qf, pkg)...)
	ours := renderQF(nimbusInfo(t, pkg))
	if rpmOut != ours {
		rl, ol := strings.Split(rpmOut, "\n"), strings.Split(ours, "\n")
		for k := 0; k < len(rl) || k < len(ol); k++ {
			var a, b string
			if k < len(rl) {
				a = rl[k]
			}
			if k < len(ol) {
				b = ol[k]
			}
			if a != b {
				t.Errorf("%s line %d:\n  rpm:    %q\n  nimbus: %q", filepath.Base(pkg), k+1, a, b)
			}
		}
	}
}

func sha(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// packExamples generates one key per algorithm and packs every example, signed.
type packed struct {
	pkg, pub, algo string
}

func packExamples(t *testing.T, dir string, env map[string]string) []packed {
	t.Helper()
	root := repoRoot(t)
	var out []packed
	for _, algo := range []string{"rsa2048", "ed25519"} {
		prefix := filepath.Join(dir, "key-"+algo)
		mustCLI(t, env, "key", "generate", "--algorithm", algo, "--name", "Nimbus Test "+algo, "-o", prefix)
		for _, ex := range []string{"hello/hello.yaml", "motd/motd.yaml"} {
			outDir := filepath.Join(dir, algo)
			got := strings.TrimSpace(mustCLI(t, env, "rpm", "pack", filepath.Join(root, "examples", ex), "-o", outDir+"/", "--sign", prefix+".key"))
			out = append(out, packed{got, prefix + ".pub", algo})
		}
	}
	return out
}

func TestNimbusPackagesAgainstRPM(t *testing.T) {
	rpmBin := needTool(t, "rpm")
	dir := t.TempDir()
	env := map[string]string{"SOURCE_DATE_EPOCH": "1764000000"}
	for _, p := range packExamples(t, dir, env) {
		p := p
		t.Run(p.algo+"/"+filepath.Base(p.pkg), func(t *testing.T) {
			compareWithRPM(t, p.pkg)

			// rpm -K: digests OK without the key, signatures OK after importing it.
			db := t.TempDir()
			base := append(append([]string{}, rpmMacros...), "--dbpath", db)
			// Without the key, rpm checks the digests and reports the signature as NOKEY.
			if out, _ := exec.Command(rpmBin, append(base, "-Kv", p.pkg)...).CombinedOutput(); !strings.Contains(string(out), "Signature, key ID") ||
				!strings.Contains(string(out), "NOKEY") || !strings.Contains(string(out), "Header SHA256 digest: OK") || strings.Contains(string(out), "BAD") {
				t.Errorf("rpm -Kv before import: %s", out)
			}
			run(t, rpmBin, append(base, "--import", p.pub)...)
			out := run(t, rpmBin, append(base, "-Kv", p.pkg)...)
			if !strings.Contains(out, "Header SHA256 digest: OK") || !strings.Contains(out, "Payload SHA256 digest: OK") ||
				!strings.Contains(out, "Header V4") || !strings.Contains(out, "Signature, key ID") || strings.Contains(out, "NOT OK") || strings.Contains(out, "BAD") {
				t.Errorf("rpm -Kv after import:\n%s", out)
			}
			short := run(t, rpmBin, append(base, "-K", p.pkg)...)
			if !strings.HasSuffix(strings.TrimSpace(short), "digests signatures OK") {
				t.Errorf("rpm -K: %q, want digests signatures OK", short)
			}

			// Our own verify agrees.
			mustCLI(t, nil, "rpm", "verify", "--keyring", p.pub, p.pkg)

			// rpm installs it and finds nothing changed.
			root := t.TempDir()
			run(t, rpmBin, append(append([]string{}, rpmMacros...), "--root", root, "--dbpath", "/var/lib/rpm", "-i", "--nodeps", "--noscripts", "--nosignature", p.pkg)...)
			if out, err := exec.Command(rpmBin, append(append([]string{}, rpmMacros...), "--root", root, "--dbpath", "/var/lib/rpm", "-Va", "--nodeps")...).CombinedOutput(); err != nil || len(bytes.TrimSpace(out)) > 0 {
				t.Errorf("rpm -V after install: err=%v\n%s", err, out)
			}

			// rpm2cpio | cpio -t lists exactly the non-ghost files.
			cpioList := rpm2cpioList(t, p.pkg)
			var want []string
			for _, f := range nimbusInfo(t, p.pkg).Files {
				if f.Flags&64 == 0 {
					want = append(want, "."+f.Path)
				}
			}
			if strings.Join(cpioList, "\n") != strings.Join(want, "\n") {
				t.Errorf("rpm2cpio | cpio -t:\n%s\nwant:\n%s", strings.Join(cpioList, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func rpm2cpioList(t *testing.T, pkg string) []string {
	t.Helper()
	needTool(t, "rpm2cpio")
	needTool(t, "cpio")
	out, err := exec.Command("sh", "-c", "rpm2cpio \"$1\" | cpio -t --quiet", "sh", pkg).Output()
	if err != nil {
		t.Fatalf("rpm2cpio | cpio -t: %v", err)
	}
	l := strings.Fields(string(out))
	sort.Strings(l)
	return l
}

func TestPackReproducible(t *testing.T) {
	env := map[string]string{"SOURCE_DATE_EPOCH": "1764000000"}
	a := packExamples(t, t.TempDir(), env)
	// The keys differ between runs (fresh key material), so compare signed packages made
	// with the same key, and unsigned ones.
	for _, p := range a {
		dir := t.TempDir()
		keyFile := strings.TrimSuffix(p.pub, ".pub") + ".key"
		desc := filepath.Join(repoRoot(t), "examples", map[bool]string{true: "hello/hello.yaml", false: "motd/motd.yaml"}[strings.Contains(p.pkg, "hello")])
		one := filepath.Join(dir, "1.rpm")
		two := filepath.Join(dir, "2.rpm")
		mustCLI(t, env, "rpm", "pack", desc, "-o", one, "--sign", keyFile)
		mustCLI(t, env, "rpm", "pack", desc, "-o", two, "--sign", keyFile)
		if sha(t, one) != sha(t, two) || sha(t, one) != sha(t, p.pkg) {
			t.Errorf("%s: three packs with one key differ: %s %s %s", desc, sha(t, one), sha(t, two), sha(t, p.pkg))
		}
	}
}

// TestRPMBuildPackages reads what rpmbuild writes from the specs in internal/rpm/testdata:
// scriptlets (shell and Lua), %config and %config(noreplace), symlinks, directories, file
// capabilities, %ghost, hard links, rich dependencies, every dependency kind.
func TestRPMBuildPackages(t *testing.T) {
	rpmbuild := needTool(t, "rpmbuild")
	top := t.TempDir()
	specs, _ := filepath.Glob(filepath.Join(repoRoot(t), "internal", "rpm", "testdata", "specs", "*.spec"))
	if len(specs) == 0 {
		t.Fatal("no specs in internal/rpm/testdata/specs")
	}
	for _, payload := range []string{"w19.zstdio", "w9.gzdio", "w6.xzdio"} {
		for _, spec := range specs {
			run(t, rpmbuild, append(append([]string{}, rpmMacros...), "--define", "_topdir "+top, "--define", "_binary_payload "+payload, "--quiet", "-bb", spec)...)
		}
		pkgs, _ := filepath.Glob(filepath.Join(top, "RPMS", "*", "*.rpm"))
		if len(pkgs) != len(specs) {
			t.Fatalf("rpmbuild made %d packages from %d specs", len(pkgs), len(specs))
		}
		for _, pkg := range pkgs {
			t.Run(payload+"/"+filepath.Base(pkg), func(t *testing.T) {
				compareWithRPM(t, pkg)
				mustCLI(t, nil, "rpm", "verify", pkg)
				// Our extraction matches rpm2cpio | cpio -idm, file by file.
				ours, theirs := t.TempDir(), t.TempDir()
				mustCLI(t, nil, "rpm", "extract", pkg, ours)
				cmd := exec.Command("sh", "-c", "rpm2cpio \"$1\" | cpio -idm --quiet", "sh", pkg)
				cmd.Dir = theirs
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("rpm2cpio | cpio -idm: %v %s", err, out)
				}
				if a, b := treeListing(t, ours), treeListing(t, theirs); a != b {
					t.Errorf("extracted trees differ:\nnimbus:\n%s\ncpio:\n%s", a, b)
				}
			})
		}
		os.RemoveAll(filepath.Join(top, "RPMS"))
	}
}

// treeListing describes a tree: path, type and permissions, size, link target, content hash.
func treeListing(t *testing.T, root string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		line := fmt.Sprintf("%s %s", rel, fi.Mode())
		switch {
		case fi.Mode()&os.ModeSymlink != 0:
			l, _ := os.Readlink(p)
			line += " -> " + l
		case fi.Mode().IsRegular():
			line += fmt.Sprintf(" %d %s %d", fi.Size(), sha(t, p)[:16], fi.ModTime().Unix())
		}
		b.WriteString(line + "\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
