package rpm

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
)

// memSource serves file contents from a map.
type memSource map[string]string

func (m memSource) Open(f *File) (io.ReadCloser, error) {
	c, ok := m[f.Path]
	if !ok {
		return nil, errors.New("no such file")
	}
	return io.NopCloser(strings.NewReader(c)), nil
}

func sampleInfo() (*Info, memSource) {
	ep := uint32(2)
	info := &Info{
		Name: "sample", Epoch: &ep, Version: "1.0~rc1", Release: "3", Arch: "x86_64",
		Summary: "A sample", Desc: "Line one.\nLine two.", License: "MIT", BuildTime: 1700000000,
		BuildHost: "nimbus", URL: "https://example.org",
		Requires:  []dep.Dep{{Name: "bash", Flags: dep.Greater | dep.Equal, Version: "5.0"}, {Name: "(a or b)"}},
		Provides:  []dep.Dep{{Name: "sample", Flags: dep.Equal, Version: "2:1.0~rc1-3"}},
		Conflicts: []dep.Dep{{Name: "old", Flags: dep.Less, Version: "1"}},
		Scripts:   []Script{{Kind: Post, Interp: []string{"/bin/sh"}, Body: "echo hi"}, {Kind: PreTrans, Interp: []string{"<lua>"}, Body: "print(1)"}},
		FileTriggers: []FileTrigger{
			{Kind: FileTriggerIn, Prefixes: []string{"/usr/share/icons"}, Interp: []string{"/bin/bash"}, Body: "cat", Priority: 5},
			{Kind: TransFileTriggerIn, Prefixes: []string{"/usr/lib64", "/lib64"}, Interp: []string{"/bin/sh"}, Body: "/usr/sbin/ldconfig", Priority: DefaultFileTriggerPriority},
			{Kind: TransFileTriggerPostUn, Prefixes: []string{"/usr/lib64"}, Interp: []string{"/bin/sh"}, Body: "/usr/sbin/ldconfig", Priority: 2000000},
		},
		Changelog: []ChangelogEntry{{Time: 1699990000, Name: "Me <me@example.org> - 1.0-3", Text: "- change"}},
		Files: []File{
			{Path: "/usr/bin/sample", Mode: ModeRegular | 0o755, Size: 5, Mtime: 1700000000},
			{Path: "/etc/sample.conf", Mode: ModeRegular | 0o644, Size: 3, Flags: tag.FileConfig | tag.FileNoReplace, Mtime: 1700000000},
			{Path: "/usr/bin/sample-link", Mode: ModeSymlink | 0o777, LinkTo: "sample", Mtime: 1700000000},
			{Path: "/var/lib/sample", Mode: ModeDir | 0o750, Mtime: 1700000000, User: "daemon", Group: "daemon"},
			{Path: "/usr/bin/pinger", Mode: ModeRegular | 0o755, Size: 4, Caps: "cap_net_raw=ep", Mtime: 1700000000},
			{Path: "/var/lib/sample/state", Mode: ModeRegular | 0o644, Flags: tag.FileGhost, Mtime: 1700000000},
		},
	}
	return info, memSource{"/usr/bin/sample": "#!sh\n", "/etc/sample.conf": "a=b", "/usr/bin/pinger": "ping"}
}

func writeSample(t testing.TB, opts WriteOptions) []byte {
	t.Helper()
	info, src := sampleInfo()
	var buf bytes.Buffer
	if err := Write(&buf, info, src, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWriteReadRoundTrip(t *testing.T) {
	for _, k := range []compress.Kind{compress.Zstd, compress.Xz, compress.Gzip} {
		t.Run(string(k), func(t *testing.T) {
			b := writeSample(t, WriteOptions{Compressor: k})
			p, err := Read(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			got, err := FromHeader(p.Header)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := sampleInfo()
			if got.NEVRA() != "sample-2:1.0~rc1-3.x86_64" {
				t.Errorf("NEVRA = %s", got.NEVRA())
			}
			if got.Desc != want.Desc || got.Summary != want.Summary || got.URL != want.URL || got.BuildTime != want.BuildTime {
				t.Errorf("metadata differs: %+v", got)
			}
			if !reflect.DeepEqual(got.Provides, want.Provides) || !reflect.DeepEqual(got.Conflicts, want.Conflicts) {
				t.Errorf("deps differ: %v %v", got.Provides, got.Conflicts)
			}
			// Requires gained the rpmlib() features the package uses.
			var names []string
			for _, d := range got.Requires {
				names = append(names, d.Name)
			}
			for _, feat := range []string{"rpmlib(RichDependencies)", "rpmlib(FileCaps)", "rpmlib(TildeInVersions)", "rpmlib(BuiltinLuaScripts)", "rpmlib(CompressedFileNames)"} {
				if !strings.Contains(strings.Join(names, " "), feat) {
					t.Errorf("requires lack %s: %v", feat, names)
				}
			}
			if !reflect.DeepEqual(got.FileTriggers, want.FileTriggers) {
				t.Errorf("file triggers differ:\n got %+v\nwant %+v", got.FileTriggers, want.FileTriggers)
			}
			if !reflect.DeepEqual(got.Scripts, []Script{{PreTrans, []string{"<lua>"}, "print(1)"}, {Post, []string{"/bin/sh"}, "echo hi"}}) {
				t.Errorf("scripts = %+v", got.Scripts)
			}
			if len(got.Files) != 6 || got.Files[0].Path != "/etc/sample.conf" {
				t.Fatalf("files not sorted by path: %+v", got.Files)
			}
			byPath := map[string]File{}
			for _, f := range got.Files {
				byPath[f.Path] = f
			}
			if f := byPath["/usr/bin/sample"]; f.Digest != fmt.Sprintf("%x", sha256.Sum256([]byte("#!sh\n"))) {
				t.Errorf("digest = %q", f.Digest)
			}
			if f := byPath["/usr/bin/sample-link"]; f.LinkTo != "sample" || f.Size != 6 {
				t.Errorf("symlink = %+v", f)
			}
			if f := byPath["/var/lib/sample"]; f.User != "daemon" || f.Mode != ModeDir|0o750 {
				t.Errorf("dir = %+v", f)
			}
			if f := byPath["/usr/bin/pinger"]; f.Caps != "cap_net_raw=ep" {
				t.Errorf("caps = %+v", f)
			}
			if got.Size != 5+3+6+4 {
				t.Errorf("size = %d", got.Size)
			}
			rep, err := Verify(bytes.NewReader(b), nil)
			if err != nil || !rep.OK {
				t.Fatalf("verify: %v %+v", err, rep)
			}
			// The payload holds every non-ghost file.
			p, _ = Read(bytes.NewReader(b))
			ar, err := p.OpenPayload()
			if err != nil {
				t.Fatal(err)
			}
			defer ar.Close()
			var entries []string
			for {
				h, err := ar.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				entries = append(entries, h.Name)
			}
			if strings.Join(entries, " ") != "./etc/sample.conf ./usr/bin/pinger ./usr/bin/sample ./usr/bin/sample-link ./var/lib/sample" {
				t.Errorf("payload entries: %v", entries)
			}
		})
	}
}

func TestWriteDeterministic(t *testing.T) {
	a := writeSample(t, WriteOptions{})
	b := writeSample(t, WriteOptions{})
	if !bytes.Equal(a, b) {
		t.Fatal("two writes of the same package differ")
	}
}

func TestWriteRejects(t *testing.T) {
	for name, mut := range map[string]func(*Info, memSource){
		"relative path": func(i *Info, _ memSource) { i.Files[0].Path = "usr/bin/x" },
		"dotdot path":   func(i *Info, _ memSource) { i.Files[0].Path = "/usr/../etc/x" },
		"duplicate":     func(i *Info, _ memSource) { i.Files[1].Path = i.Files[0].Path },
		"size mismatch": func(i *Info, s memSource) { s["/usr/bin/sample"] = "longer than five" },
		"no target":     func(i *Info, _ memSource) { i.Files[2].LinkTo = "" },
		"nul in name":   func(i *Info, _ memSource) { i.Summary = "a\x00b" },
		"bad scriptlet": func(i *Info, _ memSource) { i.Scripts[0].Kind = "verify" },
	} {
		t.Run(name, func(t *testing.T) {
			info, src := sampleInfo()
			mut(info, src)
			if err := Write(io.Discard, info, src, WriteOptions{}); err == nil {
				t.Fatal("no error")
			}
		})
	}
}

func TestVerifyDetectsTampering(t *testing.T) {
	b := writeSample(t, WriteOptions{})
	p, _ := Read(bytes.NewReader(b))
	for name, off := range map[string]int64{"header": p.HeaderOffset + 100, "payload": p.PayloadOffset + 20} {
		bad := append([]byte(nil), b...)
		bad[off] ^= 0xff
		rep, err := Verify(bytes.NewReader(bad), nil)
		if err != nil {
			// A flipped header byte may break the structure itself: also a detection.
			continue
		}
		if rep.OK {
			t.Errorf("%s tampering not detected", name)
		}
	}
}

// TestBadInput feeds malformed files to the reader: every case is an error naming the part
// of the file, never a panic.
func TestBadInput(t *testing.T) {
	good := writeSample(t, WriteOptions{})
	p, _ := Read(bytes.NewReader(good))
	hdr := int(p.HeaderOffset)
	set32 := func(b []byte, off int, v uint32) []byte {
		c := append([]byte(nil), b...)
		binary.BigEndian.PutUint32(c[off:], v)
		return c
	}
	cases := map[string]struct {
		data []byte
		want string
	}{
		"empty":            {nil, "lead"},
		"not rpm":          {[]byte(strings.Repeat("x", 200)), "not an RPM package"},
		"truncated lead":   {good[:50], "lead"},
		"truncated sig":    {good[:120], "signature header"},
		"truncated header": {good[:hdr+30], "header"},
		"bad header magic": {set32(good, hdr, 0xdeadbeef), "bad magic"},
		"absurd il":        {set32(good, hdr+8, 0x7fffffff), "absurd index entry count"},
		"absurd dl":        {set32(good, hdr+12, 0x7fffffff), "absurd data size"},
		"bad type":         {set32(good, hdr+16+16+4, 42), "unknown type"},
		"offset outside":   {set32(good, hdr+16+16+8, 0x00ffffff), "outside data"},
		"absurd count":     {set32(good, hdr+16+16+12, 0x00ffffff), "count"},
		"wrong tag type":   {retype(good, hdr, tag.Name, tag.TypeStringArray), "tag NAME has type STRING_ARRAY, want STRING"},
		"bad region":       {set32(good, hdr+16+12, 8), "region tag HEADERIMMUTABLE has type BIN count 8"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			p, err := Read(bytes.NewReader(tc.data))
			if err == nil {
				_, err = FromHeader(p.Header)
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}

// TestPayloadBomb: a payload that inflates past the size the signature header declares is
// an error, not a silent truncation.
func TestPayloadBomb(t *testing.T) {
	info, src := sampleInfo()
	in := *info
	in.Files = append([]File(nil), info.Files...)
	if err := prepareFiles(in.Files); err != nil {
		t.Fatal(err)
	}
	in.PayloadCompressor = "zstd"
	pl, err := writePayload(in.Files, src, WriteOptions{Compressor: compress.Zstd, Level: 3})
	if err != nil {
		t.Fatal(err)
	}
	hdr, err := mainHeader(&in, pl)
	if err != nil {
		t.Fatal(err)
	}
	pl.rawSize = 100 // lie: the archive is larger
	sig, err := signatureHeader(hdr, pl, nil)
	if err != nil {
		t.Fatal(err)
	}
	file := appendLead(nil, "sample-1-1", "x86_64", false)
	file = append(file, sig...)
	file = append(file, make([]byte, (8-len(sig)%8)%8)...)
	file = append(append(file, hdr...), pl.compressed...)
	p, err := Read(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	ar, err := p.OpenPayload()
	if err != nil {
		t.Fatal(err)
	}
	defer ar.Close()
	for {
		_, err = ar.Next()
		if err != nil {
			break
		}
		if _, err = io.Copy(io.Discard, ar); err != nil {
			break
		}
	}
	if err == io.EOF || !errors.Is(err, compress.ErrLimitExceeded) {
		t.Fatalf("err = %v, want the decompression limit", err)
	}
}

func TestHeaderBuilderRoundTrip(t *testing.T) {
	b := NewHeaderBuilder()
	b.String(tag.Name, "x")
	b.Int16(tag.Filemodes, 1, 2, 3)
	b.Int32(tag.Filesizes, 7, 8, 9)
	b.Int64(tag.Longsize, 1<<40)
	b.Strings(tag.Basenames, []string{"a", "", "c"})
	b.Bin(tag.Sigmd5, []byte{1, 2, 3})
	b.I18NString(tag.Summary, "sum")
	raw, err := b.Marshal(tag.Headerimmutable)
	if err != nil {
		t.Fatal(err)
	}
	h, err := ParseHeaderBlob(raw[8:])
	if err != nil {
		t.Fatal(err)
	}
	if h.String(tag.Name) != "x" || h.String(tag.Summary) != "sum" ||
		!reflect.DeepEqual(h.Ints(tag.Filemodes), []int64{1, 2, 3}) ||
		!reflect.DeepEqual(h.Ints(tag.Filesizes), []int64{7, 8, 9}) ||
		!reflect.DeepEqual(h.Ints(tag.Longsize), []int64{1 << 40}) ||
		!reflect.DeepEqual(h.Strings(tag.Basenames), []string{"a", "", "c"}) ||
		!bytes.Equal(h.Bin(tag.Sigmd5), []byte{1, 2, 3}) {
		t.Errorf("round trip lost data: %v", h.Tags())
	}
	if h.region != tag.Headerimmutable {
		t.Errorf("region = %d", h.region)
	}
	if !bytes.Equal(h.Bytes(), raw) {
		t.Error("Bytes() differs from the marshalled header")
	}
}

// retype changes the type of tag t in the header at off (keeping a valid structure: a
// one-element STRING_ARRAY occupies the same bytes as a STRING).
func retype(b []byte, off int, t tag.Tag, typ tag.Type) []byte {
	c := append([]byte(nil), b...)
	il := int(binary.BigEndian.Uint32(c[off+8:]))
	for i := 0; i < il; i++ {
		e := c[off+16+16*i:]
		if tag.Tag(binary.BigEndian.Uint32(e)) == t {
			binary.BigEndian.PutUint32(e[4:], uint32(typ))
		}
	}
	return c
}

// TestFileTriggerHeaders: file trigger arrays that disagree are refused, naming what is
// wrong; a well-formed set reads back per kind with its prefixes.
func TestFileTriggerHeaders(t *testing.T) {
	tests := []struct {
		name    string
		build   func(b *HeaderBuilder)
		want    []FileTrigger
		wantErr string
	}{
		{"two prefixes of one script", func(b *HeaderBuilder) {
			b.Strings(tag.Transfiletriggerscripts, []string{"ldconfig"})
			b.Strings(tag.Transfiletriggerscriptprog, []string{"/bin/sh"})
			b.Strings(tag.Transfiletriggername, []string{"/lib64", "/usr/lib64"})
			b.Int32(tag.Transfiletriggerindex, 0, 0)
			b.Int32(tag.Transfiletriggerflags, uint32(dep.Triggerin), uint32(dep.Triggerin))
			b.Int32(tag.Transfiletriggerpriorities, 1000000)
		}, []FileTrigger{{Kind: TransFileTriggerIn, Prefixes: []string{"/lib64", "/usr/lib64"}, Interp: []string{"/bin/sh"}, Body: "ldconfig", Priority: 1000000}}, ""},
		{"index out of range", func(b *HeaderBuilder) {
			b.Strings(tag.Filetriggerscripts, []string{"x"})
			b.Strings(tag.Filetriggername, []string{"/a"})
			b.Int32(tag.Filetriggerindex, 3)
			b.Int32(tag.Filetriggerflags, uint32(dep.Triggerin))
		}, nil, "names script 3 of 1"},
		{"no kind", func(b *HeaderBuilder) {
			b.Strings(tag.Filetriggerscripts, []string{"x"})
			b.Strings(tag.Filetriggername, []string{"/a"})
			b.Int32(tag.Filetriggerindex, 0)
			b.Int32(tag.Filetriggerflags, 0)
		}, nil, "name no trigger kind"},
		{"arrays disagree", func(b *HeaderBuilder) {
			b.Strings(tag.Filetriggerscripts, []string{"x"})
			b.Strings(tag.Filetriggername, []string{"/a", "/b"})
			b.Int32(tag.Filetriggerindex, 0)
			b.Int32(tag.Filetriggerflags, uint32(dep.Triggerin))
		}, nil, "file trigger arrays disagree"},
		{"script without prefix", func(b *HeaderBuilder) {
			b.Strings(tag.Filetriggerscripts, []string{"x", "y"})
			b.Strings(tag.Filetriggername, []string{"/a"})
			b.Int32(tag.Filetriggerindex, 0)
			b.Int32(tag.Filetriggerflags, uint32(dep.Triggerin))
		}, nil, "script 1 has no prefix"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := NewHeaderBuilder()
			tc.build(b)
			blob, err := b.Marshal(tag.Headerimmutable)
			if err != nil {
				t.Fatal(err)
			}
			h, err := ParseHeaderBlob(blob[8:])
			if err != nil {
				t.Fatal(err)
			}
			got, err := readFileTriggers(h)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want one saying %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}

// TestFileTriggerMatches: prefixes match a file's directory (with its slash), as rpm 4.18
// matches them (TestFileTriggersLikeRPM in internal/txn checks the same against the real
// rpm).
func TestFileTriggerMatches(t *testing.T) {
	tests := []struct {
		prefix, path string
		want         bool
	}{
		{"/usr/lib64", "/usr/lib64/libc.so.6", true},
		{"/usr/lib64/", "/usr/lib64/libc.so.6", true},
		{"/usr/lib6", "/usr/lib64/libc.so.6", true},
		{"/usr/lib64/lib", "/usr/lib64/libc.so.6", false},
		{"/usr/lib64", "/usr/lib64", false}, // the directory entry lives in /usr/
		{"/usr/lib64/su", "/usr/lib64/sub/x", true},
		{"/lib64", "/usr/lib64/x", false},
		{"/usr/lib64", "relative", false},
	}
	for _, tc := range tests {
		if got := (FileTrigger{Prefixes: []string{tc.prefix}}).Matches(tc.path); got != tc.want {
			t.Errorf("prefix %q, path %q: %v, want %v", tc.prefix, tc.path, got, tc.want)
		}
	}
}
