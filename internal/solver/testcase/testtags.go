package testcase

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unsafe"

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
	text := ""
	if len(data) > 0 {
		text = unsafe.String(&data[0], len(data)) // data is not written again
	}
	// the pool copies the strings it keeps, so that the whole text (15 MB for
	// Debian's universe) is garbage once read instead of staying live under them
	p := repo.Pool()
	own := p.OwnStrings
	p.OwnStrings = true
	defer func() { p.OwnStrings = own }()
	b := &inlineBlock{text: text}
	return readTestTags(func() (string, bool) {
		if text == "" {
			return "", false
		}
		l := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			l, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		return l, true
	}, b.count(), repo)
}

// ReadTestTagsLines is ReadTestTags on lines already in memory. The
// names and versions of the packages point into the lines, which are not
// copied.
func ReadTestTagsLines(lines []string, repo *solver.Repo) error {
	i := 0
	return readTestTags(func() (string, bool) {
		if i >= len(lines) {
			return "", false
		}
		i++
		return lines[i-1], true
	}, len(lines), repo)
}

// readTestTags reads testtags lines from next; n (the number of lines)
// sizes the pool.
func readTestTags(next func() (string, bool), n int, repo *solver.Repo) error {
	// a package is a "=Pkg:" line and most of the others one dependency
	repo.Reserve(n/8, n)
	// One Solvable and one set of list buffers serve every package:
	// Repo.Add interns the lists and keeps neither, so a fresh Solvable
	// per package and lists grown from nil would only make garbage (for
	// the Debian universe, 56 MB of it).
	var cur *solver.Solvable
	var work solver.Solvable
	var scratch [9][]solver.Dep
	var files []string
	var cut listCut
	// rich dependencies by their text, parsed once and their tree shared by
	// every package that lists the same text (Debian's "a | b" alternatives:
	// 9,729 uses of 2,651 texts, 2.7 MB of trees parsed one per use)
	rich := richCache{}
	flush := func() {
		if cur == nil {
			return
		}
		for k, l := range depLists(cur) {
			scratch[k] = (*l)[:0]
		}
		files = cur.Files[:0]
		repo.Add(cur)
		cur = nil
	}
	start := func() *solver.Solvable {
		work = solver.Solvable{}
		for k, l := range depLists(&work) {
			*l = scratch[k]
		}
		work.Files = files
		cut = listCut{}
		return &work
	}
	block := ""
	// "=Ver: 3.0" files (testcase_write_testtags) list every provide,
	// the self-provide included, and testsolv adds none; older or
	// unversioned ones get it, as do "=Ver: 3.0 addselfprovides" ones
	addSelf := true
	for lineNo := 1; ; lineNo++ {
		line, ok := next()
		if !ok {
			break
		}
		line = strings.TrimRight(line, "\r")
		if block != "" {
			if strings.HasPrefix(line, "-"+block+":") {
				block = ""
				continue
			}
			if cur != nil {
				if err := addTag(cur, &cut, rich, block, strings.TrimSpace(line)); err != nil {
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
		if tag == "Ver" {
			n := 0
			for n < len(val) && val[n] >= '0' && val[n] <= '9' {
				n++
			}
			v, _ := strconv.Atoi(val[:n])
			addSelf = v < 3 || strings.Contains(val, "addselfprovides")
			continue
		}
		if tag == "Pkg" {
			// "=Pkg: name version release arch", exactly four words
			// (testsolv ignores any other =Pkg: line); release "-" is
			// none, arch "-" none, and an epoch "0:" is dropped
			f := strings.Fields(val)
			if len(f) != 4 {
				continue
			}
			flush()
			cur = start()
			cur.NoSelfProvide = !addSelf
			v := f[1]
			if strings.HasPrefix(v, "0:") && len(v) > 2 {
				v = v[2:]
			}
			cur.Name, cur.EVR = f[0], v+"-"+f[2]
			if f[2] == "-" {
				cur.EVR = v
			}
			if f[3] != "-" {
				cur.Arch = f[3]
			}
			continue
		}
		if cur == nil {
			continue
		}
		if err := addTag(cur, &cut, rich, tag, val); err != nil {
			return fmt.Errorf("testtags line %d: %w", lineNo, err)
		}
	}
	flush()
	return nil
}

// listCut marks, per dependency list of the package being read (in
// depLists order), that a dependency testsolv cannot parse ended it.
type listCut [9]bool

// richCache holds the rich dependencies read so far by their text (a copy:
// the text may be a mapping whose pages are given back as it is read).
// The pool keeps the trees it is given and never changes them but for
// pointing their atoms at its own copies of the same strings, so one tree
// can serve every use of the same text.
type richCache map[string]solver.Dep

func addTag(s *solver.Solvable, cut *listCut, rich richCache, tag, val string) error {
	var list *[]solver.Dep
	k := -1
	switch tag {
	case "Req":
		list, k = &s.Requires, 1
	case "Prq":
		list, k = &s.PreRequires, 2
	case "Prv":
		list, k = &s.Provides, 0
	case "Con":
		list, k = &s.Conflicts, 3
	case "Obs":
		list, k = &s.Obsoletes, 4
	case "Rec":
		list, k = &s.Recommends, 5
	case "Sug":
		list, k = &s.Suggests, 6
	case "Sup":
		list, k = &s.Supplements, 7
	case "Enh":
		list, k = &s.Enhances, 8
	case "Vnd":
		s.Vendor = val
		return nil
	case "Tim":
		// atoi, as testsolv: digits up to the first other byte, 0 for none
		n := 0
		for n < len(val) && val[n] >= '0' && val[n] <= '9' {
			n++
		}
		if t, err := strconv.ParseUint(val[:n], 10, 32); err == nil {
			s.BuildTime = int64(t)
		}
		return nil
	case "Fls":
		// one path per line, spaces included
		if strings.Contains(val, "/") {
			s.Files = append(s.Files, val)
		}
		return nil
	default:
		return nil
	}
	if val == "" || cut[k] {
		return nil
	}
	if val[0] == '/' {
		// a file dependency is the whole line, as testsolv reads it
		*list = append(*list, solver.Dep{Name: val})
		return nil
	}
	d, ok := parsePlain(val)
	if !ok {
		d, ok = rich[val]
	}
	var err error
	if !ok {
		if d, err = parseDepFull(val); err == nil && d.Rich != nil && rich != nil {
			rich[strings.Clone(val)] = d
		}
	}
	if err != nil {
		// testsolv's parser gives such a dependency id 0, which its
		// reader stores like any other: the 0 ends the package's list
		// there, so the dependency and every later one of the list are
		// left out, not the file. Requires and pre-requires are one list
		// in libsolv (pre-requires after a marker): a bad requirement
		// ends the pre-requires too.
		cut[k] = true
		if k == 1 {
			s.PreRequires = s.PreRequires[:0]
			cut[2] = true
		}
		return nil
	}
	*list = append(*list, d)
	return nil
}

// depLists are the dependency lists of s in a fixed order.
func depLists(s *solver.Solvable) [9]*[]solver.Dep {
	return [9]*[]solver.Dep{&s.Provides, &s.Requires, &s.PreRequires, &s.Conflicts, &s.Obsoletes,
		&s.Recommends, &s.Suggests, &s.Supplements, &s.Enhances}
}
