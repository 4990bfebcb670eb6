package rpm

import (
	"bytes"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
)

// Verifier checks a detached OpenPGP signature over data against trusted keys and returns
// the signing key's id (16 hex digits). ErrNoKey-wrapping errors mean the key is unknown.
type Verifier interface {
	Verify(data, sig []byte) (keyID string, err error)
}

// ErrNoKey is wrapped by verifiers when the signing key is not in the keyring.
var ErrNoKey = errors.New("signing key not in keyring")

// Check is one line of a verification report, like one item of `rpm -K -v`.
type Check struct {
	Name   string // "Header SHA256 digest", "Payload SHA256 digest", "Header V4 RSA/SHA256 Signature", ...
	OK     bool
	Detail string // "OK", "BAD (Expected ... != ...)", "NOKEY", "key ID ..."
}

// Report is the result of verifying a package; OK only when every check passed and, when a
// keyring was given, a signature was present and good.
type Report struct {
	Checks []Check
	OK     bool
}

// Problem returns a one-line reason for a failed report.
func (r *Report) Problem() string {
	var bad []string
	for _, c := range r.Checks {
		if !c.OK {
			bad = append(bad, c.Name+": "+c.Detail)
		}
	}
	return strings.Join(bad, "; ")
}

// Verify reads a whole package from r and checks every digest it carries (header SHA-256
// and SHA-1, header+payload MD5, payload SHA-256) and, when keys is not nil, its header
// signature, which must then exist. It reads the payload to its end but does not unpack it.
func Verify(r io.Reader, keys Verifier) (*Report, error) {
	p, err := Read(r)
	if err != nil {
		return nil, err
	}
	return VerifyPackage(p, keys)
}

// VerifyPackage is Verify on a package whose headers were already read (Read): it reads
// the rest, the payload, from p. A caller that also needs the headers or a digest of the
// whole file (the package manager) reads the file once.
func VerifyPackage(p *Package, keys Verifier) (*Report, error) {
	hdr := p.Header.Bytes()
	rep := &Report{OK: true}
	add := func(name string, ok bool, detail string) {
		rep.Checks = append(rep.Checks, Check{name, ok, detail})
		if !ok {
			rep.OK = false
		}
	}
	hexCheck := func(name string, want string, h hash.Hash) {
		got := hex.EncodeToString(h.Sum(nil))
		if strings.EqualFold(got, want) {
			add(name, true, "OK")
		} else {
			add(name, false, fmt.Sprintf("BAD (Expected %s != %s)", want, got))
		}
	}
	sum := func(h hash.Hash, b []byte) hash.Hash { h.Write(b); return h }

	if want := p.Signature.String(tag.SigSHA256); want != "" {
		hexCheck("Header SHA256 digest", want, sum(sha256.New(), hdr))
	}
	if want := p.Signature.String(tag.SigSHA1); want != "" {
		hexCheck("Header SHA1 digest", want, sum(sha1.New(), hdr))
	}

	// One pass over the payload feeds every payload digest.
	md := md5.New()
	md.Write(hdr)
	var payloadHash hash.Hash
	wantPayload := ""
	if ds := p.Header.Strings(tag.Payloaddigest); len(ds) > 0 {
		algo, _ := p.Header.Int(tag.Payloaddigestalgo)
		if algo != tag.DigestSHA256 && algo != 0 {
			add("Payload digest", false, fmt.Sprintf("unsupported digest algorithm %d", algo))
		} else {
			payloadHash, wantPayload = sha256.New(), ds[0]
		}
	}
	writers := []io.Writer{md}
	if payloadHash != nil {
		writers = append(writers, payloadHash)
	}
	n, err := io.Copy(io.MultiWriter(writers...), p.r)
	if err != nil {
		return nil, fmt.Errorf("reading payload: %w", err)
	}
	if payloadHash != nil {
		hexCheck("Payload SHA256 digest", wantPayload, payloadHash)
	}
	if want := p.Signature.Bin(tag.SigMD5); want != nil {
		got := md.Sum(nil)
		if bytes.Equal(got, want) {
			add("MD5 digest", true, "OK")
		} else {
			add("MD5 digest", false, fmt.Sprintf("BAD (Expected %x != %x)", want, got))
		}
	}
	if size, ok := p.Signature.Int(tag.SigLongSize); ok || p.Signature.Has(tag.SigSize) {
		if !ok {
			size, _ = p.Signature.Int(tag.SigSize)
		}
		if got := int64(len(hdr)) + n; got != size {
			add("Header+payload size", false, fmt.Sprintf("BAD (Expected %d != %d)", size, got))
		}
	}
	if len(rep.Checks) == 0 {
		add("Digests", false, "the package carries no digest")
	}

	if keys != nil {
		verifySignature(p, hdr, keys, add)
	}
	return rep, nil
}

func verifySignature(p *Package, hdr []byte, keys Verifier, add func(string, bool, string)) {
	found := false
	for _, st := range []struct {
		t    tag.Tag
		name string
	}{{tag.SigRSA, "Header V4 RSA/SHA256 Signature"}, {tag.SigDSA, "Header V4 DSA/EdDSA Signature"}} {
		sig := p.Signature.Bin(st.t)
		if sig == nil {
			continue
		}
		found = true
		id, err := keys.Verify(hdr, sig)
		switch {
		case err == nil:
			add(st.name, true, "OK, key ID "+id)
		case errors.Is(err, ErrNoKey):
			add(st.name, false, "NOKEY: "+err.Error())
		default:
			add(st.name, false, "BAD: "+err.Error())
		}
	}
	if !found {
		add("Header signature", false, "NOT SIGNED (a keyring was given)")
	}
}
