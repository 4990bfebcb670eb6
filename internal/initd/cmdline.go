package initd

import "strings"

// Cmdline is the kernel command line, split into words; "key=value" words are also
// available by key (the last occurrence wins), bare words map to "".
type Cmdline struct {
	Raw    string
	Params map[string]string
}

// ParseCmdline splits a kernel command line. Double quotes group words with spaces
// (as the kernel's own parser does: key="a b").
func ParseCmdline(s string) Cmdline {
	c := Cmdline{Raw: strings.TrimSpace(s), Params: map[string]string{}}
	var words []string
	var cur strings.Builder
	inQ := false
	for _, r := range s {
		switch {
		case r == '"':
			inQ = !inQ
		case (r == ' ' || r == '\n' || r == '\t') && !inQ:
			if cur.Len() > 0 {
				words = append(words, cur.String())
				cur.Reset()
			}
		default:
			cur.WriteRune(r)
		}
	}
	if cur.Len() > 0 {
		words = append(words, cur.String())
	}
	for _, w := range words {
		k, v, _ := strings.Cut(w, "=")
		c.Params[k] = v
	}
	return c
}

// Has reports whether key was given (with or without a value).
func (c Cmdline) Has(key string) bool { _, ok := c.Params[key]; return ok }

// Get returns key's value or def.
func (c Cmdline) Get(key, def string) string {
	if v, ok := c.Params[key]; ok && v != "" {
		return v
	}
	return def
}
