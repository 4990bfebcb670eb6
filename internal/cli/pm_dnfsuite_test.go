package cli

// The dnf scenario suite: scenarios written from dnf 4.14's man pages (dnf(8), dnf.conf(5)),
// each run in two install roots, one by the real dnf (--noplugins, its own dnf.conf,
// reposdir=/dev/null) and one by nimbus answering as dnf, comparing after every step the
// exit code, `rpm -qa` (explicit --dbpath) and the transaction table. A scenario also says
// what the man page leads one to expect (exit code, packages present or absent): dnf passes a
// scenario when it meets that; nimbus passes when it meets it and agrees with dnf.
// Differences known and not fixed are marked `known` with the reason (docs/pm.md lists
// them); they are counted as failures in the summary line but do not fail the test.
//
// The fixtures are built once (rpmbuild + createrepo_c) and shared by every scenario.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

// suiteFixtures: r1 is the base repository, r2 its updates, r3 newer kernels and lib 3.0;
// local holds packages that are in no repository (RPM files as arguments) and broken files.
var (
	suiteR1 = []fixture{
		{name: "lib", version: "1.0", release: "1", files: []string{"/usr/lib/fixture/lib"}, tags: []string{"Provides: libfoo.so.1"}, source: true},
		{name: "lib-devel", version: "1.0", release: "1", tags: []string{"Requires: lib = 1.0-1"}, files: []string{"/usr/include/lib.h"}},
		{name: "extra", version: "1.0", release: "1", files: []string{"/usr/share/extra/data"}},
		{name: "app", version: "1.0", release: "1", tags: []string{"Requires: lib >= 1.0", "Recommends: extra"}, files: []string{"/usr/bin/app"}, config: "/etc/app.conf"},
		{name: "tool", version: "1.0", release: "1", tags: []string{"Requires: (lib or extra)"}, files: []string{"/usr/bin/tool"}},
		{name: "oldname", version: "1.0", release: "1", files: []string{"/usr/share/oldname/f"}},
		{name: "kernel", version: "6.1.0", release: "1", tags: []string{"Provides: installonlypkg(kernel)"}, files: []string{"/boot/vmlinuz-6.1.0"}},
		{name: "dep-a", version: "1.0", release: "1", tags: []string{"Requires: dep-b"}, files: []string{"/usr/share/dep-a"}},
		{name: "dep-b", version: "1.0", release: "1", tags: []string{"Requires: dep-c"}, files: []string{"/usr/share/dep-b"}},
		{name: "dep-c", version: "1.0", release: "1", files: []string{"/usr/share/dep-c"}},
		{name: "leaf", version: "1.0", release: "1", tags: []string{"Requires: dep-c"}, files: []string{"/usr/share/leaf"}},
		{name: "conflicter", version: "1.0", release: "1", tags: []string{"Conflicts: lib"}, files: []string{"/usr/share/conflicter"}},
		{name: "broken", version: "1.0", release: "1", tags: []string{"Requires: missing-thing"}, files: []string{"/usr/share/broken"}},
		{name: "withdir", version: "1.0", release: "1", files: []string{"/usr/share/withdir/data/f"}, rawFiles: []string{"%dir /usr/share/withdir/data"}},
		{name: "epochpkg", version: "1.0", release: "1", tags: []string{"Epoch: 1"}, files: []string{"/usr/share/epochpkg"}},
		{name: "zeroepoch", version: "1.0", release: "1", tags: []string{"Epoch: 0"}, files: []string{"/usr/share/zeroepoch"}},
		{name: "web-a", version: "1.0", release: "1", tags: []string{"Provides: webserver"}, files: []string{"/usr/share/web-a"}},
		{name: "web-b", version: "1.0", release: "1", tags: []string{"Provides: webserver"}, files: []string{"/usr/share/web-b"}},
		{name: "py3-alpha", version: "1.0", release: "1", files: []string{"/usr/share/py3-alpha"}},
		{name: "py3-beta", version: "1.0", release: "1", files: []string{"/usr/share/py3-beta"}},
		{name: "sugg", version: "1.0", release: "1", tags: []string{"Suggests: extra", "Supplements: tool"}, files: []string{"/usr/share/sugg"}},
		{name: "archpkg", version: "1.0", release: "1", arch: "x86_64", files: []string{"/usr/share/archpkg-x86_64"}, tags: []string{"%global debug_package %{nil}"}},
		{name: "archpkg", version: "1.0", release: "1", arch: "i686", files: []string{"/usr/share/archpkg-i686"}, tags: []string{"%global debug_package %{nil}"}},
		{name: "needs-lib2", version: "1.0", release: "1", tags: []string{"Requires: lib >= 2.0"}, files: []string{"/usr/share/needs-lib2"}},
		{name: "weakuser", version: "1.0", release: "1", tags: []string{"Recommends: leaf"}, files: []string{"/usr/share/weakuser"}},
		{name: "obsolete-me", version: "1.0", release: "1", files: []string{"/usr/share/obsolete-me"}},
		{name: "replacer", version: "1.0", release: "1", tags: []string{"Obsoletes: obsolete-me", "Provides: obsolete-me = 1.1"}, files: []string{"/usr/share/replacer"}},
		{name: "kernel-core", version: "6.1.0", release: "1", tags: []string{"Provides: installonlypkg(kernel)", "Provides: kernel-core-uname-r = 6.1.0-1.noarch", "Provides: kernel-uname-r = 6.1.0-1.noarch"}, files: []string{"/lib/modules/6.1.0/vmlinuz"}},
		{name: "kernel-modules", version: "6.1.0", release: "1", tags: []string{"Provides: installonlypkg(kernel-module)", "Requires: kernel-uname-r = 6.1.0-1.noarch"}, files: []string{"/lib/modules/6.1.0/modules.dep"}},
		{name: "docpkg", version: "1.0", release: "1", files: []string{"/usr/bin/docpkg"},
			install: "mkdir -p %{buildroot}/usr/share/doc/docpkg %{buildroot}/usr/share/man/man1 %{buildroot}/usr/share/docpkg/sub\n" +
				"echo readme > %{buildroot}/usr/share/doc/docpkg/README\necho man > %{buildroot}/usr/share/man/man1/docpkg.1\n" +
				"echo licence > %{buildroot}/usr/share/docpkg/LICENSE\necho notes > %{buildroot}/usr/share/docpkg/sub/notes\n",
			rawFiles: []string{"%dir /usr/share/doc/docpkg", "%doc /usr/share/doc/docpkg/README", "%doc /usr/share/man/man1/docpkg.1",
				"%license /usr/share/docpkg/LICENSE", "%dir /usr/share/docpkg", "%dir /usr/share/docpkg/sub", "%doc /usr/share/docpkg/sub/notes"}},
	}
	suiteR2 = []fixture{
		{name: "lib", version: "2.0", release: "1", files: []string{"/usr/lib/fixture/lib"}, tags: []string{"Provides: libfoo.so.1"}},
		{name: "lib-devel", version: "2.0", release: "1", tags: []string{"Requires: lib = 2.0-1"}, files: []string{"/usr/include/lib.h"}},
		{name: "app", version: "2.0", release: "1", tags: []string{"Requires: lib >= 2.0", "Recommends: extra"}, files: []string{"/usr/bin/app"}, config: "/etc/app.conf"},
		{name: "extra", version: "2.0", release: "1", files: []string{"/usr/share/extra/data"}},
		{name: "newname", version: "2.0", release: "1", tags: []string{"Obsoletes: oldname < 2.0", "Provides: oldname = 2.0"}, files: []string{"/usr/share/newname/f"}},
		{name: "kernel", version: "6.1.1", release: "1", tags: []string{"Provides: installonlypkg(kernel)"}, files: []string{"/boot/vmlinuz-6.1.1"}},
		{name: "dep-c", version: "2.0", release: "1", files: []string{"/usr/share/dep-c"}},
		{name: "epochpkg", version: "2.0", release: "1", tags: []string{"Epoch: 1"}, files: []string{"/usr/share/epochpkg"}},
		{name: "tool", version: "2.0", release: "1", tags: []string{"Requires: lib >= 2.0"}, files: []string{"/usr/bin/tool"}},
		{name: "broken", version: "2.0", release: "1", files: []string{"/usr/share/broken"}},
		{name: "leaf", version: "2.0", release: "1", tags: []string{"Requires: missing-thing"}, files: []string{"/usr/share/leaf"}},
		{name: "kernel-core", version: "6.1.1", release: "1", tags: []string{"Provides: installonlypkg(kernel)", "Provides: kernel-core-uname-r = 6.1.1-1.noarch", "Provides: kernel-uname-r = 6.1.1-1.noarch"}, files: []string{"/lib/modules/6.1.1/vmlinuz"}},
		{name: "kernel-modules", version: "6.1.1", release: "1", tags: []string{"Provides: installonlypkg(kernel-module)", "Requires: kernel-uname-r = 6.1.1-1.noarch"}, files: []string{"/lib/modules/6.1.1/modules.dep"}},
	}
	suiteR3 = []fixture{
		{name: "kernel", version: "6.1.2", release: "1", tags: []string{"Provides: installonlypkg(kernel)"}, files: []string{"/boot/vmlinuz-6.1.2"}},
		{name: "kernel", version: "6.1.3", release: "1", tags: []string{"Provides: installonlypkg(kernel)"}, files: []string{"/boot/vmlinuz-6.1.3"}},
		{name: "lib", version: "3.0", release: "1", files: []string{"/usr/lib/fixture/lib"}, tags: []string{"Provides: libfoo.so.1"}},
		{name: "extra", version: "3.0", release: "1", files: []string{"/usr/share/extra/data"}},
		{name: "multi", version: "1.0", release: "1", tags: []string{"Provides: installonlypkg(vm)"}, files: []string{"/usr/share/multi-1"}},
		{name: "multi", version: "2.0", release: "1", tags: []string{"Provides: installonlypkg(vm)"}, files: []string{"/usr/share/multi-2"}},
		{name: "custom-io", version: "1.0", release: "1", files: []string{"/usr/share/custom-io-1"}},
		{name: "custom-io", version: "2.0", release: "1", files: []string{"/usr/share/custom-io-2"}},
	}
	suiteLocal = []fixture{
		{name: "localpkg", version: "1.0", release: "1", files: []string{"/usr/share/localpkg"}},
		{name: "localdep", version: "1.0", release: "1", tags: []string{"Requires: lib"}, files: []string{"/usr/share/localdep"}},
		{name: "localbroken", version: "1.0", release: "1", tags: []string{"Requires: nothing-provides-this"}, files: []string{"/usr/share/localbroken"}},
	}
)

// suite is the shared fixture set of one run.
type suite struct {
	r1, r2, r3, local, signed, key string
	mod, hot                       string // modular and hotfix repositories (pm_dnfsuite_modules_test.go)
	xbHTTP, xbFile                 string // repositories whose packages are elsewhere (xml:base)
	ftpRepo, ftpLocal              string // r1 and local served over loopback FTP
	ftpErr                         error  // why there is no FTP server
	http                           string // base URL of a loopback server over local
	env                            []string
	mu                             sync.Mutex
	dnfPass, nimPass, total        int
	failed                         []string
}

func buildSuite(t *testing.T) *suite {
	s := &suite{r1: t.TempDir(), r2: t.TempDir(), r3: t.TempDir(), local: t.TempDir(), mod: t.TempDir(), hot: t.TempDir()}
	var wg sync.WaitGroup
	for _, b := range []struct {
		dir string
		fx  []fixture
	}{{s.r1, suiteR1}, {s.r2, suiteR2}, {s.r3, suiteR3}} {
		wg.Add(1)
		go func() { defer wg.Done(); buildRepo(t, b.dir, b.fx) }()
	}
	wg.Add(1)
	go func() { defer wg.Done(); buildModuleRepos(t, s.mod, s.hot) }()
	wg.Add(1)
	go func() {
		defer wg.Done()
		home, key := signingKey(t)
		s.signed, s.key = signedRepo(t, home, []fixture{{name: "signed", version: "1.0", release: "1", files: []string{"/usr/share/signed"}}}), key
	}()
	wg.Wait()
	if t.Failed() {
		t.FailNow() // a fixture did not build (reported by its goroutine)
	}
	addSuiteComps(t, s.r1) // r1's groups (pm_dnfsuite_groups_test.go)
	buildRepo(t, s.local, suiteLocal)
	os.WriteFile(filepath.Join(s.local, "empty.rpm"), nil, 0o644)
	os.WriteFile(filepath.Join(s.local, "garbage.rpm"), []byte("this is not an rpm file\n"), 0o644)
	os.Symlink(filepath.Join(s.local, "localpkg-1.0-1.noarch.rpm"), filepath.Join(s.local, "link.rpm"))
	srv := httptest.NewServer(http.FileServer(http.Dir(s.local)))
	t.Cleanup(srv.Close)
	s.http = srv.URL
	s.xbHTTP, s.xbFile = buildXMLBaseRepos(t)
	var err1, err2 error
	s.ftpRepo, err1 = startFTP(t, s.r1)
	s.ftpLocal, err2 = startFTP(t, s.local)
	s.ftpErr = errors.Join(err1, err2)
	s.env = dnfEnv(t)
	return s
}

// scenario is one dnf use case: setup steps and a last step, all run by both tools.
type scenario struct {
	name  string
	repos string     // which of r1, r2, r3, signed the tools see ("12": r1 and r2)
	conf  string     // extra dnf.conf [main] lines
	steps [][]string // commands (dnf arguments); placeholders {r1} {local} {http} {key}
	rc    int        // the exit code the man page leads one to expect of the last step
	has   []string   // NEVRAs (name-version-release.arch) installed at the end
	hasnt []string   // names not installed at the end
	known string     // a known difference of nimbus, with the reason (listed in docs/pm.md)
	// sameOut compares the whole output of the last step too (outputLines: without the
	// lines naming times, paths of the run or download progress).
	sameOut bool
	// sameFiles compares the files in the roots' /usr and `rpm -Va` after every step.
	sameFiles bool
}

// rootFiles lists the paths in an install root's /usr (dnf also leaves its own files in
// /etc, /tmp and /var), and what rpm -Va (explicit
// --dbpath) says of it: the state of the files the rpmdb records.
func rootFiles(t *testing.T, root string) string {
	var paths []string
	filepath.WalkDir(filepath.Join(root, "usr"), func(p string, d os.DirEntry, err error) error {
		rel, _ := filepath.Rel(root, p)
		if err != nil {
			return filepath.SkipDir
		}
		paths = append(paths, rel)
		return nil
	})
	cmd := exec.Command(needTool(t, "rpm"), "--root", root, "--dbpath", "/var/lib/rpm", "-Va", "--nodeps", "--nomtime")
	out, _ := cmd.CombinedOutput()
	return strings.Join(paths, " ") + "\nrpm -Va (exit " + fmt.Sprint(cmd.ProcessState.ExitCode()) + "):\n" + string(out)
}

// outputLines is a tool's output without what differs from run to run: dnf's "Added R repo
// from" and "Last metadata expiration check" lines, download progress, and the metadata
// check time of Repo-expire.
func outputLines(out string) string {
	var keep []string
	for _, l := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(l, "Added "), strings.HasPrefix(l, "Last metadata expiration"),
			strings.Contains(l, "/s |"), strings.HasPrefix(l, "DNF version"), strings.HasPrefix(l, "cachedir"):
			continue
		case strings.HasPrefix(l, "Repo-expire"):
			l, _, _ = strings.Cut(l, "(last:")
		}
		keep = append(keep, l)
	}
	return strings.Join(keep, "\n")
}

func (s *suite) expand(a string) string {
	return strings.NewReplacer("{r1}", s.r1, "{r2}", s.r2, "{r3}", s.r3, "{local}", s.local, "{http}", s.http, "{key}", s.key, "{ftp}", s.ftpLocal).Replace(a)
}

// stepResult is what one tool did in one step.
type stepResult struct {
	rc     int
	out    string
	table  []string
	rpmQA  string
	files  string // rootFiles, with sameFiles
	hasErr bool
	mods   string // the root's /etc/dnf/modules.d files
}

func (s *suite) args(sc scenario, root, conf string, step []string) []string {
	args := []string{"-c", conf, "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1", "--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf")}
	var ids []string
	for _, c := range sc.repos {
		id, dir := "r"+string(c), map[rune]string{'1': s.r1, '2': s.r2, '3': s.r3, 's': s.signed, 'm': s.mod, 'h': s.hot, 'x': s.xbHTTP, 'f': s.xbFile, 'p': s.ftpRepo}[c]
		if c == 's' {
			id = "signed"
		}
		args = append(args, "--repofrompath="+id+","+dir)
		ids = append(ids, id)
	}
	if len(ids) > 0 {
		args = append(args, "--repo="+strings.Join(ids, ","))
	}
	for _, a := range step {
		args = append(args, s.expand(a))
	}
	return args
}

// runStep runs one step with one tool; a step starting with "rpm" runs the real rpm on the
// root (setup both tools share, such as importing a key).
func (s *suite) runStep(t *testing.T, tool string, sc scenario, root, conf string, step []string) stepResult {
	var r stepResult
	var out bytes.Buffer
	switch {
	case step[0] == "rpm":
		args := []string{"--root", root, "--dbpath", "/var/lib/rpm"}
		for _, a := range step[1:] {
			args = append(args, s.expand(a))
		}
		cmd := exec.Command(needTool(t, "rpm"), args...)
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			t.Fatalf("rpm %v: %v\n%s", args, err, out.String())
		}
	case tool == "dnf":
		cmd := exec.Command(needTool(t, "dnf"), append([]string{"--noplugins", "-y"}, s.args(sc, root, conf, step)...)...)
		cmd.Env = s.env
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		r.rc = cmd.ProcessState.ExitCode()
		if err != nil && r.rc < 0 {
			t.Fatalf("dnf: %v", err)
		}
	default:
		err := RunEnv(context.Background(), append([]string{"dnf", "-y"}, s.args(sc, root, conf, step)...), strings.NewReader(""), &out, &out, func(string) string { return "" })
		r.rc = ExitCode(err)
		if err != nil && !IsSilent(err) {
			fmt.Fprintln(&out, err)
		}
	}
	r.out = out.String()
	r.table = parseTable(r.out)
	r.rpmQA = installedByRPM(t, root)
	r.mods = moduleStates(root)
	if sc.sameFiles {
		r.files = rootFiles(t, root)
	}
	return r
}

// tableSections are the headings of dnf's transaction table.
var tableSections = map[string]bool{
	"Installing:": true, "Upgrading:": true, "Reinstalling:": true, "Downgrading:": true, "Removing:": true,
	"Installing dependencies:": true, "Installing weak dependencies:": true, "Removing dependent packages:": true,
	"Removing unused dependencies:": true, "Installing group/module packages:": true, "Obsoleting:": true,
	"Skipping packages with broken dependencies:": true, "Skipping packages with conflicts:": true,
}

// parseTable reads the rows of a transaction table as "Section: name arch version".
func parseTable(out string) []string {
	var rows []string
	sec := ""
	for _, l := range strings.Split(out, "\n") {
		switch {
		case tableSections[strings.TrimSpace(l)]:
			sec = strings.TrimSpace(l)
		case strings.HasPrefix(l, "Transaction Summary"), strings.TrimSpace(l) == "":
			sec = ""
		case sec != "" && strings.HasPrefix(l, " ") && !strings.HasPrefix(strings.TrimSpace(l), "replacing"):
			if f := strings.Fields(l); len(f) >= 4 {
				rows = append(rows, sec+" "+f[0]+" "+f[1]+" "+f[2])
			}
		}
	}
	sort.Strings(rows)
	return rows
}

// check is whether a tool's final state meets the scenario's expectations.
func (sc scenario) check(last stepResult) []string {
	var why []string
	if last.rc != sc.rc {
		why = append(why, fmt.Sprintf("exit code %d, want %d", last.rc, sc.rc))
	}
	have := " " + last.rpmQA + " "
	for _, h := range sc.has {
		if !strings.Contains(have, " "+h+" ") {
			why = append(why, h+" not installed")
		}
	}
	for _, n := range sc.hasnt {
		for _, p := range strings.Fields(last.rpmQA) {
			if nm, _ := nameOfNEVRA(p); nm == n {
				why = append(why, p+" installed")
			}
		}
	}
	return why
}

// nameOfNEVRA cuts name-version-release.arch at its last two dashes.
func nameOfNEVRA(p string) (string, bool) {
	i := strings.LastIndex(p, "-")
	if i < 0 {
		return p, false
	}
	j := strings.LastIndex(p[:i], "-")
	if j < 0 {
		return p, false
	}
	return p[:j], true
}

func (s *suite) run(t *testing.T, sc scenario) {
	counted := false
	defer func() {
		if !counted { // a setup step failed (t.Fatal): nimbus does not pass it either
			s.mu.Lock()
			s.total++
			s.failed = append(s.failed, sc.name+" (setup failed)")
			s.mu.Unlock()
		}
	}()
	dir := t.TempDir()
	conf := filepath.Join(dir, "dnf.conf")
	if err := os.WriteFile(conf, []byte("[main]\ngpgcheck=0\n"+sc.conf+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dnfRoot, nimRoot := filepath.Join(dir, "dnf"), filepath.Join(dir, "nimbus")
	var diffs []string
	var d, n stepResult
	shown := false
	for i, st := range sc.steps {
		d = s.runStep(t, "dnf", sc, dnfRoot, conf, st)
		n = s.runStep(t, "nimbus", sc, nimRoot, conf, st)
		if st[0] == "rpm" {
			continue
		}
		if shown {
			continue
		}
		if d.rc != n.rc {
			diffs = append(diffs, fmt.Sprintf("step %d %v: exit code dnf %d, nimbus %d", i+1, st, d.rc, n.rc))
		}
		if d.rpmQA != n.rpmQA {
			diffs = append(diffs, fmt.Sprintf("step %d %v: installed\n  dnf:    %s\n  nimbus: %s", i+1, st, d.rpmQA, n.rpmQA))
		}
		if d.mods != n.mods {
			diffs = append(diffs, fmt.Sprintf("step %d %v: module states\n  dnf:\n%s\n  nimbus:\n%s", i+1, st, d.mods, n.mods))
		}
		if dt, nt := strings.Join(d.table, "\n    "), strings.Join(n.table, "\n    "); dt != nt {
			diffs = append(diffs, fmt.Sprintf("step %d %v: transaction table\n  dnf:\n    %s\n  nimbus:\n    %s", i+1, st, dt, nt))
		}
		if d.files != n.files {
			diffs = append(diffs, fmt.Sprintf("step %d %v: files\n  dnf:    %s\n  nimbus: %s", i+1, st, d.files, n.files))
		}
		if dw, nw := outputLines(d.out), outputLines(n.out); sc.sameOut && i == len(sc.steps)-1 && dw != nw {
			diffs = append(diffs, fmt.Sprintf("step %d %v: output differs", i+1, st))
		}
		if len(diffs) > 0 && !shown {
			// the first step that differs is shown; the steps after it still run, so
			// both tools' final states are judged against the expectation
			diffs = append(diffs, "dnf output:\n"+d.out, "nimbus output:\n"+n.out)
			shown = true
		}
	}
	dWhy, nWhy := sc.check(d), sc.check(n)
	s.mu.Lock()
	s.total++
	counted = true
	if len(dWhy) == 0 {
		s.dnfPass++
	}
	nimOK := len(nWhy) == 0 && len(diffs) == 0
	if nimOK {
		s.nimPass++
	} else {
		s.failed = append(s.failed, sc.name)
	}
	s.mu.Unlock()
	if len(dWhy) > 0 {
		t.Logf("dnf does not meet the expectation: %s\n%s", strings.Join(dWhy, "; "), d.out)
	}
	if nimOK {
		if sc.known != "" {
			t.Errorf("marked known (%s) but passes: remove the mark", sc.known)
		}
		return
	}
	msg := strings.Join(append(nWhy, diffs...), "\n")
	if sc.known != "" {
		t.Logf("known difference (%s):\n%s", sc.known, msg)
		return
	}
	t.Errorf("%s", msg)
}

// TestDNFScenarios runs the scenario suite (pm_dnfsuite_cases_test.go) against the real dnf.
func TestDNFScenarios(t *testing.T) {
	s := buildSuite(t)
	cases := append(append(append(append(append(dnfScenarios(), moduleScenarios()...), xmlBaseScenarios()...), ftpScenarios()...), dnfGroupScenarios()...), badInputScenarios()...)
	seen := map[string]bool{}
	for _, sc := range cases {
		if seen[sc.name] {
			t.Fatalf("scenario %q twice", sc.name)
		}
		seen[sc.name] = true
	}
	t.Run("scenarios", func(t *testing.T) {
		for _, sc := range cases {
			t.Run(sc.name, func(t *testing.T) {
				if strings.HasPrefix(sc.name, "ftp:") {
					testfiles.Need(t, s.ftpErr)
				}
				t.Parallel()
				s.run(t, sc)
			})
		}
	})
	sort.Strings(s.failed)
	t.Logf("dnf scenarios: %d; dnf meets the expectation in %d, nimbus meets it and agrees with dnf in %d", s.total, s.dnfPass, s.nimPass)
	t.Logf("nimbus fails: %s", strings.Join(s.failed, ", "))
}
