package distbuild

import (
	"slices"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/distbuild/deb"
	"github.com/nimbus-linux/nimbus/internal/recipe"
)

// TestLdconfigIsAFileTrigger: the package owning ldconfig (libc-bin) carries the
// %transfiletriggerin/%transfiletriggerpostun on the library directories that refresh
// /etc/ld.so.cache once per transaction; a library package carries no ldconfig scriptlet.
func TestLdconfigIsAFileTrigger(t *testing.T) {
	control := func(name string) deb.Stanza {
		return deb.Stanza{{Name: "Package", Value: name}, {Name: "Version", Value: "2.36-9"},
			{Name: "Architecture", Value: "amd64"}, {Name: "Description", Value: "d"}}
	}
	reg := func(p string) deb.Entry {
		return deb.Entry{Path: p, Mode: deb.ModeRegular | 0o755, Uname: "root", Gname: "root", Data: []byte("x")}
	}
	tests := []struct {
		pkg       string
		files     []deb.Entry
		wantKinds []string
	}{
		{"libc-bin", []deb.Entry{reg("/sbin/ldconfig")}, []string{"transfiletriggerin", "transfiletriggerpostun"}},
		{"libfoo1", []deb.Entry{reg("/usr/lib/x86_64-linux-gnu/libfoo.so.1")}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.pkg, func(t *testing.T) {
			r := &recipe.Recipe{Name: tc.pkg, Source: recipe.Source{Debian: &recipe.DebianSource{Package: tc.pkg, Version: "2.36-9"}}}
			outs, err := convertDeb(r, &deb.Package{Control: control(tc.pkg), Files: tc.files})
			if err != nil {
				t.Fatal(err)
			}
			desc := outs[0].Desc
			if _, ok := desc.Scripts["posttrans"]; ok {
				t.Errorf("a posttrans scriptlet: %q", desc.Scripts["posttrans"].Body)
			}
			var kinds []string
			for _, ft := range desc.FileTriggers {
				kinds = append(kinds, ft.Kind)
				if ft.Body != "/usr/sbin/ldconfig" || !slices.Contains(ft.Prefixes, "/usr/lib/") || !slices.Contains(ft.Prefixes, "/usr/lib64/") {
					t.Errorf("%s: body %q, prefixes %q", ft.Kind, ft.Body, ft.Prefixes)
				}
			}
			if !slices.Equal(kinds, tc.wantKinds) {
				t.Errorf("file triggers %q, want %q", kinds, tc.wantKinds)
			}
		})
	}
}
