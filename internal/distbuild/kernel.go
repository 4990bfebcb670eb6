package distbuild

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/distbuild/deb"
	"github.com/nimbus-linux/nimbus/internal/kmod"
	"github.com/nimbus-linux/nimbus/internal/lazy"
	"github.com/nimbus-linux/nimbus/internal/recipe"
)

var kverRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`^/usr/lib/modules/([^/]+)/`) }}

// kernelPolicy turns Debian's cloud kernel into Nimbus's installonly "kernel" package:
// modules.dep, modules.alias and modules.softdep generated from the modules, a
// vmlinuz next to the modules (where image builders and kernel-install look), and
// kernel-uname-r provided as Fedora's kernel packages do.
func kernelPolicy(r *recipe.Recipe, c deb.Stanza, nodes []*node, d *deps) ([]*node, error) {
	kver := ""
	for _, n := range nodes {
		if m := kverRE.Get().FindStringSubmatch(n.Path); m != nil {
			kver = m[1]
			break
		}
	}
	if kver == "" {
		return nil, fmt.Errorf("kernel: no /lib/modules/KVER tree in %s", c.Get("Package"))
	}
	base := "/usr/lib/modules/" + kver + "/"
	var mods []kmod.Module
	var order []string
	haveVmlinuz := false
	for _, n := range nodes {
		switch {
		case strings.HasPrefix(n.Path, base) && strings.HasSuffix(n.Path, ".ko") && n.isRegular():
			m, err := kmod.ReadModinfo(strings.TrimPrefix(n.Path, base), n.Data)
			if err != nil {
				return nil, fmt.Errorf("kernel: %w", err)
			}
			mods = append(mods, m)
		case n.Path == base+"modules.order":
			for _, l := range strings.Split(string(n.Data), "\n") {
				if l = strings.TrimSpace(l); l != "" {
					order = append(order, l)
				}
			}
		case n.Path == "/boot/vmlinuz-"+kver:
			haveVmlinuz = true
		}
	}
	if !haveVmlinuz {
		return nil, fmt.Errorf("kernel: no /boot/vmlinuz-%s", kver)
	}
	idx, err := kmod.Generate(mods, order)
	if err != nil {
		return nil, fmt.Errorf("kernel %s: %w", kver, err)
	}
	names := make([]string, 0, len(idx))
	for n := range idx {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		nodes = append(nodes, &node{Path: base + name, Mode: modeRegular | 0o644, User: "root", Group: "root", Data: idx[name]})
	}
	nodes = append(nodes, &node{Path: base + "vmlinuz", Mode: modeSymlink | 0o777, User: "root", Group: "root", Link: "../../../../boot/vmlinuz-" + kver})
	d.add(dep.Provides, "kernel-uname-r = "+kver, "installonlypkg(kernel)")
	return nodes, nil
}
