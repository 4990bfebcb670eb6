package repo

import (
	"path"
	"sort"

	"github.com/nimbus-linux/nimbus/internal/repo/cache"
)

// Match reports whether package i of x matches one of dnf's package specs: a glob
// against the name, name.arch, name-version, name-version-release,
// name-version-release.arch or name-epoch:version-release.arch. No patterns match all.
func Match(x *cache.Index, i int, patterns []string) bool {
	if len(patterns) == 0 {
		return true
	}
	p := x.Package(i)
	epoch := p.Epoch
	if epoch == "" {
		epoch = "0"
	}
	forms := []string{
		p.Name,
		p.Name + "." + p.Arch,
		p.Name + "-" + p.Version,
		p.Name + "-" + p.Version + "-" + p.Release,
		p.Name + "-" + p.Version + "-" + p.Release + "." + p.Arch,
		p.Name + "-" + epoch + ":" + p.Version + "-" + p.Release + "." + p.Arch,
		p.Name + "-" + epoch + ":" + p.Version + "-" + p.Release,
	}
	for _, pat := range patterns {
		for _, f := range forms {
			if ok, _ := path.Match(pat, f); ok {
				return true
			}
		}
	}
	return false
}

// Query returns the indexes of the packages of x matching arch ("" for any; "noarch"
// packages match every arch, as dnf's --arch does not) and patterns, ordered as
// dnf repoquery prints them (by name, then epoch:version-release text, then arch).
func Query(x *cache.Index, arch string, patterns []string) []int {
	var out []int
	for i := 0; i < x.Len(); i++ {
		if arch != "" && x.Arch(i) != arch {
			continue
		}
		if Match(x, i, patterns) {
			out = append(out, i)
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		return FullNEVRA(x, out[a]) < FullNEVRA(x, out[b])
	})
	return out
}

// FullNEVRA is name-epoch:version-release.arch with the epoch always shown, the way
// dnf repoquery prints packages.
func FullNEVRA(x *cache.Index, i int) string {
	p := x.Package(i)
	e := p.Epoch
	if e == "" {
		e = "0"
	}
	return p.Name + "-" + e + ":" + p.Version + "-" + p.Release + "." + p.Arch
}
