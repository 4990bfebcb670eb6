package tmpfiles

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"syscall"
	"testing"
)

// fixture makes a root holding the test configuration and the files it acts on.
func fixture(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"etc/passwd":   "root:x:0:0::/root:/bin/sh\npostgres:x:105:105::/var/lib/postgresql:/bin/sh\nmysql:x:106:106::/:/usr/sbin/nologin\n",
		"etc/group":    "root:x:0:\npostgres:x:105:\nmysql:x:106:\n",
		"etc/existing": "old\n", "etc/truncated": "old\n", "etc/written": "old\n", "etc/appended": "old\n",
		"etc/adjust": "", "etc/remove-me": "", "srv/tree/a": "", "srv/tree/sub/b": "", "var/tmp/scratch/junk": "",
		"srv/remove-tree/x/y": "", "etc/mtab": "x\n",
	}
	for _, c := range []string{"mariadb.conf", "postgresql-common.conf", "nimbus-test.conf"} {
		b, err := os.ReadFile(filepath.Join("testdata", c))
		if err != nil {
			t.Fatal(err)
		}
		files["usr/lib/tmpfiles.d/"+c] = string(b)
	}
	for p, s := range files {
		full := filepath.Join(root, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.MkdirAll(filepath.Join(root, "srv/existing-dir"), 0o755)
	os.Chmod(filepath.Join(root, "srv/tree/a"), 0o755)
	os.Symlink("/elsewhere", filepath.Join(root, "etc/keep-link"))
	return root
}

// listing describes every file of a root: type, mode with special bits, owner, link
// target and content.
func listing(t *testing.T, root string) []string {
	var out []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		st, _ := os.Lstat(p)
		sys := st.Sys().(*syscall.Stat_t)
		rel, _ := filepath.Rel(root, p)
		extra := ""
		switch {
		case st.Mode()&fs.ModeSymlink != 0:
			extra, _ = os.Readlink(p)
		case st.Mode().IsRegular():
			b, _ := os.ReadFile(p)
			extra = fmt.Sprintf("%q", b)
		}
		out = append(out, fmt.Sprintf("%s %v %o %d:%d %s", rel, st.Mode().Type(), sys.Mode&0o7777, sys.Uid, sys.Gid, extra))
		return nil
	})
	sort.Strings(out)
	return out
}

func ours(t *testing.T, root string) *Result {
	t.Helper()
	items, errs := Read(os.DirFS(root), nil, nil)
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	want := []string{
		"/usr/lib/tmpfiles.d/nimbus-test.conf:27: unknown modifier 'o' in \"bogus\"",
		"/usr/lib/tmpfiles.d/nimbus-test.conf:28: path \"relative/path\" is not absolute",
		"/usr/lib/tmpfiles.d/nimbus-test.conf:29: bad mode \"9999\"",
		"/usr/lib/tmpfiles.d/nimbus-test.conf:30: duplicate line for path \"/run/lock\" (first at /usr/lib/tmpfiles.d/nimbus-test.conf:2), ignoring",
	}
	if !reflect.DeepEqual(msgs, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	return Apply(r, items, Options{Boot: true, Remove: true})
}

// TestAgainstSystemdTmpfiles applies the same configuration to two copies of a root, with
// ours and with `systemd-tmpfiles --root=DIR --create --remove --boot`, and compares every
// file's type, mode, owner, link target and content.
func TestAgainstSystemdTmpfiles(t *testing.T) {
	tool, err := exec.LookPath("systemd-tmpfiles")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("systemd-tmpfiles is required in CI (apt-get install systemd)")
		}
		t.Skip("systemd-tmpfiles not installed")
	}
	if os.Getuid() != 0 { // owners cannot be set otherwise; CI runs the tests as root (.ci/run)
		if os.Getenv("CI") == "true" {
			t.Fatal("TestAgainstSystemdTmpfiles must run as root in CI")
		}
		t.Skip("needs root to set owners, as systemd-tmpfiles does")
	}
	a, b := fixture(t), fixture(t)
	res := ours(t, a)
	out, _ := exec.Command(tool, "--root="+b, "--create", "--remove", "--boot").CombinedOutput()
	if !strings.Contains(string(out), "Duplicate line") {
		t.Fatalf("systemd-tmpfiles said:\n%s", out)
	}
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "nimbus-test.conf:20: /etc/keep-link: exists as a link") {
		t.Errorf("apply errors %v", res.Errors)
	}
	got, want := listing(t, a), listing(t, b)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ours:\n%s\nsystemd-tmpfiles:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A second run changes nothing but what w+ appends again (as systemd-tmpfiles would).
	os.WriteFile(filepath.Join(a, "etc/appended"), []byte("old\n"), 0o644)
	ours(t, a)
	got = listing(t, a)
	os.WriteFile(filepath.Join(a, "etc/appended"), []byte("old\n"), 0o644)
	ours(t, a)
	if again := listing(t, a); !reflect.DeepEqual(again, got) {
		t.Errorf("second run changed:\n%s", strings.Join(again, "\n"))
	}
}

func TestParseFields(t *testing.T) {
	items, errs := Parse("/t.conf", []byte(`f+! /run/nologin 0644 - - - "System is booting up."
d- /root :0700 root :root -
L+ /etc/mtab   -    -    -    -  ../proc/self/mounts
Z /run/log/journal/%m ~2750 root systemd-journal - -
c /dev/x 0600 - - - 1:3
`), Specifiers{'m': "abc", '%': "%"})
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if it := items[0]; it.Type != 'f' || !it.Plus || !it.Boot || it.Arg != `"System is booting up."` || it.Mode != 0o644 {
		t.Errorf("%+v", it)
	}
	if it := items[1]; !it.Minus || !it.ModeOnCreate || it.Mode != 0o700 || it.User != "root" || it.UserOnCreate || !it.GroupOnCreate {
		t.Errorf("%+v", it)
	}
	if it := items[2]; it.Arg != "../proc/self/mounts" || !it.Plus {
		t.Errorf("%+v", it)
	}
	if it := items[3]; it.Path != "/run/log/journal/abc" || !it.ModeMask || it.Mode != 0o2750 {
		t.Errorf("%+v", it)
	}
	for _, bad := range []string{"d", "d /x 0755 - - - - \\q", "d /x/../y", "d /x %z", "c /dev/x 0600 - - - 1", "f~ /x - - - - !!", "d /x - bad:user"} {
		if _, errs := Parse("b", []byte(bad), Specifiers{}); len(errs) != 1 {
			t.Errorf("%q: %v", bad, errs)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, c := range []string{"mariadb.conf", "postgresql-common.conf", "nimbus-test.conf"} {
		if b, err := os.ReadFile(filepath.Join("testdata", c)); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("f /x 0644 - - - a\\x41\\101\\n\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		items, _ := Parse("f", b, nil)
		for _, it := range items {
			if !strings.HasPrefix(it.Path, "/") || strings.Contains(it.Path, "/../") {
				t.Fatalf("unsafe path accepted: %+v", it)
			}
		}
	})
}
