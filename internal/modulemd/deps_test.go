package modulemd

import (
	"reflect"
	"testing"
)

// TestActiveWithDependencies: streams required by an active stream become active for
// modules with no state; enabled or disabled modules keep theirs; platform (no
// repository's module) is passed over.
func TestActiveWithDependencies(t *testing.T) {
	idx := &Index{Defaults: map[string]*Defaults{"db": {Module: "db", Stream: "2"}}}
	for _, m := range []*Module{
		{Name: "node", Stream: "18"}, {Name: "node", Stream: "20"},
		{Name: "db", Stream: "1"}, {Name: "db", Stream: "2"},
		{Name: "web", Stream: "1", Requires: map[string][]string{"node": {"20"}, "platform": {"el9"}}},
		{Name: "api", Stream: "1", Requires: map[string][]string{"web": {}, "db": {"-2"}}},
	} {
		idx.Modules = append(idx.Modules, m)
	}
	for _, tc := range []struct {
		name   string
		states map[string]State
		want   map[string]string
	}{
		{"defaults only", nil, map[string]string{"db": "2"}},
		{"enabled web brings node 20", map[string]State{"web": {Name: "web", Stream: "1", State: Enabled}}, map[string]string{"db": "2", "web": "1", "node": "20"}},
		{"node enabled elsewhere stays", map[string]State{"web": {Name: "web", Stream: "1", State: Enabled}, "node": {Name: "node", Stream: "18", State: Enabled}},
			map[string]string{"db": "2", "web": "1", "node": "18"}},
		{"disabled node stays inactive", map[string]State{"web": {Name: "web", Stream: "1", State: Enabled}, "node": {Name: "node", State: Disabled}},
			map[string]string{"db": "2", "web": "1"}},
		{"recursive; the default db is active before api asks", map[string]State{"api": {Name: "api", Stream: "1", State: Enabled}},
			map[string]string{"db": "2", "api": "1", "web": "1", "node": "20"}},
		{"a disabled db is not brought in", map[string]State{"api": {Name: "api", Stream: "1", State: Enabled}, "db": {Name: "db", State: Disabled}},
			map[string]string{"api": "1", "web": "1", "node": "20"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := idx.Active(tc.states); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Active = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestRequiredStream(t *testing.T) {
	idx := &Index{Defaults: map[string]*Defaults{"db": {Module: "db", Stream: "2"}}}
	idx.Modules = []*Module{{Name: "db", Stream: "1"}, {Name: "db", Stream: "2"}, {Name: "db", Stream: "3"}}
	for _, tc := range []struct {
		streams []string
		want    string
	}{
		{nil, "2"},            // any stream: the default
		{[]string{"3"}, "3"},  // the one named
		{[]string{"-2"}, "1"}, // not the default: the first allowed
		{[]string{"9"}, ""},   // none the repositories have
		{[]string{"9", "1"}, "1"},
	} {
		if got := idx.RequiredStream("db", tc.streams); got != tc.want {
			t.Errorf("RequiredStream(%v) = %q, want %q", tc.streams, got, tc.want)
		}
	}
	for _, tc := range []struct {
		streams []string
		s       string
		want    bool
	}{
		{nil, "1", true}, {[]string{"1"}, "1", true}, {[]string{"1"}, "2", false},
		{[]string{"-1"}, "1", false}, {[]string{"-1"}, "2", true}, {nil, "", false},
	} {
		if got := StreamAllowed(tc.streams, tc.s); got != tc.want {
			t.Errorf("StreamAllowed(%v, %q) = %v", tc.streams, tc.s, got)
		}
	}
}
