package units

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// escapeVectors are checked against systemd-escape itself when it is installed (it must be
// in CI): unescaped instance, unescaped path, and the escaped form of the plain string.
var escapeVectors = []struct{ escaped, name, path string }{
	{"15-main", "15/main", "/15/main"},
	{`a\x2db`, "a-b", "/a-b"},
	{"foo-bar-baz", "foo/bar/baz", "/foo/bar/baz"},
	{"-", "/", "/"},
	{`x\x20y`, "x y", "/x y"},
	{`\x2ehidden`, ".hidden", "/.hidden"},
	{`\xc3\xbc`, "ü", "/ü"},
	{"x:y_z.w", "x:y_z.w", "/x:y_z.w"},
}

func TestEscapeAgainstSystemd(t *testing.T) {
	tool, err := exec.LookPath("systemd-escape")
	if err != nil && os.Getenv("CI") == "true" {
		t.Fatal("systemd-escape is required in CI (apt-get install systemd)")
	}
	for _, v := range escapeVectors {
		if got := UnescapeUnitName(v.escaped); got != v.name {
			t.Errorf("UnescapeUnitName(%q) = %q, want %q", v.escaped, got, v.name)
		}
		if got := UnescapeUnitPath(v.escaped); got != v.path {
			t.Errorf("UnescapeUnitPath(%q) = %q, want %q", v.escaped, got, v.path)
		}
		if v.escaped != "-" {
			if got := EscapeUnitName(v.name); got != v.escaped {
				t.Errorf("EscapeUnitName(%q) = %q, want %q", v.name, got, v.escaped)
			}
		}
		if tool == "" {
			continue
		}
		for _, c := range []struct {
			args []string
			want string
		}{
			{[]string{"-u", "--", v.escaped}, v.name},
			{[]string{"-u", "-p", "--", v.escaped}, v.path},
			{[]string{"--", v.name}, v.escaped},
		} {
			if v.escaped == "-" && len(c.args) == 2 {
				continue
			}
			out, err := exec.Command(tool, c.args...).Output()
			if err != nil {
				t.Fatalf("systemd-escape %q: %v", c.args, err)
			}
			if got := strings.TrimSuffix(string(out), "\n"); got != c.want {
				t.Errorf("systemd-escape %q = %q, our vector says %q", c.args, got, c.want)
			}
		}
	}
}

// TestSpecifiers follows the table of systemd.unit(5) for the system manager, with
// Debian's postgresql@.service instance 15-main (%I must be 15/main).
func TestSpecifiers(t *testing.T) {
	h := &Host{Hostname: "ip-10-0-0-5.ec2.internal", MachineID: "0123456789abcdef0123456789abcdef", BootID: "b00t",
		KernelRelease: "6.1.0-28-cloud-amd64", Arch: "x86-64", OSRelease: map[string]string{"ID": "nimbus", "VERSION_ID": "2026", "BUILD_ID": "b1"}}
	frag := "/usr/lib/systemd/system/postgresql@.service"
	for in, want := range map[string]string{
		"%n":                                 "postgresql@15-main.service",
		"%N":                                 "postgresql@15-main",
		"%p":                                 "postgresql",
		"%P":                                 "postgresql",
		"%i":                                 "15-main",
		"%I":                                 "15/main",
		"%f":                                 "/15/main",
		"%j":                                 "postgresql",
		"%y %Y":                              frag + " /usr/lib/systemd/system",
		"%t %S %C %L %E %T %V %D":            "/run /var/lib /var/cache /var/log /etc /tmp /var/tmp /usr/share",
		"%u %U %g %G %h %s":                  "root 0 root 0 /root /bin/sh",
		"%H %l %m %b %v %a":                  "ip-10-0-0-5.ec2.internal ip-10-0-0-5 0123456789abcdef0123456789abcdef b00t 6.1.0-28-cloud-amd64 x86-64",
		"%o %w %B %W":                        "nimbus 2026 b1 ",
		"%d":                                 "/run/credentials/postgresql@15-main.service",
		"/etc/postgresql/%I/postgresql.conf": "/etc/postgresql/15/main/postgresql.conf",
		"100%%":                              "100%",
		"50%":                                "50%",
	} {
		got, err := ExpandSpecifiers(in, "postgresql@15-main.service", frag, h)
		if err != nil || got != want {
			t.Errorf("%q: %q %v, want %q", in, got, err, want)
		}
	}
	if got, _ := ExpandSpecifiers("%j %J %P %f", "dev-disk-by\\x2dlabel.service", "", nil); got != `by\x2dlabel by-label dev/disk/by-label /dev/disk/by-label` {
		t.Errorf("prefix specifiers: %q", got)
	}
	if _, err := ExpandSpecifiers("%z", "a.service", "", nil); err == nil {
		t.Error("%z accepted")
	}
}

// TestSpecifiersEverywhere: Debian's postgresql@.service instance gets its specifiers
// expanded in Assert*, PIDFile=, Exec lines, Environment= and [Install]; a value with an
// unknown specifier is ignored with a warning naming file and line.
func TestSpecifiersEverywhere(t *testing.T) {
	b, err := os.ReadFile("testdata/debian/postgresql@.service")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse("/usr/lib/systemd/system/postgresql@.service", strings.NewReader(string(b)+"\n[Service]\nEnvironment=PGCLUSTER=%I\nExecStartPost=-/bin/echo %z\nWorkingDirectory=%q%z\n"))
	if err != nil {
		t.Fatal(err)
	}
	u, err := Build("postgresql@15-main.service", f)
	if err != nil {
		t.Fatal(err)
	}
	if len(u.Conditions) == 0 || u.Conditions[0].Arg != "/etc/postgresql/15/main/postgresql.conf" || !u.Conditions[0].Assert {
		t.Errorf("assert %+v", u.Conditions)
	}
	s := u.Service
	if s.PIDFile != "/run/postgresql/15-main.pid" {
		t.Errorf("PIDFile %q", s.PIDFile)
	}
	if got := strings.Join(s.ExecStart[0].Argv, " "); got != "/usr/bin/pg_ctlcluster --skip-systemctl-redirect 15-main start" {
		t.Errorf("ExecStart %q", got)
	}
	if got := strings.Join(s.Environment, " "); got != "PGCLUSTER=15/main" {
		t.Errorf("Environment %q", got)
	}
	// systemd: an unknown specifier ignores an assignment with a warning, a "-" Exec line
	// with it is ignored, an Exec line without "-" fails the unit.
	if len(u.Warnings) != 2 || !strings.Contains(u.Warnings[0], "postgresql@.service:") || !strings.Contains(u.Warnings[0], "%z") ||
		len(s.ExecStartPost) != 0 || s.WorkingDir != "" {
		t.Errorf("warnings %q, ExecStartPost %v, WorkingDirectory %q", u.Warnings, s.ExecStartPost, s.WorkingDir)
	}
	f, _ = Parse("/x.service", strings.NewReader("[Service]\nExecStart=/bin/echo %z\n"))
	if _, err := Build("x.service", f); err == nil || err.Error() != "/x.service:2: ExecStart=/bin/echo %z: unknown specifier %z" {
		t.Errorf("unknown specifier in ExecStart: %v", err)
	}
}

// TestNotEnforcedAndUnknown: sandboxing directives are listed once as not enforced; an
// unknown directive is reported with file and line; the unit still builds.
func TestNotEnforcedAndUnknown(t *testing.T) {
	src := "[Unit]\nStartLimitBurst=2\n[Service]\nExecStart=/bin/true\nProtectSystem=full\nPrivateTmp=yes\nProtectSystem=strict\n" +
		"FancyNew=1\nStartLimitInterval=7\nLimitNOFILE=infinity\nX-Tool=1\n[Install]\nAlias=other.service\n[X-Vendor]\nAnything=1\n"
	f, err := Parse("/etc/systemd/system/x.service", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	u, err := Build("x.service", f)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(u.NotEnforced, ",") != "Service.ProtectSystem,Service.PrivateTmp" {
		t.Errorf("not enforced %q", u.NotEnforced)
	}
	if len(u.Unsupported) != 1 || u.Unsupported[0] != "Service.FancyNew (/etc/systemd/system/x.service:8)" {
		t.Errorf("unknown %q", u.Unsupported)
	}
	if u.StartLimitBurst != 2 || u.StartLimitInterval.Seconds() != 7 {
		t.Errorf("start limit %v %d", u.StartLimitInterval, u.StartLimitBurst)
	}
	if len(u.Aliases) != 1 || u.Aliases[0] != "other.service" {
		t.Errorf("aliases %q", u.Aliases)
	}
}

// TestExecEscapes: C escapes in Exec lines decode as systemd's do; specifiers are expanded
// in each word after the split (systemd's config_parse_exec), so %I with a space stays one
// argument and %i keeps its escapes.
func TestExecEscapes(t *testing.T) {
	for in, want := range map[string][]string{
		`/bin/echo a\x20b \101\u00e9 "q\"x" \s`: {"/bin/echo", "a b", "Aé", `q"x`, " "},
		`/bin/echo \z \x4 '\x41'`:               {"/bin/echo", "z", "x4", `\x41`},
	} {
		got, err := SplitWords(in)
		if err != nil || strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: %q %v, want %q", in, got, err, want)
		}
	}
	f, _ := Parse("/x@.service", strings.NewReader("[Service]\nExecStart=/bin/echo %i %I\n"))
	u, err := Build(`x@a\x20b.service`, f)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(u.Service.ExecStart[0].Argv, "|"); got != `/bin/echo|a\x20b|a b` {
		t.Errorf("argv %q", got)
	}
}
