package units

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseSyntax(t *testing.T) {
	src := "# comment\n; other\n[Unit]\nDescription = Hello world \nAfter=a.service \\\n  b.service\n\n[Service]\nExecStart=/bin/echo \"a b\" 'c d' e\\ f\nEnvironment=A=1 \"B=2 3\"\n"
	f, err := Parse("x.service", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	u, err := Build("x.service", f)
	if err != nil {
		t.Fatal(err)
	}
	if u.Description != "Hello world" || !reflect.DeepEqual(u.After, []string{"a.service", "b.service"}) {
		t.Fatalf("unit %+v", u)
	}
	if got := u.Service.ExecStart[0].Argv; !reflect.DeepEqual(got, []string{"/bin/echo", "a b", "c d", "e f"}) {
		t.Fatalf("argv %q", got)
	}
	if !reflect.DeepEqual(u.Service.Environment, []string{"A=1", "B=2 3"}) {
		t.Fatalf("env %q", u.Service.Environment)
	}
}

func TestParseErrors(t *testing.T) {
	for _, src := range []string{"Key=outside\n", "[Unit\n", "[Unit]\nnovalue\n", "[Unit]\nbad key=1\n"} {
		_, err := Parse("bad.service", strings.NewReader(src))
		var pe *ParseError
		if err == nil || !asParseError(err, &pe) || pe.Line == 0 {
			t.Errorf("%q: err %v", src, err)
		}
	}
	for _, src := range []string{"[Service]\nExecStart=\"unterminated\n", "[Unit]\nDescription=no exec\n[Service]\n",
		"[Service]\nExecStart=/bin/true\nExecStart=/bin/false\n"} {
		f, err := Parse("bad.service", strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Build("bad.service", f); err == nil {
			t.Errorf("%q: no error", src)
		}
	}
}

// TestBadValuesIgnored: as systemd ("Failed to parse ..., ignoring"), a bad value of a
// [Unit] or [Service] setting is a warning naming file and line; the default stays and the
// unit loads.
func TestBadValuesIgnored(t *testing.T) {
	f, err := Parse("/etc/systemd/system/x.service", strings.NewReader("[Unit]\nStartLimitBurst=many\n[Service]\nType=weird\n"+
		"RestartSec=5 fortnights\nRestart=sometimes\nLimitNOFILE=lots\nExecStart=/bin/true\n"))
	if err != nil {
		t.Fatal(err)
	}
	u, err := Build("x.service", f)
	if err != nil {
		t.Fatal(err)
	}
	if len(u.Warnings) != 5 || !strings.Contains(u.Warnings[1], "Service.Type=weird (/etc/systemd/system/x.service:4): unknown Type") {
		t.Fatalf("warnings %q", u.Warnings)
	}
	if s := u.Service; s.Type != "simple" || s.Restart != "no" || s.RestartDelay != 100*time.Millisecond || len(s.Limits) != 0 || u.StartLimitBurst != 5 {
		t.Fatalf("defaults not kept: %+v", s)
	}
	for typ, want := range map[string]string{"idle": "simple", "dbus": "simple"} {
		f, _ := Parse("/y.service", strings.NewReader("[Service]\nType="+typ+"\nExecStart=/bin/true\n"))
		if u, err := Build("y.service", f); err != nil || u.Service.Type != want {
			t.Errorf("Type=%s: %+v %v", typ, u, err)
		}
	}
}

func asParseError(err error, pe **ParseError) bool {
	p, ok := err.(*ParseError)
	*pe = p
	return ok
}

func TestCommandPrefixes(t *testing.T) {
	c, err := ParseCommand("-@/usr/sbin/daemon mydaemon --flag")
	if err != nil {
		t.Fatal(err)
	}
	if !c.IgnoreFailure || c.Path != "/usr/sbin/daemon" || !reflect.DeepEqual(c.Argv, []string{"mydaemon", "--flag"}) {
		t.Fatalf("%+v", c)
	}
	got := expandArgs([]string{"/bin/x", "$OPTS", "${ONE}", "pre${ONE}post"}, map[string]string{"OPTS": "-a  -b", "ONE": "1 2"})
	if want := []string{"/bin/x", "-a", "-b", "1 2", "pre1 2post"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("expand %q want %q", got, want)
	}
	if s, _ := ExpandSpecifiers("%n %N %i %p %t/%%", "getty@tty1.service", "", nil); s != "getty@tty1.service getty@tty1 tty1 getty /run/%" {
		t.Fatalf("specifiers %q", s)
	}
}

func TestTimespan(t *testing.T) {
	for in, want := range map[string]time.Duration{"5": 5 * time.Second, "100ms": 100 * time.Millisecond,
		"1min 30s": 90 * time.Second, "2h": 2 * time.Hour, "infinity": 0, "1.5s": 1500 * time.Millisecond} {
		if got, err := ParseTimespan(in); err != nil || got != want {
			t.Errorf("%q: %v %v", in, got, err)
		}
	}
	for _, in := range []string{"", "abc", "5 parsecs"} {
		if _, err := ParseTimespan(in); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}

// TestDebianCorpus loads real unit files shipped by Debian 12 packages.
func TestDebianCorpus(t *testing.T) {
	files, _ := filepath.Glob("testdata/debian/*")
	if len(files) < 10 {
		t.Fatalf("corpus has %d files", len(files))
	}
	for _, p := range files {
		t.Run(filepath.Base(p), func(t *testing.T) {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			f, err := Parse(p, strings.NewReader(string(b)))
			if err != nil {
				t.Fatal(err)
			}
			u, err := Build(filepath.Base(p), f)
			if err != nil {
				t.Fatal(err)
			}
			if (u.Service == nil || len(u.Service.ExecStart) == 0) && (u.Socket == nil || len(u.Socket.Listen) == 0) {
				t.Errorf("not a service or socket: %+v", u)
			}
			for _, d := range u.Unsupported {
				t.Logf("unsupported: %s", d)
			}
		})
	}
	f, _ := os.ReadFile("testdata/debian/ssh.service")
	pf, _ := Parse("ssh.service", strings.NewReader(string(f)))
	u, _ := Build("ssh.service", pf)
	s := u.Service
	if s.Type != "notify" || s.KillMode != "process" || s.Restart != "on-failure" || len(s.ExecReload) != 2 ||
		!reflect.DeepEqual(s.RestartPrevent, []int{255}) || !s.EnvironmentFile[0].Optional || s.RuntimeDir[0] != "sshd" {
		t.Fatalf("ssh.service: %+v", s)
	}
	if len(u.Conditions) != 1 || !u.Conditions[0].Negate || u.Conditions[0].Arg != "/etc/ssh/sshd_not_to_be_run" {
		t.Fatalf("conditions %+v", u.Conditions)
	}
	if len(u.Unsupported) != 0 {
		t.Fatalf("ssh.service unsupported %q", u.Unsupported)
	}
}

func TestLoaderDropInsAndWants(t *testing.T) {
	root := t.TempDir()
	write := func(p, s string) {
		full := filepath.Join(root, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("usr/lib/systemd/system/web.service", "[Unit]\nDescription=vendor\nWants=a.service\n[Service]\nExecStart=/bin/web\nEnvironment=X=1\n[Install]\nWantedBy=multi-user.target\n")
	write("usr/lib/systemd/system/web.service.d/10-vendor.conf", "[Service]\nEnvironment=Y=2\n")
	write("etc/systemd/system/web.service.d/20-admin.conf", "[Unit]\nDescription=admin\nWants=\n[Service]\nExecStart=\nExecStart=/bin/web --admin\nFancyNew=1\n")
	write("etc/systemd/system/getty@.service", "[Service]\nExecStart=/sbin/getty %I\n")
	os.MkdirAll(filepath.Join(root, "etc/systemd/system/multi-user.target.wants"), 0o755)
	os.Symlink("/usr/lib/systemd/system/web.service", filepath.Join(root, "etc/systemd/system/multi-user.target.wants/web.service"))
	os.Symlink("/dev/null", filepath.Join(root, "etc/systemd/system/masked.service"))
	l := &Loader{FS: os.DirFS(root)}
	u, err := l.Load("web.service")
	if err != nil {
		t.Fatal(err)
	}
	if u.Description != "admin" || len(u.Wants) != 0 || u.Service.ExecStart[0].Raw != "/bin/web --admin" || len(u.Service.ExecStart) != 1 {
		t.Fatalf("%+v %+v", u, u.Service)
	}
	if !reflect.DeepEqual(u.Service.Environment, []string{"X=1", "Y=2"}) || len(u.Sources) != 3 {
		t.Fatalf("env %q sources %q", u.Service.Environment, u.Sources)
	}
	if len(u.Unsupported) != 1 || !strings.HasPrefix(u.Unsupported[0], "Service.FancyNew") {
		t.Fatalf("unsupported %q", u.Unsupported)
	}
	mu, err := l.Load("multi-user.target")
	if err != nil || !reflect.DeepEqual(mu.Wants, []string{"basic.target", "web.service"}) {
		t.Fatalf("target %+v %v", mu, err)
	}
	g, err := l.Load("getty@ttyS0.service")
	if err != nil || g.Service.ExecStart[0].Argv[1] != "ttyS0" {
		t.Fatalf("template %+v %v", g, err)
	}
	if _, err := l.Load("masked.service"); err == nil || !strings.Contains(err.Error(), "masked") {
		t.Fatalf("masked: %v", err)
	}
	if _, err := l.Load("nothere.service"); err == nil {
		t.Fatal("missing unit loaded")
	}
}

// A snapshot loader reads the same units as the plain one (files, aliases, templates,
// drop-ins, wants, masks, absent units) with far fewer file system lookups.
func TestLoaderSnapshot(t *testing.T) {
	root := t.TempDir()
	write := func(p, s string) {
		full := filepath.Join(root, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("usr/lib/systemd/system/web.service", "[Unit]\nWants=a.service\n[Service]\nExecStart=/bin/web\n[Install]\nWantedBy=multi-user.target\n")
	write("usr/lib/systemd/system/web.service.d/10-vendor.conf", "[Service]\nEnvironment=Y=2\n")
	write("etc/systemd/system/web.service.d/20-admin.conf", "[Service]\nEnvironment=Z=3\n")
	write("usr/lib/systemd/system/getty@.service", "[Service]\nExecStart=/sbin/getty %I\n")
	write("etc/systemd/system/getty@.service.d/x.conf", "[Unit]\nDescription=tty %I\n")
	write("run/systemd/generator/gen.service", "[Service]\nExecStart=/bin/gen\n")
	os.MkdirAll(filepath.Join(root, "etc/systemd/system/multi-user.target.wants"), 0o755)
	os.Symlink("/usr/lib/systemd/system/web.service", filepath.Join(root, "etc/systemd/system/multi-user.target.wants/web.service"))
	os.Symlink("web.service", filepath.Join(root, "usr/lib/systemd/system/www.service"))
	os.Symlink("/dev/null", filepath.Join(root, "etc/systemd/system/masked.service"))
	plainFS := &countFS{FS: os.DirFS(root)}
	snapFS := &countFS{FS: os.DirFS(root)}
	plain := &Loader{FS: plainFS}
	snap := (&Loader{FS: snapFS}).Snapshot()
	for _, name := range []string{"web.service", "www.service", "getty@ttyS0.service", "gen.service", "multi-user.target", "masked.service", "nothere.service", "a.service"} {
		want, werr := plain.Load(name)
		got, gerr := snap.Load(name)
		if fmt.Sprint(werr) != fmt.Sprint(gerr) || unitText(want) != unitText(got) {
			t.Errorf("%s: snapshot %+v, %v; plain %+v, %v", name, got, gerr, want, werr)
		}
	}
	if snapFS.n*2 > plainFS.n {
		t.Errorf("the snapshot opened %d times, the plain loader %d", snapFS.n, plainFS.n)
	}
	t.Logf("opens: snapshot %d, plain %d", snapFS.n, plainFS.n)
}

// unitText prints a unit with what its pointers point to (a Service holds a func, which
// reflect.DeepEqual never finds equal).
func unitText(u *Unit) string {
	if u == nil {
		return "<nil>"
	}
	c := *u
	c.Service, c.Timer, c.Socket = nil, nil, nil
	out := fmt.Sprintf("%+v", c)
	if u.Service != nil {
		out += fmt.Sprintf(" service %+v", *u.Service)
	}
	if u.Timer != nil {
		out += fmt.Sprintf(" timer %+v", *u.Timer)
	}
	if u.Socket != nil {
		out += fmt.Sprintf(" socket %+v", *u.Socket)
	}
	return out
}

// countFS counts the opens of a file system (ReadFile, ReadDir, ReadLink go through it).
type countFS struct {
	fs.FS
	n int
}

func (c *countFS) Open(name string) (fs.File, error) { c.n++; return c.FS.Open(name) }

func (c *countFS) ReadLink(name string) (string, error) {
	c.n++
	return c.FS.(fs.ReadLinkFS).ReadLink(name)
}

func (c *countFS) Lstat(name string) (fs.FileInfo, error) {
	c.n++
	return c.FS.(fs.ReadLinkFS).Lstat(name)
}
