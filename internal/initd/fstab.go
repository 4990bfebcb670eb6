package initd

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
)

// FstabEntry is one line of /etc/fstab.
type FstabEntry struct {
	Source, Target, Type string
	Options              []string
	Pass                 int
}

// ParseFstab reads fstab lines (comments and blank lines skipped; missing fields take
// the defaults "defaults 0 0"). Octal escapes like \040 are decoded.
func ParseFstab(r io.Reader) []FstabEntry {
	var out []FstabEntry
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || l[0] == '#' {
			continue
		}
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		for len(f) < 6 {
			f = append(f, []string{"", "", "auto", "defaults", "0", "0"}[len(f)])
		}
		if f[2] == "" {
			f[2] = "auto"
		}
		pass, _ := strconv.Atoi(f[5])
		out = append(out, FstabEntry{Source: fsutil.UnescapeOctal(f[0]), Target: fsutil.UnescapeOctal(f[1]), Type: f[2],
			Options: strings.Split(f[3], ","), Pass: pass})
	}
	return out
}

// Has reports whether the entry has option o.
func (e FstabEntry) Has(o string) bool {
	for _, x := range e.Options {
		if x == o {
			return true
		}
	}
	return false
}

// mountFlag maps the generic mount options to MS_* flag bits (set) or their negation
// (clear); the rest is passed to the file system as data.
var mountFlag = map[string]struct {
	bit   uintptr
	clear bool
}{
	"ro": {1, false}, "rw": {1, true}, "nosuid": {2, false}, "suid": {2, true}, "nodev": {4, false}, "dev": {4, true},
	"noexec": {8, false}, "exec": {8, true}, "sync": {16, false}, "async": {16, true}, "dirsync": {128, false},
	"noatime": {1024, false}, "atime": {1024, true}, "nodiratime": {2048, false}, "diratime": {2048, true},
	"relatime": {1 << 21, false}, "norelatime": {1 << 21, true}, "strictatime": {1 << 24, false}, "lazytime": {1 << 25, false},
}

// ignoredOption are fstab options for mount(8), systemd or cloud-init, not the kernel.
func ignoredOption(o string) bool {
	return o == "defaults" || o == "auto" || o == "noauto" || o == "nofail" || o == "user" || o == "nouser" ||
		o == "users" || o == "owner" || o == "_netdev" || strings.HasPrefix(o, "x-") || strings.HasPrefix(o, "comment=")
}

// MountArgs splits fstab options into mount(2) flags and file system data.
func MountArgs(opts []string) (uintptr, string) {
	var flags uintptr
	var data []string
	for _, o := range opts {
		if f, ok := mountFlag[o]; ok {
			if f.clear {
				flags &^= f.bit
			} else {
				flags |= f.bit
			}
			continue
		}
		if o != "" && !ignoredOption(o) {
			data = append(data, o)
		}
	}
	return flags, strings.Join(data, ",")
}
