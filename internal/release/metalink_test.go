package release

import (
	"strings"
	"testing"
)

func TestMetalink(t *testing.T) {
	repomd := []byte("<repomd>a</repomd>\n")
	m := NewMetalink(repomd, 1764000000, []string{"http://a.invalid/r/2026.9.20260901/x86_64", "https://b.invalid/x/2026.9.20260901/x86_64/"})
	data := m.Marshal()
	got, err := ParseMetalink(data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if len(got.Mirrors) != 2 || got.Mirrors[0] != "http://a.invalid/r/2026.9.20260901/x86_64/" || got.Size != int64(len(repomd)) || got.Timestamp != 1764000000 {
		t.Errorf("round trip: %+v", got)
	}
	if err := got.Check(repomd); err != nil {
		t.Error(err)
	}
	if err := got.Check([]byte("<repomd>b</repomd>\n")); err == nil || !strings.Contains(err.Error(), "the metalink says") {
		t.Errorf("a different repomd of the same size: %v", err)
	}
	if err := got.Check(repomd[1:]); err == nil || !strings.Contains(err.Error(), "bytes") {
		t.Errorf("a shorter repomd: %v", err)
	}
	if string(m.Mirrorlist()) != "http://a.invalid/r/2026.9.20260901/x86_64/\nhttps://b.invalid/x/2026.9.20260901/x86_64/\n" {
		t.Errorf("mirrorlist %q", m.Mirrorlist())
	}
	for name, c := range map[string]struct{ in, want string }{
		"no sha256":  {`<metalink><files><file name="repomd.xml"><size>1</size><verification><hash type="md5">d41d8cd98f00b204e9800998ecf8427e</hash></verification><resources><url>http://a/repodata/repomd.xml</url></resources></file></files></metalink>`, "no sha256 or sha512"},
		"bad size":   {`<metalink><files><file name="repomd.xml"><size>x</size></file></files></metalink>`, "size"},
		"bad hash":   {`<metalink><files><file name="repomd.xml"><size>1</size><verification><hash type="sha256">zz</hash></verification></file></files></metalink>`, "hex digits"},
		"no mirror":  {`<metalink><files><file name="repomd.xml"><size>1</size><verification><hash type="sha256">` + strings.Repeat("a", 64) + `</hash></verification></file></files></metalink>`, "no http(s) mirror"},
		"bad url":    {`<metalink><files><file name="repomd.xml"><size>1</size><verification><hash type="sha256">` + strings.Repeat("a", 64) + `</hash></verification><resources><url>http://a/x</url></resources></file></files></metalink>`, "does not end in repodata/repomd.xml"},
		"not repomd": {`<metalink><files><file name="x"/></files></metalink>`, "no entry for repomd.xml"},
		"not xml":    {`{`, "metalink:"},
	} {
		if _, err := ParseMetalink([]byte(c.in)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
}
