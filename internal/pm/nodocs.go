package pm

import (
	"bufio"
	"os"
	"path"
	"slices"
	"strings"
)

// excludeDocs reports whether the transaction leaves documentation out: dnf's tsflags
// contains nodocs (dnf.conf, --setopt=tsflags=nodocs, --nodocs), or rpm's %_excludedocs
// macro is 1 in the root's /etc/rpm/macros or /etc/rpm/macros.* (the root's own rpm
// configuration; rpm reads the running system's, the same files when the root is /).
func (b *Base) excludeDocs() bool {
	if slices.Contains(b.Main.TSFlags, "nodocs") {
		return true
	}
	rt, err := os.OpenRoot(b.cfg.Root)
	if err != nil {
		return false
	}
	defer rt.Close()
	names := []string{"etc/rpm/macros"}
	if d, err := rt.Open("etc/rpm"); err == nil {
		ents, _ := d.ReadDir(-1)
		d.Close()
		for _, e := range ents {
			if strings.HasPrefix(e.Name(), "macros.") && e.Type().IsRegular() {
				names = append(names, path.Join("etc/rpm", e.Name()))
			}
		}
	}
	slices.Sort(names[1:])
	on := false
	for _, n := range names {
		f, err := rt.Open(n)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if fs := strings.Fields(sc.Text()); len(fs) == 2 && fs[0] == "%_excludedocs" {
				on = fs[1] == "1"
			}
		}
		f.Close()
	}
	return on
}
