package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestChangelogLikeDNF: dnf-plugins-core 4.3's changelog (loaded alone) and nimbus's on
// one install root (c-1.0 installed by rpm), each with its own cache, over a repository
// served on loopback HTTP and the same one as file://: every package, specs (a case-folded
// one, a missing one), a subpackage and a source package grouped with their siblings,
// --count (Python's slice for a negative one), --since, --upgrades, -q. Output and exit
// codes must match.
func TestChangelogLikeDNF(t *testing.T) {
	needTool(t, "dnf")
	if _, err := os.Stat("/usr/lib/python3/dist-packages/dnf-plugins/changelog.py"); err != nil {
		t.Fatal("dnf-plugins-core is not installed; run scripts/setup.sh")
	}
	one := "* Fri Mar 01 2024 Dev One <one@example.com> - 1.0-1\n- first entry\n"
	two := "* Tue Mar 05 2024 Dev Two <two@example.com> - 2.0-1\n- second entry\n  with a second line\n"
	libs := "%package libs\nSummary: c libraries\n%description libs\nc libraries.\n%files libs\n/usr/lib/c/libs\n"
	repo := t.TempDir()
	buildRepo(t, repo, []fixture{
		{name: "c", version: "1.0", release: "1", files: []string{"/usr/share/c"}, sections: "%changelog\n" + one},
		{name: "c", version: "2.0", release: "1", files: []string{"/usr/share/c"}, install: "mkdir -p %{buildroot}/usr/lib/c\necho l > %{buildroot}/usr/lib/c/libs\n",
			sections: libs + "%changelog\n" + two + "\n" + one},
		{name: "d", version: "1.0", release: "1", files: []string{"/usr/share/d"}},
		{name: "e", version: "1.0", release: "1", arch: "x86_64", source: true, files: []string{"/usr/bin/e"},
			sections: "%changelog\n* Mon Apr 01 2024 Dev Three <three@example.com> - 1.0-1\n- e\n"},
	})
	srv := httptest.NewServer(http.FileServer(http.Dir(repo)))
	t.Cleanup(srv.Close)
	root := t.TempDir()
	run(t, needTool(t, "rpm"), "--root", root, "--dbpath", "/var/lib/rpm", "-i", "--nodeps", "--noscripts", filepath.Join(repo, "c-1.0-1.noarch.rpm"))
	env := dnfEnv(t)
	conf := filepath.Join(t.TempDir(), "dnf.conf")
	os.WriteFile(conf, []byte("[main]\ngpgcheck=0\n"), 0o644)
	caches := map[string]string{"dnf": t.TempDir(), "nimbus": t.TempDir()}
	for _, st := range []struct {
		from string
		args []string
		want string
	}{
		{"http", nil, "Changelogs for c-2.0-1.noarch, c-libs-2.0-1.noarch\n* Tue Mar 05 00:00:00 2024 Dev Two <two@example.com> - 2.0-1\n- second entry\n  with a second line\n\n* Fri Mar 01"},
		{"http", []string{"--count", "1"}, "Listing only latest changelog\n"},
		{"http", []string{"--count", "2", "c"}, "Listing 2 latest changelogs\n"},
		{"http", []string{"--count=-1", "c"}, "Changelogs for c-2.0-1.noarch\n* Tue Mar 05"},
		{"http", []string{"--since", "2024-03-03", "c", "e"}, "Changelogs for e-1.0-1.src, e-1.0-1.x86_64\n* Mon Apr 01 00:00:00 2024"},
		{"http", []string{"C-LIBS", "nosuch"}, "No match for argument: nosuch\nChangelogs for c-libs-2.0-1.noarch\n"},
		{"http", []string{"--upgrades"}, "Listing only new changelogs since installed version of the package\nChangelogs for c-2.0-1.noarch\n* Tue Mar 05 00:00:00 2024 Dev Two <two@example.com> - 2.0-1\n- second entry\n  with a second line\n\n"},
		{"file", []string{"d", "e"}, "Changelogs for d-1.0-1.noarch\nChangelogs for e-1.0-1.src, e-1.0-1.x86_64\n"},
		{"file", []string{"-q", "c-1.0"}, "Changelogs for c-1.0-1.noarch\n* Fri Mar 01"},
	} {
		name := st.from + " " + strings.Join(st.args, " ")
		var outs [2]string
		var rcs [2]int
		for i, tool := range []string{"dnf", "nimbus"} {
			base := srv.URL + "/"
			if st.from == "file" {
				base = "file://" + repo
			}
			args := append([]string{"-c", conf, "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1",
				"--setopt=cachedir=" + filepath.Join(caches[tool], st.from), "--repofrompath=r," + base, "changelog"}, st.args...)
			stdout, stderr, rc := runTool(t, tool, env, []string{"--disableplugin=*", "--enableplugin=changelog"}, args...)
			var keep []string
			for _, l := range strings.Split(stdout, "\n") {
				if strings.HasPrefix(l, "Added r repo") || strings.HasPrefix(l, "Last metadata expiration") || strings.HasPrefix(l, "r   ") {
					continue
				}
				keep = append(keep, l)
			}
			outs[i], rcs[i] = strings.Join(keep, "\n"), rc
			if rc != 0 {
				outs[i] += stderr
			}
		}
		if rcs[0] != 0 || rcs[1] != 0 || outs[0] != outs[1] {
			t.Errorf("%s: dnf (exit %d):\n%s\n--- nimbus (exit %d):\n%s", name, rcs[0], outs[0], rcs[1], outs[1])
		}
		if !strings.Contains(outs[0], st.want) {
			t.Errorf("%s: dnf's output lacks %q: the comparison no longer shows it\n%s", name, st.want, outs[0])
		}
	}
}

// TestChangelogOptionErrorsLikeDNF: --since, --count and --upgrades are one argparse
// group (the second given is refused) and --since needs a date: dnf's words and exit code.
func TestChangelogOptionErrorsLikeDNF(t *testing.T) {
	needTool(t, "dnf")
	env := dnfEnv(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "dnf.conf")
	os.WriteFile(conf, []byte("[main]\ngpgcheck=0\n"), 0o644)
	for _, args := range [][]string{{"--since", "2024-01-01", "--count", "2"}, {"--upgrades", "--since", "2024-01-01"}, {"--count=2", "--upgrades"}, {"--since", "garbage"}} {
		var outs [2]string
		var rcs [2]int
		for i, tool := range []string{"dnf", "nimbus"} {
			root := filepath.Join(dir, tool)
			_, stderr, rc := runTool(t, tool, env, []string{"--disableplugin=*", "--enableplugin=changelog"},
				append([]string{"-c", conf, "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1", "changelog"}, args...)...)
			for _, l := range strings.Split(stderr, "\n") {
				if strings.HasPrefix(l, "Command line error") {
					outs[i] += l + "\n"
				}
			}
			rcs[i] = rc
		}
		if rcs[0] != 1 || rcs[1] != 1 || outs[0] != outs[1] || outs[0] == "" {
			t.Errorf("%v: dnf (exit %d): %q, nimbus (exit %d): %q", args, rcs[0], outs[0], rcs[1], outs[1])
		}
	}
}

// TestChangelogZchunkOnly: a repository whose repomd.xml offers other.xml only as zchunk
// (other_zck; Debian's dnf, built without zchunk, shows no changelog there, dnf with
// zchunk reads it): nimbus prints the same changelogs as from the gzip other.xml.
func TestChangelogZchunkOnly(t *testing.T) {
	repo := t.TempDir()
	buildRepo(t, repo, []fixture{
		{name: "c", version: "2.0", release: "1", files: []string{"/usr/share/c"},
			sections: "%changelog\n* Tue Mar 05 2024 Dev Two <two@example.com> - 2.0-1\n- second entry\n\n* Fri Mar 01 2024 Dev One <one@example.com> - 1.0-1\n- first entry\n"},
	})
	zrepo := t.TempDir()
	data, _ := os.ReadFile(filepath.Join(repo, "c-2.0-1.noarch.rpm"))
	os.WriteFile(filepath.Join(zrepo, "c-2.0-1.noarch.rpm"), data, 0o644)
	run(t, needTool(t, "createrepo_c"), "-q", "--zck", zrepo)
	run(t, needTool(t, "modifyrepo_c"), "--remove", "other", filepath.Join(zrepo, "repodata"))
	if md, _ := os.ReadFile(filepath.Join(zrepo, "repodata/repomd.xml")); strings.Contains(string(md), `type="other"`) || !strings.Contains(string(md), `type="other_zck"`) {
		t.Fatalf("the fixture's repomd.xml still lists other or lacks other_zck:\n%s", md)
	}
	var outs []string
	for _, r := range []string{repo, zrepo} {
		root := t.TempDir()
		stdout, stderr, rc := runTool(t, "nimbus", nil, nil, "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1",
			"--repofrompath=r,file://"+r, "-q", "changelog", "c")
		if rc != 0 {
			t.Fatalf("changelog from %s: exit %d\n%s", r, rc, stderr)
		}
		outs = append(outs, stdout)
	}
	if outs[0] != outs[1] || !strings.Contains(outs[1], "- second entry") {
		t.Errorf("gzip other.xml:\n%s--- other_zck only:\n%s", outs[0], outs[1])
	}
}
