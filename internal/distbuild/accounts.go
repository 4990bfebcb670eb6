package distbuild

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/recipe"
)

// accountsFor makes the package's %pre create the non-root owners and groups its
// files use (Debian's postinst does it with adduser or groupadd); those the setup
// package already has are left alone by the script. It adds them to the recipe's
// overrides, so usersScript writes one script for both.
func accountsFor(r *recipe.Recipe, nodes []*node) {
	users, groups := map[string]bool{}, map[string]bool{}
	for _, u := range r.Overrides.Users {
		users[u.Name] = true
		groups[firstNonEmpty(u.Group, u.Name)] = true
	}
	for _, g := range r.Overrides.Groups {
		groups[g.Name] = true
	}
	var newGroups []string
	var newUsers []string
	for _, n := range nodes {
		if n.Group != "root" && !groups[n.Group] && !numeric(n.Group) {
			groups[n.Group] = true
			newGroups = append(newGroups, n.Group)
		}
		if n.User != "root" && !users[n.User] && !numeric(n.User) {
			users[n.User] = true
			newUsers = append(newUsers, n.User)
		}
	}
	sort.Strings(newGroups)
	sort.Strings(newUsers)
	for _, g := range newGroups {
		r.Overrides.Groups = append(r.Overrides.Groups, recipe.Group{Name: g})
	}
	for _, u := range newUsers {
		r.Overrides.Users = append(r.Overrides.Users, recipe.User{Name: u, System: true})
	}
}

func numeric(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// usersScript is the %pre body that creates system groups and users: with groupadd
// and useradd when the root has them (the passwd package), else by appending to
// /etc/group, /etc/passwd and /etc/shadow with nothing but shell builtins, so the
// minimal set, which has neither the shadow tools nor awk or grep, gets its users too.
// Ids are the given ones, or the next free one from 100 below 1000.
func usersScript(users []recipe.User, groups []recipe.Group) string {
	if len(users) == 0 && len(groups) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(`nimbus_has() { while IFS=: read -r n _; do [ "$n" = "$2" ] && return 0; done <"$1" 2>/dev/null; return 1; }
nimbus_field() { while IFS=: read -r n _ id _; do [ "$n" = "$2" ] && echo "$id" && return 0; done <"$1" 2>/dev/null; }
nimbus_free() { m=100; while IFS=: read -r _ _ id _; do case "$id" in ''|*[!0-9]*) continue;; esac; [ "$id" -ge "$m" ] && [ "$id" -lt 1000 ] && m=$((id+1)); done <"$1" 2>/dev/null; echo "$m"; }
`)
	addGroup := func(name string, gid *int) {
		g := "$(nimbus_free /etc/group)"
		opt := ""
		if gid != nil {
			g = strconv.Itoa(*gid)
			opt = " -g " + g
		}
		fmt.Fprintf(&b, "if ! nimbus_has /etc/group %s; then\n", name)
		fmt.Fprintf(&b, "  if command -v groupadd >/dev/null 2>&1; then groupadd -r%s %s; else echo \"%s:x:%s:\" >>/etc/group; fi\nfi\n", opt, name, name, g)
	}
	for _, g := range groups {
		addGroup(g.Name, g.GID)
	}
	for _, u := range users {
		grp := u.Group
		if grp == "" {
			grp = u.Name
			addGroup(grp, u.UID)
		}
		home, shell := u.Home, u.Shell
		if home == "" {
			home = "/"
		}
		if shell == "" {
			shell = "/usr/sbin/nologin"
		}
		uid, opt := "$(nimbus_free /etc/passwd)", ""
		if u.UID != nil {
			uid = strconv.Itoa(*u.UID)
			opt = " -u " + uid
		}
		fmt.Fprintf(&b, "if ! nimbus_has /etc/passwd %s; then\n", u.Name)
		fmt.Fprintf(&b, "  if command -v useradd >/dev/null 2>&1; then useradd -r -M -g %s -d %s -s %s -c '%s'%s %s; else\n", grp, home, shell, u.Gecos, opt, u.Name)
		fmt.Fprintf(&b, "    echo \"%s:x:%s:$(nimbus_field /etc/group %s):%s:%s:%s\" >>/etc/passwd\n", u.Name, uid, grp, u.Gecos, home, shell)
		fmt.Fprintf(&b, "    if [ -f /etc/shadow ]; then echo '%s:!*:19000::::::' >>/etc/shadow; fi\n  fi\nfi\n", u.Name)
	}
	return b.String()
}

// sysusersConf declares the same accounts as usersScript in systemd-sysusers' format
// (/usr/lib/sysusers.d, as Fedora's and Amazon Linux's packages ship them). The %pre
// creates them at install time; when it cannot run (an image for a foreign architecture
// built without a binfmt handler skips scriptlets), the first-boot agent creates the
// missing ones from these files before the services start.
func sysusersConf(users []recipe.User, groups []recipe.Group) string {
	var b strings.Builder
	b.WriteString("# Accounts of this package (created by its %pre, or at boot by nimbus-init).\n")
	id := func(p *int) string {
		if p == nil {
			return "-"
		}
		return strconv.Itoa(*p)
	}
	quote := func(s string) string {
		if s == "" {
			return "-"
		}
		return strconv.Quote(s)
	}
	for _, g := range groups {
		fmt.Fprintf(&b, "g %s %s\n", g.Name, id(g.GID))
	}
	for _, u := range users {
		uid := id(u.UID)
		if u.Group != "" && u.Group != u.Name {
			fmt.Fprintf(&b, "g %s -\n", u.Group)
			uid += ":" + u.Group
		}
		home, shell := u.Home, u.Shell
		if home == "" {
			home = "/"
		}
		if shell == "" {
			shell = "/usr/sbin/nologin"
		}
		fmt.Fprintf(&b, "u %s %s %s %s %s\n", u.Name, uid, quote(u.Gecos), home, shell)
	}
	return b.String()
}
