// Package provision is the first-boot agent: it asks a provider (EC2's IMDSv2 or NoCloud)
// who the instance is, then runs an ordered list of stages against a root file system:
// hostname, the default user and its launch key, SSH host keys, growing the root file
// system, and the user's user-data (cloud-config, scripts, MIME multipart, gzip).
// The parsers of user-data are pure; OS work goes through the System interface.
package provision

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
)

// Part kinds, named after their cloud-init MIME types.
const (
	KindCloudConfig = "text/cloud-config"
	KindScript      = "text/x-shellscript"
	KindBoothook    = "text/cloud-boothook"
	KindInclude     = "text/x-include-url"
	KindUnknown     = "unknown"
)

// Part is one piece of user-data after decompression and MIME decoding.
type Part struct {
	Kind     string
	Filename string
	Body     []byte
}

// UserDataError reports malformed user-data.
type UserDataError struct {
	Msg string
	Err error
}

func (e *UserDataError) Error() string {
	if e.Err != nil {
		return "user-data: " + e.Msg + ": " + e.Err.Error()
	}
	return "user-data: " + e.Msg
}

func (e *UserDataError) Unwrap() error { return e.Err }

// MaxUserData bounds decompressed user-data (EC2 itself limits raw user-data to 16 KiB;
// decompression may expand it, but not without bound).
const MaxUserData = 16 << 20

const maxDepth = 5

// SplitUserData decodes raw user-data into parts: gzip is inflated (cloud-init does the
// same for the whole payload and for MIME parts); a MIME multipart message yields its parts
// by Content-Type (nested multiparts and gzip parts recursed into, up to a small depth);
// otherwise the first line decides: "#cloud-config", "#!" (a script), "#cloud-boothook",
// "#include". Empty user-data gives no parts.
func SplitUserData(raw []byte) ([]Part, error) {
	return split(raw, "", 0)
}

func split(raw []byte, filename string, depth int) ([]Part, error) {
	if depth > maxDepth {
		return nil, &UserDataError{Msg: "nested too deeply"}
	}
	if len(raw) >= 2 && raw[0] == 0x1f && raw[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, &UserDataError{"gzip", err}
		}
		b, err := io.ReadAll(io.LimitReader(zr, MaxUserData+1))
		if err != nil {
			return nil, &UserDataError{"gzip", err}
		}
		if len(b) > MaxUserData {
			return nil, &UserDataError{Msg: "decompressed user-data exceeds 16 MiB"}
		}
		return split(b, filename, depth+1)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, nil
	}
	if isMIME(raw) {
		return splitMIME(raw, depth)
	}
	return []Part{{Kind: sniff(raw), Filename: filename, Body: raw}}, nil
}

func sniff(b []byte) string {
	first, _, _ := bytes.Cut(b, []byte("\n"))
	first = bytes.TrimSpace(bytes.TrimPrefix(first, []byte("\xef\xbb\xbf")))
	switch {
	case bytes.HasPrefix(first, []byte("#cloud-config")):
		return KindCloudConfig
	case bytes.HasPrefix(first, []byte("#!")):
		return KindScript
	case bytes.HasPrefix(first, []byte("#cloud-boothook")):
		return KindBoothook
	case bytes.HasPrefix(first, []byte("#include")):
		return KindInclude
	}
	return KindUnknown
}

func isMIME(b []byte) bool {
	head := b
	if i := bytes.Index(b, []byte("\n\n")); i >= 0 {
		head = b[:i]
	} else if i := bytes.Index(b, []byte("\r\n\r\n")); i >= 0 {
		head = b[:i]
	}
	sc := bufio.NewScanner(bytes.NewReader(head))
	for sc.Scan() {
		l := strings.ToLower(sc.Text())
		if strings.HasPrefix(l, "content-type:") && strings.Contains(l, "multipart/") {
			return true
		}
		if strings.HasPrefix(l, "mime-version:") {
			return true
		}
	}
	return false
}

func splitMIME(raw []byte, depth int) ([]Part, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return nil, &UserDataError{"MIME message", err}
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		return nil, &UserDataError{"MIME Content-Type", err}
	}
	if !strings.HasPrefix(mt, "multipart/") {
		body, err := decodeBody(msg.Body, msg.Header.Get("Content-Transfer-Encoding"))
		if err != nil {
			return nil, err
		}
		return partOf(mt, "", body, depth)
	}
	if params["boundary"] == "" {
		return nil, &UserDataError{Msg: "multipart without boundary"}
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	var out []Part
	for i := 0; ; i++ {
		p, err := mr.NextRawPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, &UserDataError{"MIME part", err}
		}
		if i > 1000 {
			return nil, &UserDataError{Msg: "too many MIME parts"}
		}
		body, err := decodeBody(p, p.Header.Get("Content-Transfer-Encoding"))
		if err != nil {
			return nil, err
		}
		ct := p.Header.Get("Content-Type")
		pmt := "text/plain"
		if ct != "" {
			if m, _, err := mime.ParseMediaType(ct); err == nil {
				pmt = m
			}
		}
		if strings.HasPrefix(pmt, "multipart/") {
			hdr := "Content-Type: " + ct + "\r\n\r\n"
			sub, err := splitMIME(append([]byte(hdr), body...), depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, sub...)
			continue
		}
		parts, err := partOf(pmt, p.FileName(), body, depth)
		if err != nil {
			return nil, err
		}
		out = append(out, parts...)
	}
	return out, nil
}

func partOf(mt, filename string, body []byte, depth int) ([]Part, error) {
	switch mt {
	case "application/x-gzip", "application/gzip", "application/octet-stream":
		return split(body, filename, depth+1)
	case KindCloudConfig, KindScript, KindBoothook, KindInclude:
		return []Part{{Kind: mt, Filename: filename, Body: body}}, nil
	case "text/x-shellscript-per-boot", "text/x-shellscript-per-instance", "text/x-shellscript-per-once":
		return []Part{{Kind: KindScript, Filename: filename, Body: body}}, nil
	case "text/plain", "text/x-not-multipart":
		return []Part{{Kind: sniff(body), Filename: filename, Body: body}}, nil
	}
	return []Part{{Kind: KindUnknown, Filename: filename + " (" + mt + ")", Body: body}}, nil
}

func decodeBody(r io.Reader, enc string) ([]byte, error) {
	lr := io.LimitReader(r, MaxUserData+1)
	var b []byte
	var err error
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "base64":
		b, err = io.ReadAll(base64.NewDecoder(base64.StdEncoding, newlineStripper{lr}))
	case "quoted-printable":
		b, err = io.ReadAll(quotedprintable.NewReader(lr))
	case "", "7bit", "8bit", "binary":
		b, err = io.ReadAll(lr)
	default:
		return nil, &UserDataError{Msg: fmt.Sprintf("unknown Content-Transfer-Encoding %q", enc)}
	}
	if err != nil {
		return nil, &UserDataError{"MIME body", err}
	}
	if len(b) > MaxUserData {
		return nil, &UserDataError{Msg: "MIME part exceeds 16 MiB"}
	}
	return b, nil
}

// newlineStripper drops CR, LF and spaces so base64 bodies may be wrapped.
type newlineStripper struct{ r io.Reader }

func (n newlineStripper) Read(p []byte) (int, error) {
	for {
		k, err := n.r.Read(p)
		j := 0
		for _, c := range p[:k] {
			if c != '\n' && c != '\r' && c != ' ' && c != '\t' {
				p[j] = c
				j++
			}
		}
		if j > 0 || err != nil {
			return j, err
		}
	}
}
