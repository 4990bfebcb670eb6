package cli

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// doneTitle is a heading of dnf's summary after a transaction.
var doneTitle = regexp.MustCompile(`^(Upgraded|Downgraded|Installed|Reinstalled|Skipped|Removed|Failed):$`)

// doneSummary is the summary a tool printed after its transaction: from the first section
// heading to the line before "Complete!", padding included.
func doneSummary(out string) string {
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if !doneTitle.MatchString(l) {
			continue
		}
		var keep []string
		for _, m := range lines[i:] {
			if m == "Complete!" {
				break
			}
			keep = append(keep, m)
		}
		return strings.TrimRight(strings.Join(keep, "\n"), "\n")
	}
	return ""
}

// altered is the "Packages Altered" part of a history info output.
func altered(out string) string {
	_, after, _ := strings.Cut(out, "Packages Altered:\n")
	return after
}

// TestPMDoneSummaryAgainstDNF: after a transaction nimbus prints dnf's summary (an upgrade
// under Upgraded, not as Installed + Removed; sections sorted and in columns), and records
// the transaction's packages in dnf's order, as the real dnf's history info shows them.
func TestPMDoneSummaryAgainstDNF(t *testing.T) {
	// nim 0.1.0 gains a Requires on pmx, which takes over nim 0.0.9's /usr/bin/pmx and its
	// link (the nimbus package that came to require dnf).
	v1, v2 := t.TempDir(), t.TempDir()
	buildRepo(t, v1, append([]fixture{
		{name: "nim", version: "0.0.9", release: "1", files: []string{"/usr/bin/nim", "/usr/bin/pmx"},
			install: "ln -s pmx %{buildroot}/usr/bin/pmy\n", rawFiles: []string{"/usr/bin/pmy"}},
	}, fixturesV1...))
	buildRepo(t, v2, append([]fixture{
		{name: "nim", version: "0.1.0", release: "1", tags: []string{"Requires: pmx"}, files: []string{"/usr/bin/nim"}},
		{name: "pmx", version: "0.1.0", release: "1", files: []string{"/usr/bin/pmx"},
			install: "ln -s pmx %{buildroot}/usr/bin/pmy\n", rawFiles: []string{"/usr/bin/pmy"}},
	}, fixturesV2...))
	env := dnfEnv(t)
	for _, sc := range []struct {
		name  string
		setup []string // run with v1 only (with v1 and v2 when its command starts with "+")
		last  []string // run with v1 and v2: its summary and history are compared
	}{
		{"upgrade gaining a requires", []string{"install", "nim"}, []string{"upgrade", "nim"}},
		{"upgrade all with obsoletes and an installonly", []string{"install", "nim", "app", "oldname", "kernel", "tool"}, []string{"upgrade"}},
		{"remove with unused dependencies", []string{"install", "app", "tool", "nim"}, []string{"remove", "app", "nim"}},
		{"downgrade", []string{"+install", "app"}, []string{"downgrade", "app", "lib"}},
		{"quiet", []string{"install", "app", "nim"}, []string{"-q", "upgrade"}},
	} {
		t.Run(sc.name, func(t *testing.T) {
			dnfRoot, nimRoot := t.TempDir(), t.TempDir()
			var dOut, nOut string
			for i, st := range [][]string{sc.setup, sc.last} {
				repos := repoArgs(v1)
				if i == 1 || strings.HasPrefix(st[0], "+") {
					repos = repoArgs(v1, v2)
				}
				args := append(repos, strings.TrimPrefix(st[0], "+"))
				args = append(args, st[1:]...)
				cmd := exec.Command(needTool(t, "dnf"), append([]string{"--noplugins", "-y", "--installroot", dnfRoot, "--setopt=cachedir=" + filepath.Join(dnfRoot, "var/cache/dnf")}, args...)...)
				cmd.Env = env
				b, err := cmd.CombinedOutput()
				if err != nil {
					t.Fatalf("dnf %v: %v\n%s", st, err, b)
				}
				dOut = string(b)
				o, e, err := runCLI(t, nil, append([]string{"-y", "--installroot", nimRoot}, args...)...)
				if err != nil {
					t.Fatalf("nimbus %v: %v\n%s%s", st, err, o, e)
				}
				nOut = o
			}
			d, n := doneSummary(dOut), doneSummary(nOut)
			if d == "" || d != n {
				t.Errorf("summary after the transaction:\n--- dnf:\n%s\n--- nimbus:\n%s\n--- dnf output:\n%s\n--- nimbus output:\n%s", d, n, dOut, nOut)
			}
			info := func(root string) string {
				cmd := exec.Command(needTool(t, "dnf"), "--noplugins", "-q", "--installroot", root, "--releasever=1", "history", "info", "last")
				cmd.Env = env
				b, err := cmd.Output()
				if err != nil {
					t.Fatalf("dnf history info in %s: %v\n%s", root, err, b)
				}
				return altered(string(b))
			}
			di, ni := info(dnfRoot), info(nimRoot)
			own := altered(mustCLI(t, nil, "--installroot", nimRoot, "history", "info", "last"))
			if di == "" || di != ni || ni != own {
				t.Errorf("packages altered:\n--- dnf's history of dnf's root:\n%s--- dnf's history of nimbus's root:\n%s--- nimbus's own:\n%s", di, ni, own)
			}
		})
	}
}
