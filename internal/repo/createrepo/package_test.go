package createrepo

import (
	"reflect"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/rpm"
)

// TestRequiresFilter checks createrepo_c's Requires rules one by one.
func TestRequiresFilter(t *testing.T) {
	files := map[string]bool{"/usr/bin/self": true, "/usr/share/self/data": true}
	provided := map[string]bool{"self-api": true}
	cases := []struct {
		name string
		in   []dep.Dep
		want []repomd.Dep
	}{
		{"rpmlib dropped", []dep.Dep{{Name: "rpmlib(PayloadIsZstd)", Flags: dep.Rpmlib | dep.Less | dep.Equal, Version: "5.4.18-1"}}, nil},
		{"own primary file dropped, other own file kept",
			[]dep.Dep{{Name: "/usr/bin/self"}, {Name: "/usr/share/self/data"}},
			[]repomd.Dep{{Name: "/usr/share/self/data"}}},
		{"own provide dropped", []dep.Dep{{Name: "self-api", Flags: dep.Greater | dep.Equal, Version: "1"}}, nil},
		{"pre for pre, post and prereq, not for preun",
			[]dep.Dep{{Name: "a", Flags: dep.ScriptPre}, {Name: "b", Flags: dep.ScriptPost | dep.Interp}, {Name: "c", Flags: dep.Prereq}, {Name: "d", Flags: dep.ScriptPreun}},
			[]repomd.Dep{{Name: "a", Pre: true}, {Name: "b", Pre: true}, {Name: "c", Pre: true}, {Name: "d"}}},
		{"repeat of the previous same-name entry dropped, others kept",
			[]dep.Dep{{Name: "/bin/sh"}, {Name: "/bin/sh"}, {Name: "/bin/sh", Flags: dep.ScriptPost}, {Name: "/bin/sh"}},
			[]repomd.Dep{{Name: "/bin/sh"}, {Name: "/bin/sh", Pre: true}, {Name: "/bin/sh"}}},
		{"versions split like cr_str_to_evr",
			[]dep.Dep{{Name: "x", Flags: dep.Greater | dep.Equal, Version: "2:1.0-3.el9"}, {Name: "y", Flags: dep.Less, Version: "1.0"}},
			[]repomd.Dep{{Name: "x", Flags: "GE", Epoch: "2", Version: "1.0", Release: "3.el9"}, {Name: "y", Flags: "LT", Epoch: "0", Version: "1.0"}}},
		{"highest libc.so.6 only, last",
			[]dep.Dep{{Name: "libc.so.6()(64bit)"}, {Name: "libc.so.6(GLIBC_2.34)(64bit)"}, {Name: "z"}, {Name: "libc.so.6(GLIBC_2.4)(64bit)"}},
			[]repomd.Dep{{Name: "z"}, {Name: "libc.so.6(GLIBC_2.34)(64bit)"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := requires(c.in, files, provided)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
		})
	}
}

func TestChangelogs(t *testing.T) {
	var in []rpm.ChangelogEntry
	// rpm stores the newest first; two entries share a timestamp.
	for i, ts := range []uint32{500, 400, 400, 300, 200, 190, 180, 170, 160, 150, 140, 130} {
		in = append(in, rpm.ChangelogEntry{Time: ts, Name: "A <a@b> - " + string(rune('a'+i)) + "  ", Text: "- change"})
	}
	got := changelogs(in)
	if len(got) != changelogLimit {
		t.Fatalf("%d entries, want %d", len(got), changelogLimit)
	}
	// Oldest first: the tenth-newest (150) leads, the newest (500) ends.
	if got[0].Date != 150 || got[9].Date != 500 || got[9].Author != "A <a@b> - a" {
		t.Errorf("order: first %+v last %+v", got[0], got[9])
	}
	// The second 400 (older, header index 2) is written before the first; createrepo_c
	// bumps the earlier-processed (newer) one to 401.
	if got[7].Date != 400 || got[8].Date != 401 {
		t.Errorf("equal timestamps: %d %d, want 400 401", got[7].Date, got[8].Date)
	}
}

func TestIsPrimaryFile(t *testing.T) {
	for p, want := range map[string]bool{"/etc/x": true, "/usr/bin/x": true, "/opt/sbin/y": true, "/usr/lib/sendmail": true, "/usr/share/x": false, "/etc": false, "/usr/lib/bin": false} {
		if repomd.IsPrimaryFile(p) != want {
			t.Errorf("IsPrimaryFile(%q) != %v", p, want)
		}
	}
}
