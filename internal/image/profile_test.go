package image

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDistProfiles loads every profile in dist/images and checks that their sets exist
// and that every package they name has a recipe.
func TestDistProfiles(t *testing.T) {
	dist := "../../dist"
	files, _ := filepath.Glob(filepath.Join(dist, "images", "*.yaml"))
	if len(files) < 3 {
		t.Fatalf("profiles: %v", files)
	}
	for _, f := range files {
		p, err := LoadProfile(f)
		if err != nil {
			t.Error(err)
			continue
		}
		pkgs, err := SetPackages(filepath.Join(dist, "sets"), p.Sets)
		if err != nil {
			t.Error(err)
		}
		for _, n := range append(pkgs, p.Packages...) {
			if _, err := os.Stat(filepath.Join(dist, "recipes", n+".yaml")); err != nil {
				t.Errorf("%s: package %s has no recipe in dist/recipes", f, n)
			}
		}
	}
}

func TestProfileProblems(t *testing.T) {
	_, err := ParseProfile("bad.yaml", []byte(`name: Bad Name
kind: vm
arches: [x86_64, sparc]
rootfs: btrfs
size: 12
esp_size: 8MiB
units: [sshd]
timezone: "../etc"
formats: [raw, iso]
`))
	if err == nil {
		t.Fatal("accepted")
	}
	probs, ok := err.(Problems)
	if !ok {
		t.Fatalf("%T %v", err, err)
	}
	for _, want := range []string{"name:", "kind:", "arches[1]:", "rootfs:", "size:", "esp_size:", "units[0]:", "timezone:", "packages:", "formats[1]:"} {
		found := false
		for _, p := range probs {
			if strings.HasPrefix(p, "bad.yaml: "+want) {
				found = true
			}
		}
		if !found {
			t.Errorf("no problem reported for %s in:\n%v", want, err)
		}
	}
	if _, err := ParseProfile("x.yaml", []byte("name: x\npackages: [a]\nbogus: 1\n")); err == nil || !strings.Contains(err.Error(), "bogus") {
		t.Errorf("unknown key: %v", err)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"2GiB": 2 << 30, "512MiB": 512 << 20, "1G": 1 << 30, "1048576": 1 << 20} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "1.5GiB", "-1G", "1000", "12TB"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) accepted", in)
		}
	}
}

func FuzzParseProfile(f *testing.F) {
	for _, p := range []string{"minimal", "standard", "container"} {
		if b, err := os.ReadFile(filepath.Join("../../dist/images", p+".yaml")); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseProfile("fuzz.yaml", data)
		if err == nil && len(p.Validate()) != 0 {
			t.Fatal("a parsed profile does not validate")
		}
	})
}

func TestStagesDeclared(t *testing.T) {
	var names []string
	for _, s := range Stages {
		names = append(names, s.Name)
	}
	if got := strings.Join(names, " "); got != "resolve install configure initramfs uki filesystem disk convert sbom manifest" {
		t.Errorf("stages: %s", got)
	}
}
