package universe

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/solver"
)

// DebianStats counts what LoadDebian read.
type DebianStats struct {
	Packages, Skipped int
}

// LoadDebian adds the packages of a Debian Packages index to repo. The
// mapping follows the issue: "a | b" alternatives become a rich
// (a or b), Pre-Depends become pre-requires, Breaks and Conflicts become
// conflicts, Replaces together with Breaks or Conflicts on the same
// package become obsoletes (a takeover), and ":any" qualifiers are
// dropped. Versions are compared with rpm's rules, which agree with dpkg's
// for ordinary versions ('~' sorts first in both).
func LoadDebian(r io.Reader, repo *solver.Repo) (DebianStats, error) {
	var st DebianStats
	br := bufio.NewReaderSize(r, 1<<20)
	fields := map[string]string{}
	var last string
	flush := func() error {
		if len(fields) == 0 {
			return nil
		}
		defer clear(fields)
		s, err := debSolvable(fields)
		if err != nil {
			return err
		}
		if s == nil {
			st.Skipped++
			return nil
		}
		repo.Add(s)
		st.Packages++
		return nil
	}
	lineNo := 0
	for {
		line, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			// an over-long line (long descriptions): keep reading it
			rest := append([]byte(nil), line...)
			for err == bufio.ErrBufferFull {
				line, err = br.ReadSlice('\n')
				rest = append(rest, line...)
			}
			line = rest
		}
		if len(line) == 0 && err != nil {
			if err == io.EOF {
				break
			}
			return st, fmt.Errorf("reading Debian Packages line %d: %w", lineNo, err)
		}
		lineNo++
		line = bytes.TrimRight(line, "\r\n")
		switch {
		case len(line) == 0:
			if e := flush(); e != nil {
				return st, fmt.Errorf("debian Packages stanza ending at line %d: %w", lineNo, e)
			}
		case line[0] == ' ' || line[0] == '\t':
			if last != "" && wanted(last) {
				fields[last] += " " + string(bytes.TrimSpace(line))
			}
		default:
			k, v, ok := bytes.Cut(line, []byte(":"))
			if !ok {
				return st, fmt.Errorf("debian Packages line %d: no ':' in %q", lineNo, line)
			}
			last = string(k)
			if wanted(last) {
				fields[last] = string(bytes.TrimSpace(v))
			}
		}
		if err == io.EOF {
			break
		}
	}
	if err := flush(); err != nil {
		return st, err
	}
	return st, nil
}

func wanted(k string) bool {
	switch k {
	case "Package", "Version", "Architecture", "Provides", "Depends", "Pre-Depends", "Recommends",
		"Suggests", "Conflicts", "Breaks", "Replaces", "Enhances":
		return true
	}
	return false
}

func debSolvable(f map[string]string) (*solver.Solvable, error) {
	name, ver, arch := f["Package"], f["Version"], f["Architecture"]
	if name == "" || ver == "" {
		return nil, nil
	}
	if arch == "" {
		arch = "all"
	}
	s := &solver.Solvable{Name: name, EVR: ver, Arch: arch}
	var err error
	list := func(key string, orAllowed bool) []solver.Dep {
		if err != nil || f[key] == "" {
			return nil
		}
		var out []solver.Dep
		for _, item := range strings.Split(f[key], ",") {
			item = strings.TrimSpace(item)
			if item == "" {
				continue
			}
			alts := strings.Split(item, "|")
			if !orAllowed {
				alts = alts[:1]
			}
			var atoms []*solver.Rich
			for _, a := range alts {
				d, e := debAtom(a)
				if e != nil {
					err = fmt.Errorf("package %s %s: %s %q: %w", name, ver, key, item, e)
					return nil
				}
				atoms = append(atoms, &solver.Rich{Op: solver.RichAtom, Atom: d})
			}
			if len(atoms) == 1 {
				out = append(out, atoms[0].Atom)
			} else {
				out = append(out, solver.Dep{Rich: &solver.Rich{Op: solver.RichOr, Args: atoms}})
			}
		}
		return out
	}
	s.Provides = list("Provides", false)
	s.Requires = list("Depends", true)
	s.PreRequires = list("Pre-Depends", true)
	s.Recommends = list("Recommends", true)
	s.Suggests = list("Suggests", true)
	s.Enhances = list("Enhances", false)
	s.Conflicts = append(list("Conflicts", false), list("Breaks", false)...)
	replaces := list("Replaces", false)
	if err != nil {
		return nil, err
	}
	for _, r := range replaces {
		for _, c := range s.Conflicts {
			if c.Name == r.Name && r.Name != name {
				s.Obsoletes = append(s.Obsoletes, r)
				break
			}
		}
	}
	return s, nil
}

// debAtom parses "name[:any] [(op version)]" with dpkg's operators.
func debAtom(a string) (solver.Dep, error) {
	a = strings.TrimSpace(a)
	name, rest, _ := strings.Cut(a, "(")
	name = strings.TrimSpace(name)
	if i := strings.IndexByte(name, ' '); i >= 0 {
		name = name[:i] // drop architecture restrictions like "[amd64]"
	}
	if i := strings.IndexByte(name, ':'); i >= 0 {
		name = name[:i]
	}
	if name == "" {
		return solver.Dep{}, fmt.Errorf("empty package name")
	}
	d := solver.Dep{Name: name}
	rest = strings.TrimSpace(rest)
	if rest == "" {
		return d, nil
	}
	body, _, ok := strings.Cut(rest, ")")
	if !ok {
		return solver.Dep{}, fmt.Errorf("missing ')'")
	}
	body = strings.TrimSpace(body)
	ops := []struct {
		tok string
		op  uint8
	}{{">=", 12}, {"<=", 10}, {">>", 4}, {"<<", 2}, {"=", 8}, {">", 12}, {"<", 10}}
	for _, o := range ops {
		if strings.HasPrefix(body, o.tok) {
			d.Op = evrOp(o.op)
			d.EVR = strings.TrimSpace(body[len(o.tok):])
			if d.EVR == "" {
				return solver.Dep{}, fmt.Errorf("missing version after %s", o.tok)
			}
			return d, nil
		}
	}
	return solver.Dep{}, fmt.Errorf("unknown relation %q", body)
}
