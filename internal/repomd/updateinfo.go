package repomd

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Update is one advisory of updateinfo.xml, as dnf reads it.
type Update struct {
	From        string `xml:"from,attr" json:"from,omitempty"`
	Status      string `xml:"status,attr" json:"status"`
	Type        string `xml:"type,attr" json:"type"` // security, bugfix, enhancement, newpackage
	Version     string `xml:"version,attr" json:"version,omitempty"`
	ID          string `xml:"id" json:"id"`
	Title       string `xml:"title" json:"title"`
	Issued      Date   `xml:"issued" json:"issued"`
	Updated     Date   `xml:"updated" json:"updated"`
	Rights      string `xml:"rights" json:"rights,omitempty"`
	Release     string `xml:"release" json:"release,omitempty"`
	Severity    string `xml:"severity" json:"severity,omitempty"`
	Summary     string `xml:"summary" json:"summary,omitempty"`
	Description string `xml:"description" json:"description,omitempty"`
	Solution    string `xml:"solution" json:"solution,omitempty"`
	// RebootSuggested at the update level (newer createrepo_c writes it here too).
	RebootSuggested bool         `xml:"-" json:"reboot_suggested,omitempty"`
	References      []Reference  `xml:"references>reference" json:"references,omitempty"`
	Collections     []Collection `xml:"pkglist>collection" json:"collections"`
}

// Date is the date attribute of <issued> and <updated>, kept as written
// ("2024-01-02 03:04:05" or seconds since the epoch).
type Date struct {
	Date string `xml:"date,attr" json:"date"`
}

// Reference links an advisory to a CVE, a bug or another advisory.
type Reference struct {
	Href  string `xml:"href,attr" json:"href,omitempty"`
	ID    string `xml:"id,attr" json:"id,omitempty"`
	Type  string `xml:"type,attr" json:"type,omitempty"` // cve, bugzilla, self, ...
	Title string `xml:"title,attr" json:"title,omitempty"`
}

// Collection is a set of fixed packages, optionally for one module stream.
type Collection struct {
	Short    string          `xml:"short,attr" json:"short,omitempty"`
	Name     string          `xml:"name" json:"name,omitempty"`
	Module   *Module         `xml:"module" json:"module,omitempty"`
	Packages []UpdatePackage `xml:"package" json:"packages"`
}

// Module names a module stream of a collection.
type Module struct {
	Name    string `xml:"name,attr" json:"name"`
	Stream  string `xml:"stream,attr" json:"stream"`
	Version string `xml:"version,attr" json:"version"`
	Context string `xml:"context,attr" json:"context"`
	Arch    string `xml:"arch,attr" json:"arch"`
}

// UpdatePackage is a package an advisory ships.
type UpdatePackage struct {
	Name             string   `xml:"name,attr" json:"name"`
	Version          string   `xml:"version,attr" json:"version"`
	Release          string   `xml:"release,attr" json:"release"`
	Epoch            string   `xml:"epoch,attr" json:"epoch"`
	Arch             string   `xml:"arch,attr" json:"arch"`
	Src              string   `xml:"src,attr" json:"src,omitempty"`
	Filename         string   `xml:"filename" json:"filename"`
	Sum              *xmlSum  `xml:"sum" json:"-"`
	RebootSuggested  xmlBool  `xml:"reboot_suggested" json:"reboot_suggested,omitempty"`
	RestartSuggested xmlBool  `xml:"restart_suggested" json:"restart_suggested,omitempty"`
	ReloginSuggested xmlBool  `xml:"relogin_suggested" json:"relogin_suggested,omitempty"`
	Checksum         Checksum `xml:"-" json:"checksum,omitempty"`
}

// xmlBool reads dnf's truth values: an empty element, "1", "True", "true", "yes".
type xmlBool bool

func (b *xmlBool) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var s string
	if err := d.DecodeElement(&s, &start); err != nil {
		return err
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "1", "true", "yes":
		*b = true
	case "0", "false", "no":
		*b = false
	default:
		return fmt.Errorf("<%s>%s</%s> is not a boolean", start.Name.Local, s, start.Name.Local)
	}
	return nil
}

// maxUpdate is the input size the fuzz target feeds the reader (real advisories are a
// few kilobytes; the caller's decompression limit bounds real input).
const maxUpdate = 8 << 20

// ReadUpdateinfo streams the advisories of an uncompressed updateinfo.xml, decoding one
// <update> at a time. An advisory without an id is an error naming its position.
func ReadUpdateinfo(r io.Reader, fn func(*Update) error) error {
	d := xml.NewDecoder(r)
	d.Strict = true
	depth, n := 0, 0
	rootSeen := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if !rootSeen {
				return fmt.Errorf("updateinfo.xml: empty document")
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("updateinfo.xml: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				if t.Name.Local != "updates" {
					return fmt.Errorf("updateinfo.xml: root element is <%s>, not <updates>", t.Name.Local)
				}
				rootSeen = true
				depth++
				continue
			}
			if t.Name.Local != "update" {
				if err := d.Skip(); err != nil {
					return fmt.Errorf("updateinfo.xml: %w", err)
				}
				continue
			}
			n++
			line, _ := d.InputPos()
			var u Update
			if err := d.DecodeElement(&u, &t); err != nil {
				return fmt.Errorf("updateinfo.xml:%d: update %d: %w", line, n, err)
			}
			if u.ID = strings.TrimSpace(u.ID); u.ID == "" {
				return fmt.Errorf("updateinfo.xml:%d: update %d has no id", line, n)
			}
			for ci := range u.Collections {
				for pi := range u.Collections[ci].Packages {
					p := &u.Collections[ci].Packages[pi]
					if p.Sum != nil {
						p.Checksum = Checksum{p.Sum.Type, strings.TrimSpace(p.Sum.Value)}
						p.Sum = nil
					}
					if p.Name == "" {
						return fmt.Errorf("updateinfo.xml:%d: update %s: package without a name", line, u.ID)
					}
					if bool(p.RebootSuggested) {
						u.RebootSuggested = true
					}
				}
			}
			if err := fn(&u); err != nil {
				return err
			}
		case xml.EndElement:
			depth--
		}
	}
}

// ErrStop may be returned by a callback to end a read early without an error.
var ErrStop = errors.New("stop")

// WriteUpdateinfo writes updateinfo.xml as createrepo_c's modifyrepo does.
func WriteUpdateinfo(w io.Writer, updates []Update) error {
	var b []byte
	b = append(b, xmlDecl...)
	b = append(b, "<updates>\n"...)
	for i := range updates {
		u := &updates[i]
		b = append(b, "  <update"...)
		b = attr(b, "from", u.From)
		b = attr(b, "status", u.Status)
		b = attr(b, "type", u.Type)
		b = attr(b, "version", u.Version)
		b = append(b, ">\n"...)
		b = textElem(b, "    ", "id", u.ID)
		b = textElem(b, "    ", "title", u.Title)
		if u.Issued.Date != "" {
			b = append(b, "    <issued"...)
			b = attr(b, "date", u.Issued.Date)
			b = append(b, "/>\n"...)
		}
		if u.Updated.Date != "" {
			b = append(b, "    <updated"...)
			b = attr(b, "date", u.Updated.Date)
			b = append(b, "/>\n"...)
		}
		for _, f := range []struct{ name, v string }{{"rights", u.Rights}, {"release", u.Release}, {"severity", u.Severity}, {"summary", u.Summary}, {"description", u.Description}, {"solution", u.Solution}} {
			if f.v != "" {
				b = textElem(b, "    ", f.name, f.v)
			}
		}
		b = append(b, "    <references>\n"...)
		for _, r := range u.References {
			b = append(b, "      <reference"...)
			b = attr(b, "href", r.Href)
			b = attr(b, "id", r.ID)
			b = attr(b, "type", r.Type)
			b = attr(b, "title", r.Title)
			b = append(b, "/>\n"...)
		}
		b = append(b, "    </references>\n    <pkglist>\n"...)
		for _, c := range u.Collections {
			b = append(b, "      <collection"...)
			b = attr(b, "short", c.Short)
			b = append(b, ">\n"...)
			b = textElem(b, "        ", "name", c.Name)
			if m := c.Module; m != nil {
				b = append(b, "        <module"...)
				b = attr(b, "name", m.Name)
				b = attr(b, "stream", m.Stream)
				b = attr(b, "version", m.Version)
				b = attr(b, "context", m.Context)
				b = attr(b, "arch", m.Arch)
				b = append(b, "/>\n"...)
			}
			for _, p := range c.Packages {
				b = append(b, "        <package"...)
				b = attr(b, "name", p.Name)
				b = attr(b, "version", p.Version)
				b = attr(b, "release", p.Release)
				b = attr(b, "epoch", p.Epoch)
				b = attr(b, "arch", p.Arch)
				b = attr(b, "src", p.Src)
				b = append(b, ">\n"...)
				b = textElem(b, "          ", "filename", p.Filename)
				if p.Checksum.Value != "" {
					b = append(b, "          <sum"...)
					b = attr(b, "type", p.Checksum.Type)
					b = append(b, '>')
					b = escape(b, p.Checksum.Value, false)
					b = append(b, "</sum>\n"...)
				}
				for _, f := range []struct {
					name string
					v    xmlBool
				}{{"reboot_suggested", p.RebootSuggested}, {"restart_suggested", p.RestartSuggested}, {"relogin_suggested", p.ReloginSuggested}} {
					if f.v {
						b = textElem(b, "          ", f.name, "True")
					}
				}
				b = append(b, "        </package>\n"...)
			}
			b = append(b, "      </collection>\n"...)
		}
		b = append(b, "    </pkglist>\n  </update>\n"...)
	}
	b = append(b, "</updates>\n"...)
	_, err := w.Write(b)
	return err
}

// epochOrZero is used by callers comparing advisories with packages.
func epochOrZero(s string) string {
	if s == "" {
		return "0"
	}
	if _, err := strconv.Atoi(s); err != nil {
		return "0"
	}
	return s
}

// EVR returns the package's [epoch:]version-release with a zero epoch left out.
func (p *UpdatePackage) EVR() string {
	s := p.Version + "-" + p.Release
	if e := epochOrZero(p.Epoch); e != "0" {
		s = e + ":" + s
	}
	return s
}
