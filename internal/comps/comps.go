// Package comps reads comps files, the group metadata of rpm-md repositories (the
// "group"/"group_gz" records of repomd.xml, createrepo_c's --groupfile): groups with their
// package lists (mandatory, default, optional and conditional packagereqs) and environments
// with their group lists, as libcomps reads them for dnf. Language packs and categories
// are read past. It also matches group patterns the way dnf does (exact id or name, then
// case-insensitive globs).
package comps

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"
)

// PkgType is a packagereq's type, with libdnf's CompsPackageType bit values (the values
// dnf's swdb stores in comps_group.pkg_types and comps_group_package.pkg_type).
type PkgType int

// The package types.
const (
	Conditional PkgType = 1
	Default     PkgType = 2
	Mandatory   PkgType = 4
	Optional    PkgType = 8
)

// DefaultTypes is dnf.conf's group_package_types default: mandatory, default, conditional.
const DefaultTypes = Mandatory | Default | Conditional

var typeNames = []struct {
	t    PkgType
	name string
}{{Mandatory, "mandatory"}, {Default, "default"}, {Optional, "optional"}, {Conditional, "conditional"}}

// ParseTypes reads a group_package_types list ("mandatory, default,conditional").
func ParseTypes(list []string) (PkgType, error) {
	var t PkgType
	for _, s := range list {
		for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
			found := false
			for _, n := range typeNames {
				if strings.EqualFold(f, n.name) {
					t |= n.t
					found = true
				}
			}
			if !found {
				// dnf's (libdnf's) wording; the types are mandatory, default, optional, conditional
				return 0, fmt.Errorf("Invalid comps package type %q.", f)
			}
		}
	}
	return t, nil
}

// PackageReq is one packagereq of a group.
type PackageReq struct {
	Name string
	Type PkgType
	// Requires is a conditional package's condition: it is installed when this package is.
	Requires     string
	BaseArchOnly bool
}

// Group is a comps group.
type Group struct {
	ID, Name, Description string
	Default, UserVisible  bool
	DisplayOrder          int // math.MaxInt when the file gives none, as dnf sorts
	LangOnly              string
	Packages              []PackageReq
}

// PackagesOf returns the names of the packagereqs of the given types, in file order.
func (g *Group) PackagesOf(t PkgType) []PackageReq {
	var out []PackageReq
	for _, p := range g.Packages {
		if p.Type&t != 0 {
			out = append(out, p)
		}
	}
	return out
}

// Environment is a comps environment: mandatory groups (grouplist) and optional ones
// (optionlist), by id.
type Environment struct {
	ID, Name, Description string
	DisplayOrder          int
	Groups, Options       []string
}

// Comps is one or more merged comps files.
type Comps struct {
	Groups       []*Group
	Environments []*Environment
}

// Empty reports whether there are no groups and no environments (dnf's "No group data
// available for configured repositories").
func (c *Comps) Empty() bool { return c == nil || len(c.Groups)+len(c.Environments) == 0 }

const noOrder = int(^uint(0) >> 1)

type xmlText struct {
	Lang string `xml:"lang,attr"`
	Text string `xml:",chardata"`
}

type xmlGroup struct {
	ID           string       `xml:"id"`
	Names        []xmlText    `xml:"name"`
	Descs        []xmlText    `xml:"description"`
	Default      string       `xml:"default"`
	UserVisible  string       `xml:"uservisible"`
	DisplayOrder string       `xml:"display_order"`
	LangOnly     string       `xml:"langonly"`
	Reqs         []xmlPkgReq  `xml:"packagelist>packagereq"`
	Groups       []xmlGroupID `xml:"grouplist>groupid"`
	Options      []xmlGroupID `xml:"optionlist>groupid"`
}

type xmlPkgReq struct {
	Type         string `xml:"type,attr"`
	Requires     string `xml:"requires,attr"`
	BaseArchOnly string `xml:"basearchonly,attr"`
	Name         string `xml:",chardata"`
}

type xmlGroupID struct {
	ID string `xml:",chardata"`
}

// untranslated is the text without xml:lang (the C locale's, which dnf shows here).
func untranslated(ts []xmlText) string {
	for _, t := range ts {
		if t.Lang == "" {
			return strings.TrimSpace(t.Text)
		}
	}
	return ""
}

func parseBool(s string, def bool) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1", "yes":
		return true
	case "false", "0", "no":
		return false
	}
	return def
}

func parseOrder(s string) int {
	if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
		return n
	}
	return noOrder
}

// MaxSize bounds the comps document Parse reads (Fedora's whole comps is ~10 MiB).
const MaxSize = 256 << 20

// Parse reads a comps document. Groups and environments without an id are left out, as
// libcomps does; a packagereq of an unknown type counts as mandatory (libcomps' default).
func Parse(r io.Reader) (*Comps, error) {
	lr := &io.LimitedReader{R: r, N: MaxSize + 1}
	d := xml.NewDecoder(lr)
	d.Strict = true
	c := &Comps{}
	root := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if lr.N <= 0 {
				return nil, fmt.Errorf("comps: larger than %d bytes", MaxSize)
			}
			return nil, fmt.Errorf("comps: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if !root {
			if se.Name.Local != "comps" {
				return nil, fmt.Errorf("comps: the document is <%s>, want <comps>", se.Name.Local)
			}
			root = true
			continue
		}
		switch se.Name.Local {
		case "group", "environment":
			var x xmlGroup
			if err := d.DecodeElement(&x, &se); err != nil {
				return nil, fmt.Errorf("comps: <%s>: %w", se.Name.Local, err)
			}
			id := strings.TrimSpace(x.ID)
			if id == "" {
				continue
			}
			if se.Name.Local == "environment" {
				e := &Environment{ID: id, Name: untranslated(x.Names), Description: untranslated(x.Descs), DisplayOrder: parseOrder(x.DisplayOrder)}
				for _, g := range x.Groups {
					if s := strings.TrimSpace(g.ID); s != "" {
						e.Groups = append(e.Groups, s)
					}
				}
				for _, g := range x.Options {
					if s := strings.TrimSpace(g.ID); s != "" {
						e.Options = append(e.Options, s)
					}
				}
				c.Environments = append(c.Environments, e)
				continue
			}
			g := &Group{ID: id, Name: untranslated(x.Names), Description: untranslated(x.Descs),
				Default: parseBool(x.Default, false), UserVisible: parseBool(x.UserVisible, true),
				DisplayOrder: parseOrder(x.DisplayOrder), LangOnly: strings.TrimSpace(x.LangOnly)}
			for _, p := range x.Reqs {
				name := strings.TrimSpace(p.Name)
				if name == "" {
					continue
				}
				t := Mandatory
				switch strings.TrimSpace(p.Type) {
				case "default":
					t = Default
				case "optional":
					t = Optional
				case "conditional":
					t = Conditional
				}
				g.Packages = append(g.Packages, PackageReq{Name: name, Type: t, Requires: strings.TrimSpace(p.Requires), BaseArchOnly: parseBool(p.BaseArchOnly, false)})
			}
			c.Groups = append(c.Groups, g)
		default:
			if err := d.Skip(); err != nil { // category, langpacks, blacklist, ...
				return nil, fmt.Errorf("comps: <%s>: %w", se.Name.Local, err)
			}
		}
	}
	if !root {
		return nil, errors.New("comps: no <comps> element")
	}
	return c, nil
}

// Merge adds o's groups and environments to c: a group or environment c already has (by
// id) gets the packages or groups it lacks, as libcomps unions the comps of several
// repositories.
func (c *Comps) Merge(o *Comps) {
	if o == nil {
		return
	}
	for _, g := range o.Groups {
		if old := c.Group(g.ID); old != nil {
			have := map[string]bool{}
			for _, p := range old.Packages {
				have[p.Name] = true
			}
			for _, p := range g.Packages {
				if !have[p.Name] {
					old.Packages = append(old.Packages, p)
				}
			}
			continue
		}
		cp := *g
		cp.Packages = append([]PackageReq(nil), g.Packages...)
		c.Groups = append(c.Groups, &cp)
	}
	for _, e := range o.Environments {
		if old := c.Environment(e.ID); old != nil {
			old.Groups = union(old.Groups, e.Groups)
			old.Options = union(old.Options, e.Options)
			continue
		}
		cp := *e
		cp.Groups = append([]string(nil), e.Groups...)
		cp.Options = append([]string(nil), e.Options...)
		c.Environments = append(c.Environments, &cp)
	}
}

func union(a, b []string) []string {
	have := map[string]bool{}
	for _, s := range a {
		have[s] = true
	}
	for _, s := range b {
		if !have[s] {
			a = append(a, s)
			have[s] = true
		}
	}
	return a
}

// Group returns the group of an id, or nil.
func (c *Comps) Group(id string) *Group {
	for _, g := range c.Groups {
		if g.ID == id {
			return g
		}
	}
	return nil
}

// Environment returns the environment of an id, or nil.
func (c *Comps) Environment(id string) *Environment {
	for _, e := range c.Environments {
		if e.ID == id {
			return e
		}
	}
	return nil
}

// EnvGroups returns the groups of an environment's list (grouplist or optionlist) that
// the comps know, in list order (dnf leaves out the others).
func (c *Comps) EnvGroups(ids []string) []*Group {
	var out []*Group
	for _, id := range ids {
		if g := c.Group(id); g != nil {
			out = append(out, g)
		}
	}
	return out
}

// Match reports whether a dnf group pattern matches an id or name the way dnf's
// _by_pattern does for one item: a case-insensitive glob (fnmatch) over the whole string.
func Match(pattern, s string) bool {
	ok, err := path.Match(strings.ToLower(pattern), strings.ToLower(s))
	return err == nil && ok
}

// GroupsByPattern returns the groups whose id or name is the pattern, or else those
// matching it as a glob, ordered by display order (dnf's groups_by_pattern).
func (c *Comps) GroupsByPattern(pattern string) []*Group {
	var exact, glob []*Group
	for _, g := range c.Groups {
		if g.ID == pattern || g.Name == pattern {
			exact = append(exact, g)
		} else if Match(pattern, g.ID) || Match(pattern, g.Name) {
			glob = append(glob, g)
		}
	}
	if len(exact) > 0 {
		glob = exact
	}
	sort.SliceStable(glob, func(i, j int) bool { return glob[i].DisplayOrder < glob[j].DisplayOrder })
	return glob
}

// EnvironmentsByPattern is GroupsByPattern for environments.
func (c *Comps) EnvironmentsByPattern(pattern string) []*Environment {
	var exact, glob []*Environment
	for _, e := range c.Environments {
		if e.ID == pattern || e.Name == pattern {
			exact = append(exact, e)
		} else if Match(pattern, e.ID) || Match(pattern, e.Name) {
			glob = append(glob, e)
		}
	}
	if len(exact) > 0 {
		glob = exact
	}
	sort.SliceStable(glob, func(i, j int) bool { return glob[i].DisplayOrder < glob[j].DisplayOrder })
	return glob
}
