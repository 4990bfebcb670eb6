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

// accounts is /etc/passwd, /etc/group and /etc/shadow of the provisioned root, edited in
// place as text so that a temp root works the same as a real one.
type accounts struct {
	passwd, group, shadow [][]string
	hasShadow             bool
}

func readTable(p string) ([][]string, bool, error) {
	b, err := os.ReadFile(p)
	if os.IsNotExist(err) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	var out [][]string
	for _, l := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		if l != "" {
			out = append(out, strings.Split(l, ":"))
		}
	}
	return out, true, nil
}

func writeTable(p string, rows [][]string, mode os.FileMode) error {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, ":") + "\n")
	}
	tmp := p + ".nimbus-new"
	if err := os.WriteFile(tmp, []byte(b.String()), mode); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}

func (a *Agent) loadAccounts() (*accounts, error) {
	ac := &accounts{}
	var err error
	if ac.passwd, _, err = readTable(a.path("etc/passwd")); err != nil {
		return nil, err
	}
	if ac.group, _, err = readTable(a.path("etc/group")); err != nil {
		return nil, err
	}
	if ac.shadow, ac.hasShadow, err = readTable(a.path("etc/shadow")); err != nil {
		return nil, err
	}
	if len(ac.passwd) == 0 {
		ac.passwd = [][]string{{"root", "x", "0", "0", "root", "/root", "/bin/sh"}}
	}
	if len(ac.group) == 0 {
		ac.group = [][]string{{"root", "x", "0", ""}}
	}
	return ac, nil
}

func (a *Agent) saveAccounts(ac *accounts) error {
	if err := os.MkdirAll(a.path("etc"), 0o755); err != nil {
		return err
	}
	if err := writeTable(a.path("etc/passwd"), ac.passwd, 0o644); err != nil {
		return err
	}
	if err := writeTable(a.path("etc/group"), ac.group, 0o644); err != nil {
		return err
	}
	if ac.hasShadow {
		return writeTable(a.path("etc/shadow"), ac.shadow, 0o600)
	}
	return nil
}

func find(rows [][]string, name string) []string {
	for _, r := range rows {
		if len(r) > 0 && r[0] == name {
			return r
		}
	}
	return nil
}

func nextID(rows [][]string, col, lo, hi int) int {
	used := map[int]bool{}
	for _, r := range rows {
		if len(r) > col {
			if n, err := strconv.Atoi(r[col]); err == nil {
				used[n] = true
			}
		}
	}
	for i := lo; i < hi; i++ {
		if !used[i] {
			return i
		}
	}
	return hi
}

// lookupOwner resolves "user[:group]" (names or numbers) in the provisioned root.
func (ac *accounts) lookupOwner(owner string) (int, int, error) {
	un, gn, _ := strings.Cut(owner, ":")
	uid, gid := 0, 0
	if un != "" {
		if n, err := strconv.Atoi(un); err == nil {
			uid = n
		} else if r := find(ac.passwd, un); len(r) > 3 {
			uid, _ = strconv.Atoi(r[2])
			gid, _ = strconv.Atoi(r[3])
		} else {
			return 0, 0, fmt.Errorf("unknown user %q", un)
		}
	}
	if gn != "" {
		if n, err := strconv.Atoi(gn); err == nil {
			gid = n
		} else if r := find(ac.group, gn); len(r) > 2 {
			gid, _ = strconv.Atoi(r[2])
		} else {
			return 0, 0, fmt.Errorf("unknown group %q", gn)
		}
	}
	return uid, gid, nil
}

func (ac *accounts) ensureGroup(name string, system bool) int {
	if r := find(ac.group, name); len(r) > 2 {
		n, _ := strconv.Atoi(r[2])
		return n
	}
	lo, hi := 1000, 60000
	if system {
		lo, hi = 100, 1000
	}
	gid := nextID(ac.group, 2, lo, hi)
	ac.group = append(ac.group, []string{name, "x", strconv.Itoa(gid), ""})
	return gid
}

func (ac *accounts) addMember(group, user string) {
	for _, r := range ac.group {
		if len(r) < 4 || r[0] != group {
			continue
		}
		members := []string{}
		if r[3] != "" {
			members = strings.Split(r[3], ",")
		}
		for _, m := range members {
			if m == user {
				return
			}
		}
		r[3] = strings.Join(append(members, user), ",")
	}
}

// ensureUser creates u if missing and returns uid, gid and home (host path not joined).
func (a *Agent) ensureUser(ac *accounts, u User) (int, int, string) {
	if r := find(ac.passwd, u.Name); len(r) > 5 {
		uid, _ := strconv.Atoi(r[2])
		gid, _ := strconv.Atoi(r[3])
		for _, g := range u.Groups {
			ac.ensureGroup(g, true)
			ac.addMember(g, u.Name)
		}
		return uid, gid, r[5]
	}
	lo, hi := 1000, 60000
	if u.System {
		lo, hi = 100, 1000
	}
	uid := u.UID
	if uid == 0 {
		uid = nextID(ac.passwd, 2, lo, hi)
	}
	pg := u.PrimaryGroup
	if pg == "" {
		pg = u.Name
	}
	gid := -1
	if r := find(ac.group, pg); r == nil && u.PrimaryGroup == "" && find(ac.group, u.Name) == nil {
		// a user private group with gid = uid when free
		gid = uid
		if find(groupsByID(ac.group), strconv.Itoa(uid)) != nil {
			gid = nextID(ac.group, 2, lo, hi)
		}
		ac.group = append(ac.group, []string{pg, "x", strconv.Itoa(gid), ""})
	} else {
		gid = ac.ensureGroup(pg, u.System)
	}
	home := u.Homedir
	if home == "" {
		home = "/home/" + u.Name
	}
	shell := u.Shell
	if shell == "" {
		shell = "/bin/bash"
		if _, err := os.Stat(a.path("bin/bash")); err != nil {
			shell = "/bin/sh"
		}
	}
	ac.passwd = append(ac.passwd, []string{u.Name, "x", strconv.Itoa(uid), strconv.Itoa(gid), u.Gecos, home, shell})
	if ac.hasShadow {
		pw := "!"
		if !u.LockPasswd {
			pw = "*"
		}
		ac.shadow = append(ac.shadow, []string{u.Name, pw, "19000", "0", "99999", "7", "", "", ""})
	}
	for _, g := range u.Groups {
		ac.ensureGroup(g, true)
		ac.addMember(g, u.Name)
	}
	return uid, gid, home
}

func groupsByID(rows [][]string) [][]string {
	out := make([][]string, 0, len(rows))
	for _, r := range rows {
		if len(r) > 2 {
			out = append(out, []string{r[2]})
		}
	}
	return out
}

// users creates the default user (with the launch keys) and the cloud-config users.
func (r *run) users(ctx context.Context) error {
	a := r.a
	ac, err := a.loadAccounts()
	if err != nil {
		return err
	}
	var list []User
	if r.cfg.DefaultUser {
		u := a.defaultUser()
		u.SSHAuthorizedKeys = append(append(append([]string{}, r.data.PublicKeys...), r.cfg.SSHAuthorizedKeys...), u.SSHAuthorizedKeys...)
		list = append(list, u)
	}
	list = append(list, r.cfg.Users...)
	type made struct {
		u        User
		uid, gid int
		home     string
	}
	var done []made
	for _, u := range list {
		uid, gid, home := a.ensureUser(ac, u)
		done = append(done, made{u, uid, gid, home})
	}
	if err := a.saveAccounts(ac); err != nil {
		return err
	}
	var sudoers []string
	for _, m := range done {
		if err := r.home(m.home, m.uid, m.gid, m.u.SSHAuthorizedKeys); err != nil {
			return fmt.Errorf("user %s: %w", m.u.Name, err)
		}
		for _, rule := range m.u.Sudo {
			sudoers = append(sudoers, m.u.Name+" "+rule)
		}
		a.logf("user %s (uid %d) ready with %d authorized keys", m.u.Name, m.uid, len(m.u.SSHAuthorizedKeys))
	}
	if len(sudoers) > 0 {
		sort.Strings(sudoers)
		if err := os.MkdirAll(a.path("etc/sudoers.d"), 0o750); err != nil {
			return err
		}
		body := "# Created by nimbus provision\n" + strings.Join(sudoers, "\n") + "\n"
		if err := os.WriteFile(a.path("etc/sudoers.d/90-cloud-init-users"), []byte(body), 0o440); err != nil {
			return err
		}
	}
	return nil
}

// home creates a home directory and its ~/.ssh/authorized_keys, owned by the user.
func (r *run) home(home string, uid, gid int, keys []string) error {
	a := r.a
	h := a.path(home)
	if err := os.MkdirAll(h, 0o700); err != nil {
		return err
	}
	if err := a.Sys.Chown(h, uid, gid); err != nil {
		return err
	}
	if len(keys) == 0 {
		return nil
	}
	ssh := filepath.Join(h, ".ssh")
	if err := os.MkdirAll(ssh, 0o700); err != nil {
		return err
	}
	ak := filepath.Join(ssh, "authorized_keys")
	existing, _ := os.ReadFile(ak)
	have := map[string]bool{}
	for _, l := range strings.Split(string(existing), "\n") {
		have[strings.TrimSpace(l)] = true
	}
	out := string(existing)
	for _, k := range keys {
		k = strings.TrimSpace(k)
		if k != "" && !have[k] {
			have[k] = true
			out += k + "\n"
		}
	}
	if err := os.WriteFile(ak, []byte(out), 0o600); err != nil {
		return err
	}
	for _, p := range []string{ssh, ak} {
		if err := a.Sys.Chown(p, uid, gid); err != nil {
			return err
		}
	}
	return nil
}
