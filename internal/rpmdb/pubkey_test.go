package rpmdb

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/sign"
)

// gpgKey makes a key with gpg's defaults (a primary key and an encryption subkey) in a new
// GNUPGHOME and returns that home and the armored public key.
func gpgKey(t *testing.T) (home string, pub []byte) {
	t.Helper()
	gpg, err := exec.LookPath("gpg")
	if err != nil {
		t.Fatal("gpg is not installed; run scripts/setup.sh")
	}
	home = filepath.Join(t.TempDir(), "gnupg")
	if err := os.Mkdir(home, 0o700); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(gpg, "--batch", "--quiet", "--passphrase", "", "--quick-gen-key", "Nimbus Test <test@example.com>", "rsa2048", "default", "never")
	cmd.Env = append(os.Environ(), "GNUPGHOME="+home)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gpg --quick-gen-key: %v\n%s", err, out)
	}
	cmd = exec.Command(gpg, "--batch", "--quiet", "--quick-add-key", "--passphrase", "", firstFingerprint(t, gpg, home), "rsa2048", "encr", "never")
	cmd.Env = append(os.Environ(), "GNUPGHOME="+home)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gpg --quick-add-key: %v\n%s", err, out)
	}
	cmd = exec.Command(gpg, "--armor", "--export")
	cmd.Env = append(os.Environ(), "GNUPGHOME="+home)
	pub, err = cmd.Output()
	if err != nil || len(pub) == 0 {
		t.Fatalf("gpg --export: %v", err)
	}
	return home, pub
}

func firstFingerprint(t *testing.T, gpg, home string) string {
	cmd := exec.Command(gpg, "--batch", "--with-colons", "--list-keys")
	cmd.Env = append(os.Environ(), "GNUPGHOME="+home)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if f := strings.Split(l, ":"); f[0] == "fpr" && len(f) > 9 {
			return f[9]
		}
	}
	t.Fatal("gpg listed no fingerprint")
	return ""
}

// rpmImported is the header rpm --import stores for a key file in a fresh root.
func rpmImported(t *testing.T, keyFile string) *Installed {
	t.Helper()
	root := t.TempDir()
	if out, err := rpmCmd(t, root, "--import", keyFile); err != nil {
		t.Fatalf("rpm --import: %v\n%s", err, out)
	}
	db, err := Open(root, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	all, err := db.All(context.Background())
	if err != nil || len(all) != 1 {
		t.Fatalf("rpm --import left %d packages (%v)", len(all), err)
	}
	return &all[0]
}

// TestPubkeyHeaderMatchesRPM: the header Nimbus builds for a key is byte for byte the one
// rpm --import stores (same install time), for a Nimbus-made key and a gpg key with a subkey.
func TestPubkeyHeaderMatchesRPM(t *testing.T) {
	_, nimbusPub, err := sign.GenerateKey(sign.KeyOptions{Name: "Nimbus Keys", Email: "keys@example.com", Algorithm: sign.RSA2048, Created: time.Unix(1764000000, 0)})
	if err != nil {
		t.Fatal(err)
	}
	_, gpgPub := gpgKey(t)
	for name, pub := range map[string][]byte{"nimbus key": nimbusPub, "gpg key with subkey": gpgPub} {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "key.asc")
			if err := os.WriteFile(file, pub, 0o644); err != nil {
				t.Fatal(err)
			}
			want := rpmImported(t, file)
			keys, err := ParsePubkeys(pub)
			if err != nil || len(keys) != 1 {
				t.Fatalf("ParsePubkeys: %d keys, %v", len(keys), err)
			}
			it, _ := want.Header.Int(1008) // INSTALLTIME
			got, err := keys[0].HeaderBlob(uint32(it))
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Equal(got, want.Header.Blob()) {
				return
			}
			gh, err := rpm.ParseHeaderBlob(got)
			if err != nil {
				t.Fatal(err)
			}
			for _, tg := range want.Header.Tags() {
				w, g := want.Header.Strings(tg), gh.Strings(tg)
				wi, gi := want.Header.Ints(tg), gh.Ints(tg)
				if strings.Join(w, "\x00") != strings.Join(g, "\x00") || len(wi) != len(gi) || want.Header.TypeOf(tg) != gh.TypeOf(tg) {
					t.Errorf("tag %v: rpm has %q %v (type %v), nimbus %q %v (type %v)", tg, w, wi, want.Header.TypeOf(tg), g, gi, gh.TypeOf(tg))
				}
			}
			if len(want.Header.Tags()) != len(gh.Tags()) {
				t.Errorf("rpm's header has tags %v, nimbus's %v", want.Header.Tags(), gh.Tags())
			}
			t.Errorf("header blobs differ (%d bytes from rpm, %d from nimbus)", len(want.Header.Blob()), len(got))
		})
	}
}

// TestImportPubkeyReadByRPM: a key Nimbus imports is listed and shown by rpm -qa/-qi, and
// rpm -K then accepts a package signed with it (and refuses it in a root without the key).
func TestImportPubkeyReadByRPM(t *testing.T) {
	ctx := context.Background()
	home, pub := gpgKey(t)
	keys, err := ParsePubkeys(pub)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	db, err := Open(root, "", Options{Write: true})
	if err != nil {
		t.Fatal(err)
	}
	added, err := db.ImportPubkey(ctx, keys[0], time.Unix(1764000000, 0))
	if err != nil || !added {
		t.Fatalf("ImportPubkey: %v %v", added, err)
	}
	if again, err := db.ImportPubkey(ctx, keys[0], time.Unix(1764000001, 0)); err != nil || again {
		t.Fatalf("second ImportPubkey: added %v, %v", again, err)
	}
	db.Close()

	out, err := rpmCmd(t, root, "-qa", "gpg-pubkey*")
	if err != nil || strings.TrimSpace(out) != keys[0].NVR() {
		t.Fatalf("rpm -qa gpg-pubkey*: %q, %v (want %s)", out, err, keys[0].NVR())
	}
	out, err = rpmCmd(t, root, "-qi", keys[0].NVR())
	if err != nil || !strings.Contains(out, "Nimbus Test <test@example.com> public key") || !strings.Contains(out, "BEGIN PGP PUBLIC KEY BLOCK") {
		t.Fatalf("rpm -qi: %v\n%s", err, out)
	}

	// A package signed with the key by rpmsign.
	pkg := examplePackages(t, t.TempDir())[0]
	cmd := exec.Command("rpmsign", "--define", "_gpg_name Nimbus Test", "--define", "__gpg /usr/bin/gpg", "--define", "_gpg_path "+home, "--addsign", pkg)
	cmd.Env = append(os.Environ(), "GNUPGHOME="+home)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("rpmsign: %v\n%s", err, out)
	}
	out, err = rpmCmd(t, root, "-K", pkg)
	if err != nil || !strings.Contains(out, "signatures OK") {
		t.Fatalf("rpm -K with the imported key: %v\n%s", err, out)
	}
	out, err = rpmCmd(t, t.TempDir(), "-K", pkg)
	if err == nil || strings.Contains(out, "signatures OK") {
		t.Fatalf("rpm -K without the key accepted the package:\n%s", out)
	}
}

func FuzzParsePubkeys(f *testing.F) {
	_, pub, err := sign.GenerateKey(sign.KeyOptions{Name: "Fuzz", Algorithm: sign.Ed25519, Created: time.Unix(1764000000, 0)})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(pub)
	if raw, err := dearmor(pub); err == nil {
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		keys, err := ParsePubkeys(data)
		if err != nil {
			return
		}
		for _, k := range keys {
			if _, err := k.HeaderBlob(1); err != nil {
				t.Logf("HeaderBlob: %v", err)
			}
		}
	})
}
