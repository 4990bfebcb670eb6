package rpmdb

import (
	"bytes"
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp/armor"
	"github.com/ProtonMail/go-crypto/openpgp/packet"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
)

// Pubkey is an OpenPGP public key as rpm keeps it in its database: a gpg-pubkey
// pseudo-package named gpg-pubkey-<short key id>-<creation time in hex>.
type Pubkey struct {
	KeyID       uint64 // the primary key's id
	Fingerprint []byte
	Created     time.Time
	UserID      string
	Version     string // the short key id, lower-case hex (8 digits)
	Release     string // the creation time, lower-case hex (8 digits)
	// Raw is the binary certificate (the primary key's packets up to the next primary key).
	Raw []byte
}

// NVR is gpg-pubkey-<version>-<release>, what `rpm -qa gpg-pubkey*` prints.
func (k *Pubkey) NVR() string { return "gpg-pubkey-" + k.Version + "-" + k.Release }

// rpmVersion is the rpm release whose pubkey headers Nimbus writes (it appears in the
// header's Rpmversion and in the armor of the description, as rpm writes them).
const rpmVersion = "4.18.0"

// maxKeyData bounds the key material accepted (real keys are a few kilobytes).
const maxKeyData = 1 << 20

// ParsePubkeys reads the OpenPGP certificates in data (armored, possibly several blocks, or
// binary), each one as rpm --import splits them: at every primary public-key packet.
func ParsePubkeys(data []byte) ([]*Pubkey, error) {
	if len(data) > maxKeyData {
		return nil, fmt.Errorf("public key: %d bytes is more than a key file holds", len(data))
	}
	raw, err := dearmor(data)
	if err != nil {
		return nil, err
	}
	var out []*Pubkey
	var cur *Pubkey
	start := 0
	rest := raw
	off := 0
	for len(rest) > 0 {
		tagNum, n, err := packetLen(rest)
		if err != nil {
			return nil, fmt.Errorf("public key: packet at byte %d: %w", off, err)
		}
		body := rest[:n]
		switch tagNum {
		case 6: // public key
			if cur != nil {
				cur.Raw = raw[start:off]
				out = append(out, cur)
			}
			start = off
			p, err := packet.Read(bytes.NewReader(body))
			if err != nil {
				return nil, fmt.Errorf("public key: %w", err)
			}
			pk, ok := p.(*packet.PublicKey)
			if !ok {
				return nil, fmt.Errorf("public key: packet at byte %d is not a public key", off)
			}
			if pk.Version != 4 {
				return nil, fmt.Errorf("public key %016X: version %d keys are not supported (rpm 4.18 reads version 4)", pk.KeyId, pk.Version)
			}
			cur = &Pubkey{KeyID: pk.KeyId, Fingerprint: pk.Fingerprint, Created: pk.CreationTime,
				Version: fmt.Sprintf("%08x", uint32(pk.KeyId)), Release: fmt.Sprintf("%08x", uint32(pk.CreationTime.Unix()))}
		case 13: // user id; rpm keeps the last one it reads
			if cur == nil {
				return nil, errors.New("public key: user id before any key")
			}
			p, err := packet.Read(bytes.NewReader(body))
			if err != nil {
				return nil, fmt.Errorf("public key %016X: user id: %w", cur.KeyID, err)
			}
			if u, ok := p.(*packet.UserId); ok {
				cur.UserID = u.Id
			}
		case 5, 7:
			return nil, errors.New("public key: the data holds a secret key")
		default:
			if cur == nil {
				return nil, fmt.Errorf("public key: packet type %d before any key", tagNum)
			}
		}
		rest = rest[n:]
		off += n
	}
	if cur == nil {
		return nil, errors.New("public key: no key in the data")
	}
	cur.Raw = raw[start:]
	return append(out, cur), nil
}

func dearmor(data []byte) ([]byte, error) {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	begin := []byte("-----BEGIN PGP ")
	if !bytes.HasPrefix(trimmed, begin) {
		return data, nil
	}
	var out []byte
	rest := trimmed
	for {
		i := bytes.Index(rest, begin)
		if i < 0 {
			break
		}
		rest = rest[i:]
		end := bytes.Index(rest, []byte("-----END PGP "))
		if end < 0 {
			return nil, errors.New("public key: ASCII armor without an END line")
		}
		nl := bytes.IndexByte(rest[end:], '\n')
		chunk := rest
		if nl >= 0 {
			chunk, rest = rest[:end+nl+1], rest[end+nl+1:]
		} else {
			rest = nil
		}
		b, err := armor.Decode(bytes.NewReader(chunk))
		if err != nil {
			return nil, fmt.Errorf("public key: ASCII armor: %w", err)
		}
		if b.Type != "PGP PUBLIC KEY BLOCK" {
			return nil, fmt.Errorf("public key: armor block is a %q, not a public key block", b.Type)
		}
		var buf bytes.Buffer
		if _, err := buf.ReadFrom(b.Body); err != nil {
			return nil, fmt.Errorf("public key: ASCII armor: %w", err)
		}
		out = append(out, buf.Bytes()...)
	}
	return out, nil
}

// packetLen returns the tag of the OpenPGP packet at the start of b and its whole length
// (header and body). Partial body lengths (only used for data packets) are refused.
func packetLen(b []byte) (tagNum int, n int, err error) {
	if len(b) < 2 || b[0]&0x80 == 0 {
		return 0, 0, errors.New("not an OpenPGP packet")
	}
	var hdr, body int
	if b[0]&0x40 != 0 { // new format
		tagNum = int(b[0] & 0x3f)
		switch l := b[1]; {
		case l < 192:
			hdr, body = 2, int(l)
		case l < 224:
			if len(b) < 3 {
				return 0, 0, errors.New("truncated packet length")
			}
			hdr, body = 3, (int(l)-192)<<8+int(b[2])+192
		case l == 255:
			if len(b) < 6 {
				return 0, 0, errors.New("truncated packet length")
			}
			hdr, body = 6, int(uint32(b[2])<<24|uint32(b[3])<<16|uint32(b[4])<<8|uint32(b[5]))
		default:
			return 0, 0, errors.New("partial body length in a key")
		}
	} else {
		tagNum = int(b[0]>>2) & 0xf
		switch b[0] & 3 {
		case 0:
			hdr, body = 2, int(b[1])
		case 1:
			if len(b) < 3 {
				return 0, 0, errors.New("truncated packet length")
			}
			hdr, body = 3, int(b[1])<<8|int(b[2])
		case 2:
			if len(b) < 5 {
				return 0, 0, errors.New("truncated packet length")
			}
			hdr, body = 5, int(uint32(b[1])<<24|uint32(b[2])<<16|uint32(b[3])<<8|uint32(b[4]))
		default:
			return 0, 0, errors.New("indeterminate packet length in a key")
		}
	}
	if body < 0 || body > len(b)-hdr {
		return 0, 0, fmt.Errorf("packet length %d runs past the end of the data", body)
	}
	return tagNum, hdr + body, nil
}

// rpmBase64 is rpmBase64Encode's layout: 64 characters a line, each line ending in "\n".
func rpmBase64(b []byte) string {
	s := base64.StdEncoding.EncodeToString(b)
	var sb strings.Builder
	for len(s) > 64 {
		sb.WriteString(s[:64] + "\n")
		s = s[64:]
	}
	if s != "" {
		sb.WriteString(s + "\n")
	}
	return sb.String()
}

// crc24 is the OpenPGP armor checksum (RFC 4880 6.1).
func crc24(b []byte) uint32 {
	crc := uint32(0xB704CE)
	for _, c := range b {
		crc ^= uint32(c) << 16
		for i := 0; i < 8; i++ {
			crc <<= 1
			if crc&0x1000000 != 0 {
				crc ^= 0x1864CFB
			}
		}
	}
	return crc & 0xFFFFFF
}

// armored is rpm's %{pubkeys:armor} (pgpArmorWrap).
func armored(raw []byte) string {
	c := crc24(raw)
	sum := base64.StdEncoding.EncodeToString([]byte{byte(c >> 16), byte(c >> 8), byte(c)})
	return "-----BEGIN PGP PUBLIC KEY BLOCK-----\nVersion: rpm-" + rpmVersion + "\n\n" + rpmBase64(raw) + "=" + sum +
		"\n-----END PGP PUBLIC KEY BLOCK-----\n"
}

// HeaderBlob builds the header rpm 4.18 stores for the key (rpmts.c makePubkeyHeader and
// rpmtsImportHeader): the immutable region with name, version, release, the key, its
// provides (user id, short and long key id of the primary key; rpm 4.18.0 adds none for
// subkeys, whose packets stay in the stored key); then, outside the region, its SHA-1 and SHA-256 digests and the install time
// and transaction id.
func (k *Pubkey) HeaderBlob(installTime uint32) ([]byte, error) {
	b := rpm.NewHeaderBuilder()
	keyid := fmt.Sprintf("%016x", k.KeyID)
	uid := k.UserID
	if uid == "" {
		uid = "none"
	}
	evr := "4:" + keyid + "-" + k.Release
	b.Strings(tag.Pubkeys, []string{rpmBase64(k.Raw)})
	b.String(tag.Name, "gpg-pubkey")
	b.String(tag.Version, k.Version)
	b.String(tag.Release, k.Release)
	b.I18NString(tag.Summary, uid+" public key")
	b.I18NString(tag.Description, armored(k.Raw))
	b.Int32(tag.Buildtime, uint32(k.Created.Unix()))
	b.String(tag.Buildhost, "localhost")
	b.Int32(tag.Size, 0)
	b.String(tag.License, "pubkey")
	packager := k.UserID
	if packager == "" {
		packager = "None"
	}
	b.String(tag.Packager, packager)
	b.I18NString(tag.Group, "Public Keys")
	b.String(tag.Sourcerpm, "(none)")
	names := []string{"gpg(" + uid + ")", "gpg(" + keyid[8:] + ")", "gpg(" + keyid + ")"}
	versions, flags := make([]string, len(names)), make([]uint32, len(names))
	for i := range names {
		versions[i], flags[i] = evr, uint32(dep.Keyring|dep.Equal)
	}
	b.Strings(tag.Providename, names)
	b.String(tag.Rpmversion, rpmVersion)
	b.Int32(tag.Provideflags, flags...)
	b.Strings(tag.Provideversion, versions)
	withMagic, err := b.Marshal(tag.Headerimmutable)
	if err != nil {
		return nil, fmt.Errorf("public key %s: %w", k.NVR(), err)
	}
	s1, s256 := sha1.Sum(withMagic), sha256.Sum256(withMagic)
	d := rpm.NewHeaderBuilder()
	d.String(tag.Sha1header, hex.EncodeToString(s1[:]))
	d.String(tag.Sha256header, hex.EncodeToString(s256[:]))
	d.Int32(tag.Installtime, installTime)
	d.Int32(tag.Installtid, installTime)
	return d.AppendEntries(withMagic[8:])
}

// Pubkeys lists the gpg-pubkey entries of the database by NVR.
func (db *DB) Pubkeys(ctx context.Context) (map[string]bool, error) {
	ps, err := db.Lookup(ctx, "Name", "gpg-pubkey")
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, p := range ps {
		out["gpg-pubkey-"+p.Header.String(tag.Version)+"-"+p.Header.String(tag.Release)] = true
	}
	return out, nil
}

// ImportPubkey adds a key as rpm --import does, unless the database has it already; it
// reports whether it added it.
func (db *DB) ImportPubkey(ctx context.Context, k *Pubkey, now time.Time) (bool, error) {
	have, err := db.Pubkeys(ctx)
	if err != nil {
		return false, err
	}
	if have[k.NVR()] {
		return false, nil
	}
	blob, err := k.HeaderBlob(uint32(now.Unix()))
	if err != nil {
		return false, err
	}
	t, err := db.Begin(ctx)
	if err != nil {
		return false, err
	}
	if _, err := t.Add(ctx, blob); err != nil {
		t.Rollback()
		return false, err
	}
	return true, t.Commit()
}
