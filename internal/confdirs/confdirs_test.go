package confdirs

import (
	"reflect"
	"testing"
	"testing/fstest"
)

func TestListAndNamed(t *testing.T) {
	fsys := fstest.MapFS{
		"etc/x.d/b.conf":     {Data: []byte("etc b")},
		"usr/lib/x.d/b.conf": {Data: []byte("usr b (masked by etc)")},
		"usr/lib/x.d/a.conf": {Data: []byte("a")},
		"usr/lib/x.d/c.txt":  {Data: []byte("not a .conf")},
	}
	dirs := []string{"etc/x.d", "run/x.d", "usr/lib/x.d"}
	got := List(fsys, dirs, []string{"a.conf", "legacy.conf"}, "builtin:")
	want := []string{"usr/lib/x.d/a.conf", "etc/x.d/b.conf", "builtin:legacy.conf"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("List = %q, want %q", got, want)
	}
	paths, errs := Named(fsys, dirs, []string{"b.conf", "/usr/lib/x.d/a.conf", "missing.conf"})
	if want := []string{"etc/x.d/b.conf", "usr/lib/x.d/a.conf"}; !reflect.DeepEqual(paths, want) {
		t.Errorf("Named = %q, want %q", paths, want)
	}
	if len(errs) != 1 {
		t.Errorf("Named errors = %v, want one for missing.conf", errs)
	}
}
