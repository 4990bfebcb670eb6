package advisory

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/repomd"
)

const good = `id: NIMBUS-2026-0007
type: security
severity: Important
issued: 2026-03-01
updated: "2026-03-02 10:11:12"
title: "openssl: security update"
description: |
  Fixes two CVEs.
references:
  - cve: CVE-2026-0001
  - cve: CVE-2026-12345
    url: https://security-tracker.debian.org/tracker/CVE-2026-12345
  - bug: "1234"
    url: https://bugs.example/1234
    title: crash
packages:
  x86_64: [openssl-3.0.22-1~deb12u2.x86_64, libssl3-1:3.0.22-1~deb12u2.x86_64]
  aarch64: [openssl-3.0.22-1~deb12u2.aarch64]
  noarch: [openssl-doc-3.0.22-1~deb12u2.noarch]
`

func TestParseGood(t *testing.T) {
	a, err := Parse("good.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != "NIMBUS-2026-0007" || a.Type != Security || len(a.References) != 3 || len(a.Packages["x86_64"]) != 2 {
		t.Fatalf("parsed %+v", a)
	}
	if got := a.CVEs(); !reflect.DeepEqual(got, []string{"CVE-2026-0001", "CVE-2026-12345"}) {
		t.Errorf("CVEs = %v", got)
	}
}

// TestDistAdvisories checks the distribution's own advisories.
func TestDistAdvisories(t *testing.T) {
	advs, err := LoadFS(os.DirFS("../../dist/advisories"), ".")
	if err != nil {
		t.Fatal(err)
	}
	if len(advs) < 3 {
		t.Fatalf("only %d advisories in dist/advisories", len(advs))
	}
	for _, a := range advs {
		if a.Type == Security && len(a.CVEs()) == 0 {
			t.Errorf("%s: security advisory without CVE ids", a.ID)
		}
	}
}

func TestValidationErrors(t *testing.T) {
	cases := []struct {
		name, from, to, want string
	}{
		{"bad id", "id: NIMBUS-2026-0007", "id: NIMBUS-26-7", `id: "NIMBUS-26-7" is not an advisory id`},
		{"id year", "id: NIMBUS-2026-0007", "id: NIMBUS-2025-0007", "id: NIMBUS-2025-0007 has year 2025 but was issued in 2026"},
		{"bad date", "issued: 2026-03-01", "issued: 2026-13-45", `issued: "2026-13-45" is not a date`},
		{"updated before issued", `updated: "2026-03-02 10:11:12"`, "updated: 2026-01-01", "updated: 2026-01-01 is before issued"},
		{"bad cve", "cve: CVE-2026-0001", "cve: CVE-26-1", `references[0].cve: "CVE-26-1" is not a CVE id`},
		{"bad type", "type: security", "type: securty", `type: "securty" is not one of`},
		{"bad severity", "severity: Important", "severity: Urgent", `severity: "Urgent" is not one of`},
		{"no severity", "severity: Important\n", "", "severity: a security advisory needs one of"},
		{"arch mismatch", "aarch64: [openssl-3.0.22-1~deb12u2.aarch64]", "aarch64: [openssl-3.0.22-1~deb12u2.x86_64]", "packages.aarch64[0]: openssl-3.0.22-1~deb12u2.x86_64 is for x86_64, listed under aarch64"},
		{"bad nevra", "aarch64: [openssl-3.0.22-1~deb12u2.aarch64]", "aarch64: [openssl.aarch64]", `packages.aarch64[0]: "openssl.aarch64" is not name-version-release.arch`},
		{"unknown key", "title:", "titel:", "field titel not found"},
		{"unknown arch", "aarch64: [", "ppc64le: [", "packages.ppc64le: unknown architecture"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(good, c.from, c.to, 1)
			if src == good {
				t.Fatalf("replacement %q not applied", c.from)
			}
			_, err := Parse("x.yaml", []byte(src))
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "x.yaml: ") {
				t.Fatalf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}

func TestForRepository(t *testing.T) {
	a, err := Parse("good.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	pkgs := []*repomd.Package{
		{Name: "openssl", Epoch: "0", Version: "3.0.22", Release: "1~deb12u2", Arch: "x86_64", Location: "Packages/openssl-3.0.22-1~deb12u2.x86_64.rpm"},
		{Name: "libssl3", Epoch: "1", Version: "3.0.22", Release: "1~deb12u2", Arch: "x86_64", Location: "Packages/libssl3.rpm"},
		{Name: "openssl-doc", Epoch: "0", Version: "3.0.22", Release: "1~deb12u2", Arch: "noarch", Location: "Packages/doc.rpm"},
	}
	b, err := ForRepository([]*Advisory{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []repomd.Update
	if err := repomd.ReadUpdateinfo(bytes.NewReader(b), func(u *repomd.Update) error { got = append(got, *u); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("%d updates", len(got))
	}
	u := got[0]
	if u.ID != a.ID || u.Type != "security" || u.Severity != "Important" || u.Issued.Date != "2026-03-01 00:00:00" || u.Updated.Date != "2026-03-02 10:11:12" {
		t.Errorf("update %+v", u)
	}
	var files []string
	for _, p := range u.Collections[0].Packages {
		files = append(files, p.Filename+"="+p.Name+"-"+p.EVR()+"."+p.Arch)
	}
	want := []string{"Packages/doc.rpm=openssl-doc-3.0.22-1~deb12u2.noarch", "Packages/libssl3.rpm=libssl3-1:3.0.22-1~deb12u2.x86_64", "Packages/openssl-3.0.22-1~deb12u2.x86_64.rpm=openssl-3.0.22-1~deb12u2.x86_64"}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("packages %v, want %v (aarch64 ones left out)", files, want)
	}
	if r := u.References[0]; r.Type != "cve" || r.ID != "CVE-2026-0001" || r.Href != "https://www.cve.org/CVERecord?id=CVE-2026-0001" {
		t.Errorf("reference %+v", r)
	}
	// A version the repository does not have, and an unknown name.
	pkgs[0].Release = "1~deb12u1"
	_, err = ForRepository([]*Advisory{a}, pkgs, nil)
	if err == nil || !strings.Contains(err.Error(), "openssl-3.0.22-1~deb12u2.x86_64 is not in the release (it has [openssl-3.0.22-1~deb12u1.x86_64])") {
		t.Fatalf("wrong version: %v", err)
	}
	// A newer version (the next Debian update) supersedes the advisory's: the advisory
	// stays, with its own NEVRA.
	pkgs[0].Release = "1~deb12u3"
	b, err = ForRepository([]*Advisory{a}, pkgs, nil)
	if err != nil {
		t.Fatalf("superseded version: %v", err)
	}
	if !bytes.Contains(b, []byte(`name="openssl" version="3.0.22" release="1~deb12u2" epoch="0" arch="x86_64"`)) || !bytes.Contains(b, []byte("<filename>Packages/openssl-3.0.22-1~deb12u2.x86_64.rpm</filename>")) {
		t.Errorf("superseded package not listed at the advisory's version:\n%s", b)
	}
	pkgs[0].Name = "other"
	_, err = ForRepository([]*Advisory{a}, pkgs, nil)
	if err == nil || !strings.Contains(err.Error(), "(no package openssl)") {
		t.Fatalf("missing name: %v", err)
	}
	if _, err := ForRepository([]*Advisory{a}, pkgs, func(n string) bool { return n == "openssl" }); err != nil {
		t.Fatalf("a package of another set is allowed: %v", err)
	}
}

func TestLoadFSNames(t *testing.T) {
	fsys := mapFS{"a/NIMBUS-2026-0001.yaml": strings.Replace(good, "NIMBUS-2026-0007", "NIMBUS-2026-0002", 1)}
	_, err := LoadFS(fsys, "a")
	if err == nil || !strings.Contains(err.Error(), "belongs in a file named NIMBUS-2026-0002.yaml") {
		t.Fatalf("got %v", err)
	}
}

func TestApplicable(t *testing.T) {
	ups := []repomd.Update{
		{ID: "A-1", Type: "security", Severity: "Important", Updated: repomd.Date{Date: "2026-01-01 00:00:00"},
			References:  []repomd.Reference{{Type: "cve", ID: "CVE-2026-1111"}},
			Collections: []repomd.Collection{{Packages: []repomd.UpdatePackage{{Name: "lib", Epoch: "0", Version: "2.0", Release: "1", Arch: "noarch"}}}}},
		{ID: "B-1", Type: "bugfix", Updated: repomd.Date{Date: "2026-01-02 00:00:00"},
			Collections: []repomd.Collection{{Packages: []repomd.UpdatePackage{{Name: "app", Epoch: "0", Version: "1.5", Release: "1", Arch: "noarch"}}}}},
		{ID: "C-1", Type: "security", Severity: "Low", Updated: repomd.Date{Date: "2026-01-03 00:00:00"},
			Collections: []repomd.Collection{{Packages: []repomd.UpdatePackage{{Name: "app", Epoch: "0", Version: "1.0", Release: "1", Arch: "noarch"}}}}},
	}
	inst := []Pkg{{"lib", "noarch", "1.0-1"}, {"app", "noarch", "1.0-1"}}
	ids := func(rows []Row) string {
		var s []string
		for _, r := range rows {
			m := ""
			if r.Installed {
				m = "i:"
			}
			s = append(s, m+r.Update.ID+"="+r.NEVRA())
		}
		return strings.Join(s, " ")
	}
	for _, c := range []struct {
		mode  Mode
		f     Filter
		specs []string
		want  string
	}{
		{ModeAvailable, Filter{}, nil, "B-1=app-1.5-1.noarch A-1=lib-2.0-1.noarch"},
		{ModeAvailable, Filter{Types: []string{Security}}, nil, "A-1=lib-2.0-1.noarch"},
		{ModeAvailable, Filter{CVEs: []string{"CVE-2026-1111"}}, nil, "A-1=lib-2.0-1.noarch"},
		{ModeAvailable, Filter{Severities: []string{"Low"}}, nil, ""},
		{ModeInstalled, Filter{}, nil, "i:C-1=app-1.0-1.noarch"},
		{ModeAll, Filter{}, nil, "i:C-1=app-1.0-1.noarch B-1=app-1.5-1.noarch A-1=lib-2.0-1.noarch"},
		{ModeAvailable, Filter{}, []string{"lib"}, "A-1=lib-2.0-1.noarch"},
		{ModeAvailable, Filter{}, []string{"B-*"}, "B-1=app-1.5-1.noarch"},
		{ModeUpdates, Filter{}, nil, "A-1=lib-2.0-1.noarch"},
	} {
		got := ids(Applicable(ups, inst, c.mode, func(n, a string) bool { return n == "lib" }, c.f, c.specs))
		if got != c.want {
			t.Errorf("mode %d filter %+v specs %v: got %q, want %q", c.mode, c.f, c.specs, got, c.want)
		}
	}
	tg := UpgradeTargets(ups, inst, Filter{Types: []string{Security}})
	if !reflect.DeepEqual(tg, map[string][]string{"lib.noarch": {"2.0-1"}}) {
		t.Errorf("UpgradeTargets = %v", tg)
	}
}

func TestParseNEVRA(t *testing.T) {
	for s, want := range map[string]NEVRA{
		"openssh-client-1:9.2p1-2+deb12u10.x86_64": {"openssh-client", "1", "9.2p1", "2+deb12u10", "x86_64"},
		"libstdc++6-12.2.0-14.aarch64":             {"libstdc++6", "", "12.2.0", "14", "aarch64"},
	} {
		got, err := ParseNEVRA(s)
		if err != nil || got != want || got.String() != s {
			t.Errorf("ParseNEVRA(%q) = %+v, %v", s, got, err)
		}
	}
	for _, s := range []string{"", "a.b", "a-1.x86_64", "-1-1.x86_64", "a-x:1-1.x86_64", "a-1-1."} {
		if _, err := ParseNEVRA(s); err == nil {
			t.Errorf("ParseNEVRA(%q) accepted", s)
		}
	}
}
