package publish

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/nimbus-linux/nimbus/internal/pkgdesc"
	"github.com/nimbus-linux/nimbus/internal/release"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/sign"
)

var at = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)

// pkg writes a noarch package into dir.
func pkg(t *testing.T, dir, name, version string, provides ...string) {
	t.Helper()
	y := fmt.Sprintf("name: %s\nversion: '%s'\nrelease: '1'\narch: noarch\nsummary: s\nlicense: MIT\nfiles: [{path: /usr/share/%s/version, content: '%s'}]\n", name, version, name, version)
	if len(provides) > 0 {
		y += "provides: [\"" + strings.Join(provides, "\", \"") + "\"]\n"
	}
	desc, err := pkgdesc.Parse("t.yaml", []byte(y))
	if err != nil {
		t.Fatal(err)
	}
	info, src, err := desc.Build(fstest.MapFS{}, pkgdesc.Options{BuildTime: at, Clamp: true})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rpm.Write(&b, info, src, rpm.WriteOptions{Level: 3}); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(filepath.Join(dir, info.NEVRA()+".rpm"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// source makes a build output for release version v with the given foo version.
func source(t *testing.T, v, foo string) string {
	dir := filepath.Join(t.TempDir(), "x86_64")
	pkg(t, dir, "system-release", v, "system-release(releasever) = "+v)
	pkg(t, dir, "foo", foo)
	pkg(t, dir, "bar", "1.0") // identical bytes in every release
	return filepath.Dir(dir)
}

func signer(t *testing.T) *sign.Signer {
	priv, _, err := sign.GenerateKey(sign.KeyOptions{Name: "Nimbus Release", Algorithm: "ed25519", Created: at.Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	s, err := sign.LoadSigner(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

const vA, vB = "2026.9.20260901", "2026.10.20261001"

func TestPublish(t *testing.T) {
	s := signer(t)
	to := t.TempDir()
	ctx := context.Background()
	a, err := Publish(ctx, Options{Version: vA, From: source(t, vA, "1.0"), To: to, Signer: s, Time: at, Notes: "first"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Packages["x86_64"] != 3 || a.New["x86_64"] != 3 {
		t.Errorf("release A: %+v", a)
	}
	b, err := Publish(ctx, Options{Version: vB, From: source(t, vB, "2.0"), To: to, Signer: s, Time: at.Add(24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	// B shares bar's blob with A: only system-release and foo are new.
	if b.Packages["x86_64"] != 3 || b.New["x86_64"] != 2 {
		t.Errorf("release B: %d packages, %d new; want 3, 2", b.Packages["x86_64"], b.New["x86_64"])
	}
	blobs, _ := filepath.Glob(filepath.Join(to, "blobs/sha256/*/*.rpm"))
	if len(blobs) != 5 {
		t.Errorf("%d blobs, want 5", len(blobs))
	}
	barA, _ := os.Stat(filepath.Join(to, vA, "x86_64/Packages/bar-1.0-1.noarch.rpm"))
	barB, _ := os.Stat(filepath.Join(to, vB, "x86_64/Packages/bar-1.0-1.noarch.rpm"))
	if barA == nil || barB == nil || !os.SameFile(barA, barB) {
		t.Error("bar is not one file shared by both releases")
	}
	if barA != nil && barA.Mode().Perm()&0o222 != 0 {
		t.Errorf("blob mode %v: blobs are read-only", barA.Mode())
	}
	if l, _ := os.Readlink(filepath.Join(to, "latest")); l != vB {
		t.Errorf("latest -> %q", l)
	}
	x, err := LoadIndex(to, nil)
	if err != nil {
		t.Fatal(err)
	}
	if x.Serial != 2 || len(x.Releases) != 2 || x.Releases[0].Notes != "first" || len(x.Keys) != 1 || x.Keys[0].Status != release.KeyActive {
		t.Errorf("index %+v", x)
	}
	if !x.Expires.Equal(at.Add(24*time.Hour + 30*24*time.Hour)) {
		t.Errorf("expires %v", x.Expires)
	}

	// Immutable, monotonic, and the system-release package must carry the version.
	for _, c := range []struct {
		o    Options
		want string
	}{
		{Options{Version: vA, From: source(t, vA, "1.1")}, "already published"},
		{Options{Version: "2026.8.20260801", From: source(t, "2026.8.20260801", "1.1")}, "not newer than the latest release"},
		{Options{Version: "2026.11.20261101", From: source(t, "2026.10.20261001", "3")}, "provides system-release(releasever) = 2026.10.20261001, not 2026.11.20261101"},
		{Options{Version: "2026.11", From: source(t, vA, "3")}, "want YEAR.MINOR.YYYYMMDD"},
	} {
		c.o.To, c.o.Signer, c.o.Time = to, s, at.Add(48*time.Hour)
		before := listing(t, to)
		if _, err := Publish(ctx, c.o); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.o.Version, err, c.want)
		}
		if listing(t, to) != before {
			t.Errorf("%s: a refused publication changed the releases directory", c.o.Version)
		}
	}

	// Reproducible: the same inputs and time give the same bytes.
	to2 := t.TempDir()
	srcA := source(t, vA, "1.0")
	if _, err := Publish(ctx, Options{Version: vA, From: srcA, To: to2, Signer: s, Time: at, Notes: "first"}); err != nil {
		t.Fatal(err)
	}
	to3 := t.TempDir()
	if _, err := Publish(ctx, Options{Version: vA, From: srcA, To: to3, Signer: s, Time: at, Notes: "first"}); err != nil {
		t.Fatal(err)
	}
	if a, b := listing(t, to2), listing(t, to3); a != b {
		t.Errorf("two publications differ:\n%s\n%s", a, b)
	}

	// Key rotation and revocation through the index.
	s2 := signer(t)
	pub2, _ := s2.ArmoredPublicKey()
	x, err = ChangeKeys(to, s, KeyChange{Add: [][]byte{pub2}}, at.Add(50*time.Hour), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Keys) != 2 || x.Serial != 3 {
		t.Fatalf("after adding a key: %+v", x.Keys)
	}
	if _, err := ChangeKeys(to, s2, KeyChange{Revoke: []string{x.Keys[1].Fingerprint}}, at.Add(51*time.Hour), 0); err == nil || !strings.Contains(err.Error(), "the key signing this change") {
		t.Errorf("revoking the signing key: %v", err)
	}
	x, err = ChangeKeys(to, s2, KeyChange{Revoke: []string{x.Keys[0].Fingerprint}, Reason: "rotation"}, at.Add(51*time.Hour), 0)
	if err != nil {
		t.Fatal(err)
	}
	if x.Keys[0].Status != release.KeyRevoked || x.Serial != 4 {
		t.Fatalf("after revoking: %+v", x.Keys)
	}
	if _, err := Publish(ctx, Options{Version: "2026.11.20261101", From: source(t, "2026.11.20261101", "3"), To: to, Signer: s, Time: at.Add(52 * time.Hour)}); err == nil || !strings.Contains(err.Error(), "revoked") {
		t.Errorf("publishing with the revoked key: %v", err)
	}
	if _, err := Publish(ctx, Options{Version: "2026.11.20261101", From: source(t, "2026.11.20261101", "3"), To: to, Signer: s2, Time: at.Add(52 * time.Hour)}); err != nil {
		t.Errorf("publishing with the new key: %v", err)
	}
}

// listing is every path under dir with its size and link target (contents for small files).
func listing(t *testing.T, dir string) string {
	var out []string
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case fi.Mode()&os.ModeSymlink != 0:
			l, _ := os.Readlink(p)
			out = append(out, rel+" -> "+l)
		case fi.Mode().IsRegular():
			b, _ := os.ReadFile(p)
			out = append(out, fmt.Sprintf("%s %x", rel, b))
		default:
			out = append(out, rel+"/")
		}
		return nil
	})
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// TestDnfReadsRelease: the real dnf installs from a published release (Packages/ hard
// links into the blob store) with repo_gpgcheck on.
func TestDnfReadsRelease(t *testing.T) {
	dnf, err := exec.LookPath("dnf")
	if err != nil {
		t.Fatal("dnf is not installed; run scripts/setup.sh (the real peers are part of the test setup)")
	}
	s := signer(t)
	to := t.TempDir()
	for i, v := range []string{vA, vB} {
		if _, err := Publish(context.Background(), Options{Version: v, From: source(t, v, fmt.Sprintf("%d.0", i+1)), To: to, Signer: s, Time: at.Add(time.Duration(i) * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	pub, _ := s.ArmoredPublicKey()
	keyFile := filepath.Join(t.TempDir(), "key.asc")
	os.WriteFile(keyFile, pub, 0o644)
	root := t.TempDir()
	home := t.TempDir()
	os.WriteFile(filepath.Join(home, ".rpmmacros"), []byte("%_dbpath /var/lib/rpm\n%__gpg /usr/bin/gpg\n"), 0o644)
	reposd := filepath.Join(t.TempDir(), "repos")
	os.MkdirAll(reposd, 0o755)
	os.WriteFile(filepath.Join(reposd, "nimbus.repo"), []byte("[nimbus]\nname=Nimbus $releasever\nbaseurl=file://"+to+"/$releasever/$basearch/\ngpgcheck=0\nrepo_gpgcheck=1\ngpgkey=file://"+keyFile+"\n"), 0o644)
	for _, c := range []struct{ rv, want string }{{vA, "foo-1.0-1.noarch"}, {vB, "foo-2.0-1.noarch"}, {"latest", "foo-2.0-1.noarch"}} {
		cmd := exec.Command(dnf, "--noplugins", "-q", "-y", "--installroot", root, "--forcearch", "x86_64", "--setopt=reposdir="+reposd, "--setopt=cachedir="+filepath.Join(root, "cache"),
			"--releasever="+c.rv, "repoquery", "--available", "--qf", "%{name}-%{version}-%{release}.%{arch}", "foo")
		cmd.Env = append(os.Environ(), "HOME="+home)
		var errb bytes.Buffer
		cmd.Stderr = &errb
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("dnf --releasever=%s: %v\n%s%s", c.rv, err, out, errb.String())
		}
		if i := strings.LastIndex(string(out), "\nfoo-"); i >= 0 {
			out = out[i+1:] // after the key import notice
		}
		if strings.TrimSpace(string(out)) != c.want {
			t.Errorf("dnf --releasever=%s sees %q, want %q", c.rv, out, c.want)
		}
	}
	cmd := exec.Command(dnf, "--noplugins", "-q", "-y", "--installroot", root, "--forcearch", "x86_64", "--setopt=reposdir="+reposd, "--setopt=cachedir="+filepath.Join(root, "cache"),
		"--releasever="+vB, "install", "foo", "bar", "system-release")
	cmd.Env = append(os.Environ(), "HOME="+home)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("dnf install: %v\n%s", err, out)
	}
	if b, err := os.ReadFile(filepath.Join(root, "usr/share/foo/version")); err != nil || string(b) != "2.0" {
		t.Errorf("foo from release B not installed: %q %v", b, err)
	}
}
