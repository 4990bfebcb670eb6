package units

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzParse checks that the parser never panics, that Build never panics on what it
// accepts, and that Format/Parse round-trips.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/debian/*")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("[Service]\nExecStart=-@/bin/x \"y z\" \\\n w\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		pf, err := Parse("f.service", bytes.NewReader(b))
		if err != nil {
			return
		}
		_, _ = Build("f.service", pf)
		var out bytes.Buffer
		if err := Format(&out, pf); err != nil {
			t.Fatal(err)
		}
		text := out.String()
		again, err := Parse("f.service", &out)
		if err != nil {
			t.Fatalf("reparse: %v\n%s", err, out.String())
		}
		strip := func(f *File) []Section {
			var s []Section
			for _, sec := range f.Sections {
				c := Section{Name: sec.Name}
				for _, e := range sec.Entries {
					c.Entries = append(c.Entries, Entry{Key: e.Key, Value: e.Value})
				}
				s = append(s, c)
			}
			return s
		}
		if !reflect.DeepEqual(strip(pf), strip(again)) {
			t.Fatalf("round trip differs:\n%+v\n%+v\n%q", strip(pf), strip(again), text)
		}
	})
}

func FuzzSplitWords(f *testing.F) {
	f.Add(`/bin/echo "a b" 'c' d\ e`)
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = SplitWords(s)
		_, _ = ParseCommand(s)
		_, _ = ParseTimespan(s)
	})
}
