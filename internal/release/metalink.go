package release

import (
	"bytes"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"hash"
	"strconv"
	"strings"
)

// Metalink is what a release's metalink.xml says about one repository's repodata/repomd.xml:
// its size, hashes and timestamp, and the mirrors (base URLs of the repository) that
// serve it. It is the metalink 3.0 shape Fedora's mirrormanager writes and dnf/librepo
// read: a client fetches repomd.xml from a mirror, compares it with the metalink, and
// goes to the next mirror when it differs (a lagging or tampered mirror).
type Metalink struct {
	Timestamp int64
	Size      int64
	Hashes    map[string]string // md5, sha1, sha256, sha512: lower-case hex
	Mirrors   []string          // base URLs ending in "/", in preference order
}

// MaxMetalinkSize bounds what a client reads as a metalink or mirrorlist.
const MaxMetalinkSize = 1 << 20

// NewMetalink describes repomd (the bytes of repomd.xml) served under each mirror base URL.
func NewMetalink(repomd []byte, timestamp int64, mirrors []string) *Metalink {
	m := &Metalink{Timestamp: timestamp, Size: int64(len(repomd)), Hashes: map[string]string{}}
	for name, h := range hashes() {
		h.Write(repomd)
		m.Hashes[name] = hex.EncodeToString(h.Sum(nil))
	}
	for _, u := range mirrors {
		m.Mirrors = append(m.Mirrors, strings.TrimSuffix(u, "/")+"/")
	}
	return m
}

func hashes() map[string]hash.Hash {
	return map[string]hash.Hash{"md5": md5.New(), "sha1": sha1.New(), "sha256": sha256.New(), "sha512": sha512.New()}
}

// Marshal writes the metalink as dnf reads it.
func (m *Metalink) Marshal() []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	b.WriteString(`<metalink version="3.0" xmlns="http://www.metalinker.org/" type="dynamic" generator="nimbus" xmlns:mm0="http://fedorahosted.org/mirrormanager">` + "\n")
	b.WriteString(" <files>\n  <file name=\"repomd.xml\">\n")
	fmt.Fprintf(&b, "   <mm0:timestamp>%d</mm0:timestamp>\n   <size>%d</size>\n   <verification>\n", m.Timestamp, m.Size)
	for _, name := range []string{"md5", "sha1", "sha256", "sha512"} {
		if v, ok := m.Hashes[name]; ok {
			fmt.Fprintf(&b, "    <hash type=%q>%s</hash>\n", name, v)
		}
	}
	fmt.Fprintf(&b, "   </verification>\n   <resources maxconnections=\"1\">\n")
	for i, u := range m.Mirrors {
		proto := "https"
		if strings.HasPrefix(u, "http://") {
			proto = "http"
		} else if strings.HasPrefix(u, "file://") {
			proto = "file"
		}
		var esc bytes.Buffer
		xml.EscapeText(&esc, []byte(u+"repodata/repomd.xml"))
		fmt.Fprintf(&b, "    <url protocol=%q type=%q location=\"XX\" preference=\"%d\">%s</url>\n", proto, proto, max(1, 100-i), esc.String())
	}
	b.WriteString("   </resources>\n  </file>\n </files>\n</metalink>\n")
	return b.Bytes()
}

// Mirrorlist is the plain mirror list: one base URL per line.
func (m *Metalink) Mirrorlist() []byte {
	var b bytes.Buffer
	for _, u := range m.Mirrors {
		b.WriteString(u + "\n")
	}
	return b.Bytes()
}

type xmlMetalink struct {
	XMLName xml.Name `xml:"metalink"`
	Files   []struct {
		Name      string `xml:"name,attr"`
		Timestamp string `xml:"timestamp"`
		Size      string `xml:"size"`
		Hashes    []struct {
			Type  string `xml:"type,attr"`
			Value string `xml:",chardata"`
		} `xml:"verification>hash"`
		URLs []struct {
			Value string `xml:",chardata"`
		} `xml:"resources>url"`
	} `xml:"files>file"`
}

// ParseMetalink reads a metalink's repomd.xml entry. It needs a size and at least one
// sha256 or sha512 hash (weaker hashes alone do not protect against a tampered mirror);
// mirror URLs must be http(s) or file URLs ending in repodata/repomd.xml.
func ParseMetalink(data []byte) (*Metalink, error) {
	if len(data) > MaxMetalinkSize {
		return nil, fmt.Errorf("metalink: %d bytes is more than the %d allowed", len(data), MaxMetalinkSize)
	}
	var x xmlMetalink
	if err := xml.Unmarshal(data, &x); err != nil {
		return nil, fmt.Errorf("metalink: %w", err)
	}
	for _, f := range x.Files {
		if f.Name != "repomd.xml" {
			continue
		}
		m := &Metalink{Hashes: map[string]string{}}
		var err error
		if m.Size, err = strconv.ParseInt(strings.TrimSpace(f.Size), 10, 64); err != nil || m.Size < 0 {
			return nil, fmt.Errorf("metalink: repomd.xml size %q: want a number of bytes", f.Size)
		}
		if ts := strings.TrimSpace(f.Timestamp); ts != "" {
			if m.Timestamp, err = strconv.ParseInt(ts, 10, 64); err != nil {
				return nil, fmt.Errorf("metalink: repomd.xml timestamp %q: want seconds since 1970", f.Timestamp)
			}
		}
		want := map[string]int{"md5": 32, "sha1": 40, "sha256": 64, "sha512": 128}
		for _, h := range f.Hashes {
			t, v := strings.ToLower(h.Type), strings.ToLower(strings.TrimSpace(h.Value))
			n, ok := want[t]
			if !ok {
				continue // other hash types are ignored, as librepo does
			}
			if _, err := hex.DecodeString(v); err != nil || len(v) != n {
				return nil, fmt.Errorf("metalink: repomd.xml %s hash %q: want %d hex digits", t, v, n)
			}
			m.Hashes[t] = v
		}
		if m.Hashes["sha256"] == "" && m.Hashes["sha512"] == "" {
			return nil, errors.New("metalink: repomd.xml has no sha256 or sha512 hash")
		}
		for _, u := range f.URLs {
			s := strings.TrimSpace(u.Value)
			if !(strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "file:///")) {
				continue // rsync:// and the like
			}
			base, ok := strings.CutSuffix(s, "repodata/repomd.xml")
			if !ok {
				return nil, fmt.Errorf("metalink: mirror URL %q does not end in repodata/repomd.xml", s)
			}
			m.Mirrors = append(m.Mirrors, base)
		}
		if len(m.Mirrors) == 0 {
			return nil, errors.New("metalink: no http(s) mirror for repomd.xml")
		}
		return m, nil
	}
	return nil, errors.New("metalink: no entry for repomd.xml")
}

// Check compares repomd.xml's bytes with the metalink: size and every hash it lists.
func (m *Metalink) Check(repomd []byte) error {
	if int64(len(repomd)) != m.Size {
		return fmt.Errorf("repomd.xml is %d bytes, the metalink says %d", len(repomd), m.Size)
	}
	hs := hashes()
	for _, name := range []string{"sha512", "sha256", "sha1", "md5"} {
		want, ok := m.Hashes[name]
		if !ok {
			continue
		}
		h := hs[name]
		h.Write(repomd)
		if got := hex.EncodeToString(h.Sum(nil)); got != want {
			return fmt.Errorf("repomd.xml %s %s, the metalink says %s", name, got, want)
		}
	}
	return nil
}
