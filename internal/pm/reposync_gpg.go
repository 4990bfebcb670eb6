package pm

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/sign"
)

// SyncCheckSignatures is reposync --gpgcheck after the download (dnf's
// package_signature_check through rpmkeys --checksig --root): each package of a
// repository with gpgcheck on is checked against the keys imported into the root's rpmdb
// only (the repository's gpgkey is not imported); one that fails is removed from dir and
// reported as dnf warns: "Removing FILE: REASON", the reason being that it is not signed,
// that its public key is not installed, or a problem opening it (a bad signature or
// digest). Packages missing from dir (not downloaded) are left out.
func (b *Base) SyncCheckSignatures(pkgs []SyncPkg, dir string) ([]string, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	var blobs [][]byte
	for _, k := range b.rpmdbKeys {
		if _, err := sign.LoadKeyring(k); err == nil {
			blobs = append(blobs, k)
		}
	}
	var v rpm.Verifier = noKeys{}
	if len(blobs) > 0 {
		kr, err := sign.LoadKeyring(blobs...)
		if err != nil {
			return nil, err
		}
		v = rpm.KeyringVerifier(kr)
	}
	var removed []string
	for _, p := range pkgs {
		if !p.Repo.GPGCheck {
			continue
		}
		rel, err := localName(dir, p.Location)
		if err != nil {
			return removed, err
		}
		f, err := root.Open(rel)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		problem := "Problem opening package " + p.File
		if err == nil {
			problem = signatureProblem(f, v, p.File)
			f.Close()
		}
		if problem == "" {
			continue
		}
		if err := root.Remove(rel); err != nil {
			return removed, err
		}
		removed = append(removed, fmt.Sprintf("Removing %s: %s", p.File, problem))
	}
	return removed, nil
}

// signatureProblem maps a verification to rpmkeys' verdicts as dnf words them: BAD first,
// then NOKEY, then NOTFOUND (not signed).
func signatureProblem(f io.Reader, v rpm.Verifier, name string) string {
	rep, err := rpm.Verify(f, v)
	if err != nil {
		return "Problem opening package " + name
	}
	if rep.OK {
		return ""
	}
	nokey, unsigned := false, false
	for _, c := range rep.Checks {
		switch {
		case c.OK:
		case strings.HasPrefix(c.Detail, "NOKEY"):
			nokey = true
		case strings.HasPrefix(c.Detail, "NOT SIGNED"):
			unsigned = true
		default:
			return "Problem opening package " + name
		}
	}
	switch {
	case nokey:
		return "Public key for " + name + " is not installed"
	case unsigned:
		return "Package " + name + " is not signed"
	}
	return "Problem opening package " + name
}

// noKeys is an empty keyring: every signature is NOKEY.
type noKeys struct{}

func (noKeys) Verify(_, _ []byte) (string, error) { return "", rpm.ErrNoKey }
