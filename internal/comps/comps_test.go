package comps

import (
	"os"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	f, err := os.Open("testdata/comps.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, err := Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	core := c.Group("core")
	if core == nil || core.Name != "Core" || core.Description != "Smallest possible installation" || !core.UserVisible || !core.Default {
		t.Fatalf("core = %+v", core)
	}
	var got []string
	for _, p := range core.Packages {
		got = append(got, p.Name+":"+map[PkgType]string{Mandatory: "m", Default: "d", Optional: "o", Conditional: "c"}[p.Type]+":"+p.Requires)
	}
	if s := strings.Join(got, " "); s != "ga:m: gb:d: gc:o: gd:c:ga" {
		t.Errorf("core packages %s", s)
	}
	if h := c.Group("hidden-grp"); h == nil || h.UserVisible {
		t.Errorf("hidden-grp = %+v", h)
	}
	e := c.Environment("server-env")
	if e == nil || e.Name != "Server" || e.DisplayOrder != 1 || strings.Join(e.Groups, ",") != "core" || strings.Join(e.Options, ",") != "hidden-grp" {
		t.Errorf("server-env = %+v", e)
	}
}

func TestParseBad(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "no <comps> element"},
		{"<other/>", "want <comps>"},
		{"<comps><group><id>x</id>", "comps: <group>"},
		{"<comps><group><id>x</id></grp></comps>", "comps"},
	} {
		_, err := Parse(strings.NewReader(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) = %v, want %q", tc.in, err, tc.want)
		}
	}
}

func TestPatterns(t *testing.T) {
	c := &Comps{Groups: []*Group{{ID: "core", Name: "Core", DisplayOrder: 5}, {ID: "web-server", Name: "Web Server", DisplayOrder: 1}, {ID: "Core", Name: "Upper", DisplayOrder: 9}}}
	for _, tc := range []struct{ pat, want string }{
		{"core", "core"},       // exact id wins over the case-insensitive glob
		{"CORE", "core Core"},  // case-insensitive
		{"web*", "web-server"}, // glob on the id
		{"Web Server", "web-server"},
		{"*e*", "web-server core Core"}, // by display order
		{"nothing", ""},
	} {
		var ids []string
		for _, g := range c.GroupsByPattern(tc.pat) {
			ids = append(ids, g.ID)
		}
		if s := strings.Join(ids, " "); s != tc.want {
			t.Errorf("GroupsByPattern(%q) = %q, want %q", tc.pat, s, tc.want)
		}
	}
}

func TestParseTypes(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want PkgType
		err  bool
	}{
		{[]string{"mandatory, default,conditional"}, DefaultTypes, false},
		{[]string{"mandatory", "optional"}, Mandatory | Optional, false},
		{[]string{"bogus"}, 0, true},
	} {
		got, err := ParseTypes(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("ParseTypes(%q) = %v, %v", tc.in, got, err)
		}
	}
}

func TestMerge(t *testing.T) {
	a := &Comps{Groups: []*Group{{ID: "g", Packages: []PackageReq{{Name: "x", Type: Mandatory}}}}}
	a.Merge(&Comps{Groups: []*Group{{ID: "g", Packages: []PackageReq{{Name: "x"}, {Name: "y", Type: Default}}}, {ID: "h"}},
		Environments: []*Environment{{ID: "e", Groups: []string{"g"}}}})
	if len(a.Groups) != 2 || len(a.Group("g").Packages) != 2 || a.Environment("e") == nil {
		t.Errorf("merged %+v", a)
	}
}

func FuzzParse(f *testing.F) {
	b, _ := os.ReadFile("testdata/comps.xml")
	f.Add(b)
	f.Add([]byte("<comps><group><id>a</id><packagelist><packagereq type='conditional' requires='b'>c</packagereq></packagelist></group></comps>"))
	f.Add([]byte("<comps><environment><id>e</id><grouplist><groupid>a</groupid></grouplist></environment><category/></comps>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(strings.NewReader(string(data)))
		if err != nil {
			return
		}
		for _, g := range c.Groups {
			if g.ID == "" {
				t.Fatal("group without id")
			}
			c.GroupsByPattern(g.ID)
		}
	})
}
