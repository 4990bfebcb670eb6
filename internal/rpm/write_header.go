package rpm

import (
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
)

// mainHeader builds the main header: the fields of info, the file list, the payload
// description and the rpmlib() requirements for the format features the package uses.
func mainHeader(in *Info, p *payloadInfo) ([]byte, error) {
	b := NewHeaderBuilder()
	b.Strings(tag.Headeri18ntable, []string{"C"})
	b.String(tag.Name, in.Name)
	b.String(tag.Version, in.Version)
	b.String(tag.Release, in.Release)
	if in.Epoch != nil {
		b.Int32(tag.Epoch, *in.Epoch)
	}
	b.I18NString(tag.Summary, in.Summary)
	b.I18NString(tag.Description, in.Desc)
	b.Int32(tag.Buildtime, in.BuildTime)
	if in.BuildHost != "" {
		b.String(tag.Buildhost, in.BuildHost)
	}
	if in.Size >= 1<<32 {
		b.Int64(tag.Longsize, uint64(in.Size))
	} else {
		b.Int32(tag.Size, uint32(in.Size))
	}
	optional := []struct {
		t tag.Tag
		v string
	}{{tag.Vendor, in.Vendor}, {tag.Packager, in.Packager}, {tag.Url, in.URL}}
	for _, o := range optional {
		if o.v != "" {
			b.String(o.t, o.v)
		}
	}
	b.String(tag.License, in.License)
	group := in.Group
	if group == "" {
		group = "Unspecified"
	}
	b.I18NString(tag.Group, group)
	osName := in.OS
	if osName == "" {
		osName = "linux"
	}
	b.String(tag.Os, osName)
	b.String(tag.Arch, in.Arch)
	// rpm tells binary from source packages by the presence of SOURCERPM.
	srpm := in.SourceRPM
	if srpm == "" {
		srpm = in.Name + "-" + in.Version + "-" + in.Release + ".src.rpm"
	}
	b.String(tag.Sourcerpm, srpm)

	for _, s := range in.Scripts {
		st, ok := scriptTags.Get()[s.Kind]
		if !ok {
			return nil, fmt.Errorf("unknown scriptlet %q", s.Kind)
		}
		b.String(st.body, s.Body)
		switch len(s.Interp) {
		case 0:
			b.String(st.prog, "/bin/sh")
		case 1:
			b.String(st.prog, s.Interp[0])
		default:
			b.Strings(st.prog, s.Interp)
		}
	}

	if err := writeTriggers(b, in.Triggers); err != nil {
		return nil, err
	}
	if err := writeFileTriggers(b, in.FileTriggers); err != nil {
		return nil, err
	}
	writeFileList(b, in.Files)

	reqs := append(append([]dep.Dep(nil), in.Requires...), rpmlibRequires(in)...)
	for _, dt := range depTags {
		ds := *in.Deps(dt.kind)
		if dt.kind == dep.Requires {
			ds = reqs
		}
		if len(ds) == 0 {
			continue
		}
		names, vers := make([]string, len(ds)), make([]string, len(ds))
		flags := make([]uint32, len(ds))
		for k, d := range ds {
			names[k], vers[k], flags[k] = d.Name, d.Version, uint32(d.Flags)
		}
		b.Strings(dt.name, names)
		b.Int32(dt.flags, flags...)
		b.Strings(dt.version, vers)
	}

	if len(in.Changelog) > 0 {
		times := make([]uint32, len(in.Changelog))
		names, texts := make([]string, len(in.Changelog)), make([]string, len(in.Changelog))
		for k, c := range in.Changelog {
			times[k], names[k], texts[k] = c.Time, c.Name, c.Text
		}
		b.Int32(tag.Changelogtime, times...)
		b.Strings(tag.Changelogname, names)
		b.Strings(tag.Changelogtext, texts)
	}

	b.String(tag.Payloadformat, "cpio")
	b.String(tag.Payloadcompressor, in.PayloadCompressor)
	b.String(tag.Payloadflags, in.PayloadFlags)
	b.String(tag.Encoding, "utf-8")
	b.Strings(tag.Payloaddigest, []string{hex.EncodeToString(p.packedSHA256)})
	b.Int32(tag.Payloaddigestalgo, tag.DigestSHA256)
	b.Strings(tag.Payloaddigestalt, []string{hex.EncodeToString(p.rawSHA256)})
	if p.rawSize >= 1<<32 {
		b.Int64(tag.Longarchivesize, uint64(p.rawSize))
	}
	return b.Marshal(tag.Headerimmutable)
}

func writeFileList(b *HeaderBuilder, files []File) {
	if len(files) == 0 {
		return
	}
	n := len(files)
	var (
		sizes, mtimes, flags, verify, inodes, devs, dirIdx = make([]uint32, n), make([]uint32, n), make([]uint32, n), make([]uint32, n), make([]uint32, n), make([]uint32, n), make([]uint32, n)
		modes, rdevs                                       = make([]uint16, n), make([]uint16, n)
		digests, links, users, groups, langs, caps, bases  = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		dirs                                               []string
		dirIndex                                           = map[string]uint32{}
		anyCaps                                            bool
	)
	for k, f := range files {
		dir, base := splitPath(f.Path)
		di, ok := dirIndex[dir]
		if !ok {
			di = uint32(len(dirs))
			dirIndex[dir] = di
			dirs = append(dirs, dir)
		}
		dirIdx[k], bases[k] = di, base
		sizes[k], mtimes[k], flags[k], verify[k] = uint32(f.Size), f.Mtime, uint32(f.Flags), f.VerifyFlags
		inodes[k], devs[k] = f.Inode, f.Device
		modes[k], rdevs[k] = uint16(f.Mode), uint16(f.Rdev)
		digests[k], links[k], users[k], groups[k], langs[k], caps[k] = f.Digest, f.LinkTo, f.User, f.Group, f.Lang, f.Caps
		anyCaps = anyCaps || f.Caps != ""
	}
	b.Int32(tag.Filesizes, sizes...)
	b.Int16(tag.Filemodes, modes...)
	b.Int16(tag.Filerdevs, rdevs...)
	b.Int32(tag.Filemtimes, mtimes...)
	b.Strings(tag.Filedigests, digests)
	b.Strings(tag.Filelinktos, links)
	b.Int32(tag.Fileflags, flags...)
	b.Strings(tag.Fileusername, users)
	b.Strings(tag.Filegroupname, groups)
	b.Int32(tag.Fileverifyflags, verify...)
	b.Int32(tag.Filedevices, devs...)
	b.Int32(tag.Fileinodes, inodes...)
	b.Strings(tag.Filelangs, langs)
	b.Int32(tag.Dirindexes, dirIdx...)
	b.Strings(tag.Basenames, bases)
	b.Strings(tag.Dirnames, dirs)
	if anyCaps {
		b.Strings(tag.Filecaps, caps)
	}
	b.Int32(tag.Filedigestalgo, tag.DigestSHA256)
}

// rpmlibRequires lists the rpmlib() features rpm must have to install this package, the way
// rpmbuild computes them, sorted by name.
func rpmlibRequires(in *Info) []dep.Dep {
	feats := map[string]string{}
	if len(in.Files) > 0 {
		feats["CompressedFileNames"] = "3.0.4-1"
		feats["FileDigests"] = "4.6.0-1"
		feats["PayloadFilesHavePrefix"] = "4.0-1"
	}
	switch compress.Kind(in.PayloadCompressor) {
	case compress.Zstd:
		feats["PayloadIsZstd"] = "5.4.18-1"
	case compress.Xz:
		feats["PayloadIsXz"] = "5.2-1"
	}
	versions := []string{in.Version, in.Release}
	for _, dt := range depTags {
		for _, d := range *in.Deps(dt.kind) {
			if strings.HasPrefix(d.Name, "(") {
				feats["RichDependencies"] = "4.12.0-1"
			}
			versions = append(versions, d.Version)
		}
	}
	for _, v := range versions {
		if strings.Contains(v, "~") {
			feats["TildeInVersions"] = "4.10.0-1"
		}
		if strings.Contains(v, "^") {
			feats["CaretInVersions"] = "4.15.0-1"
		}
	}
	for _, f := range in.Files {
		if f.Caps != "" {
			feats["FileCaps"] = "4.6.1-1"
		}
		if f.Size >= 1<<32 {
			feats["LargeFiles"] = "4.12.0-1"
		}
	}
	for _, s := range in.Scripts {
		if len(s.Interp) > 0 && s.Interp[0] == "<lua>" {
			feats["BuiltinLuaScripts"] = "4.2.2-1"
		}
		if len(s.Interp) > 1 {
			feats["ScriptletInterpreterArgs"] = "4.0.3-1"
		}
	}
	names := make([]string, 0, len(feats))
	for n := range feats {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]dep.Dep, len(names))
	for k, n := range names {
		out[k] = dep.Dep{Name: "rpmlib(" + n + ")", Flags: dep.Rpmlib | dep.Less | dep.Equal, Version: feats[n]}
	}
	return out
}
