package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

// reposyncRepo builds the fixture repository reposync mirrors: packages in subdirectories
// (location_href Packages/<letter>/...), two versions of one, an x86_64 package with its
// source package.
func reposyncRepo(t *testing.T) string {
	t.Helper()
	repo := t.TempDir()
	buildRepo(t, repo, []fixture{
		{name: "lib", version: "1.0", release: "1", files: []string{"/usr/lib/fixture/lib"}},
		{name: "lib", version: "2.0", release: "1", files: []string{"/usr/lib/fixture/lib"}},
		{name: "tool", version: "1.0", release: "1", arch: "x86_64", source: true, tags: []string{"Requires: lib"}, files: []string{"/usr/bin/tool"}},
		{name: "app", version: "1.0", release: "1", tags: []string{"Requires: tool"}, files: []string{"/usr/bin/app"}},
	})
	rpms, _ := filepath.Glob(filepath.Join(repo, "*.rpm"))
	for _, f := range rpms {
		sub := filepath.Join(repo, "Packages", filepath.Base(f)[:1])
		os.MkdirAll(sub, 0o755)
		if err := os.Rename(f, filepath.Join(sub, filepath.Base(f))); err != nil {
			t.Fatal(err)
		}
	}
	os.RemoveAll(filepath.Join(repo, "repodata"))
	comps := filepath.Join(t.TempDir(), "comps.xml")
	os.WriteFile(comps, []byte(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE comps PUBLIC "-//Red Hat, Inc.//DTD Comps info//EN" "comps.dtd">
<comps>
  <group>
    <id>tools</id>
    <name>Tools</name>
    <description>Fixture tools.</description>
    <default>false</default>
    <uservisible>true</uservisible>
    <packagelist>
      <packagereq type="mandatory">tool</packagereq>
    </packagelist>
  </group>
</comps>
`), 0o644)
	run(t, needTool(t, "createrepo_c"), "-q", "-g", comps, repo)
	return repo
}

// tree lists the files under dir with their sha256 (and with mtimes, their modification
// time in seconds), one per line, sorted.
func tree(t *testing.T, dir string, mtimes bool) string {
	t.Helper()
	var lines []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		rel, _ := filepath.Rel(dir, p)
		l := rel + " " + hex.EncodeToString(sum[:8])
		if mtimes {
			fi, _ := d.Info()
			l = rel + " " + fi.ModTime().UTC().Format(time.RFC3339) + " " + hex.EncodeToString(sum[:8])
		}
		lines = append(lines, l)
		return nil
	})
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// reposyncLines keeps what reposync prints that is the same run to run: URLs (the
// server's address replaced), [SKIPPED], [DELETED], Removing and Error lines, the tool's
// own directory replaced by DIR; the bracketed lines sorted (dnf prints them as its
// parallel downloads and os.walk meet them).
func reposyncLines(out, dir, srv, repoDir string) string {
	var urls, other []string
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimRight(strings.ReplaceAll(l, dir, "DIR"), " ")
		switch {
		case strings.HasPrefix(l, "http://"):
			urls = append(urls, strings.Replace(l, srv, "SRV", 1))
		case strings.HasPrefix(l, "file://"):
			urls = append(urls, strings.Replace(l, repoDir, "REPO", 1))
		case strings.HasPrefix(l, "comps.xml for repository"):
			other = append(other, l)
		case strings.HasPrefix(l, "[FAILED]"):
			other = append(other, strings.SplitAfter(l, ":")[0]) // the cause is librepo's words
		case strings.HasPrefix(l, "[SKIPPED]"), strings.HasPrefix(l, "[DELETED]"), strings.HasPrefix(l, "Removing "), strings.HasPrefix(l, "Error"):
			other = append(other, l)
		}
	}
	sort.Strings(other)
	return strings.Join(append(urls, other...), "\n")
}

// TestReposyncLikeDNF runs reposync with the real dnf 4.14 and dnf-plugins-core 4.3's
// reposync plugin (every other plugin disabled) and with nimbus, each with its own root,
// cache and download directory, step after step on the same directories, over loopback
// HTTP and file://, and compares exit codes, the lines each prints and the trees each
// leaves (every file's path and sha256; with --remote-time also its mtime).
func TestReposyncLikeDNF(t *testing.T) {
	needTool(t, "dnf")
	if _, err := os.Stat("/usr/lib/python3/dist-packages/dnf-plugins/reposync.py"); err != nil {
		t.Fatal("dnf-plugins-core is not installed; run scripts/setup.sh")
	}
	repo := reposyncRepo(t)
	// a repository whose location_href climbs out of the download directory
	hostile := t.TempDir()
	buildRepo(t, hostile, []fixture{{name: "evil", version: "1.0", release: "1", files: []string{"/usr/share/evil"}}})
	run(t, needTool(t, "createrepo_c"), "-q", "--location-prefix=../../", hostile)
	// a source repository apart (enabled by --source only)
	srcRepo := t.TempDir()
	srcs, _ := filepath.Glob(filepath.Join(repo, "Packages/t/*.src.rpm"))
	for _, f := range srcs {
		data, _ := os.ReadFile(f)
		os.WriteFile(filepath.Join(srcRepo, filepath.Base(f)), data, 0o644)
	}
	run(t, needTool(t, "createrepo_c"), "-q", srcRepo)
	srv := httptest.NewServer(http.FileServer(http.Dir(repo)))
	t.Cleanup(srv.Close)
	hsrv := httptest.NewServer(http.FileServer(http.Dir(hostile)))
	t.Cleanup(hsrv.Close)
	// the files' mtimes as the server gives them (--remote-time), whole seconds
	old := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	filepath.WalkDir(repo, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.Chtimes(p, old, old)
		}
		return nil
	})
	env := dnfEnv(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "dnf.conf")
	os.WriteFile(conf, []byte("[main]\ngpgcheck=0\n"), 0o644)
	for _, st := range []struct {
		name, from string
		args       []string
		prepare    func(dest string) // before both tools run, in each tool's directory
		tree       string            // the directory compared, under the tool's directory
		mtimes     bool
		rc         int
		want       string // what dnf must print or leave, so that the comparison shows something
	}{
		{name: "everything with the metadata", from: "http", args: []string{"-p", "dest", "--download-metadata"}, tree: "dest", want: "r/Packages/t/tool-1.0-1.src.rpm"},
		{name: "again: skipped", from: "http", args: []string{"-p", "dest"}, tree: "dest", want: "[SKIPPED] lib-1.0-1.noarch.rpm: Already downloaded"},
		{name: "newest only, delete", from: "http", args: []string{"-p", "dest", "-n", "--delete"}, tree: "dest",
			prepare: func(d string) {
				os.WriteFile(filepath.Join(d, "dest/r/Packages/l/lib-2.0-1.noarch.rpm"), []byte("damaged"), 0o644)
				os.WriteFile(filepath.Join(d, "dest/r/Packages/stray.rpm"), []byte("stray"), 0o644)
				os.WriteFile(filepath.Join(d, "dest/r/Packages/notes.txt"), []byte("kept"), 0o644)
			},
			want: "[DELETED] DIR/dest/r/Packages/l/lib-1.0-1.noarch.rpm"},
		{name: "quiet", from: "http", args: []string{"-q", "-p", "dest", "--delete"}, tree: "dest", want: "r/Packages/l/lib-2.0-1.noarch.rpm",
			prepare: func(d string) { os.WriteFile(filepath.Join(d, "dest/r/Packages/stray2.rpm"), []byte("stray"), 0o644) }},
		{name: "urls", from: "http", args: []string{"-p", "dest", "--urls", "-n", "--download-metadata"}, tree: "dest", want: "-comps.xml.gz\nSRV/Packages/a/app-1.0-1.noarch.rpm"},
		{name: "an arch, norepopath, remote time", from: "http", args: []string{"-p", "x86", "--arch", "x86_64", "--norepopath", "--remote-time"}, tree: "x86", mtimes: true, want: "Packages/t/tool-1.0-1.x86_64.rpm 2024-03-01T12:00:00Z"},
		{name: "source", from: "http", args: []string{"-p", "src", "--source"}, tree: "src", want: "tool-1.0-1.src.rpm"},
		{name: "comps", from: "http", args: []string{"-p", "comps", "-m", "--metadata-path", "cmd", "-n", "--arch", "noarch"}, tree: ".", want: "cmd/r/comps.xml"},
		{name: "comps urls", from: "http", args: []string{"-p", "comps", "-m", "--urls", "--arch", "x86_64"}, tree: "comps", want: "-comps.xml\nSRV/Packages/t/tool-1.0-1.x86_64.rpm"},
		{name: "source with a source repository", from: "http", args: []string{"-p", "srcrepo", "--source", "--repofrompath=r-source,file://" + srcRepo, "--setopt=r-source.enabled=0"}, tree: "srcrepo",
			want: "r-source/tool-1.0-1.src.rpm"},
		{name: "file with a metadata path", from: "file", args: []string{"-p", "fdest", "--metadata-path", "md", "--download-metadata"}, tree: ".", want: "md/r/repodata/repomd.xml"},
		{name: "file urls", from: "file", args: []string{"-p", "fu", "--urls", "-n", "--download-metadata"}, tree: "fu", want: "file://REPO/Packages/t/tool-1.0-1.x86_64.rpm"},
		{name: "two repositories", from: "http", args: []string{"-p", "multi", "-n", "--repofrompath=s,file://" + repo}, tree: "multi", want: "s/Packages/l/lib-2.0-1.noarch.rpm"},
		{name: "norepopath with two", from: "http", args: []string{"-p", "multi2", "--norepopath", "--repofrompath=s,file://" + repo}, tree: "multi2", rc: 1, want: "Error: Can't use --norepopath with multiple repositories"},
		{name: "unknown repo", from: "http", args: []string{"-p", "none", "--repoid", "nosuch"}, tree: "none", rc: 1, want: "Error: Unknown repo: 'nosuch'"},
		{name: "repo glob", from: "http", args: []string{"-p", "none", "--repo", "r*"}, tree: "none", rc: 1, want: "Error: Unknown repo: 'r*'."},
		{name: "a package missing on the server", from: "http", args: []string{"-p", "miss"}, tree: "miss", rc: 1, want: "[FAILED] app-1.0-1.noarch.rpm:",
			prepare: func(string) { os.Remove(filepath.Join(repo, "Packages/a/app-1.0-1.noarch.rpm")) }},
		{name: "a location out of the directory", from: "hostile", args: []string{"-p", "h/a/b"}, tree: ".", rc: 1, want: "Error: Download target 'DIR/h/a/evil-1.0-1.noarch.rpm' is outside of download path 'DIR/h/a/b/r'."},
	} {
		t.Run(st.name, func(t *testing.T) {
			var got [2]string
			var rcs [2]int
			for i, tool := range []string{"dnf", "nimbus"} {
				root := filepath.Join(dir, tool)
				work := filepath.Join(dir, tool+"-work")
				os.MkdirAll(work, 0o755)
				if st.prepare != nil {
					st.prepare(work)
				}
				base := srv.URL + "/"
				switch st.from {
				case "file":
					base = "file://" + repo
				case "hostile":
					base = hsrv.URL + "/"
				}
				cache := filepath.Join(root, "var/cache/dnf", st.from)
				args := append([]string{"-c", conf, "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1",
					"--setopt=cachedir=" + cache, "--repofrompath=r," + base, "reposync"}, st.args...)
				// reposync's paths are relative to the working directory
				stdout, stderr, rc := runToolIn(t, work, tool, env, []string{"--disableplugin=*", "--enableplugin=reposync"}, args...)
				rcs[i] = rc
				got[i] = reposyncLines(stdout+stderr, work, map[string]string{"http": srv.URL, "file": srv.URL, "hostile": hsrv.URL}[st.from], repo) +
					"\n--- tree\n" + tree(t, filepath.Join(work, st.tree), st.mtimes)
			}
			if rcs[0] != st.rc || rcs[1] != rcs[0] {
				t.Errorf("exit codes: dnf %d (scenario %d), nimbus %d", rcs[0], st.rc, rcs[1])
			}
			if got[0] != got[1] {
				t.Errorf("results differ\n--- dnf:\n%s\n--- nimbus:\n%s", got[0], got[1])
			}
			if !strings.Contains(got[0], st.want) {
				t.Errorf("dnf's result lacks %q: the comparison no longer shows it\n%s", st.want, got[0])
			}
		})
	}
	// nothing of the hostile repository landed anywhere outside its download directory
	for _, tool := range []string{"dnf", "nimbus"} {
		if m, _ := filepath.Glob(filepath.Join(dir, tool+"-work", "h", "*", "*.rpm")); len(m) > 0 {
			t.Errorf("%s wrote %v outside the download directory", tool, m)
		}
	}
}

// runToolIn is runTool in the working directory dir (dnf's process, or nimbus's test with
// t.Chdir).
func runToolIn(t *testing.T, dir, tool string, env, dnfFirst []string, args ...string) (stdout, stderr string, rc int) {
	t.Helper()
	if tool == "dnf" {
		var out, errb strings.Builder
		cmd := exec.Command(needTool(t, "dnf"), append(append([]string{}, dnfFirst...), args...)...)
		cmd.Env, cmd.Stdout, cmd.Stderr, cmd.Dir = env, &out, &errb, dir
		if err := cmd.Run(); err != nil {
			ee, ok := err.(*exec.ExitError)
			if !ok {
				t.Fatalf("dnf %v: %v", args, err)
			}
			rc = ee.ExitCode()
		}
		return out.String(), errb.String(), rc
	}
	t.Chdir(dir)
	return runTool(t, tool, env, dnfFirst, args...)
}

// TestReposyncGPGCheckLikeDNF: reposync --gpgcheck with dnf's plugin and nimbus on a
// gpgcheck=1 repository holding a signed and an unsigned package: first with no key in
// either root's rpmdb (both packages removed: public key not installed, not signed), then
// with the key imported by rpm (the unsigned one removed), then with gpgcheck off for the
// repository (nothing checked). The lines, the exit codes and the trees must match.
func TestReposyncGPGCheckLikeDNF(t *testing.T) {
	needTool(t, "dnf")
	home, key := signingKey(t)
	repo := signedRepo(t, home, []fixture{{name: "lib", version: "1.0", release: "1", files: []string{"/usr/lib/fixture/lib"}}})
	unsigned := t.TempDir()
	buildRepo(t, unsigned, []fixture{{name: "extra", version: "1.0", release: "1", files: []string{"/usr/share/extra"}}})
	data, err := os.ReadFile(filepath.Join(unsigned, "extra-1.0-1.noarch.rpm"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(repo, "extra-1.0-1.noarch.rpm"), data, 0o644)
	run(t, needTool(t, "createrepo_c"), "-q", repo)
	srv := httptest.NewServer(http.FileServer(http.Dir(repo)))
	t.Cleanup(srv.Close)
	env := dnfEnv(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "dnf.conf")
	os.WriteFile(conf, []byte("[main]\ngpgcheck=0\n"), 0o644)
	for _, st := range []struct {
		name      string
		importKey bool
		gpgcheck  string
		rc        int
		want      string
	}{
		{"no key", false, "1", 1, "Removing lib-1.0-1.noarch.rpm: Public key for lib-1.0-1.noarch.rpm is not installed"},
		{"key imported", true, "1", 1, "Removing extra-1.0-1.noarch.rpm: Package extra-1.0-1.noarch.rpm is not signed"},
		{"gpgcheck off", false, "0", 0, "lib-1.0-1.noarch.rpm"},
	} {
		t.Run(st.name, func(t *testing.T) {
			var got [2]string
			var rcs [2]int
			for i, tool := range []string{"dnf", "nimbus"} {
				root := filepath.Join(dir, tool)
				if st.importKey {
					run(t, needTool(t, "rpm"), "--root", root, "--dbpath", "/var/lib/rpm", "--import", key)
				}
				work := filepath.Join(dir, tool+"-work")
				os.MkdirAll(work, 0o755)
				dest := filepath.Join(work, strings.ReplaceAll(st.name, " ", "-"))
				args := []string{"-c", conf, "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1",
					"--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf"), "--repofrompath=r," + srv.URL + "/",
					"--setopt=r.gpgcheck=" + st.gpgcheck, "reposync", "-g", "-p", dest}
				stdout, stderr, rc := runToolIn(t, work, tool, env, []string{"--disableplugin=*", "--enableplugin=reposync"}, args...)
				rcs[i] = rc
				got[i] = reposyncLines(stdout+stderr, work, srv.URL, repo) + "\n--- tree\n" + tree(t, dest, false)
			}
			if rcs[0] != st.rc || rcs[1] != rcs[0] {
				t.Errorf("exit codes: dnf %d (scenario %d), nimbus %d", rcs[0], st.rc, rcs[1])
			}
			if got[0] != got[1] {
				t.Errorf("results differ\n--- dnf:\n%s\n--- nimbus:\n%s", got[0], got[1])
			}
			if !strings.Contains(got[0], st.want) {
				t.Errorf("dnf's result lacks %q: the comparison no longer shows it\n%s", st.want, got[0])
			}
		})
	}
}

// TestReposyncAppStreamURLsLikeDNF: reposync --urls over CentOS Stream 9 AppStream's real
// metadata (17,649 packages, modules with several versions per stream; no package files
// needed) with the real plugin and with nimbus: every package (modular filtering does not
// apply), --newest-only (the plugin's _get_latest: the newest non-modular packages and the
// artifacts of each stream's chosen versions), and with --arch. The URL lists must be the
// same, in the same order.
func TestReposyncAppStreamURLsLikeDNF(t *testing.T) {
	needTool(t, "dnf")
	appstream := testfiles.Path(t, testfiles.AppStream)
	env := dnfEnv(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "dnf.conf")
	os.WriteFile(conf, []byte("[main]\ngpgcheck=0\n"), 0o644)
	for _, st := range []struct {
		args []string
		n    int // dnf's count, so that a changed fixture shows
	}{{nil, 17649}, {[]string{"-n"}, 6124}, {[]string{"-n", "--arch", "x86_64,noarch"}, 5102}} {
		var got [2][]string
		for i, tool := range []string{"dnf", "nimbus"} {
			root := filepath.Join(dir, tool)
			stdout, stderr, rc := runTool(t, tool, env, []string{"--disableplugin=*", "--enableplugin=reposync"},
				append([]string{"-c", conf, "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=9",
					"--setopt=cachedir=" + filepath.Join(root, "cache"), "--repofrompath=a,file://" + appstream, "reposync", "--urls"}, st.args...)...)
			if rc != 0 {
				t.Fatalf("%s reposync --urls %v: exit %d\n%s", tool, st.args, rc, stderr)
			}
			for _, l := range strings.Split(stdout, "\n") {
				if strings.HasPrefix(l, "file://") {
					got[i] = append(got[i], l)
				}
			}
		}
		if len(got[0]) != st.n {
			t.Errorf("%v: dnf lists %d URLs, the fixture gave %d", st.args, len(got[0]), st.n)
		}
		if strings.Join(got[0], "\n") != strings.Join(got[1], "\n") {
			for i := 0; i < len(got[0]) && i < len(got[1]); i++ {
				if got[0][i] != got[1][i] {
					t.Errorf("%v: line %d: dnf %q, nimbus %q", st.args, i+1, got[0][i], got[1][i])
					break
				}
			}
			t.Errorf("%v: dnf %d URLs, nimbus %d", st.args, len(got[0]), len(got[1]))
		}
	}
}
