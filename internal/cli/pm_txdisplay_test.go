package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestTransactionDisplayLikeDNF: the lines dnf's transaction display prints on a
// non-terminal stdout ("  Installing       : app-1.0-1.noarch   4/5 ", "Running
// scriptlet", "Cleanup", "Erasing", "Obsoleting", "Preparing", then "Verifying" for each
// item), beside dnf 4.14 over install, upgrade with obsoletes, reinstall, downgrade and
// remove, each tool in its own root. The "Verifying" lines must be the same, in order;
// the lines while the transaction runs must be the same lines, format and all, but their
// order and counts follow each tool's transaction order (rpm's tsort against nimbus's
// ordering, and rpm erases replaced packages after all installs where nimbus erases each
// right after its successor), so they are compared as sets without the counts. What rpm
// logs for an element (a changed %config file "saved as" .rpmsave on erase) is on stdout
// after the element's line in both. With -q neither prints them.
func TestTransactionDisplayLikeDNF(t *testing.T) {
	v1, v2 := t.TempDir(), t.TempDir()
	buildRepo(t, v1, fixturesV1)
	buildRepo(t, v2, fixturesV2)
	env := dnfEnv(t)
	conf := filepath.Join(t.TempDir(), "dnf.conf")
	os.WriteFile(conf, []byte(fmt.Sprintf("[main]\nreposdir=/dev/null\ngpgcheck=0\ninstall_weak_deps=1\n\n[v1]\nname=v1\nbaseurl=file://%s\n\n[v2]\nname=v2\nbaseurl=file://%s\nenabled=0\n", v1, v2)), 0o644)
	line := regexp.MustCompile(`^  ([A-Z][a-z]+(?: scriptlet)?) *: (.*?) +(\d+)/(\d+) $`)
	type display struct{ running, verifying, logs []string }
	parse := func(out string) display {
		var d display
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, "warning: ") {
				d.logs = append(d.logs, l)
			}
			m := line.FindStringSubmatch(l)
			if m == nil {
				continue
			}
			if len(l) != 80 {
				t.Errorf("a display line of %d columns: %q", len(l), l)
			}
			if m[1] == "Verifying" {
				d.verifying = append(d.verifying, l)
			} else {
				d.running = append(d.running, m[1]+": "+m[2])
			}
		}
		slices.Sort(d.running)
		return d
	}
	roots := map[string]string{"dnf": t.TempDir(), "nimbus": t.TempDir()}
	for _, st := range [][]string{
		{"-y", "install", "app", "oldname"},
		{"-y", "--enablerepo=v2", "upgrade"},
		{"-y", "--enablerepo=v2", "reinstall", "lib"},
		{"-y", "--enablerepo=v2", "downgrade", "app"},
		{"edit /etc/app.conf"},
		{"-y", "remove", "app"},
		{"-y", "-q", "install", "tool"},
	} {
		if st[0] == "edit /etc/app.conf" { // a changed %config file: rpm saves it as .rpmsave on erase
			for _, r := range roots {
				if err := os.WriteFile(filepath.Join(r, "etc/app.conf"), []byte("changed\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			continue
		}
		var got [2]display
		for i, tool := range []string{"dnf", "nimbus"} {
			out, errs, rc := runTool(t, tool, env, []string{"--noplugins"}, append([]string{"-c", conf, "--installroot", roots[tool], "--releasever=1"}, st...)...)
			if rc != 0 {
				t.Fatalf("%s %v: exit %d\n%s%s", tool, st, rc, out, errs)
			}
			got[i] = parse(out)
			if strings.Contains(errs, "saved as") {
				t.Errorf("%s %v: rpm's log line on stderr, not with the display on stdout:\n%s", tool, st, errs)
			}
		}
		if !slices.Equal(got[0].logs, got[1].logs) {
			t.Errorf("%v: rpm's log lines differ:\ndnf: %q\nnimbus: %q", st, got[0].logs, got[1].logs)
		}
		if slices.Contains(st, "remove") && len(got[0].logs) == 0 {
			t.Errorf("%v: dnf logged no .rpmsave", st)
		}
		quiet := slices.Contains(st, "-q")
		if quiet != (len(got[0].verifying) == 0) {
			t.Errorf("%v: dnf printed %d Verifying lines", st, len(got[0].verifying))
		}
		if !slices.Equal(got[0].verifying, got[1].verifying) {
			t.Errorf("%v: Verifying lines differ:\ndnf:\n%s\nnimbus:\n%s", st, strings.Join(got[0].verifying, "\n"), strings.Join(got[1].verifying, "\n"))
		}
		if !slices.Equal(got[0].running, got[1].running) {
			t.Errorf("%v: lines while running differ:\ndnf:\n%s\nnimbus:\n%s", st, strings.Join(got[0].running, "\n"), strings.Join(got[1].running, "\n"))
		}
	}
}
