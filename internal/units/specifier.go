package units

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// Host is what the host-dependent specifiers expand to (%H %l %q %m %b %v %a and the
// os-release ones). The zero value expands them to empty strings; ReadHost fills it from
// a root file system.
type Host struct {
	Hostname, PrettyHostname string
	MachineID, BootID        string
	KernelRelease            string
	Arch                     string // systemd's name: x86-64, arm64
	OSRelease                map[string]string
}

// ReadHost reads the host's identity from a root file system: /etc/hostname (else
// /proc/sys/kernel/hostname), /etc/machine-info, /etc/machine-id, /proc's boot id and
// kernel release, /etc/os-release (else /usr/lib/os-release). Missing files leave fields
// empty.
func ReadHost(fsys fs.FS, goarch string) *Host {
	read := func(names ...string) string {
		for _, n := range names {
			if b, err := fs.ReadFile(fsys, n); err == nil {
				if s := strings.TrimSpace(string(b)); s != "" {
					return s
				}
			}
		}
		return ""
	}
	h := &Host{
		Hostname:      read("etc/hostname", "proc/sys/kernel/hostname"),
		MachineID:     read("etc/machine-id"),
		BootID:        strings.ReplaceAll(read("proc/sys/kernel/random/boot_id"), "-", ""),
		KernelRelease: read("proc/sys/kernel/osrelease"),
		Arch:          map[string]string{"amd64": "x86-64", "arm64": "arm64", "386": "x86", "riscv64": "riscv64", "ppc64le": "ppc64-le", "s390x": "s390x"}[goarch],
		OSRelease:     ParseEnvMap(read("etc/os-release", "usr/lib/os-release")),
	}
	h.PrettyHostname = ParseEnvMap(read("etc/machine-info"))["PRETTY_HOSTNAME"]
	return h
}

// ParseEnvMap reads KEY=VALUE lines (os-release, machine-info) into a map.
func ParseEnvMap(s string) map[string]string {
	m := map[string]string{}
	for _, kv := range ParseEnvFile(s) {
		k, v, _ := strings.Cut(kv, "=")
		m[k] = v
	}
	return m
}

// SpecifierError is a % specifier systemd does not define; systemd ignores the whole
// assignment then, and so does Build (with a warning).
type SpecifierError struct {
	Spec byte
}

func (e *SpecifierError) Error() string { return fmt.Sprintf("unknown specifier %%%c", e.Spec) }

// ExpandSpecifiers replaces the specifiers of systemd.unit(5) for the system manager in s:
// unit name parts (%n %N %p %P %i %I %j %J %f), the fragment (%y %Y), the manager's
// directories (%t /run, %S /var/lib, %C /var/cache, %L /var/log, %E /etc, %T /tmp,
// %V /var/tmp, %D /usr/share, %d the unit's credentials directory), the manager's user
// (%u %U %g %G %h %s: root), the host (%H %l %q %m %b %v %a) and os-release
// (%o %w %B %W %M %A), and %% for a percent sign. An unknown specifier is an error, as in
// systemd; a lone "%" at the end stays as written.
func ExpandSpecifiers(s, unit, fragment string, h *Host) (string, error) {
	if !strings.Contains(s, "%") {
		return s, nil
	}
	if h == nil {
		h = &Host{}
	}
	prefix, inst := unitPrefixInstance(unit)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '%' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		var v string
		switch s[i] {
		case 'n':
			v = unit
		case 'N':
			v = strings.TrimSuffix(unit, unitSuffix(unit))
		case 'p':
			v = prefix
		case 'P':
			v = UnescapeUnitName(prefix)
		case 'i':
			v = inst
		case 'I':
			v = UnescapeUnitName(inst)
		case 'j':
			v = lastComponent(prefix)
		case 'J':
			v = UnescapeUnitName(lastComponent(prefix))
		case 'f':
			if inst != "" {
				v = UnescapeUnitPath(inst)
			} else {
				v = UnescapeUnitPath(prefix)
			}
		case 'y':
			v = fragment
		case 'Y':
			if fragment != "" {
				v = path.Dir(fragment)
			}
		case 't':
			v = "/run"
		case 'S':
			v = "/var/lib"
		case 'C':
			v = "/var/cache"
		case 'L':
			v = "/var/log"
		case 'E':
			v = "/etc"
		case 'T':
			v = "/tmp"
		case 'V':
			v = "/var/tmp"
		case 'D':
			v = "/usr/share"
		case 'd':
			v = "/run/credentials/" + unit
		case 'u', 'g':
			v = "root"
		case 'U', 'G':
			v = "0"
		case 'h':
			v = "/root"
		case 's':
			v = "/bin/sh"
		case 'H':
			v = h.Hostname
		case 'l':
			v, _, _ = strings.Cut(h.Hostname, ".")
		case 'q':
			v = h.PrettyHostname
			if v == "" {
				v = h.Hostname
			}
		case 'm':
			v = h.MachineID
		case 'b':
			v = h.BootID
		case 'v':
			v = h.KernelRelease
		case 'a':
			v = h.Arch
		case 'o':
			v = h.OSRelease["ID"]
		case 'w':
			v = h.OSRelease["VERSION_ID"]
		case 'B':
			v = h.OSRelease["BUILD_ID"]
		case 'W':
			v = h.OSRelease["VARIANT_ID"]
		case 'M':
			v = h.OSRelease["IMAGE_ID"]
		case 'A':
			v = h.OSRelease["IMAGE_VERSION"]
		case '%':
			v = "%"
		default:
			return "", &SpecifierError{s[i]}
		}
		b.WriteString(v)
	}
	return b.String(), nil
}

// lastComponent is %j: the prefix after its last dash (all of it without one).
func lastComponent(prefix string) string {
	if i := strings.LastIndexByte(prefix, '-'); i >= 0 {
		return prefix[i+1:]
	}
	return prefix
}

// UnescapeUnitName undoes systemd-escape: "-" becomes "/" and "\xNN" the byte NN. A
// malformed escape is kept as written (systemd fails the specifier; keeping the text
// names the problem in whatever then uses it).
func UnescapeUnitName(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '-':
			b.WriteByte('/')
		case s[i] == '\\' && i+3 < len(s) && s[i+1] == 'x' && isHex(s[i+2]) && isHex(s[i+3]):
			b.WriteByte(unhex(s[i+2])<<4 | unhex(s[i+3]))
			i += 3
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// UnescapeUnitPath is systemd-escape --unescape --path: "-" alone is "/", otherwise the
// unescaped name with a leading slash.
func UnescapeUnitPath(s string) string {
	if s == "-" || s == "" {
		return "/"
	}
	return "/" + strings.Trim(UnescapeUnitName(s), "/")
}

// EscapeUnitName is systemd-escape: "/" becomes "-", and every byte other than ASCII
// letters, digits, ":", "_" and "." (a leading "." too) becomes "\xNN".
func EscapeUnitName(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '/':
			b.WriteByte('-')
		case c == '.' && i == 0, !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ':' || c == '_' || c == '.'):
			fmt.Fprintf(&b, `\x%02x`, c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}
