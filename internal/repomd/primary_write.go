package repomd

import (
	"strconv"
	"unicode/utf8"

	"github.com/nimbus-linux/nimbus/internal/dep"
)

// The writers produce byte-for-byte what createrepo_c 0.17 writes for the same package
// data: two-space indentation, attributes in its order, empty elements as <x></x> for
// text and <x/> for attribute-only ones, and no newline after the closing root tag.
// Each Append* function formats one package into a buffer, so callers can format
// packages in parallel and concatenate the pieces in order.

// Namespaces of the rpm-md documents.
const (
	NSCommon    = "http://linux.duke.edu/metadata/common"
	NSRPM       = "http://linux.duke.edu/metadata/rpm"
	NSFilelists = "http://linux.duke.edu/metadata/filelists"
	NSOther     = "http://linux.duke.edu/metadata/other"
	NSRepo      = "http://linux.duke.edu/metadata/repo"
)

const xmlDecl = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// PrimaryHeader, FilelistsHeader and OtherHeader open the documents for count packages;
// PrimaryFooter and friends close them.
func PrimaryHeader(count int) []byte {
	return []byte(xmlDecl + `<metadata xmlns="` + NSCommon + `" xmlns:rpm="` + NSRPM + `" packages="` + strconv.Itoa(count) + `">` + "\n")
}

func FilelistsHeader(count int) []byte {
	return []byte(xmlDecl + `<filelists xmlns="` + NSFilelists + `" packages="` + strconv.Itoa(count) + `">` + "\n")
}

func OtherHeader(count int) []byte {
	return []byte(xmlDecl + `<otherdata xmlns="` + NSOther + `" packages="` + strconv.Itoa(count) + `">` + "\n")
}

const (
	PrimaryFooter   = "</metadata>"
	FilelistsFooter = "</filelists>"
	OtherFooter     = "</otherdata>"
)

// primaryDepOrder is the order createrepo_c writes the dependency lists in.
var primaryDepOrder = []struct {
	kind dep.Kind
	elem string
}{
	{dep.Provides, "provides"},
	{dep.Requires, "requires"},
	{dep.Conflicts, "conflicts"},
	{dep.Obsoletes, "obsoletes"},
	{dep.Suggests, "suggests"},
	{dep.Enhances, "enhances"},
	{dep.Recommends, "recommends"},
	{dep.Supplements, "supplements"},
}

// IsPrimaryFile reports whether createrepo_c lists path in primary.xml: anything under
// /etc/, anything with "bin/" in it, and /usr/lib/sendmail. dnf relies on this rule to
// resolve file dependencies from primary alone.
func IsPrimaryFile(path string) bool {
	if len(path) >= 5 && path[:5] == "/etc/" || path == "/usr/lib/sendmail" {
		return true
	}
	for i := 0; i+4 <= len(path); i++ {
		if path[i:i+4] == "bin/" {
			return true
		}
	}
	return false
}

// AppendPrimary appends p's <package> element. Files are filtered with IsPrimaryFile.
func AppendPrimary(b []byte, p *Package) []byte {
	b = append(b, "<package type=\"rpm\">\n"...)
	b = textElem(b, "  ", "name", p.Name)
	b = textElem(b, "  ", "arch", p.Arch)
	b = append(b, "  <version"...)
	b = attr(b, "epoch", p.Epoch)
	b = attr(b, "ver", p.Version)
	b = attr(b, "rel", p.Release)
	b = append(b, "/>\n  <checksum"...)
	b = attr(b, "type", p.ChecksumType)
	b = append(b, ` pkgid="YES">`...)
	b = escape(b, p.PkgID, false)
	b = append(b, "</checksum>\n"...)
	b = textElem(b, "  ", "summary", p.Summary)
	b = textElem(b, "  ", "description", p.Description)
	b = textElem(b, "  ", "packager", p.Packager)
	b = textElem(b, "  ", "url", p.URL)
	b = append(b, "  <time"...)
	b = intAttr(b, "file", p.TimeFile)
	b = intAttr(b, "build", p.TimeBuild)
	b = append(b, "/>\n  <size"...)
	b = intAttr(b, "package", p.SizePackage)
	b = intAttr(b, "installed", p.SizeInstall)
	b = intAttr(b, "archive", p.SizeArchive)
	b = append(b, "/>\n  <location"...)
	if p.LocationBase != "" {
		b = attr(b, "xml:base", p.LocationBase)
	}
	b = attr(b, "href", p.Location)
	b = append(b, "/>\n  <format>\n"...)
	b = textElem(b, "    ", "rpm:license", p.License)
	b = textElem(b, "    ", "rpm:vendor", p.Vendor)
	b = textElem(b, "    ", "rpm:group", p.Group)
	b = textElem(b, "    ", "rpm:buildhost", p.BuildHost)
	b = textElem(b, "    ", "rpm:sourcerpm", p.SourceRPM)
	b = append(b, "    <rpm:header-range"...)
	b = intAttr(b, "start", p.HeaderStart)
	b = intAttr(b, "end", p.HeaderEnd)
	b = append(b, "/>\n"...)
	for _, o := range primaryDepOrder {
		ds := p.Deps[o.kind]
		if len(ds) == 0 {
			continue
		}
		b = append(b, "    <rpm:"+o.elem+">\n"...)
		for _, d := range ds {
			b = append(b, "      <rpm:entry"...)
			b = attr(b, "name", d.Name)
			if d.Flags != "" {
				b = attr(b, "flags", d.Flags)
			}
			if d.Epoch != "" {
				b = attr(b, "epoch", d.Epoch)
			}
			if d.Version != "" {
				b = attr(b, "ver", d.Version)
			}
			if d.Release != "" {
				b = attr(b, "rel", d.Release)
			}
			if d.Pre {
				b = append(b, ` pre="1"`...)
			}
			b = append(b, "/>\n"...)
		}
		b = append(b, "    </rpm:"+o.elem+">\n"...)
	}
	for _, f := range p.Files {
		if p.FullFiles && !IsPrimaryFile(f.Path) {
			continue
		}
		b = fileElem(b, "    ", f)
	}
	return append(b, "  </format>\n</package>\n"...)
}

// AppendFilelists appends p's <package> element of filelists.xml (all of p.Files).
func AppendFilelists(b []byte, p *Package) []byte {
	b = pkgIDOpen(b, p)
	for _, f := range p.Files {
		b = fileElem(b, "  ", f)
	}
	return append(b, "</package>\n"...)
}

// AppendOther appends p's <package> element of other.xml.
func AppendOther(b []byte, p *Package) []byte {
	b = pkgIDOpen(b, p)
	for _, c := range p.Changelogs {
		b = append(b, "  <changelog"...)
		b = attr(b, "author", c.Author)
		b = intAttr(b, "date", c.Date)
		b = append(b, '>')
		b = escape(b, c.Text, false)
		b = append(b, "</changelog>\n"...)
	}
	return append(b, "</package>\n"...)
}

func pkgIDOpen(b []byte, p *Package) []byte {
	b = append(b, "<package"...)
	b = attr(b, "pkgid", p.PkgID)
	b = attr(b, "name", p.Name)
	b = attr(b, "arch", p.Arch)
	b = append(b, ">\n  <version"...)
	b = attr(b, "epoch", p.Epoch)
	b = attr(b, "ver", p.Version)
	b = attr(b, "rel", p.Release)
	return append(b, "/>\n"...)
}

func fileElem(b []byte, indent string, f File) []byte {
	b = append(b, indent...)
	b = append(b, "<file"...)
	if f.Type != "" {
		b = attr(b, "type", f.Type)
	}
	b = append(b, '>')
	b = escape(b, f.Path, false)
	return append(b, "</file>\n"...)
}

func textElem(b []byte, indent, name, text string) []byte {
	b = append(b, indent...)
	b = append(b, '<')
	b = append(b, name...)
	b = append(b, '>')
	b = escape(b, text, false)
	b = append(b, "</"...)
	b = append(b, name...)
	return append(b, ">\n"...)
}

func attr(b []byte, name, value string) []byte {
	b = append(b, ' ')
	b = append(b, name...)
	b = append(b, `="`...)
	b = escape(b, value, true)
	return append(b, '"')
}

func intAttr(b []byte, name string, v int64) []byte {
	b = append(b, ' ')
	b = append(b, name...)
	b = append(b, `="`...)
	b = strconv.AppendInt(b, v, 10)
	return append(b, '"')
}

// escape appends s as XML character data (attr: as an attribute value) the way libxml2
// serializes it. Bytes that are not valid UTF-8 are read as Latin-1 (createrepo_c's
// fallback), and control characters that XML 1.0 cannot carry are dropped.
func escape(b []byte, s string, attr bool) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == '&':
				b = append(b, "&amp;"...)
			case c == '<':
				b = append(b, "&lt;"...)
			case c == '>':
				b = append(b, "&gt;"...)
			case c == '\r':
				b = append(b, "&#13;"...)
			case attr && c == '"':
				b = append(b, "&quot;"...)
			case attr && c == '\n':
				b = append(b, "&#10;"...)
			case attr && c == '\t':
				b = append(b, "&#9;"...)
			case c < 0x20 && c != '\n' && c != '\t':
				// not representable in XML 1.0
			default:
				b = append(b, c)
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b = utf8.AppendRune(b, rune(c))
			i++
			continue
		}
		if r == 0xFFFE || r == 0xFFFF {
			i += n
			continue
		}
		b = append(b, s[i:i+n]...)
		i += n
	}
	return b
}
