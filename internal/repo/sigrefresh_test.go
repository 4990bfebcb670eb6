package repo

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/sign"
)

// With repo_gpgcheck=1 a refresh that meets a bad, foreign or missing repomd.xml.asc is an
// error, as in dnf: the cached (older, verified) metadata is not used instead, since a
// mirror could otherwise freeze its clients on it by breaking the signature.
func TestRefreshBadSignatureIsAnError(t *testing.T) {
	created := time.Unix(1764000000, 0)
	priv, pub, err := sign.GenerateKey(sign.KeyOptions{Name: "Repo Key", Algorithm: "ed25519", Created: created})
	if err != nil {
		t.Fatal(err)
	}
	otherPriv, _, err := sign.GenerateKey(sign.KeyOptions{Name: "Other Key", Algorithm: "ed25519", Created: created})
	if err != nil {
		t.Fatal(err)
	}
	signWith := func(key, data []byte) []byte {
		s, err := sign.LoadSigner(key)
		if err != nil {
			t.Fatal(err)
		}
		asc, err := s.ArmoredDetachSign(data, created)
		if err != nil {
			t.Fatal(err)
		}
		return asc
	}
	kr, err := sign.LoadKeyring(pub)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		asc  func(repomd []byte) []byte // nil: no repomd.xml.asc
	}{
		{"invalid", func([]byte) []byte {
			return []byte("-----BEGIN PGP SIGNATURE-----\n\ngarbage\n-----END PGP SIGNATURE-----\n")
		}},
		{"unknown key", func(rm []byte) []byte { return signWith(otherPriv, rm) }},
		{"missing", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			rm := writeRepo(t, dir, 3, "1.0")
			ascPath := filepath.Join(dir, "repodata", "repomd.xml.asc")
			os.WriteFile(ascPath, signWith(priv, rm), 0o644)
			srv, _ := countingServer(t, dir)
			r := &Repo{ID: "signed", BaseURLs: []string{srv.URL}, RepoGPGCheck: true, MetadataExpire: time.Hour}
			o := Options{CacheDir: t.TempDir(), Fetcher: fastFetcher(), Keyring: kr}
			if _, _, err := Load(testCtx(t), r, o); err != nil {
				t.Fatalf("first load: %v", err)
			}
			// The mirror now serves new metadata with a broken signature.
			rm2 := writeRepo(t, dir, 4, "2.0")
			if c.asc == nil {
				os.Remove(ascPath)
			} else {
				os.WriteFile(ascPath, c.asc(rm2), 0o644)
			}
			o.Refresh = true
			x, md, err := Load(testCtx(t), r, o)
			var re *RefreshError
			var se *SignatureError
			if errors.As(err, &re) || x != nil || md != nil {
				t.Fatalf("the stale cache was used: x=%v err=%v", x != nil, err)
			}
			if !errors.As(err, &se) || se.Repo != "signed" {
				t.Fatalf("got %v, want a *SignatureError", err)
			}
			// Without --refresh the still-fresh cache stays usable (dnf does not look either).
			o.Refresh = false
			if x, _, err := Load(testCtx(t), r, o); err != nil || x.Len() != 3 {
				t.Errorf("cached load after the refusal: %v", err)
			}
		})
	}
}
