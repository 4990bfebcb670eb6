package zchunk

import (
	"bytes"
	"testing"
)

// FuzzDecompress: untrusted bytes never panic, and never allocate beyond what
// the input and the limit justify.
func FuzzDecompress(f *testing.F) {
	doc := syntheticPrimary(20, nil)
	for _, o := range []WriteOptions{{}, {Uncompressed: true}, {Dict: doc[:512]}, {NoCompress: true}} {
		var b bytes.Buffer
		if _, err := Write(&b, Split(doc, SplitOptions{Every: 2}), o); err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes())
	}
	f.Add([]byte(Magic + "\x81\xff\xff\xff\xff\x0f"))
	f.Add([]byte(Magic))
	f.Fuzz(func(t *testing.T, b []byte) {
		var out bytes.Buffer
		Decompress(bytes.NewReader(b), &out, 1<<20)
		if h, err := ParseHeader(b); err == nil {
			NewPlan(h, h, 0)
		}
	})
}
