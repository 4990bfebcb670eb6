package modulemd

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
)

func load(t *testing.T) *Index {
	t.Helper()
	data, err := os.ReadFile("testdata/modules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	idx, err := Parse(bytes.NewReader(data), "m")
	if err != nil {
		t.Fatal(err)
	}
	return idx
}

func TestParse(t *testing.T) {
	idx := load(t)
	if len(idx.Modules) != 3 {
		t.Fatalf("%d modules, want 3", len(idx.Modules))
	}
	m := idx.Modules[0]
	if m.NSVCA() != "nodejs:18:1:abcd1234:noarch" || m.Summary != "Node 18" || m.Repo != "m" {
		t.Errorf("first module %+v", m)
	}
	if got := m.ProfileNames(); !reflect.DeepEqual(got, []string{"default", "minimal"}) {
		t.Errorf("profiles %v", got)
	}
	if !reflect.DeepEqual(m.Artifacts, []string{"nodejs-0:18.0-1.noarch", "npm-0:18.0-1.noarch"}) {
		t.Errorf("artifacts %v", m.Artifacts)
	}
	if idx.DefaultStream("pg") != "15" || idx.DefaultStream("nodejs") != "" {
		t.Errorf("defaults %v", idx.Defaults)
	}
	if got := idx.DefaultProfiles("pg", "15"); !reflect.DeepEqual(got, []string{"server"}) {
		t.Errorf("pg default profiles %v", got)
	}
	if got := idx.Streams("nodejs"); !reflect.DeepEqual(got, []string{"18", "20"}) {
		t.Errorf("streams %v", got)
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{
		"---\ndocument: modulemd\nversion: 2\ndata:\n  stream: x\n",
		"---\ndocument: modulemd\nversion: 2\ndata: [\n",
		"---\ndocument: modulemd-defaults\nversion: 1\ndata:\n  stream: x\n",
	} {
		if _, err := Parse(strings.NewReader(in), "r"); err == nil || !strings.Contains(err.Error(), "modules.yaml document 1") {
			t.Errorf("%q: error %v, want one naming document 1", in, err)
		}
	}
	// other documents are skipped
	idx, err := Parse(strings.NewReader("---\ndocument: modulemd-obsoletes\nversion: 1\ndata: {module: x}\n...\n"), "r")
	if err != nil || len(idx.Modules) != 0 {
		t.Errorf("obsoletes: %v %v", idx, err)
	}
}

func TestFilter(t *testing.T) {
	idx := load(t)
	tests := []struct {
		name   string
		states map[string]State
		hidden []string
		shown  []string
	}{
		{"defaults", nil,
			[]string{"nodejs-0:18.0-1.noarch", "npm-0:20.0-1.noarch", "pg-0:13.0-1.noarch"},
			[]string{"nodejs-0:16.0-1.noarch", "pg-0:15.0-1.noarch", "plain-0:1.0-1.noarch"}},
		{"nodejs 18 enabled", map[string]State{"nodejs": {Name: "nodejs", Stream: "18", State: Enabled}},
			[]string{"nodejs-0:16.0-1.noarch", "nodejs-0:20.0-1.noarch", "npm-0:20.0-1.noarch"},
			[]string{"nodejs-0:18.0-1.noarch", "npm-0:18.0-1.noarch"}},
		{"pg disabled", map[string]State{"pg": {Name: "pg", State: Disabled}},
			[]string{"pg-0:15.0-1.noarch"},
			[]string{"pg-0:13.0-1.noarch"}},
	}
	for _, tt := range tests {
		f := NewFilter(idx, tt.states)
		for _, n := range tt.hidden {
			name, _ := ArtifactName(n)
			if !f.Hidden(name, n) {
				t.Errorf("%s: %s shown, want hidden", tt.name, n)
			}
		}
		for _, n := range tt.shown {
			name, _ := ArtifactName(n)
			if f.Hidden(name, n) {
				t.Errorf("%s: %s hidden, want shown", tt.name, n)
			}
		}
	}
}

func TestState(t *testing.T) {
	s := State{Name: "nodejs", Stream: "18", Profiles: []string{"minimal", "dev"}, State: Enabled}
	got, err := ParseState(s.Format(), "nodejs.module")
	if err != nil || len(got) != 1 || !reflect.DeepEqual(got[0], s) {
		t.Errorf("round trip: %+v %v", got, err)
	}
	if string(State{Name: "pg", State: Disabled}.Format()) != "[pg]\nname=pg\nstream=\nprofiles=\nstate=disabled\n" {
		t.Errorf("format %q", State{Name: "pg", State: Disabled}.Format())
	}
	if _, err := ParseState([]byte("stream=1\n"), "x.module"); err == nil {
		t.Error("key outside a section accepted")
	}
}

func TestNormalizeNEVRA(t *testing.T) {
	for in, want := range map[string]string{"a-1-2.x": "a-0:1-2.x", "a-b-1:1-2.x": "a-b-1:1-2.x", "x": "x"} {
		if got := NormalizeNEVRA(in); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	data, _ := os.ReadFile("testdata/modules.yaml")
	f.Add(data)
	f.Add([]byte("---\ndocument: modulemd\nversion: 2\ndata: {name: a, stream: b, artifacts: {rpms: [a-1-1.x]}}\n"))
	f.Add([]byte("&a [*a]"))
	f.Fuzz(func(t *testing.T, b []byte) {
		idx, err := Parse(bytes.NewReader(b), "r")
		if err != nil {
			return
		}
		NewFilter(idx, map[string]State{"a": {Name: "a", Stream: "b", State: Enabled}})
	})
}

func FuzzParseState(f *testing.F) {
	f.Add([]byte("[a]\nname=a\nstream=1\nprofiles=x,y\nstate=enabled\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ParseState(b, "f")
	})
}
