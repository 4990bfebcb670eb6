package repo

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Vars are the substitution variables of .repo files: releasever, basearch, arch and the
// files of /etc/dnf/vars (and /etc/yum/vars).
type Vars map[string]string

// BaseArch maps an rpm arch to dnf's $basearch.
func BaseArch(arch string) string {
	switch arch {
	case "i386", "i486", "i586", "i686", "athlon":
		return "i386"
	case "x86_64", "amd64", "x86_64_v2", "x86_64_v3", "x86_64_v4":
		return "x86_64"
	case "aarch64", "arm64":
		return "aarch64"
	case "ppc64le":
		return "ppc64le"
	case "s390x":
		return "s390x"
	}
	return arch
}

// NewVars returns the built-in variables for arch and releasever.
func NewVars(arch, releasever string) Vars {
	return Vars{"arch": arch, "basearch": BaseArch(arch), "releasever": releasever}
}

// LoadVarDirs adds one variable per file of each directory (the file name is the variable,
// the first line its value), as dnf reads /etc/dnf/vars. Missing directories are fine.
func (v Vars) LoadVarDirs(dirs ...string) error {
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("reading variables in %s: %w", dir, err)
		}
		for _, e := range entries {
			if !e.Type().IsRegular() || !validVarName(e.Name()) {
				continue
			}
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				return fmt.Errorf("reading variable %s: %w", e.Name(), err)
			}
			line, _, _ := strings.Cut(string(b), "\n")
			v[e.Name()] = strings.TrimSpace(line)
		}
	}
	return nil
}

func validVarName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// Substitute replaces $name and ${name} with their values; unknown variables stay as
// written (dnf leaves them too).
func (v Vars) Substitute(s string) string {
	if !strings.Contains(s, "$") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '$' {
			b.WriteByte(s[i])
			i++
			continue
		}
		j := i + 1
		braced := j < len(s) && s[j] == '{'
		if braced {
			j++
		}
		k := j
		for k < len(s) && (s[k] == '_' || s[k] >= 'a' && s[k] <= 'z' || s[k] >= 'A' && s[k] <= 'Z' || s[k] >= '0' && s[k] <= '9') {
			k++
		}
		name := s[j:k]
		end := k
		if braced {
			if k >= len(s) || s[k] != '}' {
				b.WriteByte('$')
				i++
				continue
			}
			end = k + 1
		}
		if val, ok := v[name]; ok && name != "" {
			b.WriteString(val)
			i = end
			continue
		}
		b.WriteString(s[i:end])
		if end == i {
			i++
		} else {
			i = end
		}
	}
	return b.String()
}
