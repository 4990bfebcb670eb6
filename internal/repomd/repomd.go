package repomd

import (
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// Repomd is repomd.xml: the repository's revision and the list of its metadata files.
type Repomd struct {
	Revision string
	// Tags are the optional <tags> children (content, repo, distro), kept verbatim.
	ContentTags []string
	RepoTags    []string
	DistroTags  []DistroTag
	Data        []Data
}

// DistroTag is <distro cpeid="...">name</distro>.
type DistroTag struct {
	CPEID string
	Name  string
}

// Data is one <data> record: a metadata file with its checksums and sizes.
type Data struct {
	Type           string // "primary", "filelists", "other", "updateinfo", "primary_db", ...
	Checksum       Checksum
	OpenChecksum   Checksum // of the uncompressed content; empty for uncompressed files
	HeaderChecksum Checksum // zchunk only
	Location       string   // href relative to the repository root, e.g. repodata/...-primary.xml.gz
	LocationBase   string
	Timestamp      int64
	Size           int64
	OpenSize       int64 // -1 when absent
	HeaderSize     int64 // zchunk only, -1 when absent
	DBVersion      int   // database_version of the sqlite variants, 0 when absent
}

// Checksum is a typed hex digest.
type Checksum struct {
	Type  string // "sha256", "sha512", "sha1", ...
	Value string
}

// Find returns the record of the given type, or nil.
func (r *Repomd) Find(typ string) *Data {
	for i := range r.Data {
		if r.Data[i].Type == typ {
			return &r.Data[i]
		}
	}
	return nil
}

// The XML shape, for encoding/xml (repomd.xml is small).
type xmlRepomd struct {
	XMLName  xml.Name `xml:"repomd"`
	Revision string   `xml:"revision"`
	Tags     *struct {
		Content []string `xml:"content"`
		Repo    []string `xml:"repo"`
		Distro  []struct {
			CPEID string `xml:"cpeid,attr"`
			Name  string `xml:",chardata"`
		} `xml:"distro"`
	} `xml:"tags"`
	Data []struct {
		Type           string `xml:"type,attr"`
		Checksum       xmlSum `xml:"checksum"`
		OpenChecksum   xmlSum `xml:"open-checksum"`
		HeaderChecksum xmlSum `xml:"header-checksum"`
		Location       struct {
			Href string `xml:"href,attr"`
			Base string `xml:"http://www.w3.org/XML/1998/namespace base,attr"`
		} `xml:"location"`
		Timestamp  string `xml:"timestamp"`
		Size       string `xml:"size"`
		OpenSize   string `xml:"open-size"`
		HeaderSize string `xml:"header-size"`
		DBVersion  string `xml:"database_version"`
	} `xml:"data"`
}

type xmlSum struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

// maxRepomd bounds how much of a repomd.xml is read: real ones are a few kilobytes.
const maxRepomd = 4 << 20

// ParseRepomd reads repomd.xml. Every data record must have a type, a checksum and a
// location inside the repository (no absolute paths, no "..", no URLs); sizes and
// timestamps must be integers.
func ParseRepomd(r io.Reader) (*Repomd, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxRepomd+1))
	if err != nil {
		return nil, fmt.Errorf("reading repomd.xml: %w", err)
	}
	if len(data) > maxRepomd {
		return nil, fmt.Errorf("repomd.xml: larger than %d bytes", maxRepomd)
	}
	var x xmlRepomd
	d := xml.NewDecoder(strings.NewReader(string(data)))
	d.Strict = true
	if err := d.Decode(&x); err != nil {
		return nil, fmt.Errorf("parsing repomd.xml: %w", err)
	}
	out := &Repomd{Revision: strings.TrimSpace(x.Revision)}
	if x.Tags != nil {
		out.ContentTags = x.Tags.Content
		out.RepoTags = x.Tags.Repo
		for _, t := range x.Tags.Distro {
			out.DistroTags = append(out.DistroTags, DistroTag{t.CPEID, t.Name})
		}
	}
	seen := map[string]bool{}
	for i, xd := range x.Data {
		rec := Data{
			Type:           xd.Type,
			Checksum:       Checksum{strings.TrimSpace(xd.Checksum.Type), strings.TrimSpace(xd.Checksum.Value)},
			OpenChecksum:   Checksum{strings.TrimSpace(xd.OpenChecksum.Type), strings.TrimSpace(xd.OpenChecksum.Value)},
			HeaderChecksum: Checksum{strings.TrimSpace(xd.HeaderChecksum.Type), strings.TrimSpace(xd.HeaderChecksum.Value)},
			Location:       xd.Location.Href,
			LocationBase:   xd.Location.Base,
		}
		where := fmt.Sprintf("repomd.xml: data record %d (%s)", i+1, rec.Type)
		if rec.Type == "" {
			return nil, fmt.Errorf("%s: no type", where)
		}
		if seen[rec.Type] {
			return nil, fmt.Errorf("%s: type listed twice", where)
		}
		seen[rec.Type] = true
		if rec.Checksum.Type == "" || rec.Checksum.Value == "" {
			return nil, fmt.Errorf("%s: no checksum", where)
		}
		if err := CheckLocation(rec.Location); err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		var err error
		num := func(name, s string, dflt int64) int64 {
			s = strings.TrimSpace(s)
			if s == "" || err != nil {
				return dflt
			}
			n, e := strconv.ParseInt(s, 10, 64)
			if e != nil || n < 0 {
				err = fmt.Errorf("%s: %s %q is not a non-negative integer", where, name, s)
			}
			return n
		}
		rec.Timestamp = num("timestamp", xd.Timestamp, 0)
		rec.Size = num("size", xd.Size, -1)
		rec.OpenSize = num("open-size", xd.OpenSize, -1)
		rec.HeaderSize = num("header-size", xd.HeaderSize, -1)
		rec.DBVersion = int(num("database_version", xd.DBVersion, 0))
		if err != nil {
			return nil, err
		}
		out.Data = append(out.Data, rec)
	}
	return out, nil
}

// CheckLocation accepts a relative, clean path inside the repository: a repomd.xml must
// not point outside it (absolute paths, "..", URLs or backslashes).
func CheckLocation(href string) error {
	if href == "" {
		return fmt.Errorf("no location")
	}
	if strings.Contains(href, "://") || strings.HasPrefix(href, "/") || strings.ContainsAny(href, "\\\x00") {
		return fmt.Errorf("location %q points outside the repository", href)
	}
	clean := path.Clean(href)
	if clean == ".." || strings.HasPrefix(clean, "../") || clean == "." {
		return fmt.Errorf("location %q points outside the repository", href)
	}
	return nil
}

// Write writes repomd.xml as createrepo_c does.
func (r *Repomd) Write(w io.Writer) error {
	var b []byte
	b = append(b, xmlDecl...)
	b = append(b, `<repomd xmlns="`+NSRepo+`" xmlns:rpm="`+NSRPM+`">`+"\n"...)
	b = textElem(b, "  ", "revision", r.Revision)
	if len(r.ContentTags)+len(r.RepoTags)+len(r.DistroTags) > 0 {
		b = append(b, "  <tags>\n"...)
		for _, t := range r.ContentTags {
			b = textElem(b, "    ", "content", t)
		}
		for _, t := range r.RepoTags {
			b = textElem(b, "    ", "repo", t)
		}
		for _, t := range r.DistroTags {
			b = append(b, "    <distro"...)
			if t.CPEID != "" {
				b = attr(b, "cpeid", t.CPEID)
			}
			b = append(b, '>')
			b = escape(b, t.Name, false)
			b = append(b, "</distro>\n"...)
		}
		b = append(b, "  </tags>\n"...)
	}
	for _, d := range r.Data {
		b = append(b, "  <data"...)
		b = attr(b, "type", d.Type)
		b = append(b, ">\n"...)
		b = sumElem(b, "checksum", d.Checksum)
		if d.OpenChecksum.Value != "" {
			b = sumElem(b, "open-checksum", d.OpenChecksum)
		}
		if d.HeaderChecksum.Value != "" {
			b = sumElem(b, "header-checksum", d.HeaderChecksum)
		}
		b = append(b, "    <location"...)
		if d.LocationBase != "" {
			b = attr(b, "xml:base", d.LocationBase)
		}
		b = attr(b, "href", d.Location)
		b = append(b, "/>\n"...)
		b = textElem(b, "    ", "timestamp", strconv.FormatInt(d.Timestamp, 10))
		if d.Size >= 0 {
			b = textElem(b, "    ", "size", strconv.FormatInt(d.Size, 10))
		}
		if d.OpenSize >= 0 && d.OpenChecksum.Value != "" {
			b = textElem(b, "    ", "open-size", strconv.FormatInt(d.OpenSize, 10))
		}
		if d.HeaderSize > 0 {
			b = textElem(b, "    ", "header-size", strconv.FormatInt(d.HeaderSize, 10))
		}
		if d.DBVersion > 0 {
			b = textElem(b, "    ", "database_version", strconv.Itoa(d.DBVersion))
		}
		b = append(b, "  </data>\n"...)
	}
	b = append(b, "</repomd>\n"...)
	_, err := w.Write(b)
	return err
}

func sumElem(b []byte, name string, c Checksum) []byte {
	b = append(b, "    <"+name...)
	b = attr(b, "type", c.Type)
	b = append(b, '>')
	b = escape(b, c.Value, false)
	return append(b, "</"+name+">\n"...)
}
