package sign

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

// helperEnv names the key file when the test binary runs as rpmsign's
// "gpg" (see TestRPMAcceptsOurSignatures).
const helperEnv = "NIMBUS_SIGN_TEST_HELPER_KEY"

func TestMain(m *testing.M) {
	if keyFile := os.Getenv(helperEnv); keyFile != "" {
		if err := signHelper(keyFile, os.Args[1:]); err != nil {
			fmt.Fprintln(os.Stderr, "sign helper:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// signHelper stands in for "gpg -sbo SIGFILE -- DATAFILE": it signs the
// data (stdin when DATAFILE is "-" or missing) with the key in keyFile.
func signHelper(keyFile string, args []string) error {
	var sigFile, dataFile string
	for i := 0; i < len(args); i++ {
		switch args[i] {
		case "-sbo":
			i++
			sigFile = args[i]
		case "--":
			if i+1 < len(args) {
				dataFile = args[i+1]
			}
			i = len(args)
		}
	}
	priv, err := os.ReadFile(keyFile)
	if err != nil {
		return err
	}
	s, err := LoadSigner(priv)
	if err != nil {
		return err
	}
	var data []byte
	if dataFile == "" || dataFile == "-" {
		data, err = io.ReadAll(os.Stdin)
	} else {
		data, err = os.ReadFile(dataFile)
	}
	if err != nil {
		return err
	}
	sig, err := s.DetachSign(data, signAt)
	if err != nil {
		return err
	}
	return os.WriteFile(sigFile, sig, 0o644)
}

// TestRPMAcceptsOurSignatures is the referee for rpm 4.18's own OpenPGP
// parser: rpmkeys --import takes our public key, rpmsign puts our
// signature (made by this test binary standing in for gpg) into a package,
// and rpmkeys -K checks it.
func TestRPMAcceptsOurSignatures(t *testing.T) {
	tools := map[string]string{}
	for _, name := range []string{"rpmbuild", "rpmsign", "rpmkeys"} {
		tools[name] = testfiles.Tool(t, name, "rpm")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	top := t.TempDir()
	spec := filepath.Join(top, "t.spec")
	os.WriteFile(spec, []byte("Name: nimbus-sign-test\nVersion: 1\nRelease: 1\nSummary: t\nLicense: MIT\nBuildArch: noarch\n%description\nt\n%files\n"), 0o644)
	if out, err := exec.Command(tools["rpmbuild"], "-bb", "--quiet", "--define", "_topdir "+top, "--define", "_buildshell /bin/bash", spec).CombinedOutput(); err != nil {
		t.Fatalf("rpmbuild: %v\n%s", err, out)
	}
	built := filepath.Join(top, "RPMS", "noarch", "nimbus-sign-test-1-1.noarch.rpm")
	pkgData, err := os.ReadFile(built)
	if err != nil {
		t.Fatal(err)
	}

	for _, tt := range []struct {
		alg  Algorithm
		name string // as rpm -Kv prints it
		tag  string // the signature header tag rpmsign chose
	}{{RSA2048, "RSA/SHA256", "RSAHEADER"}, {Ed25519, "EdDSA/SHA256", "DSAHEADER"}} {
		t.Run(string(tt.alg), func(t *testing.T) {
			k := key(t, tt.alg)
			dir := t.TempDir()
			keyFile := filepath.Join(dir, "key.asc")
			pubFile := filepath.Join(dir, "pub.asc")
			pkg := filepath.Join(dir, "p.rpm")
			os.WriteFile(keyFile, k.priv, 0o600)
			os.WriteFile(pubFile, k.pub, 0o644)
			os.WriteFile(pkg, pkgData, 0o644)

			sign := exec.Command(tools["rpmsign"], "--addsign",
				"--define", "_gpg_name nimbus-test",
				"--define", "__gpg_sign_cmd "+exe+" gpg -sbo %{__signature_filename} -- %{__plaintext_filename}",
				pkg)
			sign.Env = append(os.Environ(), helperEnv+"="+keyFile)
			if out, err := sign.CombinedOutput(); err != nil {
				t.Fatalf("rpmsign: %v\n%s", err, out)
			}

			db := filepath.Join(dir, "db")
			if out, err := exec.Command(tools["rpmkeys"], "--dbpath", db, "--import", pubFile).CombinedOutput(); err != nil {
				t.Fatalf("rpmkeys --import (rpm's parser refused our %s key): %v\n%s", tt.alg, err, out)
			}
			out, err := exec.Command(tools["rpmkeys"], "--dbpath", db, "-Kv", pkg).CombinedOutput()
			t.Logf("rpmkeys -Kv:\n%s", out)
			if err != nil {
				t.Fatalf("rpmkeys -K: %v", err)
			}
			want := fmt.Sprintf("Header V4 %s Signature, key ID %s: OK", tt.name, ShortKeyID(k.signer.KeyID()))
			if !strings.Contains(string(out), want) {
				t.Errorf("rpmkeys -Kv does not say %q", want)
			}
			if strings.Contains(string(out), "NOKEY") || strings.Contains(string(out), "BAD") {
				t.Errorf("rpmkeys -Kv reports a problem")
			}
			// Which tag rpm files the signature under (the rpm writer must
			// do the same): RSA keys RSAHEADER (268), DSA and EdDSA DSAHEADER (267).
			if rpmBin, err := exec.LookPath("rpm"); err == nil {
				q, err := exec.Command(rpmBin, "--dbpath", db, "-qp", "--qf", "%{"+tt.tag+":pgpsig}", pkg).CombinedOutput()
				if err != nil || !strings.Contains(string(q), ShortKeyID(k.signer.KeyID())) {
					t.Errorf("rpm -qp --qf %%{%s:pgpsig}: %q (%v), want the signature there", tt.tag, q, err)
				}
			}
		})
	}
}
