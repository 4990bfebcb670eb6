package sysusers

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

// conf is what Debian's server packages' maintainer scripts create, as sysusers.d lines,
// plus the corner cases of systemd-sysusers' id choice.
const conf = `# accounts of the extras set
g docker -
u postgres - "PostgreSQL administrator" /var/lib/postgresql /bin/bash
u mysql - "MySQL Server" /nonexistent
u redis 105 "Redis" /var/lib/redis
m redis docker
u www-data 33:33 - /var/www
g grp 1234
u uidgrp 1234
u fromgrp -:docker
m implicit newgroup
r - 500-900
`

const passwd0 = "root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
const group0 = "root:x:0:\nnogroup:x:65534:\n"

func writeRoot(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for p, s := range map[string]string{"etc/passwd": passwd0, "etc/group": group0, "usr/lib/sysusers.d/test.conf": conf,
		"etc/sysusers.d/masked.conf": "", "usr/lib/sysusers.d/masked.conf": "u masked -\n"} {
		os.MkdirAll(filepath.Dir(filepath.Join(root, p)), 0o755)
		if err := os.WriteFile(filepath.Join(root, p), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func ours(t *testing.T, root string) *Result {
	t.Helper()
	es, errs := Read(os.DirFS(root))
	if len(errs) != 0 {
		t.Fatalf("read: %v", errs)
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	res, err := Apply(r, es, time.Unix(1796600000, 0))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func readTables(t *testing.T, root string) map[string]string {
	out := map[string]string{}
	for _, f := range []string{"passwd", "group", "shadow", "gshadow"} {
		b, _ := os.ReadFile(filepath.Join(root, "etc", f))
		var lines []string
		for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			if f == "shadow" { // the change date is today's day number in systemd's run
				if p := strings.Split(l, ":"); len(p) > 2 {
					p[2] = "DAY"
					l = strings.Join(p, ":")
				}
			}
			lines = append(lines, l)
		}
		out[f] = strings.Join(lines, "\n")
	}
	return out
}

// TestAgainstSystemdSysusers applies the same files to two roots, one with ours and one
// with systemd-sysusers --root, and compares the four tables line by line.
func TestAgainstSystemdSysusers(t *testing.T) {
	tool := testfiles.Tool(t, "systemd-sysusers", "systemd")
	a, b := writeRoot(t), writeRoot(t)
	res := ours(t, a)
	out, _ := exec.Command(tool, "--root="+b).CombinedOutput() // fails for www-data, as ours does
	if !strings.Contains(string(out), "please create GID 33") {
		t.Fatalf("systemd-sysusers said:\n%s", out)
	}
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "test.conf:7: cannot create www-data: please create GID 33") {
		t.Fatalf("our errors %v", res.Errors)
	}
	got, want := readTables(t, a), readTables(t, b)
	for _, f := range []string{"passwd", "group", "shadow", "gshadow"} {
		if got[f] != want[f] {
			t.Errorf("/etc/%s differs:\nours:\n%s\nsystemd-sysusers:\n%s", f, got[f], want[f])
		}
	}
	// A second run of ours changes nothing.
	before := readTables(t, a)
	if res := ours(t, a); len(res.Created) != 0 || !reflect.DeepEqual(readTables(t, a), before) {
		t.Fatalf("second run created %v", res.Created)
	}
}

func TestParse(t *testing.T) {
	es, errs := Parse("/x.conf", []byte("u sshd 74:nogroup 'Privilege separated' /usr/share/empty.sshd -\ng _ssh -\nr - 500-900\nu x\n"+
		"bogus line here\nu bad:name -\nu ok2 /var/lib/ok2\nm a b\nu q - \"a \\\"quoted\\\" name\" /h\n"))
	want := []Entry{
		{Type: 'u', Name: "sshd", ID: 74, Group: "nogroup", Gecos: "Privilege separated", Home: "/usr/share/empty.sshd", File: "/x.conf", Line: 1},
		{Type: 'g', Name: "_ssh", ID: -1, File: "/x.conf", Line: 2},
		{Type: 'r', Name: "-", ID: -1, Lo: 500, Hi: 900, File: "/x.conf", Line: 3},
		{Type: 'u', Name: "x", ID: -1, File: "/x.conf", Line: 4},
		{Type: 'u', Name: "ok2", ID: -1, IDPath: "/var/lib/ok2", File: "/x.conf", Line: 7},
		{Type: 'm', Name: "a", ID: -1, Group: "b", File: "/x.conf", Line: 8},
		{Type: 'u', Name: "q", ID: -1, Gecos: `a "quoted" name`, Home: "/h", File: "/x.conf", Line: 9},
	}
	if !reflect.DeepEqual(es, want) {
		t.Fatalf("got  %+v\nwant %+v", es, want)
	}
	if len(errs) != 2 || !strings.Contains(errs[0].Error(), "/x.conf:5:") || !strings.Contains(errs[1].Error(), "/x.conf:6:") {
		t.Fatalf("errors %v", errs)
	}
	for _, bad := range []string{"u", "x name", "u n 70000", "g g 1 extra", "u n - \"unterminated", "u n - - relative", "r x 1-2", "r - 9-1", "m a", "u n - a:b"} {
		if es, errs := Parse("b", []byte(bad+"\n")); len(errs) != 1 || len(es) != 0 {
			t.Errorf("%q: %+v %v", bad, es, errs)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(conf))
	f.Add([]byte("u sshd 74:nogroup 'Privilege separated' /usr/share/empty.sshd -\n"))
	f.Add([]byte("u q - \"a \\\"b\\\" c\" /h /bin/sh\nu! locked -\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		es, _ := Parse("f", b)
		again, errs := Parse("f", []byte(Format(es)))
		if len(errs) != 0 {
			t.Fatalf("formatted entries do not parse: %v\n%s", errs, Format(es))
		}
		strip := func(es []Entry) []Entry {
			out := make([]Entry, len(es))
			for i, e := range es {
				e.File, e.Line = "", 0
				out[i] = e
			}
			return out
		}
		if !reflect.DeepEqual(strip(es), strip(again)) {
			t.Fatalf("round trip:\n%+v\n%+v\n%s", es, again, Format(es))
		}
	})
}

// TestBadLineRestApplied: issue 16's bad input, as nimbus-init's sysusers stage reads
// and applies: a line that does not parse is named by file and line, and the lines
// around it (and the other files) are still applied; a second run creates nothing.
func TestBadLineRestApplied(t *testing.T) {
	root := t.TempDir()
	for p, s := range map[string]string{"etc/passwd": passwd0, "etc/group": group0,
		"usr/lib/sysusers.d/a.conf": "u before - \"Before\"\nu bad:name -\nu after - \"After\" /var/lib/after\n",
		"usr/lib/sysusers.d/b.conf": "g other -\n"} {
		os.MkdirAll(filepath.Dir(filepath.Join(root, p)), 0o755)
		if err := os.WriteFile(filepath.Join(root, p), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	es, errs := Read(os.DirFS(root))
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "/usr/lib/sysusers.d/a.conf:2: ") || !strings.Contains(errs[0].Error(), "bad:name") {
		t.Fatalf("errors %v", errs)
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for run, want := range [][]string{{"before", "after", "other"}, nil} {
		res, err := Apply(r, es, time.Unix(1796600000, 0))
		if err != nil || len(res.Errors) != 0 {
			t.Fatalf("run %d: %v %v", run, err, res.Errors)
		}
		got := strings.Join(res.Created, " ")
		for _, name := range want {
			if !strings.Contains(got, name) {
				t.Errorf("run %d: created %q, want %s among them", run, got, name)
			}
		}
		if want == nil && len(res.Created) != 0 {
			t.Errorf("second run created %q", got)
		}
	}
	passwd, _ := os.ReadFile(filepath.Join(root, "etc/passwd"))
	if !strings.Contains(string(passwd), "\nafter:x:") || !strings.Contains(string(passwd), ":After:/var/lib/after:") {
		t.Errorf("/etc/passwd:\n%s", passwd)
	}
}
