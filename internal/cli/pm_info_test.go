package cli

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/pm"
)

// longDescription wraps on a terminal (a line over 80 columns, a list, an indented block,
// an empty line, a tab, wide characters): dnf's textwrap_fill has a rule for each.
const longDescription = `This description is long enough that a terminal of eighty columns has to wrap it at a space, twice over if it is narrow.
A second line of the same paragraph, joined to the first one when the paragraph is wrapped.

A list after an empty line:
 - a first item that is itself long enough to be wrapped by dnf on a terminal of eighty columns
 - a second item
 * a third, with another marker
    an indented block line that does not belong to the list and is long enough to wrap as well
	a line indented with a tab
Wide characters take two columns each: 日本語のテキストと中文的文字和한국어
The end.`

// TestDNFInfoLikeDNF compares `info` with dnf 4.14's, byte for byte, on the same repository
// (served on loopback) and each tool on its own root: an available package with a URL and
// a long description, a package with an epoch, an installed package (its repository from
// the history, a newer version listed as available) and every package at once. Output
// is not a terminal, so neither tool wraps (TestDNFInfoWrapLikeDNF covers wrapping).
func TestDNFInfoLikeDNF(t *testing.T) {
	repo := t.TempDir()
	buildRepo(t, repo, []fixture{
		{name: "plain", version: "1.0", release: "1", tags: []string{"URL: https://example.org/plain"}, description: longDescription, files: []string{"/usr/share/plain/f"}},
		{name: "withepoch", version: "2.5", release: "3", tags: []string{"Epoch: 7"}, license: "GPL-2.0-or-later AND (MIT OR Apache-2.0)", files: []string{"/usr/share/withepoch/f"}},
		{name: "inst", version: "1.0", release: "1", tags: []string{"URL: https://example.org/inst"}, description: "Installed first.\n\nThen described.", files: []string{"/usr/share/inst/f"}},
		{name: "inst", version: "2.0", release: "1", tags: []string{"URL: https://example.org/inst"}, description: "The newer one.", files: []string{"/usr/share/inst/f", "/usr/share/inst/g"}},
	})
	srv := httptest.NewServer(http.FileServer(http.Dir(repo)))
	t.Cleanup(srv.Close)
	env := dnfEnv(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "dnf.conf")
	os.WriteFile(conf, []byte("[main]\ngpgcheck=0\n"), 0o644)
	roots := map[string]string{"dnf": filepath.Join(dir, "dnf"), "nimbus": filepath.Join(dir, "nimbus")}
	// no --repo=r (r is the only repository anyway): dnf's repoquery --installed would
	// keep only the packages of r, none
	runBoth := func(t *testing.T, args ...string) [2]string {
		var outs [2]string
		for i, tool := range []string{"dnf", "nimbus"} {
			root := roots[tool]
			if err := os.MkdirAll(root, 0o755); err != nil {
				t.Fatal(err)
			}
			full := append([]string{"-c", conf, "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1",
				"--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf"), "--repofrompath=r," + srv.URL + "/"}, args...)
			var out, errb strings.Builder
			var err error
			if tool == "dnf" {
				cmd := exec.Command(needTool(t, "dnf"), append([]string{"--noplugins"}, full...)...)
				cmd.Env, cmd.Stdout, cmd.Stderr = env, &out, &errb
				err = cmd.Run()
			} else {
				err = RunEnv(context.Background(), append([]string{"dnf"}, full...), strings.NewReader(""), &out, &errb, func(string) string { return "" })
			}
			outs[i] = out.String()
			if err != nil {
				t.Logf("%s %v: %v\n%s", tool, args, err, errb.String())
			}
		}
		return outs
	}
	// the listing: from its first section on, after dnf's metadata line
	listing := func(out string) string {
		i := strings.Index(out, "Installed Packages\n")
		if j := strings.Index(out, "Available Packages\n"); i < 0 || j >= 0 && j < i {
			i = j
		}
		if i < 0 {
			return ""
		}
		return out[i:]
	}
	runBoth(t, "-y", "install", "inst-1.0")
	for _, tc := range []struct {
		name string
		args []string
		see  []string // what dnf's output must show, so that the comparison covers it
	}{
		{"available", []string{"info", "plain"}, []string{"Available Packages\n", "Source       : plain-1.0-1.src.rpm\n", "URL          : https://example.org/plain\n",
			"             : A list after an empty line:\n", "             : \n"}},
		{"epoch", []string{"info", "withepoch"}, []string{"Epoch        : 7\n", "License      : GPL-2.0-or-later AND (MIT OR Apache-2.0)\n"}},
		{"installed and a newer one", []string{"info", "inst"}, []string{"Installed Packages\n", "Repository   : @System\nFrom repo    : r\n", "Available Packages\n", "Version      : 2.0\n"}},
		{"installed only", []string{"info", "--installed"}, []string{"From repo    : r\n"}},
		{"available only", []string{"info", "--available", "inst", "plain"}, []string{"Name         : plain\n"}},
		{"patterns as NEVRA forms, any case", []string{"info", "INST-2.0", "withepoch-7:2.5-3.noarch", "Plain.noarch"}, []string{"Name         : plain\n", "Epoch        : 7\n", "Version      : 2.0\n"}},
		{"everything", []string{"info"}, []string{"Name         : withepoch\n", "Name         : inst\n"}},
		// repoquery reads the same text file for these tags
		{"repoquery text tags", []string{"-q", "repoquery", "--qf", "%{name}-%{evr} [%{license}] [%{url}] [%{from_repo}] [%{sourcerpm}]"},
			[]string{"withepoch-7:2.5-3 [GPL-2.0-or-later AND (MIT OR Apache-2.0)] [(none)] [] [withepoch-2.5-3.src.rpm]\n", "inst-1.0-1 [MIT] [https://example.org/inst] [] [inst-1.0-1.src.rpm]\n"}},
		{"repoquery installed from_repo", []string{"-q", "repoquery", "--installed", "--qf", "%{name}-%{evr} [%{from_repo}] [%{description}]"},
			[]string{"inst-1.0-1 [r] [Installed first.\n\nThen described.]\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			outs := runBoth(t, tc.args...)
			want, got := listing(outs[0]), listing(outs[1])
			if len(tc.args) > 1 && tc.args[1] == "repoquery" {
				want, got = outs[0], outs[1]
			}
			if got != want {
				t.Errorf("info differs\n--- dnf:\n%s--- nimbus:\n%s", want, got)
			}
			for _, s := range tc.see {
				if !strings.Contains(want, s) {
					t.Errorf("dnf's info lacks %q: the comparison no longer shows it\n%s", s, outs[0])
				}
			}
		})
	}
}

// TestDNFInfoWrapLikeDNF compares infoOutput on a terminal's width with dnf 4.14's own
// Output.infoOutput (run by python3 on a package object with the same fields), which
// wraps Summary, License and Description with fmtKeyValFill and textwrap_fill.
func TestDNFInfoWrapLikeDNF(t *testing.T) {
	// dnf's own interpreter (its script's #! line): dnf's modules are installed for it
	head, err := os.ReadFile(needTool(t, "dnf"))
	line, _, _ := strings.Cut(string(head), "\n")
	py, ok := strings.CutPrefix(line, "#!")
	if err != nil || !ok {
		t.Fatalf("dnf is not a script with a #! line: %v", err)
	}
	py = strings.TrimSpace(py)
	long := "A summary long enough to need more than one line on a narrow terminal, even on eighty"
	cases := []pm.Details{
		{Name: "plain", Epoch: "0", Version: "1.0", Release: "1", Arch: "noarch", Size: 6789, Source: "plain-1.0-1.src.rpm", Repo: "r",
			Summary: long, URL: "https://example.org/plain", License: "MIT", Description: longDescription},
		{Name: "withepoch", Epoch: "7", Version: "2.5", Release: "3", Arch: "x86_64", Size: 123456789, Repo: "@System", FromRepo: "updates",
			Summary: "short", License: strings.Repeat("GPL-2.0-or-later AND ", 6) + "MIT", Description: "One line.\n\n\n  two spaces\n-not a list\n- a list\n   o an o-list item " + strings.Repeat("word ", 30) + "\ntrailing spaces   \n\n"},
		{Name: "empty", Epoch: "0", Version: "1", Release: "1", Arch: "noarch", Repo: "r"},
	}
	script := `
import json, sys, types
from dnf.cli.output import Output
cols, d = json.loads(sys.stdin.read())
term = types.SimpleNamespace(real_columns=cols or None)
out = types.SimpleNamespace(term=term, conf=types.SimpleNamespace(verbose=False), _highlight=lambda h: ("", ""),
    history=types.SimpleNamespace(repo=lambda p: d["FromRepo"] or None))
out.fmtKeyValFill = lambda k, v: Output.fmtKeyValFill(out, k, v)
pkg = types.SimpleNamespace(name=d["Name"], epoch=int(d["Epoch"]), version=d["Version"], release=d["Release"], arch=d["Arch"],
    _size=d["Size"], sourcerpm=d["Source"] or None, repoid=d["Repo"], _from_system=d["Repo"] == "@System",
    summary=d["Summary"], url=d["URL"] or None, license=d["License"], description=d["Description"])
sys.stdout.write(Output.infoOutput(out, pkg))
`
	for _, d := range cases {
		for _, cols := range []int{0, 80, 60, 40, 19} {
			in, _ := json.Marshal([]any{cols, d})
			cmd := exec.Command(py, "-c", script)
			cmd.Stdin = strings.NewReader(string(in))
			var stderr strings.Builder
			cmd.Stderr = &stderr
			want, err := cmd.Output()
			if err != nil {
				t.Fatalf("dnf's infoOutput: %v\n%s", err, stderr.String())
			}
			if got := infoOutput(d, cols); got != string(want) {
				t.Errorf("%s at %d columns differs\n--- dnf:\n%s\n--- nimbus:\n%s", d.Name, cols, want, got)
			}
			if cols == 80 && d.Name == "plain" && !strings.Contains(string(want), "\n             : has to wrap it at a space, twice over if it is narrow. A second\n") {
				t.Errorf("dnf did not wrap the description as expected: the comparison no longer shows it\n%s", want)
			}
		}
	}
}
