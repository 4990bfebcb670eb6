package distbuild

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Debian 12's libpam-runtime: the unix profile and the common-auth template (trimmed
// comments), and what a fresh install's pam-auth-update writes from them.
const unixProfile = `Name: Unix authentication
Default: yes
Priority: 256
Auth-Type: Primary
Auth:
	[success=end default=ignore]	pam_unix.so nullok try_first_pass
Auth-Initial:
	[success=end default=ignore]	pam_unix.so nullok
Account-Type: Primary
Account:
	[success=end new_authtok_reqd=done default=ignore]	pam_unix.so
Account-Initial:
	[success=end new_authtok_reqd=done default=ignore]	pam_unix.so
Session-Type: Additional
Session:
	required	pam_unix.so
Session-Initial:
	required	pam_unix.so
Password-Type: Primary
Password:
	[success=end default=ignore]	pam_unix.so obscure use_authtok try_first_pass yescrypt
Password-Initial:
	[success=end default=ignore]	pam_unix.so obscure yescrypt
`

func pamTemplate(typ string) string {
	short := strings.TrimSuffix(typ, "-noninteractive")
	return "# /etc/pam.d/common-" + typ + "\n" +
		"# here are the per-package modules (the \"Primary\" block)\n$x_primary\n" +
		"# here's the fallback if no module succeeds\n" + short + "\trequisite\t\t\tpam_deny.so\n" +
		short + "\trequired\t\t\tpam_permit.so\n" +
		"# and here are more per-package modules (the \"Additional\" block)\n$x_additional\n" +
		"# end of pam-auth-update config\n"
}

func TestPAMStackUnix(t *testing.T) {
	tpl := map[string][]byte{}
	for _, typ := range pamTypes {
		tpl[typ] = []byte(pamTemplate(typ))
	}
	// A second profile, lower priority, to check the jump counts and the -Initial rule.
	extra := "Name: extra\nDefault: yes\nPriority: 0\nAuth-Type: Primary\nAuth:\n\t[success=end default=ignore]\tpam_extra.so use_first_pass\nAuth-Initial:\n\t[success=end default=ignore]\tpam_extra.so\nSession-Type: Additional\nSession-Interactive-Only: yes\nSession:\n\toptional\tpam_extra.so\n"
	off := "Name: off\nDefault: no\nPriority: 900\nAuth-Type: Primary\nAuth:\n\trequired\tpam_off.so\n"
	got, err := pamStack(tpl, map[string][]byte{"unix": []byte(unixProfile), "extra": []byte(extra), "off": []byte(off)})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"auth": "# /etc/pam.d/common-auth\n# here are the per-package modules (the \"Primary\" block)\n" +
			"auth\t[success=2 default=ignore]\tpam_unix.so nullok\n" +
			"auth\t[success=1 default=ignore]\tpam_extra.so use_first_pass\n" +
			"# here's the fallback if no module succeeds\nauth\trequisite\t\t\tpam_deny.so\nauth\trequired\t\t\tpam_permit.so\n" +
			"# and here are more per-package modules (the \"Additional\" block)\n# end of pam-auth-update config\n",
		"session": "# /etc/pam.d/common-session\n# here are the per-package modules (the \"Primary\" block)\n" +
			"session\t[default=1]\t\t\tpam_permit.so\n" +
			"# here's the fallback if no module succeeds\nsession\trequisite\t\t\tpam_deny.so\nsession\trequired\t\t\tpam_permit.so\n" +
			"# and here are more per-package modules (the \"Additional\" block)\n" +
			"session\trequired\tpam_unix.so \n",
		"session-noninteractive": "# /etc/pam.d/common-session-noninteractive\n# here are the per-package modules (the \"Primary\" block)\n" +
			"session\t[default=1]\t\t\tpam_permit.so\n" +
			"# here's the fallback if no module succeeds\nsession\trequisite\t\t\tpam_deny.so\nsession\trequired\t\t\tpam_permit.so\n" +
			"# and here are more per-package modules (the \"Additional\" block)\n" +
			"session\trequired\tpam_unix.so \n# end of pam-auth-update config\n",
	}
	// The interactive session block has the extra module too (Session-Interactive-Only).
	want["session"] += "session\toptional\tpam_extra.so \n# end of pam-auth-update config\n"
	for typ, w := range want {
		if string(got[typ]) != w {
			t.Errorf("common-%s:\n%s\nwant:\n%s", typ, got[typ], w)
		}
	}
	// A template without the markers is refused, not half-filled.
	tpl["account"] = []byte("account required pam_unix.so\n")
	if _, err := pamStack(tpl, map[string][]byte{"unix": []byte(unixProfile)}); err == nil {
		t.Error("a template without pam-auth-update's markers was accepted")
	}
}

// TestPAMStackAgainstHost: pam-auth-update itself is the referee. A Debian host's
// /etc/pam.d/common-* were written by it from /usr/share/pam and /usr/share/pam-configs;
// computing them from the same inputs must give the same bytes (when the administrator
// has not edited them: then the test skips).
func TestPAMStackAgainstHost(t *testing.T) {
	tpl, prof := map[string][]byte{}, map[string][]byte{}
	for _, typ := range pamTypes {
		b, err := os.ReadFile("/usr/share/pam/common-" + typ)
		if err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("the referee (libpam-runtime's templates) is missing: %v", err)
			}
			t.Skip(err)
		}
		tpl[typ] = b
	}
	m, _ := filepath.Glob("/usr/share/pam-configs/*")
	for _, p := range m {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		prof[filepath.Base(p)] = b
	}
	got, err := pamStack(tpl, prof)
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range pamTypes {
		host, err := os.ReadFile("/etc/pam.d/common-" + typ)
		if err != nil {
			t.Skip(err)
		}
		if !bytes.Equal(host, got[typ]) {
			// Only the block pam-auth-update manages is compared.
			if blockOf(host) == blockOf(got[typ]) {
				t.Logf("common-%s: the managed block is identical (the host's comments differ)", typ)
				continue
			}
			t.Errorf("common-%s differs from the host's pam-auth-update output:\n%s\nhost:\n%s", typ, got[typ], host)
		}
	}
}

func blockOf(b []byte) string {
	s := string(b)
	i := strings.Index(s, "# here are the per-package modules")
	j := strings.Index(s, "# end of pam-auth-update config")
	if i < 0 || j < i {
		return s
	}
	return s[i:j]
}

func TestSSHDConfigHook(t *testing.T) {
	tpl := []byte("Include /etc/ssh/sshd_config.d/*.conf\nUsePAM yes\n")
	nodes := sshdConfigHook([]*node{{Path: "/usr/share/openssh/sshd_config", Mode: modeRegular | 0o644, Data: tpl}})
	if len(nodes) != 2 || nodes[1].Path != "/etc/ssh/sshd_config" || !nodes[1].Config || !bytes.Equal(nodes[1].Data, tpl) {
		t.Errorf("sshd_config not made from the template: %+v", nodes)
	}
	nodes = pamHook([]*node{{Path: "/usr/share/pam/common-auth", Mode: modeRegular | 0o644, Data: []byte(pamTemplate("auth"))}})
	if len(nodes) != 1 {
		t.Errorf("pam hook added files without all templates: %d nodes", len(nodes))
	}
}

func FuzzPAMStack(f *testing.F) {
	f.Add([]byte(unixProfile), []byte(pamTemplate("auth")))
	f.Add([]byte("Auth:\nA: b\n x:\n"), []byte("# here are the per-package modules (the \"Primary\" block)\n"))
	f.Fuzz(func(t *testing.T, profile, template []byte) {
		tpl := map[string][]byte{}
		for _, typ := range pamTypes {
			tpl[typ] = template
		}
		pamStack(tpl, map[string][]byte{"p": profile, "unix": []byte(unixProfile)})
	})
}
