// Package archivetest makes small Debian-style archives for tests: .debs built with the
// real dpkg-deb, Packages lists, and an InRelease per suite clear-signed with a key of
// the test's own, laid out as a mirror (dists/SUITE/..., pool/...) that a test serves
// on loopback. Like Debian's archive it keeps what the test adds to each suite; Remove
// drops a version the way the archive drops a superseded one.
package archivetest

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/tools"

	"github.com/nimbus-linux/nimbus/internal/sign"
)

// Deb is a binary package to build.
type Deb struct {
	Name, Version, Arch string // Arch: amd64, arm64 or all
	Source              string // default Name
	Depends             string
	Files               map[string]string // path -> content
	// Changelog is debian/changelog's text, shipped as changelog.Debian.gz.
	Changelog string
}

type entry struct {
	name, version, stanza string
}

// Archive is an archive under Dir.
type Archive struct {
	Dir     string
	Keyring string // the armored public key file that verifies the InRelease files
	Signer  *sign.Signer
	suites  map[string][]entry
}

// New makes an empty archive with a fresh signing key.
func New(t testing.TB) *Archive {
	t.Helper()
	dir := t.TempDir()
	priv, pub, err := sign.GenerateKey(sign.KeyOptions{Name: "Test Archive", Email: "archive@test.invalid", Algorithm: sign.Ed25519,
		Created: time.Now().Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	s, err := sign.LoadSigner(priv)
	if err != nil {
		t.Fatal(err)
	}
	kr := filepath.Join(t.TempDir(), "archive-keyring.asc")
	if err := os.WriteFile(kr, pub, 0o644); err != nil {
		t.Fatal(err)
	}
	// The suites recipes track by default exist from the start, empty, as in Debian.
	suites := map[string][]entry{"bookworm": nil, "bookworm-updates": nil, "bookworm-security": nil}
	return &Archive{Dir: dir, Keyring: kr, Signer: s, suites: suites}
}

// Add builds d with dpkg-deb into the pool and lists it in suite.
func (a *Archive) Add(t testing.TB, suite string, d Deb) string {
	t.Helper()
	if _, err := exec.LookPath(tools.DpkgDeb()); err != nil {
		t.Fatal("dpkg-deb is not installed; run scripts/setup.sh")
	}
	root := t.TempDir()
	src := d.Source
	if src == "" {
		src = d.Name
	}
	ctl := fmt.Sprintf("Package: %s\nVersion: %s\nArchitecture: %s\nMaintainer: Test <test@test.invalid>\nSource: %s\nDescription: test package %s\n",
		d.Name, d.Version, d.Arch, src, d.Name)
	if d.Depends != "" {
		ctl += "Depends: " + d.Depends + "\n"
	}
	write := func(p string, data []byte) {
		full := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("DEBIAN/control", []byte(ctl))
	for p, c := range d.Files {
		write(strings.TrimPrefix(p, "/"), []byte(c))
	}
	if d.Changelog != "" {
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		zw.Write([]byte(d.Changelog))
		zw.Close()
		write("usr/share/doc/"+d.Name+"/changelog.Debian.gz", gz.Bytes())
	}
	ver := d.Version
	if _, v, ok := strings.Cut(ver, ":"); ok {
		ver = v
	}
	rel := fmt.Sprintf("pool/main/%c/%s/%s_%s_%s.deb", src[0], src, d.Name, ver, d.Arch)
	out := filepath.Join(a.Dir, rel)
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(tools.DpkgDeb(), "--root-owner-group", "--build", root, out)
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1764000000")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("dpkg-deb: %v\n%s", err, b)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	stanza := fmt.Sprintf("%sFilename: %s\nSize: %d\nSHA256: %x\n", ctl, rel, len(data), sha256.Sum256(data))
	a.suites[suite] = append(a.suites[suite], entry{name: d.Name, version: d.Version, stanza: stanza})
	return out
}

// Remove drops a package version from a suite's list (its .deb stays in the pool).
func (a *Archive) Remove(suite, name, version string) {
	var keep []entry
	for _, e := range a.suites[suite] {
		if e.name != name || e.version != version {
			keep = append(keep, e)
		}
	}
	a.suites[suite] = keep
}

// Publish writes every suite's Packages lists (plain and gzip) for amd64 and arm64 and
// its InRelease, signed with signer (the archive's own key when nil).
func (a *Archive) Publish(t testing.TB, signer *sign.Signer) {
	t.Helper()
	if signer == nil {
		signer = a.Signer
	}
	suites := make([]string, 0, len(a.suites))
	for s := range a.suites {
		suites = append(suites, s)
	}
	sort.Strings(suites)
	for _, suite := range suites {
		var sums strings.Builder
		for _, arch := range []string{"amd64", "arm64"} {
			var b strings.Builder
			for _, e := range a.suites[suite] {
				if strings.Contains(e.stanza, "\nArchitecture: "+arch+"\n") || strings.Contains(e.stanza, "\nArchitecture: all\n") {
					b.WriteString(e.stanza + "\n")
				}
			}
			plain := []byte(b.String())
			var gz bytes.Buffer
			zw := gzip.NewWriter(&gz)
			zw.Write(plain)
			zw.Close()
			rel := "main/binary-" + arch + "/Packages"
			for name, data := range map[string][]byte{rel: plain, rel + ".gz": gz.Bytes()} {
				p := filepath.Join(a.Dir, "dists", suite, name)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			fmt.Fprintf(&sums, " %x %d %s\n", sha256.Sum256(plain), len(plain), rel)
			fmt.Fprintf(&sums, " %x %d %s\n", sha256.Sum256(gz.Bytes()), gz.Len(), rel+".gz")
		}
		now := time.Now().UTC()
		release := fmt.Sprintf("Origin: Test\nLabel: Test\nSuite: %s\nCodename: %s\nDate: %s\nValid-Until: %s\nArchitectures: amd64 arm64\nComponents: main\nSHA256:\n%s",
			suite, suite, now.Format(time.RFC1123), now.Add(7*24*time.Hour).Format(time.RFC1123), sums.String())
		signed, err := signer.ClearSign([]byte(release), now)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(a.Dir, "dists", suite, "InRelease"), signed, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Changelog is a debian/changelog with one entry per (version, urgency, text),
// newest first as given.
func Changelog(source string, entries ...[3]string) string {
	var b strings.Builder
	for i, e := range entries {
		if i > 0 {
			b.WriteString("\n")
		}
		date := time.Date(2026, 11, 30-i, 12, 0, 0, 0, time.UTC).Format(time.RFC1123Z)
		fmt.Fprintf(&b, "%s (%s) bookworm-security; urgency=%s\n\n  * %s\n\n -- Test <test@test.invalid>  %s\n",
			source, e[0], e[1], e[2], date)
	}
	return b.String()
}
