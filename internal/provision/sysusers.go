package provision

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// System accounts from sysusers.d (systemd-sysusers' format, which Fedora's and Amazon
// Linux's packages ship and Nimbus's build writes for every package whose %pre creates
// accounts). The %pre normally made them at install time; an image built for a foreign
// architecture without a binfmt handler skipped scriptlets, so on every boot, before the
// services start, the accounts still missing are created (sshd's privilege-separation
// user, www-data, ...). Supported lines: `u NAME ID|ID:GROUP|- "GECOS" HOME SHELL`,
// `g NAME ID|-`, `m USER GROUP`; others (`r`) are ignored.

// SysusersDirs are searched in this order; a file name in an earlier one masks later ones.
var SysusersDirs = []string{"etc/sysusers.d", "run/sysusers.d", "usr/lib/sysusers.d"}

// SysuserEntry is one line.
type SysuserEntry struct {
	Type  byte   // 'u', 'g' or 'm'
	Name  string // user or group
	ID    int    // -1: allocate
	Group string // u: primary group (ID:GROUP); m: the group
	Gecos string
	Home  string
	Shell string
}

// ParseSysusers reads one sysusers.d file.
func ParseSysusers(data []byte) ([]SysuserEntry, error) {
	var out []SysuserEntry
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		f, err := sysusersFields(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		for len(f) < 6 {
			f = append(f, "-")
		}
		bad := func(what string) error { return fmt.Errorf("line %d: %s", i+1, what) }
		e := SysuserEntry{Name: f[1], ID: -1}
		if len(f[0]) != 1 {
			return nil, bad(fmt.Sprintf("type %q", f[0]))
		}
		e.Type = f[0][0]
		if e.Type == 'r' {
			continue
		}
		if !validName(e.Name) {
			return nil, bad(fmt.Sprintf("%q is not a user or group name", e.Name))
		}
		switch e.Type {
		case 'u', 'g':
			id, grp, _ := strings.Cut(f[2], ":")
			if id != "-" && !strings.HasPrefix(id, "/") {
				n, err := strconv.Atoi(id)
				if err != nil || n < 0 || n > 65535 {
					return nil, bad(fmt.Sprintf("id %q", f[2]))
				}
				e.ID = n
			}
			if e.Type == 'u' {
				if grp != "" && !validName(grp) {
					return nil, bad(fmt.Sprintf("group %q", grp))
				}
				e.Group = grp
				for j, v := range []*string{&e.Gecos, &e.Home, &e.Shell} {
					if s := f[3+j]; s != "-" {
						*v = s
					}
				}
				if strings.ContainsAny(e.Gecos+e.Home+e.Shell, ":\n") {
					return nil, bad("a field has ':' or a newline")
				}
			}
		case 'm':
			if !validName(f[2]) {
				return nil, bad(fmt.Sprintf("group %q", f[2]))
			}
			e.Group = f[2]
		default:
			return nil, bad(fmt.Sprintf("type %q is not supported", f[0]))
		}
		out = append(out, e)
	}
	return out, nil
}

// sysusersFields splits a line into words; double- or single-quoted words may hold
// spaces (systemd's quoting, without its escapes beyond \" and \\).
func sysusersFields(line string) ([]string, error) {
	var out []string
	for i := 0; i < len(line); {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i >= len(line) {
			break
		}
		var w strings.Builder
		if q := line[i]; q == '"' || q == '\'' {
			i++
			closed := false
			for i < len(line) {
				c := line[i]
				if c == '\\' && q == '"' && i+1 < len(line) {
					w.WriteByte(line[i+1])
					i += 2
					continue
				}
				i++
				if c == q {
					closed = true
					break
				}
				w.WriteByte(c)
			}
			if !closed {
				return nil, fmt.Errorf("unterminated quote")
			}
		} else {
			for i < len(line) && line[i] != ' ' && line[i] != '\t' {
				w.WriteByte(line[i])
				i++
			}
		}
		out = append(out, w.String())
	}
	return out, nil
}

// sysusers creates the accounts the root's sysusers.d files declare and lacks.
func (r *run) sysusers(ctx context.Context) error {
	a := r.a
	seen := map[string]bool{}
	var files []string
	for _, d := range SysusersDirs {
		m, _ := filepath.Glob(filepath.Join(a.path(d), "*.conf"))
		sort.Strings(m)
		for _, f := range m {
			if !seen[filepath.Base(f)] {
				seen[filepath.Base(f)] = true
				files = append(files, f)
			}
		}
	}
	if len(files) == 0 {
		return nil
	}
	sort.Slice(files, func(i, j int) bool { return filepath.Base(files[i]) < filepath.Base(files[j]) })
	var entries []SysuserEntry
	var errs []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		es, err := ParseSysusers(b)
		if err != nil {
			errs = append(errs, strings.TrimPrefix(f, a.Root)+": "+err.Error())
			continue
		}
		entries = append(entries, es...)
	}
	ac, err := a.loadAccounts()
	if err != nil {
		return err
	}
	var made []string
	// Groups first (systemd-sysusers does the same), then users, then memberships.
	for _, e := range entries {
		if e.Type == 'g' && find(ac.group, e.Name) == nil {
			if e.ID >= 0 && find(groupsByID(ac.group), strconv.Itoa(e.ID)) == nil {
				ac.group = append(ac.group, []string{e.Name, "x", strconv.Itoa(e.ID), ""})
			} else {
				ac.ensureGroup(e.Name, true)
			}
			made = append(made, "group "+e.Name)
		}
	}
	for _, e := range entries {
		if e.Type != 'u' || find(ac.passwd, e.Name) != nil {
			continue
		}
		u := User{Name: e.Name, Gecos: e.Gecos, Homedir: e.Home, Shell: e.Shell, System: true, LockPasswd: true, PrimaryGroup: e.Group}
		if u.Homedir == "" {
			u.Homedir = "/"
		}
		if u.Shell == "" {
			u.Shell = "/usr/sbin/nologin"
		}
		if e.ID >= 0 && find(groupsByID(ac.passwd), strconv.Itoa(e.ID)) == nil {
			u.UID = e.ID
		}
		a.ensureUser(ac, u)
		made = append(made, "user "+e.Name)
	}
	for _, e := range entries {
		if e.Type == 'm' && find(ac.passwd, e.Name) != nil {
			if g := find(ac.group, e.Group); g == nil || len(g) < 4 || !strings.Contains(","+g[3]+",", ","+e.Name+",") {
				ac.ensureGroup(e.Group, true)
				ac.addMember(e.Group, e.Name)
				made = append(made, e.Name+" in "+e.Group)
			}
		}
	}
	if len(made) > 0 {
		if err := a.saveAccounts(ac); err != nil {
			return err
		}
		a.logf("sysusers.d: created %s", strings.Join(made, ", "))
	}
	if len(errs) > 0 {
		return fmt.Errorf("sysusers.d: %s", strings.Join(errs, "; "))
	}
	return nil
}
