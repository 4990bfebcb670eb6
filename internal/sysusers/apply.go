package sysusers

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Default allocation range for system accounts when no r line narrows it: systemd's
// SYS_UID_MAX (999) down to its allocation minimum.
const (
	DefaultLo = 100
	DefaultHi = 999
)

// Result says what Apply created ("group docker (900)", "user redis (105)", "redis in
// docker") and which entries failed, each naming its file and line.
type Result struct {
	Created []string
	Errors  []error
}

// db is the four account tables as rows of colon-separated fields.
type db struct {
	passwd, group, shadow, gshadow table
}

type table struct {
	path    string
	rows    [][]string
	changed bool
	exists  bool
	mode    fs.FileMode
	uid     int
	gid     int
}

func (t *table) find(name string) []string {
	for _, r := range t.rows {
		if len(r) > 0 && r[0] == name {
			return r
		}
	}
	return nil
}

func (t *table) ids(col int) map[int]string {
	m := map[int]string{}
	for _, r := range t.rows {
		if len(r) > col {
			if n, err := strconv.Atoi(r[col]); err == nil {
				m[n] = r[0]
			}
		}
	}
	return m
}

// Apply creates in root the groups, users and memberships of entries that do not exist
// yet, as systemd-sysusers does (existing accounts are never changed, so a second run
// changes nothing): groups of g lines first, then per u line its own group (same id as the
// user when free) and the user, then m memberships; accounts an m line names but no line
// declares are created implicitly. Ids: the one given when it is free (a uid also must not
// be another group's gid), else the file owner's for a path, else the same as an existing
// group of the user's name, else the highest id free as both uid and gid in the r ranges
// (default 100-999). New users get "!*" in /etc/shadow (locked, no password), home "/" and
// shell /usr/sbin/nologin unless given; now is the shadow files' change date
// (SOURCE_DATE_EPOCH for reproducible images). The files are replaced atomically.
func Apply(root *os.Root, entries []Entry, now time.Time) (*Result, error) {
	d := &db{}
	for _, t := range []struct {
		t    *table
		p    string
		mode fs.FileMode
	}{{&d.passwd, "etc/passwd", 0o644}, {&d.group, "etc/group", 0o644}, {&d.shadow, "etc/shadow", 0}, {&d.gshadow, "etc/gshadow", 0}} {
		if err := load(root, t.t, t.p, t.mode); err != nil {
			return nil, err
		}
	}
	res := &Result{}
	var ranges [][2]int
	var groups, users, members []Entry
	declaredU, declaredG := map[string]bool{}, map[string]bool{}
	for _, e := range entries {
		switch e.Type {
		case 'r':
			ranges = append(ranges, [2]int{e.Lo, e.Hi})
		case 'g':
			groups = append(groups, e)
			declaredG[e.Name] = true
		case 'u':
			users = append(users, e)
			declaredU[e.Name] = true
			if e.Group == "" {
				declaredG[e.Name] = true
			}
		case 'm':
			members = append(members, e)
		}
	}
	for _, m := range members { // implicit accounts of m lines
		if !declaredG[m.Group] {
			declaredG[m.Group] = true
			groups = append(groups, Entry{Type: 'g', Name: m.Group, ID: -1, File: m.File, Line: m.Line})
		}
		if !declaredU[m.Name] {
			declaredU[m.Name] = true
			users = append(users, Entry{Type: 'u', Name: m.Name, ID: -1, File: m.File, Line: m.Line})
		}
	}
	if len(ranges) == 0 {
		ranges = [][2]int{{DefaultLo, DefaultHi}}
	}
	days := strconv.FormatInt(now.Unix()/86400, 10)
	fail := func(e Entry, format string, a ...any) {
		res.Errors = append(res.Errors, &LineError{e.File, e.Line, fmt.Sprintf(format, a...)})
	}
	addGroup := func(name string, gid int) {
		d.group.rows = append(d.group.rows, []string{name, "x", strconv.Itoa(gid), ""})
		d.gshadow.rows = append(d.gshadow.rows, []string{name, "!*", "", ""})
		d.group.changed, d.gshadow.changed = true, true
		res.Created = append(res.Created, fmt.Sprintf("group %s (%d)", name, gid))
	}
	// free reports whether id is used neither as a uid nor as a gid, except by name itself.
	free := func(id int, name string) bool {
		u, uok := d.passwd.ids(2)[id]
		g, gok := d.group.ids(2)[id]
		return (!uok || u == name) && (!gok || g == name)
	}
	alloc := func(name string) (int, error) {
		for i := len(ranges) - 1; i >= 0; i-- {
			for id := ranges[i][1]; id >= ranges[i][0]; id-- {
				if free(id, name) {
					return id, nil
				}
			}
		}
		return 0, fmt.Errorf("no free id left in %v for %s", ranges, name)
	}
	for _, e := range groups {
		if d.group.find(e.Name) != nil {
			continue
		}
		gid := -1
		if e.IDPath != "" {
			if _, g, err := owner(root, e.IDPath); err == nil {
				gid = g
			}
		} else if e.ID >= 0 {
			if _, used := d.group.ids(2)[e.ID]; !used {
				gid = e.ID
			}
		}
		if gid < 0 {
			var err error
			if gid, err = alloc(e.Name); err != nil {
				fail(e, "%v", err)
				continue
			}
		}
		addGroup(e.Name, gid)
	}
	for _, e := range users {
		if d.passwd.find(e.Name) != nil {
			continue
		}
		var primary int
		switch {
		case e.Group == "":
		default:
			if n, err := strconv.Atoi(e.Group); err == nil {
				if _, ok := d.group.ids(2)[n]; !ok {
					fail(e, "cannot create %s: please create GID %d", e.Name, n)
					continue
				}
				primary = n
			} else if r := d.group.find(e.Group); r != nil {
				primary, _ = strconv.Atoi(r[2])
			} else {
				fail(e, "cannot create %s: group %s does not exist", e.Name, e.Group)
				continue
			}
		}
		uid := -1
		switch {
		case e.IDPath != "":
			if u, _, err := owner(root, e.IDPath); err == nil && free(u, e.Name) {
				uid = u
			}
		case e.ID >= 0:
			if free(e.ID, e.Name) {
				uid = e.ID
			}
		}
		if uid < 0 && e.Group == "" {
			if r := d.group.find(e.Name); r != nil {
				if g, err := strconv.Atoi(r[2]); err == nil && free(g, e.Name) {
					uid = g
				}
			}
		}
		if uid < 0 {
			var err error
			if uid, err = alloc(e.Name); err != nil {
				fail(e, "%v", err)
				continue
			}
		}
		if e.Group == "" {
			if r := d.group.find(e.Name); r != nil {
				primary, _ = strconv.Atoi(r[2])
			} else {
				gid := uid
				if !free(gid, e.Name) {
					var err error
					if gid, err = alloc(e.Name); err != nil {
						fail(e, "%v", err)
						continue
					}
				}
				addGroup(e.Name, gid)
				primary = gid
			}
		}
		home, shell := e.Home, e.Shell
		if home == "" {
			home = "/"
		}
		if shell == "" {
			shell = "/usr/sbin/nologin"
		}
		d.passwd.rows = append(d.passwd.rows, []string{e.Name, "x", strconv.Itoa(uid), strconv.Itoa(primary), e.Gecos, home, shell})
		d.shadow.rows = append(d.shadow.rows, []string{e.Name, "!*", days, "", "", "", "", "", ""})
		d.passwd.changed, d.shadow.changed = true, true
		res.Created = append(res.Created, fmt.Sprintf("user %s (%d)", e.Name, uid))
	}
	for _, m := range members {
		g := d.group.find(m.Group)
		if g == nil || d.passwd.find(m.Name) == nil {
			fail(m, "cannot add %s to %s: the account is missing", m.Name, m.Group)
			continue
		}
		for len(g) < 4 {
			g = append(g, "")
		}
		if addMember(&g[3], m.Name) {
			for i, r := range d.group.rows {
				if len(r) > 0 && r[0] == m.Group {
					d.group.rows[i] = g
				}
			}
			d.group.changed = true
			res.Created = append(res.Created, m.Name+" in "+m.Group)
			if gs := d.gshadow.find(m.Group); gs != nil && len(gs) >= 4 && addMember(&gs[3], m.Name) {
				d.gshadow.changed = true
			}
		}
	}
	var errs []error
	for _, t := range []*table{&d.group, &d.gshadow, &d.passwd, &d.shadow} {
		if t.changed {
			if err := save(root, t); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return res, errors.Join(errs...)
}

func addMember(list *string, name string) bool {
	for _, m := range strings.Split(*list, ",") {
		if m == name {
			return false
		}
	}
	if *list == "" {
		*list = name
	} else {
		*list += "," + name
	}
	return true
}

func owner(root *os.Root, p string) (int, int, error) {
	st, err := root.Stat(strings.TrimPrefix(p, "/"))
	if err != nil {
		return 0, 0, err
	}
	s, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, fmt.Errorf("no owner for %s", p)
	}
	return int(s.Uid), int(s.Gid), nil
}

func load(root *os.Root, t *table, p string, mode fs.FileMode) error {
	t.path, t.mode, t.uid, t.gid = p, mode, 0, 0
	b, err := root.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading /%s: %w", p, err)
	}
	t.exists = true
	if st, err := root.Stat(p); err == nil {
		t.mode = st.Mode().Perm()
		if s, ok := st.Sys().(*syscall.Stat_t); ok {
			t.uid, t.gid = int(s.Uid), int(s.Gid)
		}
	}
	for _, l := range strings.Split(string(b), "\n") {
		if l != "" {
			t.rows = append(t.rows, strings.Split(l, ":"))
		}
	}
	return nil
}

// save replaces the file through a temporary file in the same directory, keeping its
// mode and owner.
func save(root *os.Root, t *table) error {
	var b strings.Builder
	for _, r := range t.rows {
		b.WriteString(strings.Join(r, ":") + "\n")
	}
	if err := root.MkdirAll("etc", 0o755); err != nil {
		return err
	}
	tmp := t.path + "+"
	if err := root.WriteFile(tmp, []byte(b.String()), t.mode); err != nil {
		return fmt.Errorf("writing /%s: %w", tmp, err)
	}
	_ = root.Chmod(tmp, t.mode)
	if t.exists {
		_ = root.Lchown(tmp, t.uid, t.gid)
	}
	if err := root.Rename(tmp, t.path); err != nil {
		_ = root.Remove(tmp)
		return fmt.Errorf("replacing /%s: %w", t.path, err)
	}
	return nil
}
