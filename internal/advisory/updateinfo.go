package advisory

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/repomd"
)

// LoadFS reads every *.yaml advisory of dir in fsys (dist/advisories). Each file must be
// named after its id (NIMBUS-2026-0001.yaml) and ids are unique. All problems of all
// files are reported at once. A missing directory is no advisories.
func LoadFS(fsys fs.FS, dir string) ([]*Advisory, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	var out []*Advisory
	var ps Problems
	seen := map[string]string{}
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		a, err := Parse(n, data)
		if err != nil {
			if p, ok := err.(Problems); ok {
				ps = append(ps, p...)
				continue
			}
			return nil, err
		}
		if want := a.ID + ".yaml"; path.Base(n) != want {
			ps = append(ps, fmt.Sprintf("%s: id: %s belongs in a file named %s", n, a.ID, want))
		}
		if prev, ok := seen[a.ID]; ok {
			ps = append(ps, fmt.Sprintf("%s: id: %s is also the id of %s", n, a.ID, prev))
		}
		seen[a.ID] = n
		out = append(out, a)
	}
	if len(ps) > 0 {
		return nil, ps
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// CheckRelease validates every advisory against a release's packages, all problems at once.
func CheckRelease(advs []*Advisory, rel Release) error {
	var ps Problems
	for _, a := range advs {
		for _, p := range a.Validate(rel) {
			ps = append(ps, a.ID+": "+p)
		}
	}
	if len(ps) > 0 {
		return ps
	}
	return nil
}

// RenderOptions shape updateinfo.xml.
type RenderOptions struct {
	// Arch selects the packages of one repository's architecture (noarch ones always
	// come along); "" takes every arch.
	Arch string
	// Filename returns a package's location in the repository (default NEVRA.rpm under
	// Packages/); ok false leaves the package out (it is not in this repository).
	Filename func(NEVRA) (string, bool)
	// Collection names the pkglist collection (default "nimbus").
	Collection string
	// From is the update's from attribute (default security@nimbus-linux.org).
	From string
}

// Updates converts advisories to updateinfo records. Advisories with no package in the
// repository are left out.
func Updates(advs []*Advisory, o RenderOptions) []repomd.Update {
	if o.Collection == "" {
		o.Collection = "nimbus"
	}
	if o.From == "" {
		o.From = "security@nimbus-linux.org"
	}
	var out []repomd.Update
	for _, a := range advs {
		u := repomd.Update{From: o.From, Status: "final", Type: a.Type, Version: "2.0", ID: a.ID, Title: a.Title,
			Description: a.Description, RebootSuggested: a.RebootSuggested}
		if s := NormalizeSeverity(a.Severity); s != "" {
			u.Severity = s
		}
		u.Issued.Date = xmlDate(a.Issued)
		u.Updated.Date = xmlDate(a.Updated)
		if u.Updated.Date == "" {
			u.Updated.Date = u.Issued.Date
		}
		for _, r := range a.References {
			switch {
			case r.CVE != "":
				href := r.URL
				if href == "" {
					href = "https://www.cve.org/CVERecord?id=" + r.CVE
				}
				title := r.Title
				if title == "" {
					title = r.CVE
				}
				u.References = append(u.References, repomd.Reference{Href: href, ID: r.CVE, Type: "cve", Title: title})
			case r.Bug != "":
				u.References = append(u.References, repomd.Reference{Href: r.URL, ID: r.Bug, Type: "bugzilla", Title: r.Title})
			default:
				u.References = append(u.References, repomd.Reference{Href: r.URL, Type: "self", Title: r.Title})
			}
		}
		var pkgs []repomd.UpdatePackage
		for _, arch := range sortedKeys(a.Packages) {
			if o.Arch != "" && arch != o.Arch && arch != "noarch" {
				continue
			}
			for _, s := range a.Packages[arch] {
				n, err := ParseNEVRA(s)
				if err != nil {
					continue // Validate reports it
				}
				file := "Packages/" + n.Name + "-" + n.Version + "-" + n.Release + "." + n.Arch + ".rpm"
				if o.Filename != nil {
					f, ok := o.Filename(n)
					if !ok {
						continue
					}
					file = f
				}
				e := n.Epoch
				if e == "" {
					e = "0"
				}
				p := repomd.UpdatePackage{Name: n.Name, Epoch: e, Version: n.Version, Release: n.Release, Arch: n.Arch, Filename: file}
				if a.RebootSuggested {
					p.RebootSuggested = true
				}
				if a.RestartSuggested {
					p.RestartSuggested = true
				}
				pkgs = append(pkgs, p)
			}
		}
		if len(pkgs) == 0 {
			continue
		}
		sort.SliceStable(pkgs, func(i, j int) bool { return pkgs[i].Filename < pkgs[j].Filename })
		u.Collections = []repomd.Collection{{Short: o.Collection, Name: o.Collection, Packages: dedupe(pkgs)}}
		out = append(out, u)
	}
	return out
}

// Render writes updateinfo.xml for the advisories (see Updates), as modifyrepo_c and
// Amazon Linux's ALAS feed shape it; dnf 4.14 reads it.
func Render(advs []*Advisory, o RenderOptions) ([]byte, error) {
	var b bytes.Buffer
	if err := repomd.WriteUpdateinfo(&b, Updates(advs, o)); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func dedupe(ps []repomd.UpdatePackage) []repomd.UpdatePackage {
	out := ps[:0]
	for i, p := range ps {
		if i > 0 && p.Filename == ps[i-1].Filename && p.Name == ps[i-1].Name {
			continue
		}
		out = append(out, p)
	}
	return out
}

// xmlDate writes a validated advisory date as "YYYY-MM-DD hh:mm:ss", the form libdnf parses.
func xmlDate(s string) string {
	if s == "" {
		return ""
	}
	t, err := ParseDate(s)
	if err != nil {
		return s
	}
	return t.Format("2006-01-02 15:04:05")
}

// UpdateCVEs lists the CVE ids an updateinfo record references.
func UpdateCVEs(u *repomd.Update) []string {
	var out []string
	for _, r := range u.References {
		if strings.EqualFold(r.Type, "cve") && r.ID != "" {
			out = append(out, r.ID)
		}
	}
	return out
}
