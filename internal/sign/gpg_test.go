package sign

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

// gpgHome is a throw-away GNUPGHOME; its agent is stopped at cleanup.
type gpgHome struct {
	t    *testing.T
	bin  string
	home string
}

func newGPGHome(t *testing.T) *gpgHome {
	t.Helper()
	bin := testfiles.Tool(t, "gpg", "gnupg")
	// A short path: the agent's socket path must fit in sun_path.
	home, err := os.MkdirTemp("", "gpg")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(home, 0o700)
	g := &gpgHome{t, bin, home}
	t.Cleanup(func() {
		if gpgconf, err := exec.LookPath("gpgconf"); err == nil {
			cmd := exec.Command(gpgconf, "--kill", "gpg-agent")
			cmd.Env = append(os.Environ(), "GNUPGHOME="+home)
			cmd.Run()
		}
		os.RemoveAll(home)
	})
	return g
}

// run runs gpg in batch mode and returns its stdout and status output.
func (g *gpgHome) run(stdin []byte, args ...string) (string, error) {
	g.t.Helper()
	cmd := exec.Command(g.bin, append([]string{"--batch", "--no-tty", "--status-fd", "2"}, args...)...)
	cmd.Env = append(os.Environ(), "GNUPGHOME="+g.home, "LC_ALL=C")
	cmd.Stdin = bytes.NewReader(stdin)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

func (g *gpgHome) write(name string, data []byte) string {
	p := filepath.Join(g.home, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		g.t.Fatal(err)
	}
	return p
}

// TestGPGVerifiesOurs: gpg imports our public key and accepts our binary
// and armored detached signatures.
func TestGPGVerifiesOurs(t *testing.T) {
	for _, alg := range []Algorithm{RSA2048, Ed25519} {
		t.Run(string(alg), func(t *testing.T) {
			g := newGPGHome(t)
			k := key(t, alg)
			if out, err := g.run(k.pub, "--import"); err != nil {
				t.Fatalf("gpg --import: %v\n%s", err, out)
			}
			data := []byte("Nimbus repomd.xml\n")
			dataFile := g.write("data", data)
			bin, err := k.signer.DetachSign(data, signAt)
			if err != nil {
				t.Fatal(err)
			}
			arm, err := k.signer.ArmoredDetachSign(data, signAt)
			if err != nil {
				t.Fatal(err)
			}
			fpr := strings.ToUpper(hexString(k.signer.Fingerprint()))
			for name, sig := range map[string][]byte{"sig": bin, "asc": arm} {
				out, err := g.run(nil, "--verify", g.write("data."+name, sig), dataFile)
				if err != nil {
					t.Fatalf("gpg --verify %s: %v\n%s", name, err, out)
				}
				if !strings.Contains(out, "[GNUPG:] VALIDSIG "+fpr) {
					t.Errorf("gpg --verify %s: no VALIDSIG for %s:\n%s", name, fpr, out)
				}
			}
			// And a tampered file fails.
			if out, err := g.run(nil, "--verify", g.write("bad.sig", bin), g.write("bad", []byte("tampered"))); err == nil {
				t.Errorf("gpg accepted a signature over other data:\n%s", out)
			}
		})
	}
}

// TestWeVerifyGPG: our Keyring accepts signatures gpg made, and refuses a
// SHA-1 one.
func TestWeVerifyGPG(t *testing.T) {
	for _, alg := range []string{"ed25519", "rsa2048"} {
		t.Run(alg, func(t *testing.T) {
			g := newGPGHome(t)
			uid := "GPG Test " + alg + " <gpg-" + alg + "@nimbus.invalid>"
			if out, err := g.run(nil, "--passphrase", "", "--pinentry-mode", "loopback", "--quick-gen-key", uid, alg, "sign", "never"); err != nil {
				t.Fatalf("gpg --quick-gen-key: %v\n%s", err, out)
			}
			pub, err := g.run(nil, "--armor", "--export", uid)
			if err != nil {
				t.Fatalf("gpg --export: %v", err)
			}
			pub = pub[strings.Index(pub, "-----BEGIN"):]
			kr := keyring(t, []byte(pub))
			data := []byte("payload signed by gpg\n")
			dataFile := g.write("data", data)
			for _, tt := range []struct {
				name string
				args []string
				weak bool
			}{
				{"binary", []string{"--detach-sign"}, false},
				{"armored", []string{"--detach-sign", "--armor"}, false},
				{"sha512", []string{"--detach-sign", "--digest-algo", "SHA512"}, false},
				{"sha1", []string{"--detach-sign", "--digest-algo", "SHA1"}, true},
			} {
				sigFile := filepath.Join(g.home, tt.name+".sig")
				args := append([]string{"--yes", "--output", sigFile}, tt.args...)
				if out, err := g.run(nil, append(args, dataFile)...); err != nil {
					t.Fatalf("gpg %v: %v\n%s", tt.args, err, out)
				}
				sig, err := os.ReadFile(sigFile)
				if err != nil {
					t.Fatal(err)
				}
				info, err := kr.Verify(data, sig)
				if tt.weak {
					if !errors.Is(err, ErrWeakHash) {
						t.Errorf("%s: %v, want ErrWeakHash", tt.name, err)
					}
					continue
				}
				if err != nil {
					t.Fatalf("%s: %v", tt.name, err)
				}
				if id, err := ParseSignatureKeyID(sig); err != nil || id != info.KeyID {
					t.Errorf("%s: ParseSignatureKeyID = %016X, %v; Verify says %016X", tt.name, id, err, info.KeyID)
				}
				if !strings.Contains(info.UserID, uid) {
					t.Errorf("%s: user id %q, want %q", tt.name, info.UserID, uid)
				}
				if _, err := kr.Verify([]byte("tampered"), sig); !errors.Is(err, ErrBadSignature) {
					t.Errorf("%s: tampered data: %v, want ErrBadSignature", tt.name, err)
				}
			}
		})
	}
}

// TestLoadSignerFromGPG: a key gpg exported without a passphrase signs, and
// gpg accepts the result.
func TestLoadSignerFromGPG(t *testing.T) {
	g := newGPGHome(t)
	uid := "GPG Export <export@nimbus.invalid>"
	if out, err := g.run(nil, "--passphrase", "", "--pinentry-mode", "loopback", "--quick-gen-key", uid, "ed25519", "sign", "never"); err != nil {
		t.Fatalf("gpg --quick-gen-key: %v\n%s", err, out)
	}
	priv, err := g.run(nil, "--passphrase", "", "--pinentry-mode", "loopback", "--armor", "--export-secret-keys", uid)
	if err != nil {
		t.Fatalf("gpg --export-secret-keys: %v\n%s", err, priv)
	}
	s, err := LoadSigner([]byte(priv[strings.Index(priv, "-----BEGIN"):]))
	if err != nil {
		t.Fatal(err)
	}
	data := []byte("x")
	sig, err := s.DetachSign(data, time.Now()) // gpg's key was just created
	if err != nil {
		t.Fatal(err)
	}
	if out, err := g.run(nil, "--verify", g.write("x.sig", sig), g.write("x", data)); err != nil {
		t.Fatalf("gpg --verify: %v\n%s", err, out)
	}
}

func hexString(b []byte) string {
	const digits = "0123456789abcdef"
	var s strings.Builder
	for _, c := range b {
		s.WriteByte(digits[c>>4])
		s.WriteByte(digits[c&15])
	}
	return s.String()
}
