package testcase

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/solver"
)

// ReadTestTags adds the packages of a testtags (susetags-like) document to
// repo: "=Pkg: name version release arch" starts a package, "=Req:",
// "=Prv:", "=Con:", "=Obs:", "=Rec:", "=Sug:", "=Sup:", "=Enh:", "=Prq:"
// add dependencies, "=Vnd:" the vendor, "=Tim:" the build time, "=Fls:"
// files; "+Tag:" ... "-Tag:" blocks list several values.
func ReadTestTags(r io.Reader, repo *solver.Repo) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("reading testtags: %w", err)
	}
	return ReadTestTagsLines(strings.Split(string(data), "\n"), repo)
}

// ReadTestTagsLines is ReadTestTags on lines already in memory. The
// names and versions of the packages point into the lines, which are not
// copied.
func ReadTestTagsLines(lines []string, repo *solver.Repo) error {
	var cur *solver.Solvable
	flush := func() {
		if cur != nil {
			repo.Add(cur)
			cur = nil
		}
	}
	block := ""
	for n, line := range lines {
		lineNo := n + 1
		line = strings.TrimRight(line, "\r")
		if block != "" {
			if strings.HasPrefix(line, "-"+block+":") {
				block = ""
				continue
			}
			if cur != nil {
				if err := addTag(cur, block, strings.TrimSpace(line)); err != nil {
					return fmt.Errorf("testtags line %d: %w", lineNo, err)
				}
			}
			continue
		}
		if len(line) < 5 || line[4] != ':' {
			continue
		}
		tag, val := line[1:4], strings.TrimSpace(line[5:])
		switch line[0] {
		case '+':
			block = tag
			continue
		case '=':
		default:
			continue
		}
		if tag == "Pkg" {
			flush()
			f := strings.Fields(val)
			if len(f) < 3 {
				return fmt.Errorf("testtags line %d: =Pkg: needs name, version and release", lineNo)
			}
			cur = &solver.Solvable{Name: f[0], EVR: f[1] + "-" + f[2]}
			if f[2] == "" || f[2] == "-" {
				cur.EVR = f[1]
			}
			if len(f) > 3 {
				cur.Arch = f[3]
			}
			continue
		}
		if cur == nil {
			continue
		}
		if err := addTag(cur, tag, val); err != nil {
			return fmt.Errorf("testtags line %d: %w", lineNo, err)
		}
	}
	flush()
	return nil
}

func addTag(s *solver.Solvable, tag, val string) error {
	var list *[]solver.Dep
	switch tag {
	case "Req":
		list = &s.Requires
	case "Prq":
		list = &s.PreRequires
	case "Prv":
		list = &s.Provides
	case "Con":
		list = &s.Conflicts
	case "Obs":
		list = &s.Obsoletes
	case "Rec":
		list = &s.Recommends
	case "Sug":
		list = &s.Suggests
	case "Sup":
		list = &s.Supplements
	case "Enh":
		list = &s.Enhances
	case "Vnd":
		s.Vendor = val
		return nil
	case "Tim":
		t, err := strconv.ParseInt(val, 10, 64)
		if err != nil {
			return fmt.Errorf("build time of %s: %w", s.Name, err)
		}
		s.BuildTime = t
		return nil
	case "Fls":
		s.Files = append(s.Files, strings.Fields(val)...)
		return nil
	default:
		return nil
	}
	if val == "" {
		return nil
	}
	d, err := ParseDep(val)
	if err != nil {
		return fmt.Errorf("%s of %s: %w", tag, s.Name, err)
	}
	*list = append(*list, d)
	return nil
}
