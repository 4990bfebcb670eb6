package rpmlua

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"path"
	"runtime"
	"sort"
	"strings"
	"unicode"

	lua "github.com/yuin/gopher-lua"
)

// macros is the small part of rpm's macro processor a scriptlet needs (rpm.expand,
// rpm.define, the macros table): plain and conditional macros, %%, %{lua:...},
// %{expand:...}, %(shell) run chrooted, and a few built-ins. Definitions start from rpm's
// defaults for Amazon Linux 2023 and Fedora (the directory macros) and the root's own
// macro files, which is what rpm reads there.
type macros struct {
	st     *state
	defs   map[string][]string // name -> definition stack (rpm.define pushes, rpm.undefine pops)
	params map[string]bool     // parametric macros (defined with "(opts)"): not expanded here
	loaded bool
}

const (
	maxDepth  = 64
	maxExpand = 1 << 20
)

func newMacros(st *state) *macros {
	return &macros{st: st, defs: map[string][]string{}, params: map[string]bool{}}
}

func (m *macros) defaults() {
	arch := m.st.env.Arch
	if arch == "" {
		arch = map[string]string{"amd64": "x86_64", "arm64": "aarch64", "386": "i686", "ppc64le": "ppc64le", "s390x": "s390x"}[runtime.GOARCH]
	}
	lib := "lib64"
	switch arch {
	case "i686", "i386", "armv7hl", "noarch":
		lib = "lib"
	}
	for _, d := range [][2]string{
		{"_usr", "/usr"}, {"_var", "/var"}, {"_prefix", "%{_usr}"}, {"_exec_prefix", "%{_prefix}"},
		{"_bindir", "%{_exec_prefix}/bin"}, {"_sbindir", "%{_exec_prefix}/sbin"},
		{"_libexecdir", "%{_exec_prefix}/libexec"}, {"_datadir", "%{_prefix}/share"},
		{"_sysconfdir", "/etc"}, {"_sharedstatedir", "/var/lib"}, {"_localstatedir", "/var"},
		{"_lib", lib}, {"_libdir", "%{_prefix}/%{_lib}"}, {"_includedir", "%{_prefix}/include"},
		{"_infodir", "%{_datadir}/info"}, {"_mandir", "%{_datadir}/man"}, {"_docdir", "%{_datadir}/doc"},
		{"_defaultdocdir", "%{_datadir}/doc"}, {"_rundir", "/run"}, {"_tmppath", "%{_var}/tmp"},
		{"_dbpath", "%{_var}/lib/rpm"}, {"_rpmconfigdir", "%{_usr}/lib/rpm"}, {"_usrsrc", "%{_usr}/src"},
		{"_unitdir", "/usr/lib/systemd/system"}, {"_userunitdir", "/usr/lib/systemd/user"},
		{"_presetdir", "/usr/lib/systemd/system-preset"}, {"_tmpfilesdir", "/usr/lib/tmpfiles.d"},
		{"_sysusersdir", "/usr/lib/sysusers.d"}, {"_udevrulesdir", "/usr/lib/udev/rules.d"},
		{"_initddir", "%{_sysconfdir}/rc.d/init.d"}, {"_arch", arch}, {"_host_cpu", arch},
		{"_target_cpu", arch}, {"_build_cpu", arch}, {"_host_os", "linux"}, {"_target_os", "linux"},
		{"_build_os", "linux"}, {"_os", "linux"}, {"_target", arch + "-linux"},
	} {
		m.defs[d[0]] = []string{d[1]}
	}
}

// load reads the defaults, then the root's macro files, the first time a macro is used.
func (m *macros) load() {
	if m.loaded {
		return
	}
	m.loaded = true
	m.defaults()
	root := m.st.env.Root
	var files []string
	for _, pat := range []string{"usr/lib/rpm/macros", "usr/lib/rpm/macros.d/macros.*",
		"usr/lib/rpm/platform/" + m.expand("%{_target}", 0) + "/macros", "usr/lib/rpm/redhat/macros",
		"etc/rpm/macros.*", "etc/rpm/macros"} {
		dir, base := path.Split(pat)
		if !strings.ContainsRune(base, '*') {
			files = append(files, pat)
			continue
		}
		d, err := root.Open(path.Clean(dir))
		if err != nil {
			continue
		}
		names, _ := d.Readdirnames(-1)
		d.Close()
		sort.Strings(names)
		for _, n := range names {
			if ok, _ := path.Match(base, n); ok {
				files = append(files, dir+n)
			}
		}
	}
	for _, f := range files {
		if r, err := root.Open(f); err == nil {
			m.parseFile(r)
			r.Close()
		}
	}
}

// parseFile reads "%name body" definitions; a line continues on the next when it ends in a
// backslash or leaves a brace or parenthesis open, as rpm's macro file reader has it.
func (m *macros) parseFile(r io.Reader) {
	sc := bufio.NewScanner(io.LimitReader(r, 4<<20))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var cur strings.Builder
	depth := 0
	flush := func() {
		line := cur.String()
		cur.Reset()
		depth = 0
		if strings.HasPrefix(line, "%") {
			m.define(line[1:], false)
		}
	}
	for sc.Scan() {
		l := sc.Text()
		if cur.Len() == 0 && !strings.HasPrefix(l, "%") {
			continue
		}
		for i := 0; i < len(l); i++ {
			switch l[i] {
			case '\\':
				i++
			case '{', '(':
				depth++
			case '}', ')':
				depth--
			}
		}
		if strings.HasSuffix(l, "\\") {
			cur.WriteString(strings.TrimSuffix(l, "\\"))
			cur.WriteByte('\n')
			continue
		}
		cur.WriteString(l)
		if depth > 0 && cur.Len() < 1<<20 {
			cur.WriteByte('\n')
			continue
		}
		flush()
	}
	flush()
}

// define takes "name body" or "name(opts) body"; push adds to the stack as rpm.define does.
func (m *macros) define(s string, push bool) bool {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	i := 0
	for i < len(s) && (s[i] == '_' || unicode.IsLetter(rune(s[i])) || i > 0 && unicode.IsDigit(rune(s[i]))) {
		i++
	}
	if i < 3 || i < len(s) && s[i] != ' ' && s[i] != '\t' && s[i] != '(' && s[i] != '\n' {
		return false // rpm: "Macro %s has illegal name"
	}
	name, rest := s[:i], s[i:]
	param := strings.HasPrefix(rest, "(")
	if param {
		end := strings.IndexByte(rest, ')')
		if end < 0 {
			return false
		}
		rest = rest[end+1:]
	}
	body := strings.TrimSpace(rest)
	if push {
		m.defs[name] = append(m.defs[name], body)
	} else {
		m.defs[name] = []string{body}
	}
	m.params[name] = param
	return true
}

func (m *macros) undefine(name string) {
	if s := m.defs[name]; len(s) > 1 {
		m.defs[name] = s[:len(s)-1]
	} else {
		delete(m.defs, name)
	}
}

func (m *macros) lookup(name string) (string, bool) {
	s := m.defs[name]
	if len(s) == 0 {
		return "", false
	}
	return s[len(s)-1], true
}

func isNameByte(c byte, first bool) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || !first && c >= '0' && c <= '9'
}

// matching returns the index of the bracket closing the one at s[0].
func matching(s string, open, close byte) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// expand expands s; what it does not know is left as written, as rpm leaves an undefined
// macro.
func (m *macros) expand(s string, depth int) string {
	if depth > maxDepth {
		raise(m.st.L, "too many levels of recursion in macro expansion")
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if b.Len() > maxExpand {
			raise(m.st.L, "macro expansion too large")
		}
		c := s[i]
		if c != '%' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		rest := s[i+1:]
		switch {
		case rest[0] == '%':
			b.WriteByte('%')
			i++
		case rest[0] == '{':
			end := matching(rest, '{', '}')
			if end < 0 {
				b.WriteString(s[i:])
				return b.String()
			}
			b.WriteString(m.braced(rest[1:end], s[i:i+end+2], depth))
			i += end + 1
		case rest[0] == '(':
			end := matching(rest, '(', ')')
			if end < 0 {
				b.WriteString(s[i:])
				return b.String()
			}
			b.WriteString(m.shell(m.expand(rest[1:end], depth+1)))
			i += end + 1
		case isNameByte(rest[0], true):
			j := 1
			for j < len(rest) && isNameByte(rest[j], false) {
				j++
			}
			name := rest[:j]
			if body, ok := m.lookup(name); ok && !m.params[name] {
				b.WriteString(m.expand(body, depth+1))
			} else {
				b.WriteString(s[i : i+1+j])
			}
			i += j
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// braced expands the inside of %{...}; raw is the whole text, kept when nothing applies.
func (m *macros) braced(in, raw string, depth int) string {
	name, arg, hasArg := strings.Cut(in, ":")
	switch name {
	case "lua":
		return m.lua(arg)
	case "expand":
		return m.expand(m.expand(arg, depth+1), depth+1)
	case "basename":
		return path.Base(m.expand(arg, depth+1))
	case "dirname":
		return path.Dir(m.expand(arg, depth+1))
	case "upper":
		return strings.ToUpper(m.expand(arg, depth+1))
	case "lower":
		return strings.ToLower(m.expand(arg, depth+1))
	case "len":
		return fmt.Sprint(len(m.expand(arg, depth+1)))
	case "getenv":
		v, _ := m.st.getenv(m.expand(arg, depth+1))
		return v
	}
	neg, cond := false, false
	for len(name) > 0 && (name[0] == '!' || name[0] == '?') {
		if name[0] == '!' {
			neg = !neg
		} else {
			cond = true
		}
		name = name[1:]
	}
	body, def := m.lookup(name)
	if cond {
		switch {
		case hasArg && def != neg:
			return m.expand(arg, depth+1)
		case hasArg, def == neg:
			return ""
		default:
			return m.expand(body, depth+1)
		}
	}
	if !def || m.params[name] {
		return raw
	}
	return m.expand(body, depth+1)
}

// lua runs %{lua:...} in the scriptlet's own interpreter, as rpm shares one Lua state
// between macros and scriptlets, and returns what it printed.
func (m *macros) lua(code string) string {
	L := m.st.L
	fn, err := compile(L, Script{Kind: "lua macro", Body: code})
	if err != nil {
		raise(L, "%v", err)
	}
	var buf bytes.Buffer
	old := m.st.out
	m.st.out = &limitWriter{w: &buf, left: maxExpand}
	defer func() { m.st.out = old }()
	L.Push(fn)
	L.Call(0, 0)
	return strings.TrimSuffix(buf.String(), "\n")
}

// shell runs %(cmd) chrooted, as rpm runs it with /bin/sh -c, and returns its output.
func (m *macros) shell(cmd string) string {
	var buf bytes.Buffer
	old := m.st.out
	m.st.out = &limitWriter{w: &buf, left: maxExpand}
	defer func() { m.st.out = old }()
	if _, err := m.st.run([]string{"/bin/sh", "-c", cmd}, [3]bool{false, false, true}); err != nil {
		raise(m.st.L, "%%(%s): %v", cmd, err)
	}
	return strings.TrimRight(buf.String(), "\n")
}

type limitWriter struct {
	w    io.Writer
	left int
}

func (l *limitWriter) Write(p []byte) (int, error) {
	n := len(p)
	if len(p) > l.left {
		p = p[:l.left]
	}
	l.left -= len(p)
	l.w.Write(p)
	return n, nil
}

func (st *state) expandMacros(L *lua.LState, s string) string {
	st.macros.load()
	return st.macros.expand(s, 0)
}
