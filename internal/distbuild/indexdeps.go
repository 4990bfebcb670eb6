package distbuild

import (
	"fmt"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/distbuild/deb"
	"github.com/nimbus-linux/nimbus/internal/recipe"
)

// IndexDeps are the RPM dependencies of one Debian package, as dep.Parse strings by kind;
// Pre are the Requires(pre) (from Pre-Depends), also listed in Lists[dep.Requires].
type IndexDeps struct {
	Lists map[dep.Kind][]string
	Pre   []string
}

// DebianIndexDeps maps the relation fields of one Debian package stanza (a Packages
// index entry or a control file) to RPM dependencies exactly as the distribution build
// maps an imported package (convertRelations, the policy's extra and Amazon Linux name
// provides), without a recipe's overrides. It leaves out the policy's extra
// Requires(pre) on Nimbus's own packages (libc6 on filesystem and setup), which a Debian
// universe does not have. As in assemble, a package neither conflicts with nor
// obsoletes a name it provides itself. Used to write Debian's archive as rpm-md
// metadata for the large-repository benchmark (bench/pm-large.sh).
func DebianIndexDeps(c deb.Stanza) (*IndexDeps, error) {
	name := c.Get("Package")
	evr, err := recipe.MapDebianVersion(c.Get("Version"))
	if err != nil {
		return nil, fmt.Errorf("debian package %s: %w", name, err)
	}
	d := newDeps()
	if err := convertRelations(c, evr, d); err != nil {
		return nil, fmt.Errorf("debian package %s: %w", name, err)
	}
	d.add(dep.Provides, extraProvides.Get()[name]...)
	for _, al := range alNames.Get()[name] {
		if al != name {
			d.add(dep.Provides, fmt.Sprintf("%s = %s", al, evr))
		}
	}
	provided := map[string]bool{name: true}
	for _, s := range d.lists[dep.Provides] {
		provided[depName(s)] = true
	}
	out := &IndexDeps{Lists: map[dep.Kind][]string{}}
	for k, list := range d.lists {
		seen := map[string]bool{}
		for _, s := range list {
			if seen[s] || (k == dep.Conflicts || k == dep.Obsoletes) && provided[depName(s)] {
				continue
			}
			seen[s] = true
			out.Lists[k] = append(out.Lists[k], s)
		}
	}
	for _, s := range d.pre {
		out.Pre = append(out.Pre, s)
		out.Lists[dep.Requires] = appendUnique(out.Lists[dep.Requires], s)
	}
	return out, nil
}
