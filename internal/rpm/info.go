package rpm

import (
	"fmt"
	"path"
	"strconv"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/lazy"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
)

// Info is the metadata of a package: everything rpm and dnf read from its header. It is the
// model both the reader (FromHeader) and the writer (Write) use.
type Info struct {
	Name     string  `json:"name"`
	Epoch    *uint32 `json:"epoch"` // nil when the package has no epoch
	Version  string  `json:"version"`
	Release  string  `json:"release"`
	Arch     string  `json:"arch"`
	OS       string  `json:"os"`
	Summary  string  `json:"summary"`
	Desc     string  `json:"description"`
	License  string  `json:"license"`
	URL      string  `json:"url,omitempty"`
	Vendor   string  `json:"vendor,omitempty"`
	Packager string  `json:"packager,omitempty"`
	Group    string  `json:"group,omitempty"`
	// BuildTime is seconds since the epoch (RPMTAG_BUILDTIME).
	BuildTime uint32 `json:"buildtime"`
	BuildHost string `json:"buildhost,omitempty"`
	SourceRPM string `json:"sourcerpm,omitempty"`
	// Size is the installed size: the sum of the file sizes (RPMTAG_SIZE / LONGSIZE).
	Size int64 `json:"size"`

	Requires    []dep.Dep `json:"requires"`
	Provides    []dep.Dep `json:"provides"`
	Conflicts   []dep.Dep `json:"conflicts"`
	Obsoletes   []dep.Dep `json:"obsoletes"`
	Recommends  []dep.Dep `json:"recommends"`
	Suggests    []dep.Dep `json:"suggests"`
	Supplements []dep.Dep `json:"supplements"`
	Enhances    []dep.Dep `json:"enhances"`

	Scripts []Script `json:"scripts,omitempty"`
	// FileTriggers are the package's %filetrigger* and %transfiletrigger* scriptlets.
	FileTriggers []FileTrigger `json:"filetriggers,omitempty"`
	// Triggers are the package's classic %trigger* scriptlets.
	Triggers  []Trigger        `json:"triggers,omitempty"`
	Changelog []ChangelogEntry `json:"changelog,omitempty"`
	Files     []File           `json:"files"`

	PayloadCompressor string `json:"payloadcompressor,omitempty"`
	PayloadFlags      string `json:"payloadflags,omitempty"`
}

// ScriptKind names a scriptlet slot.
type ScriptKind string

// The scriptlets rpm runs, in the order of an install.
const (
	PreTrans  ScriptKind = "pretrans"
	Pre       ScriptKind = "pre"
	Post      ScriptKind = "post"
	PreUn     ScriptKind = "preun"
	PostUn    ScriptKind = "postun"
	PostTrans ScriptKind = "posttrans"
)

// ScriptKinds lists the supported scriptlets in rpm's execution order.
var ScriptKinds = []ScriptKind{PreTrans, Pre, Post, PreUn, PostUn, PostTrans}

// scriptTags maps a scriptlet to its body tag, interpreter tag and the Requires sense flag
// rpmbuild gives its interpreter.
var scriptTags = lazy.Value[map[ScriptKind]scriptTag]{New: func() map[ScriptKind]scriptTag {
	return map[ScriptKind]scriptTag{
		PreTrans:  {tag.Pretrans, tag.Pretransprog, dep.Pretrans},
		Pre:       {tag.Prein, tag.Preinprog, dep.ScriptPre},
		Post:      {tag.Postin, tag.Postinprog, dep.ScriptPost},
		PreUn:     {tag.Preun, tag.Preunprog, dep.ScriptPreun},
		PostUn:    {tag.Postun, tag.Postunprog, dep.ScriptPostun},
		PostTrans: {tag.Posttrans, tag.Posttransprog, dep.Posttrans},
	}
}}

type scriptTag struct {
	body, prog tag.Tag
	sense      dep.Flags
}

// Script is one scriptlet: its body and interpreter (program plus arguments; "<lua>" for
// rpm's built-in Lua).
type Script struct {
	Kind   ScriptKind `json:"kind"`
	Interp []string   `json:"interpreter"`
	Body   string     `json:"body"`
}

// ChangelogEntry is one %changelog entry.
type ChangelogEntry struct {
	Time uint32 `json:"time"`
	Name string `json:"name"`
	Text string `json:"text"`
}

// FileFlags are rpm's per-file attributes (%config, %doc, ...), RPMFILE_* bits.
type FileFlags uint32

// String lists the flags the way a %files section spells them.
func (f FileFlags) String() string {
	s := ""
	add := func(bit FileFlags, name string) {
		if f&bit != 0 {
			if s != "" {
				s += ","
			}
			s += name
		}
	}
	add(tag.FileConfig, "config")
	add(tag.FileNoReplace, "noreplace")
	add(tag.FileMissingOK, "missingok")
	add(tag.FileDoc, "doc")
	add(tag.FileLicense, "license")
	add(tag.FileGhost, "ghost")
	add(tag.FileReadme, "readme")
	add(tag.FileArtifact, "artifact")
	return s
}

// File is one entry of a package's file list.
type File struct {
	Path   string    `json:"path"`
	Mode   uint32    `json:"mode"` // st_mode: type and permission bits
	Size   int64     `json:"size"`
	Digest string    `json:"digest,omitempty"` // hex SHA-256 of a regular file's content
	Flags  FileFlags `json:"flags"`
	User   string    `json:"user"`
	Group  string    `json:"group"`
	Mtime  uint32    `json:"mtime"`
	LinkTo string    `json:"linkto,omitempty"`
	Inode  uint32    `json:"inode"`
	Device uint32    `json:"device"`
	Rdev   uint32    `json:"rdev,omitempty"`
	Caps   string    `json:"caps,omitempty"`
	Lang   string    `json:"lang,omitempty"`
	// VerifyFlags say which attributes rpm -V checks (RPMVERIFY_*; all bits by default).
	VerifyFlags uint32 `json:"verifyflags"`
}

// File type bits of st_mode.
const (
	ModeType    = 0o170000
	ModeRegular = 0o100000
	ModeDir     = 0o040000
	ModeSymlink = 0o120000
	ModeChar    = 0o020000
	ModeBlock   = 0o060000
	ModeFIFO    = 0o010000
	ModeSocket  = 0o140000
)

// IsDir, IsRegular and IsSymlink classify a file by its mode.
func (f *File) IsDir() bool     { return f.Mode&ModeType == ModeDir }
func (f *File) IsRegular() bool { return f.Mode&ModeType == ModeRegular }
func (f *File) IsSymlink() bool { return f.Mode&ModeType == ModeSymlink }

// IsGhost reports a %ghost file: listed in the header, absent from the payload.
func (f *File) IsGhost() bool { return f.Flags&tag.FileGhost != 0 }

// NEVRA returns name-[epoch:]version-release.arch, as dnf prints packages.
func (i *Info) NEVRA() string {
	return i.Name + "-" + i.EVR() + "." + i.Arch
}

// EVR returns [epoch:]version-release.
func (i *Info) EVR() string {
	s := i.Version + "-" + i.Release
	if i.Epoch != nil {
		s = strconv.FormatUint(uint64(*i.Epoch), 10) + ":" + s
	}
	return s
}

// Deps returns the dependency list of one kind.
func (i *Info) Deps(k dep.Kind) *[]dep.Dep {
	switch k {
	case dep.Requires:
		return &i.Requires
	case dep.Provides:
		return &i.Provides
	case dep.Conflicts:
		return &i.Conflicts
	case dep.Obsoletes:
		return &i.Obsoletes
	case dep.Recommends:
		return &i.Recommends
	case dep.Suggests:
		return &i.Suggests
	case dep.Supplements:
		return &i.Supplements
	case dep.Enhances:
		return &i.Enhances
	}
	return nil
}

// depTags are the name, flags and version tags of each dependency kind.
var depTags = []struct {
	kind                 dep.Kind
	name, flags, version tag.Tag
}{
	{dep.Provides, tag.Providename, tag.Provideflags, tag.Provideversion},
	{dep.Requires, tag.Requirename, tag.Requireflags, tag.Requireversion},
	{dep.Conflicts, tag.Conflictname, tag.Conflictflags, tag.Conflictversion},
	{dep.Obsoletes, tag.Obsoletename, tag.Obsoleteflags, tag.Obsoleteversion},
	{dep.Recommends, tag.Recommendname, tag.Recommendflags, tag.Recommendversion},
	{dep.Suggests, tag.Suggestname, tag.Suggestflags, tag.Suggestversion},
	{dep.Supplements, tag.Supplementname, tag.Supplementflags, tag.Supplementversion},
	{dep.Enhances, tag.Enhancename, tag.Enhanceflags, tag.Enhanceversion},
}

// FromHeader decodes a main header into an Info. Tags of the wrong type and inconsistent
// array lengths are errors.
func FromHeader(h *Header) (*Info, error) {
	if err := checkTypes(h); err != nil {
		return nil, err
	}
	i := &Info{
		Name:              h.String(tag.Name),
		Version:           h.String(tag.Version),
		Release:           h.String(tag.Release),
		Arch:              h.String(tag.Arch),
		OS:                h.String(tag.Os),
		Summary:           h.String(tag.Summary),
		Desc:              h.String(tag.Description),
		License:           h.String(tag.License),
		URL:               h.String(tag.Url),
		Vendor:            h.String(tag.Vendor),
		Packager:          h.String(tag.Packager),
		Group:             h.String(tag.Group),
		BuildHost:         h.String(tag.Buildhost),
		SourceRPM:         h.String(tag.Sourcerpm),
		PayloadCompressor: h.String(tag.Payloadcompressor),
		PayloadFlags:      h.String(tag.Payloadflags),
	}
	if i.Name == "" {
		return nil, fmt.Errorf("header has no name")
	}
	if e, ok := h.Int(tag.Epoch); ok {
		ep := uint32(e)
		i.Epoch = &ep
	}
	if t, ok := h.Int(tag.Buildtime); ok {
		i.BuildTime = uint32(t)
	}
	if s, ok := h.Int(tag.Longsize); ok {
		i.Size = s
	} else if s, ok := h.Int(tag.Size); ok {
		i.Size = s
	}
	for _, dt := range depTags {
		ds, err := readDeps(h, dt.name, dt.flags, dt.version)
		if err != nil {
			return nil, err
		}
		*i.Deps(dt.kind) = ds
	}
	for _, k := range ScriptKinds {
		st := scriptTags.Get()[k]
		if !h.Has(st.body) && !h.Has(st.prog) {
			continue
		}
		i.Scripts = append(i.Scripts, Script{Kind: k, Body: h.String(st.body), Interp: h.Strings(st.prog)})
	}
	fts, err := readFileTriggers(h)
	if err != nil {
		return nil, err
	}
	i.FileTriggers = fts
	if i.Triggers, err = readTriggers(h); err != nil {
		return nil, err
	}
	ct, cn, cx := h.Ints(tag.Changelogtime), h.Strings(tag.Changelogname), h.Strings(tag.Changelogtext)
	if len(ct) != len(cn) || len(ct) != len(cx) {
		return nil, fmt.Errorf("changelog arrays disagree: %d times, %d names, %d texts", len(ct), len(cn), len(cx))
	}
	for k := range ct {
		i.Changelog = append(i.Changelog, ChangelogEntry{uint32(ct[k]), cn[k], cx[k]})
	}
	files, err := readFiles(h)
	if err != nil {
		return nil, err
	}
	i.Files = files
	return i, nil
}

func readDeps(h *Header, nt, ft, vt tag.Tag) ([]dep.Dep, error) {
	names := h.Strings(nt)
	if len(names) == 0 {
		return nil, nil
	}
	flags, vers := h.Ints(ft), h.Strings(vt)
	if flags != nil && len(flags) != len(names) || vers != nil && len(vers) != len(names) {
		return nil, fmt.Errorf("tag %v: %d names but %d flags and %d versions", nt, len(names), len(flags), len(vers))
	}
	ds := make([]dep.Dep, len(names))
	for k, n := range names {
		ds[k].Name = n
		if flags != nil {
			ds[k].Flags = dep.Flags(flags[k])
		}
		if vers != nil {
			ds[k].Version = vers[k]
		}
	}
	return ds, nil
}

// readFiles decodes the compressed file list (dirnames/basenames/dirindexes) and the
// per-file arrays; old-style OLDFILENAMES lists are accepted too.
func readFiles(h *Header) ([]File, error) {
	var paths []string
	if base := h.Strings(tag.Basenames); base != nil {
		dirs := h.Strings(tag.Dirnames)
		idx := h.Ints(tag.Dirindexes)
		if len(idx) != len(base) {
			return nil, fmt.Errorf("file list: %d basenames but %d dir indexes", len(base), len(idx))
		}
		paths = make([]string, len(base))
		for k, b := range base {
			if idx[k] < 0 || idx[k] >= int64(len(dirs)) {
				return nil, fmt.Errorf("file list: dir index %d of %q out of range (%d dirs)", idx[k], b, len(dirs))
			}
			paths[k] = dirs[idx[k]] + b
		}
	} else {
		paths = h.Strings(tag.Oldfilenames)
	}
	n := len(paths)
	if n == 0 {
		return nil, nil
	}
	ints := func(t tag.Tag) ([]int64, error) {
		v := h.Ints(t)
		if v != nil && len(v) != n {
			return nil, fmt.Errorf("file list: tag %v has %d values for %d files", t, len(v), n)
		}
		return v, nil
	}
	strs := func(t tag.Tag) ([]string, error) {
		v := h.Strings(t)
		if v != nil && len(v) != n {
			return nil, fmt.Errorf("file list: tag %v has %d values for %d files", t, len(v), n)
		}
		return v, nil
	}
	var err error
	get := func(t tag.Tag) []int64 {
		v, e := ints(t)
		if e != nil && err == nil {
			err = e
		}
		return v
	}
	gets := func(t tag.Tag) []string {
		v, e := strs(t)
		if e != nil && err == nil {
			err = e
		}
		return v
	}
	sizes := get(tag.Longfilesizes)
	if sizes == nil {
		sizes = get(tag.Filesizes)
	}
	modes, rdevs, mtimes, flags := get(tag.Filemodes), get(tag.Filerdevs), get(tag.Filemtimes), get(tag.Fileflags)
	inodes, devs, verify := get(tag.Fileinodes), get(tag.Filedevices), get(tag.Fileverifyflags)
	digests, links, users, groups := gets(tag.Filedigests), gets(tag.Filelinktos), gets(tag.Fileusername), gets(tag.Filegroupname)
	caps, langs := gets(tag.Filecaps), gets(tag.Filelangs)
	if err != nil {
		return nil, err
	}
	at := func(v []int64, k int) int64 {
		if v == nil {
			return 0
		}
		return v[k]
	}
	ats := func(v []string, k int) string {
		if v == nil {
			return ""
		}
		return v[k]
	}
	files := make([]File, n)
	for k, p := range paths {
		files[k] = File{
			Path:        p,
			Mode:        uint32(at(modes, k)),
			Size:        at(sizes, k),
			Digest:      ats(digests, k),
			Flags:       FileFlags(at(flags, k)),
			User:        ats(users, k),
			Group:       ats(groups, k),
			Mtime:       uint32(at(mtimes, k)),
			LinkTo:      ats(links, k),
			Inode:       uint32(at(inodes, k)),
			Device:      uint32(at(devs, k)),
			Rdev:        uint32(at(rdevs, k)),
			Caps:        ats(caps, k),
			Lang:        ats(langs, k),
			VerifyFlags: uint32(at(verify, k)),
		}
		if verify == nil {
			files[k].VerifyFlags = 0xffffffff
		}
	}
	return files, nil
}

// splitPath splits /a/b/c into "/a/b/" and "c" as rpm's compressed file list stores it.
func splitPath(p string) (dir, base string) {
	dir, base = path.Split(p)
	return dir, base
}
