package txn

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// idMap resolves user and group names to numbers from the install root's /etc/passwd and
// /etc/group (read inside the root), re-reading them when they change (the setup package may be installed earlier in
// the same transaction). Unknown names map to root with a warning, as rpm does.
type idMap struct {
	root          *os.Root
	users, groups map[string]int
	stamp         [2]int64
	warn          func(string)
	warned        map[string]bool
	// stale asks the next lookup to check the files again: set before each package is
	// unpacked and after a package writes /etc/passwd or /etc/group, so a package's files
	// do not stat both files each.
	stale bool
}

func newIDMap(root *os.Root, warn func(string)) *idMap {
	return &idMap{root: root, warn: warn, warned: map[string]bool{}}
}

func (m *idMap) refresh() {
	stamp := [2]int64{mtime(m.root, "etc/passwd"), mtime(m.root, "etc/group")}
	if m.users != nil && stamp == m.stamp {
		return
	}
	m.stamp = stamp
	m.users = readIDs(m.root, "etc/passwd")
	m.groups = readIDs(m.root, "etc/group")
}

func mtime(rt *os.Root, p string) int64 {
	fi, err := rt.Stat(p)
	if err != nil {
		return 0
	}
	return fi.ModTime().UnixNano() ^ fi.Size()
}

// readIDs reads name:x:id:... lines.
func readIDs(rt *os.Root, p string) map[string]int {
	ids := map[string]int{"root": 0}
	f, err := rt.Open(p)
	if err != nil {
		return ids
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), ":")
		if len(fields) < 3 {
			continue
		}
		if id, err := strconv.Atoi(fields[2]); err == nil {
			ids[fields[0]] = id
		}
	}
	return ids
}

func (m *idMap) lookup(user, group string) (int, int) {
	if m.users == nil || m.stale {
		m.refresh()
		m.stale = false
	}
	uid, ok := m.users[user]
	if !ok && user != "" {
		m.warnOnce("user " + user + " does not exist - using root")
	}
	gid, ok := m.groups[group]
	if !ok && group != "" {
		m.warnOnce("group " + group + " does not exist - using root")
	}
	return uid, gid
}

func (m *idMap) warnOnce(msg string) {
	if !m.warned[msg] && m.warn != nil {
		m.warn(msg)
	}
	m.warned[msg] = true
}
