package distbuild

import (
	"regexp"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/lazy"
)

// The maintainer scripts' update-alternatives calls often name their paths through shell
// variables (openjdk's `update-alternatives --install /usr/bin/$i $i $basedir/bin/$i
// $priority` inside `for i in $jre_tools`). expandShell resolves the simple cases
// statically: plain assignments of literal values (quoted or not, referring to earlier
// ones) and `for V in WORDS; do ... done` loops, unrolled. Anything computed at run
// time (command substitution, arithmetic, positional parameters) stays unexpanded, so a
// call using it still contains `$` and is skipped by the caller.
var (
	shAssignRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
		return regexp.MustCompile(`(?m)^[ \t]*([A-Za-z_][A-Za-z0-9_]*)=('[^'\n]*'|"[^"\n$` + "`" + `]*(?:\$\{?[A-Za-z_][A-Za-z0-9_]*\}?[^"\n$` + "`" + `]*)*"|[^\s;'"` + "`" + `|&()<>]*)[ \t]*(?:;|$)`)
	}}
	shForRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
		return regexp.MustCompile(`(?s)\bfor[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]+in[ \t]+([^;\n]*)(?:;|\n)\s*do\b(.*?)\bdone\b`)
	}}
	shVarRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
		return regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)`)
	}}
)

// expandShell returns script with its statically known variables substituted and its
// simple for loops unrolled (at most maxUnroll words each, nested at most three deep,
// and no unrolling past maxExpanded bytes, to bound the work on hostile input).
func expandShell(script string) string {
	vars := map[string]string{}
	conflict := map[string]bool{}
	for _, m := range shAssignRE.Get().FindAllStringSubmatch(script, -1) {
		v := unquoteShell(m[2])
		v = substVars(v, vars)
		if strings.ContainsAny(v, "$`") || len(v) > maxValue {
			conflict[m[1]] = true
			continue
		}
		if old, ok := vars[m[1]]; ok && old != v {
			conflict[m[1]] = true
		}
		vars[m[1]] = v
	}
	for k := range conflict {
		delete(vars, k) // assigned differently on different paths: not static
	}
	for depth := 0; depth < 3; depth++ {
		changed := false
		prev := script
		script = shForRE.Get().ReplaceAllStringFunc(script, func(loop string) string {
			m := shForRE.Get().FindStringSubmatch(loop)
			words := strings.Fields(substVars(m[2], vars))
			if len(words) > maxUnroll {
				return loop
			}
			for _, w := range words {
				if strings.ContainsAny(w, "$`*?[") {
					return loop // not known here, or a glob
				}
			}
			changed = true
			var b strings.Builder
			for _, w := range words {
				b.WriteString(substVars(m[3], map[string]string{m[1]: w}))
				b.WriteString("\n")
			}
			return b.String()
		})
		if len(script) > maxExpanded {
			script = prev
			break
		}
		if !changed {
			break
		}
	}
	return substVars(script, vars)
}

const (
	maxUnroll   = 256
	maxExpanded = 1 << 20
	maxValue    = 4096
)

// substVars replaces $NAME and ${NAME} for the names in vars; others stay as written.
// A result longer than maxExpanded is not built: s comes back unchanged.
func substVars(s string, vars map[string]string) string {
	var b strings.Builder
	last := 0
	for _, m := range shVarRE.Get().FindAllStringSubmatchIndex(s, -1) {
		var name string
		if m[2] >= 0 {
			name = s[m[2]:m[3]] // ${NAME}
		} else {
			name = s[m[4]:m[5]] // $NAME
		}
		v, ok := vars[name]
		if !ok {
			continue
		}
		b.WriteString(s[last:m[0]])
		b.WriteString(v)
		last = m[1]
		if b.Len() > maxExpanded {
			return s
		}
	}
	b.WriteString(s[last:])
	return b.String()
}

// unquoteShell strips one level of single or double quotes from an assigned value.
func unquoteShell(v string) string {
	if len(v) >= 2 && (v[0] == '\'' || v[0] == '"') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}
