package pm

import (
	"github.com/nimbus-linux/nimbus/internal/modulemd"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// syncLatest is reposync.py's _get_latest over ids (in index order, kept): without modules
// hawkey's latest() (the newest per name.arch, ties kept); with modules, the newest of
// the packages no module names, and all the artifacts of, per module stream, its newest
// version and each version that holds the newest package of one of the stream's
// artifacts.
func (b *Base) syncLatest(ids []solver.ID) []solver.ID {
	var mods []*modulemd.Module
	if b.mods != nil && b.mods.idx != nil {
		mods = b.mods.idx.Modules
	}
	if len(mods) == 0 {
		return b.latestPerNameArch(ids)
	}
	nevra := func(id solver.ID) string {
		ap := b.Available.Get(id)
		pk := ap.Repo.Index.Package(ap.I)
		return modulemd.NEVRA(pk.Name, pk.Epoch, pk.Version, pk.Release, pk.Arch)
	}
	all := map[string]bool{}
	byStream := map[string]map[uint64][]*modulemd.Module{} // name:stream → version → builds
	versionsOf := map[string]map[string][]uint64{}         // artifact → name:stream → versions
	for _, m := range mods {
		ns := m.Name + ":" + m.Stream
		if byStream[ns] == nil {
			byStream[ns] = map[uint64][]*modulemd.Module{}
		}
		byStream[ns][m.Version] = append(byStream[ns][m.Version], m)
		for _, a := range m.Artifacts {
			a = modulemd.NormalizeNEVRA(a)
			all[a] = true
			if versionsOf[a] == nil {
				versionsOf[a] = map[string][]uint64{}
			}
			versionsOf[a][ns] = append(versionsOf[a][ns], m.Version)
		}
	}
	nevras := make(map[solver.ID]string, len(ids))
	var plain []solver.ID
	for _, id := range ids {
		nevras[id] = nevra(id)
		if !all[nevras[id]] {
			plain = append(plain, id)
		}
	}
	keep := map[solver.ID]bool{}
	for _, id := range b.latestPerNameArch(plain) {
		keep[id] = true
	}
	streamArtifacts := map[string]bool{} // of the versions kept, all streams
	for ns, byVersion := range byStream {
		versions := map[uint64]bool{}
		var newest uint64
		arts := map[string]bool{}
		for v, ms := range byVersion {
			newest = max(newest, v)
			for _, m := range ms {
				for _, a := range m.Artifacts {
					arts[modulemd.NormalizeNEVRA(a)] = true
				}
			}
		}
		versions[newest] = true
		var inStream []solver.ID
		for _, id := range ids {
			if arts[nevras[id]] {
				inStream = append(inStream, id)
			}
		}
		for _, id := range b.latestPerNameArch(inStream) {
			var hi uint64
			for _, v := range versionsOf[nevras[id]][ns] {
				hi = max(hi, v)
			}
			versions[hi] = true
		}
		for v := range versions {
			for _, m := range byVersion[v] {
				for _, a := range m.Artifacts {
					streamArtifacts[modulemd.NormalizeNEVRA(a)] = true
				}
			}
		}
	}
	var out []solver.ID
	for _, id := range ids {
		if keep[id] || streamArtifacts[nevras[id]] {
			out = append(out, id)
		}
	}
	return out
}
