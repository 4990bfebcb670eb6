package repo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseRepoFile(t *testing.T) {
	const file = `# Nimbus repositories
[nimbus-$releasever]
name=Nimbus $releasever - $basearch
baseurl=https://cdn.nimbus.invalid/$releasever/$basearch/
        https://mirror.nimbus.invalid/${releasever}/$basearch/
enabled=1
gpgcheck=1
repo_gpgcheck=yes
gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-nimbus
priority=10
cost=500
skip_if_unavailable=False
metadata_expire=6h
excludepkgs=kernel*, foo
module_hotfixes=1
[extras]
mirrorlist=https://mirrors.nimbus.invalid/list?arch=$arch&stream=$stream
enabled=0
`
	vars := NewVars("x86_64", "2026.11")
	vars["stream"] = "main"
	rs, err := ParseRepoFile(strings.NewReader(file), "nimbus.repo", vars, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 {
		t.Fatalf("%d repos", len(rs))
	}
	r := rs[0]
	want := &Repo{ID: "nimbus-2026.11", Name: "Nimbus 2026.11 - x86_64",
		BaseURLs: []string{"https://cdn.nimbus.invalid/2026.11/x86_64/", "https://mirror.nimbus.invalid/2026.11/x86_64/"},
		Enabled:  true, GPGCheck: true, RepoGPGCheck: true, GPGKeys: []string{"file:///etc/pki/rpm-gpg/RPM-GPG-KEY-nimbus"},
		Priority: 10, Cost: 500, MetadataExpire: 6 * time.Hour, ExcludePkgs: []string{"kernel*", "foo"}, Source: "nimbus.repo:2"}
	if got, w := strings.Join(r.BaseURLs, " "), strings.Join(want.BaseURLs, " "); got != w || r.ID != want.ID || r.Name != want.Name ||
		!r.Enabled || !r.GPGCheck || !r.RepoGPGCheck || r.Priority != 10 || r.Cost != 500 || r.MetadataExpire != 6*time.Hour ||
		strings.Join(r.ExcludePkgs, ",") != "kernel*,foo" || r.Source != want.Source || len(r.GPGKeys) != 1 {
		t.Errorf("got %+v\nwant %+v", r, want)
	}
	if e := rs[1]; e.Enabled || e.Mirrorlist != "https://mirrors.nimbus.invalid/list?arch=x86_64&stream=main" || e.Priority != 99 || e.Cost != 1000 {
		t.Errorf("extras: %+v", e)
	}
}

func TestParseRepoFileErrors(t *testing.T) {
	cases := []struct{ name, file, want string }{
		{"no url", "[a]\nname=x\n", "a.repo:1: repository a has no baseurl"},
		{"bad bool", "[a]\nbaseurl=file:///x\nenabled=maybe\n", "a.repo:3: [a] enabled"},
		{"bad section", "[a\nbaseurl=x\n", "a.repo:1: bad section header"},
		{"key outside", "baseurl=x\n", "before any [section]"},
		{"not key value", "[a]\nbaseurl\n", "expected key=value"},
		{"bad expire", "[a]\nbaseurl=file:///x\nmetadata_expire=soon\n", "metadata_expire"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseRepoFile(strings.NewReader(c.file), "a.repo", NewVars("x86_64", "1"), nil)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want %q", err, c.want)
			}
		})
	}
}

func TestMainAndVarsAndLoadRepos(t *testing.T) {
	root := t.TempDir()
	varsDir := filepath.Join(root, "vars")
	reposDir := filepath.Join(root, "yum.repos.d")
	os.MkdirAll(varsDir, 0o755)
	os.MkdirAll(reposDir, 0o755)
	os.WriteFile(filepath.Join(varsDir, "releasever"), []byte("2027.01\nignored\n"), 0o644)
	os.WriteFile(filepath.Join(varsDir, "contentdir"), []byte("nimbus\n"), 0o644)
	os.WriteFile(filepath.Join(reposDir, "a.repo"), []byte("[a]\nbaseurl=file:///srv/$contentdir/$releasever\n"), 0o644)
	os.WriteFile(filepath.Join(reposDir, "b.repo"), []byte("[a]\nbaseurl=file:///other\n"), 0o644)
	vars := NewVars("aarch64", "1")
	if err := vars.LoadVarDirs(varsDir, filepath.Join(root, "missing")); err != nil {
		t.Fatal(err)
	}
	if vars["releasever"] != "2027.01" || vars["basearch"] != "aarch64" {
		t.Errorf("vars %v", vars)
	}
	if _, err := LoadRepos("", []string{reposDir}, vars, nil); err == nil || !strings.Contains(err.Error(), "already defined at") {
		t.Errorf("duplicate id: %v", err)
	}
	os.Remove(filepath.Join(reposDir, "b.repo"))
	rs, err := LoadRepos("", []string{reposDir, filepath.Join(root, "none")}, vars, nil)
	if err != nil || len(rs) != 1 || rs[0].BaseURLs[0] != "file:///srv/nimbus/2027.01" {
		t.Fatalf("LoadRepos: %v %+v", err, rs)
	}
	m, err := ParseMain(strings.NewReader("[main]\ngpgcheck=1\ninstallonly_limit=2\nmax_parallel_downloads=8\ncachedir=/var/cache/nimbus/$basearch\ntimeout=2.5\n"), "dnf.conf", vars)
	if err != nil {
		t.Fatal(err)
	}
	if !m.GPGCheck || m.InstallOnlyLimit != 2 || m.MaxParallel != 8 || m.CacheDir != "/var/cache/nimbus/aarch64" || m.Timeout != 2500*time.Millisecond || m.Retries != 10 {
		t.Errorf("main %+v", m)
	}
}

func TestSubstitute(t *testing.T) {
	v := Vars{"releasever": "9", "basearch": "x86_64"}
	for _, c := range []struct{ in, want string }{
		{"$releasever/$basearch", "9/x86_64"}, {"${releasever}x", "9x"}, {"$unknown/$", "$unknown/$"}, {"${broken", "${broken"}, {"a$$releasever", "a$9"},
	} {
		t.Run(c.in, func(t *testing.T) {
			if got := v.Substitute(c.in); got != c.want {
				t.Errorf("Substitute(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestFromPathAndMirrorlist(t *testing.T) {
	r, err := FromPath("local,/srv/repo")
	if err != nil || r.BaseURLs[0] != "file:///srv/repo" || r.ID != "local" {
		t.Fatalf("%v %+v", err, r)
	}
	if _, err := FromPath("nocomma"); err == nil {
		t.Error("FromPath accepted a spec without an id")
	}
	got := ParseMirrorlist([]byte("# list\nhttp://a/repo/\n\nftp-is-not-a-url\nhttps://b/repo/\n"))
	if strings.Join(got, " ") != "http://a/repo/ https://b/repo/" {
		t.Errorf("mirrorlist: %v", got)
	}
	ml := `<?xml version="1.0"?><metalink><files><file name="repomd.xml"><resources><url protocol="https" type="https">https://m1/9/x86_64/repodata/repomd.xml</url><url>rsync://no</url></resources></file></files></metalink>`
	if got := ParseMirrorlist([]byte(ml)); len(got) != 1 || got[0] != "https://m1/9/x86_64/" {
		t.Errorf("metalink: %v", got)
	}
}

func TestAllows(t *testing.T) {
	r := &Repo{IncludePkgs: []string{"kernel*", "bash"}, ExcludePkgs: []string{"kernel-debug*"}}
	for _, c := range []struct {
		name string
		want bool
	}{{"kernel", true}, {"kernel-core", true}, {"kernel-debug-core", false}, {"bash", true}, {"zsh", false}, {"kernel-tools", false}} {
		t.Run(c.name, func(t *testing.T) {
			if got := r.Allows(c.name, []string{"kernel-tools"}); got != c.want {
				t.Errorf("Allows(%q) = %v, want %v", c.name, got, c.want)
			}
		})
	}
}
