package recipe

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

func validGlob(p string) bool {
	_, err := compileGlob(p)
	return strings.HasPrefix(p, "/") && err == nil
}

var (
	globMu    sync.Mutex
	globCache map[string]*regexp.Regexp // made at the first pattern: no code at init
)

// compileGlob turns a pattern into a regular expression: "**" matches anything
// (a trailing "/**" also matches the directory itself), "*" and "?" stay within one
// path part, [classes] are kept.
func compileGlob(p string) (*regexp.Regexp, error) {
	globMu.Lock()
	defer globMu.Unlock()
	if re, ok := globCache[p]; ok {
		return re, nil
	}
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case strings.HasPrefix(p[i:], "/**") && i+3 == len(p):
			b.WriteString("(/.*)?")
			i += 2
		case strings.HasPrefix(p[i:], "**"):
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '[':
			j := strings.IndexByte(p[i:], ']')
			if j < 0 {
				return nil, fmt.Errorf("unclosed [ in %q", p)
			}
			b.WriteString(strings.Replace(p[i:i+j+1], "[!", "[^", 1))
			i += j
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, fmt.Errorf("pattern %q: %w", p, err)
	}
	if globCache == nil {
		globCache = map[string]*regexp.Regexp{}
	}
	globCache[p] = re
	return re, nil
}

// MatchGlob matches a path against a pattern where "*" matches within one path part
// and "**" matches any number of parts: "/usr/share/doc/**", "/usr/share/man/*/*.gz".
func MatchGlob(pattern, name string) bool {
	re, err := compileGlob(pattern)
	return err == nil && re.MatchString(name)
}
