package createrepo

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
)

// Signature-header tags with the payload size (rpm merges them into the header as
// RPMTAG_ARCHIVESIZE / RPMTAG_LONGARCHIVESIZE, which is what createrepo_c reads).
const (
	sigPayloadSize     tag.Tag = 1007
	sigLongArchiveSize tag.Tag = 271
	tagArchiveSize     tag.Tag = 1046
	tagSourcePackage   tag.Tag = 1106
)

// changelogLimit is createrepo_c's default --changelog-limit.
const changelogLimit = 10

// FromFile describes one package file the way createrepo_c does: r is the whole file,
// size and mtime its stat data, href its location relative to the repository root.
func FromFile(r io.Reader, size, mtime int64, href string) (*repomd.Package, error) {
	h := sha256.New()
	pkg, err := rpm.ReadHeaders(io.TeeReader(r, h))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", href, err)
	}
	if _, err := io.Copy(h, r); err != nil {
		return nil, fmt.Errorf("reading %s: %w", href, err)
	}
	info, err := rpm.FromHeader(pkg.Header)
	if err != nil {
		return nil, fmt.Errorf("decoding header of %s: %w", href, err)
	}
	p := fromInfo(info, pkg)
	p.PkgID = hex.EncodeToString(h.Sum(nil))
	p.ChecksumType = "sha256"
	p.TimeFile = mtime
	p.SizePackage = size
	p.Location = href
	return p, nil
}

func fromInfo(info *rpm.Info, pkg *rpm.Package) *repomd.Package {
	p := &repomd.Package{
		Name: info.Name, Arch: info.Arch, Epoch: "0", Version: info.Version, Release: info.Release,
		Summary: info.Summary, Description: info.Desc, Packager: info.Packager, URL: info.URL,
		TimeBuild: int64(info.BuildTime), SizeInstall: info.Size,
		License: info.License, Vendor: info.Vendor, Group: info.Group, BuildHost: info.BuildHost,
		SourceRPM:   info.SourceRPM,
		HeaderStart: pkg.HeaderOffset, HeaderEnd: pkg.PayloadOffset,
		FullFiles: true,
	}
	if info.Epoch != nil {
		p.Epoch = fmt.Sprint(*info.Epoch)
	}
	if _, ok := pkg.Header.Int(tagSourcePackage); ok {
		p.Arch = "src"
	}
	for _, t := range []tag.Tag{sigLongArchiveSize, sigPayloadSize} {
		if v, ok := pkg.Signature.Int(t); ok {
			p.SizeArchive = v
			break
		}
	}
	if p.SizeArchive == 0 {
		if v, ok := pkg.Header.Int(tagArchiveSize); ok {
			p.SizeArchive = v
		}
	}
	files := make(map[string]bool, len(info.Files))
	for _, f := range info.Files {
		typ := ""
		switch {
		case f.IsDir():
			typ = "dir"
		case f.IsGhost():
			typ = "ghost"
		}
		p.Files = append(p.Files, repomd.File{Path: f.Path, Type: typ})
		files[f.Path] = true
	}
	provided := map[string]bool{}
	for _, d := range info.Provides {
		provided[d.Name] = true
		p.Deps[dep.Provides] = append(p.Deps[dep.Provides], repomd.FromDep(d, false))
	}
	p.Deps[dep.Requires] = requires(info.Requires, files, provided)
	for _, k := range []dep.Kind{dep.Conflicts, dep.Obsoletes, dep.Recommends, dep.Suggests, dep.Supplements, dep.Enhances} {
		for _, d := range *info.Deps(k) {
			p.Deps[k] = append(p.Deps[k], repomd.FromDep(d, false))
		}
	}
	p.Changelogs = changelogs(info.Changelog)
	return p
}

// requires applies createrepo_c's filters to a package's Requires: rpmlib() dependencies
// go, as do requires of the package's own primary files and of names it provides itself;
// a requirement repeating the previous one of the same name (same flags, version and
// pre) goes; of the libc.so.6 requirements only the highest version stays, at the end.
// pre="1" marks Requires(pre), Requires(post) and legacy PreReq.
func requires(reqs []dep.Dep, files, provided map[string]bool) []repomd.Dep {
	var out []repomd.Dep
	last := map[string]repomd.Dep{}
	var libc *repomd.Dep
	for _, d := range reqs {
		if strings.HasPrefix(d.Name, "rpmlib(") {
			continue
		}
		if files[d.Name] && repomd.IsPrimaryFile(d.Name) {
			continue
		}
		if provided[d.Name] {
			continue
		}
		pre := d.Flags&(dep.Prereq|dep.ScriptPre|dep.ScriptPost) != 0
		md := repomd.FromDep(d, pre)
		if prev, ok := last[d.Name]; ok && prev.Flags == md.Flags && prev.EVR() == md.EVR() && prev.Pre == pre {
			continue
		}
		if strings.HasPrefix(d.Name, "libc.so.6") {
			if libc == nil || compareLibc(libc.Name, d.Name) < 0 {
				c := md
				libc = &c
			}
			continue
		}
		out = append(out, md)
		last[d.Name] = md
	}
	if libc != nil {
		out = append(out, *libc)
	}
	return out
}

// compareLibc orders libc.so.6 requirements by the version inside the first parentheses
// (libc.so.6() < libc.so.6(GLIBC_2.3.4)(64bit) < libc.so.6(GLIBC_2.4)).
func compareLibc(a, b string) int {
	va, vb := libcVersion(a), libcVersion(b)
	if va == vb {
		return 0
	}
	if va == "" {
		return -1
	}
	if vb == "" {
		return 1
	}
	return evr.Vercmp(va, vb)
}

func libcVersion(s string) string {
	i := strings.IndexByte(s, '(')
	if i < 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], ')')
	if j < 0 {
		return ""
	}
	v := s[i+1 : i+j]
	k := strings.IndexAny(v, "0123456789")
	if k < 0 {
		return ""
	}
	return v[k:]
}

// changelogs keeps the newest changelogLimit entries, oldest first, trims trailing spaces
// from authors and bumps equal timestamps apart as createrepo_c does.
func changelogs(in []rpm.ChangelogEntry) []repomd.Changelog {
	n := len(in)
	if n > changelogLimit {
		n = changelogLimit
	}
	out := make([]repomd.Changelog, n)
	var lastTime int64
	for i := 0; i < n; i++ {
		c := in[i]
		t := int64(c.Time)
		// Entry i lands at position n-1-i: newest last.
		out[n-1-i] = repomd.Changelog{Author: strings.TrimRight(c.Name, " "), Date: t, Text: c.Text}
		if i > 0 && lastTime == t {
			// The entries written after this one (earlier positions are later in the
			// header, so the ones already placed at higher positions) with the same
			// time move up by one second each.
			tt := t
			for j := n - i; j < n && out[j].Date == tt; j++ {
				out[j].Date++
				tt++
			}
		} else {
			lastTime = t
		}
	}
	return out
}
