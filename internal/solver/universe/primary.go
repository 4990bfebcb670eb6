package universe

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// LoadPrimary streams an rpm-md primary.xml (uncompressed) into repo. It
// reads names, versions, arches, vendors, the dependency lists and the
// files primary.xml carries. It is a benchmark input: the package manager
// reads repository metadata through the repomd package.
func LoadPrimary(r io.Reader, repo *solver.Repo) (int, error) {
	dec := xml.NewDecoder(r)
	var cur *solver.Solvable
	var list *[]solver.Dep
	var text []byte
	n := 0
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return n, fmt.Errorf("primary.xml after %d packages: %w", n, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			text = text[:0]
			switch t.Name.Local {
			case "package":
				cur = &solver.Solvable{}
			case "version":
				if cur != nil {
					var e, v, rel string
					for _, a := range t.Attr {
						switch a.Name.Local {
						case "epoch":
							e = a.Value
						case "ver":
							v = a.Value
						case "rel":
							rel = a.Value
						}
					}
					cur.EVR = joinEVR(e, v, rel)
				}
			case "provides", "requires", "conflicts", "obsoletes", "recommends", "suggests", "supplements", "enhances":
				if cur != nil && t.Name.Space == "rpm" {
					list = depList(cur, t.Name.Local)
				}
			case "time":
				if cur != nil {
					for _, a := range t.Attr {
						if a.Name.Local == "build" {
							cur.BuildTime, _ = strconv.ParseInt(a.Value, 10, 64)
						}
					}
				}
			case "entry":
				if cur != nil && list != nil {
					d, err := entryDep(t.Attr)
					if err != nil {
						return n, fmt.Errorf("package %s: %w", cur.Name, err)
					}
					if d.Rich != nil || (d.Name != "" && !(len(d.Name) > 7 && d.Name[:7] == "rpmlib(")) {
						*list = append(*list, d)
					}
				}
			}
		case xml.CharData:
			text = append(text, t...)
		case xml.EndElement:
			if cur == nil {
				continue
			}
			switch t.Name.Local {
			case "name":
				if t.Name.Space == "" {
					cur.Name = string(text)
				}
			case "arch":
				cur.Arch = string(text)
			case "vendor":
				cur.Vendor = string(text)
			case "file":
				cur.Files = append(cur.Files, string(text))
			case "provides", "requires", "conflicts", "obsoletes", "recommends", "suggests", "supplements", "enhances":
				list = nil
			case "package":
				if cur.Arch != "src" && cur.Name != "" {
					repo.Add(cur)
					n++
				}
				cur = nil
			}
		}
	}
	return n, nil
}

func joinEVR(e, v, r string) string {
	s := v
	if e != "" && e != "0" {
		s = e + ":" + s
	}
	if r != "" {
		s += "-" + r
	}
	return s
}

func depList(s *solver.Solvable, tag string) *[]solver.Dep {
	switch tag {
	case "provides":
		return &s.Provides
	case "requires":
		return &s.Requires
	case "conflicts":
		return &s.Conflicts
	case "obsoletes":
		return &s.Obsoletes
	case "recommends":
		return &s.Recommends
	case "suggests":
		return &s.Suggests
	case "supplements":
		return &s.Supplements
	}
	return &s.Enhances
}

func entryDep(attrs []xml.Attr) (solver.Dep, error) {
	var name, flags, e, v, r string
	for _, a := range attrs {
		switch a.Name.Local {
		case "name":
			name = a.Value
		case "flags":
			flags = a.Value
		case "epoch":
			e = a.Value
		case "ver":
			v = a.Value
		case "rel":
			r = a.Value
		}
	}
	d := dep.Dep{Name: name}
	switch flags {
	case "EQ":
		d.Flags = dep.Equal
	case "LT":
		d.Flags = dep.Less
	case "GT":
		d.Flags = dep.Greater
	case "LE":
		d.Flags = dep.Less | dep.Equal
	case "GE":
		d.Flags = dep.Greater | dep.Equal
	}
	if flags != "" {
		d.Version = joinEVR(e, v, r)
	}
	return solver.FromRPM(d)
}
