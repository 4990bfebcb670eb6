package cli

import (
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/sign"
)

// A key the release index revokes is refused for package signatures too, not only for
// repomd.xml: packages signed with it do not install, with an error naming the key.
func TestPMRevokedKeyRefusedForPackages(t *testing.T) {
	keys := t.TempDir()
	relKey, pkgKey := filepath.Join(keys, "release"), filepath.Join(keys, "packages")
	mustCLI(t, nil, "key", "generate", "--algorithm", "ed25519", "-o", relKey)
	mustCLI(t, nil, "key", "generate", "--algorithm", "ed25519", "-o", pkgKey)
	priv, err := os.ReadFile(pkgKey + ".key")
	if err != nil {
		t.Fatal(err)
	}
	s, err := sign.LoadSigner(priv)
	if err != nil {
		t.Fatal(err)
	}
	pkgFpr := strings.ToUpper(hex.EncodeToString(s.Fingerprint()))

	pkgs := t.TempDir()
	descs := map[string]string{
		"system-release": fmt.Sprintf("name: system-release\nversion: '%s'\nrelease: '1'\narch: noarch\nsummary: release\nlicense: MIT\nprovides: ['system-release(releasever) = %s']\nfiles: [{path: /etc/os-release, content: \"VERSION_ID=%s\\n\"}]\n", relA, relA, relA),
	}
	for _, name := range []string{"foo", "bar"} {
		descs[name] = fmt.Sprintf("name: %s\nversion: '1'\nrelease: '1'\narch: noarch\nsummary: %s\nlicense: MIT\nfiles: [{path: /usr/share/%s/v, content: '1'}]\n", name, name, name)
	}
	for name, body := range descs {
		p := filepath.Join(t.TempDir(), name+".yaml")
		os.WriteFile(p, []byte(body), 0o644)
		mustCLI(t, map[string]string{"SOURCE_DATE_EPOCH": "1764000000"}, "rpm", "pack", p, "--sign", pkgKey+".key", "-o", pkgs)
	}
	rel := t.TempDir()
	mustCLI(t, map[string]string{"SOURCE_DATE_EPOCH": fmt.Sprint(time.Now().Unix() - 3600)}, "release", "publish", "--version", relA,
		"--from", pkgs, "--arch", "x86_64", "--to", rel, "--key", relKey+".key")
	// The package key is listed in the index (active), then revoked below.
	mustCLI(t, nil, "release", "keys", "--to", rel, "--key", relKey+".key", "--add", pkgKey+".pub")

	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "etc/yum.repos.d"), 0o755)
	os.WriteFile(filepath.Join(root, "etc/yum.repos.d/nimbus.repo"), []byte("[nimbus]\nname=Nimbus\n"+
		"baseurl=file://"+rel+"/$releasever/$basearch/\ngpgcheck=1\nrepo_gpgcheck=1\ngpgkey=file://"+relKey+".pub file://"+pkgKey+".pub\n"+
		"release_index=file://"+rel+"/index.json\nmetadata_expire=0\n"), 0o644)
	pm := func(args ...string) (string, string, error) {
		return runCLI(t, nil, append([]string{"-y", "--installroot", root, "--releasever=" + relA}, args...)...)
	}
	if out, errs, err := pm("install", "foo"); err != nil {
		t.Fatalf("install foo before the revocation: %v\n%s%s", err, out, errs)
	}
	mustCLI(t, nil, "release", "keys", "--to", rel, "--key", relKey+".key", "--revoke", pkgFpr, "--reason", "compromised")
	_, errs, err := pm("install", "bar")
	if err == nil {
		t.Fatalf("bar, signed by a revoked key, was installed:\n%s", errs)
	}
	if msg := err.Error(); !strings.Contains(msg, "revoked") || !strings.Contains(msg, pkgFpr) || !strings.Contains(msg, "compromised") {
		t.Errorf("error does not name the revoked key: %v", err)
	}
	if got := installedByRPM(t, root); strings.Contains(got, "bar-") {
		t.Errorf("installed: %s", got)
	}
}
