package pkgdesc

import (
	"testing"
	"time"
)

// FuzzParse: descriptions come from recipe authors and pull requests; no input may panic
// the parser, the validator or the file collection.
func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte("name: a\nversion: '1'\nrelease: '1'\narch: noarch\nsummary: s\nlicense: MIT\nfiles:\n  - path: /a\n    content: x\n"))
	f.Add([]byte("files: [{path: /a, symlink: b, dir: true}]\nscripts: {post: {interpreter: [], body: ''}}"))
	f.Add([]byte("{{{"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse("fuzz.yaml", data)
		if err != nil {
			return
		}
		_, _, _ = p.Build(testFS(), Options{BuildTime: time.Unix(1, 0)})
	})
}
