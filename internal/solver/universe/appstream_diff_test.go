package universe_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/solver"
	"github.com/nimbus-linux/nimbus/internal/solver/testcase"
	"github.com/nimbus-linux/nimbus/internal/solver/universe"
)

// sectionsOf splits testsolv -r / nimbus -v output into per-section sets
// of transaction lines ("PROBLEM" stands for any problem).
func sectionsOf(out string) [][]string {
	var secs [][]string
	var cur []string
	started := false
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "test ") && strings.HasSuffix(l, ":") {
			if started {
				secs = append(secs, cur)
			}
			cur, started = nil, true
			continue
		}
		w, _, _ := strings.Cut(l, " ")
		switch w {
		case "install", "erase", "upgrade", "downgrade", "reinstall", "change":
			cur = append(cur, l)
		case "problem":
			cur = append(cur, "PROBLEM")
		}
	}
	secs = append(secs, cur)
	for i := range secs {
		sort.Strings(secs[i])
		secs[i] = dedup(secs[i])
	}
	return secs
}

func dedup(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// TestAppStreamAgainstTestsolv installs 60 AppStream packages one job at
// a time with Nimbus and with testsolv on the same testcase file and
// requires identical transactions: this is the dnf-decisions claim on real
// RPM metadata. It needs testsolv; without it the test is skipped.
func TestAppStreamAgainstTestsolv(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the AppStream jobs run in CI and in full local runs")
	}
	ts, err := exec.LookPath("testsolv")
	if err != nil {
		t.Skip("testsolv not installed (apt-get install libsolv-tools): comparison not done")
	}
	p := universe.LoadAppStream(t)
	var names []string
	seen := map[string]bool{}
	for id := solver.ID(1); int(id) <= p.Len(); id++ {
		s := p.Solvable(id)
		if s.Repo.Name == "appstream" && !seen[s.Name] {
			seen[s.Name] = true
			names = append(names, s.Name)
		}
	}
	sort.Strings(names)
	var jobs []string
	for i := 0; i < len(names); i += len(names) / 60 {
		jobs = append(jobs, names[i])
	}
	path := filepath.Join(t.TempDir(), "appstream.t")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	if err := testcase.Write(w, testcase.Spec{Pool: p, Arch: "x86_64", Flags: solver.DefaultFlags()}); err != nil {
		t.Fatal(err)
	}
	for i, n := range jobs {
		if i > 0 {
			w.WriteString("nextjob\n")
		}
		w.WriteString("job install name " + n + "\n")
	}
	w.Flush()
	f.Close()
	want, err := exec.Command(ts, "-r", path).Output()
	if err != nil {
		t.Fatalf("testsolv: %v", err)
	}
	res, err := testcase.RunFile(os.DirFS(filepath.Dir(path)), filepath.Base(path))
	if err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	for _, s := range res.Sections {
		fmt.Fprintf(&got, "test %d:\n%s\n", s.Index, strings.Join(s.Got, "\n"))
	}
	ws, gs := sectionsOf(string(want)), sectionsOf(got.String())
	if len(ws) != len(jobs) || len(gs) != len(jobs) {
		t.Fatalf("sections: testsolv %d, nimbus %d, jobs %d", len(ws), len(gs), len(jobs))
	}
	same := 0
	for i := range jobs {
		if strings.Join(ws[i], "\n") == strings.Join(gs[i], "\n") {
			same++
			continue
		}
		t.Errorf("install %s: testsolv %v, nimbus %v", jobs[i], ws[i], gs[i])
	}
	t.Logf("%d of %d AppStream installs identical to testsolv", same, len(jobs))
}

// TestAppStreamUpdateAgainstTestsolv installs the oldest version of 150
// multi-version AppStream packages, then updates all packages with Nimbus
// and with testsolv and requires the same transaction.
func TestAppStreamUpdateAgainstTestsolv(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the AppStream jobs run in CI and in full local runs")
	}
	ts, err := exec.LookPath("testsolv")
	if err != nil {
		t.Skip("testsolv not installed (apt-get install libsolv-tools): comparison not done")
	}
	p := universe.LoadAppStream(t)
	oldest := map[string]solver.ID{}
	count := map[string]int{}
	var names []string
	for id := solver.ID(1); int(id) <= p.Len(); id++ {
		s := p.Solvable(id)
		if s.Repo.Name != "appstream" || s.Arch == "i686" {
			continue
		}
		if count[s.Name] == 0 {
			names = append(names, s.Name)
		}
		count[s.Name]++
		if o, ok := oldest[s.Name]; !ok || evrLess(s.EVR, p.Solvable(o).EVR) {
			oldest[s.Name] = id
		}
	}
	sort.Strings(names)
	var multi []string
	for _, n := range names {
		if count[n] > 1 {
			multi = append(multi, n)
		}
	}
	for i := 0; i < len(multi); i += max(1, len(multi)/150) {
		o := p.Solvable(oldest[multi[i]])
		c := *o
		c.Repo = nil
		p.Installed.Add(&solver.Solvable{Name: c.Name, EVR: c.EVR, Arch: c.Arch, Vendor: c.Vendor, BuildTime: c.BuildTime,
			Provides: c.Provides, Requires: c.Requires, PreRequires: c.PreRequires, Conflicts: c.Conflicts, Obsoletes: c.Obsoletes,
			Recommends: c.Recommends, Suggests: c.Suggests, Supplements: c.Supplements, Enhances: c.Enhances, Files: c.Files})
	}
	p.CreateWhatProvides()
	path := filepath.Join(t.TempDir(), "update.t")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	err = testcase.Write(w, testcase.Spec{Pool: p, Arch: "x86_64", Flags: solver.DefaultFlags(),
		Jobs: []solver.Job{{Kind: solver.JobUpdate, Sel: solver.SelAll}}})
	// more sections on the same system: a distupgrade, and erasing a few
	// installed packages with their now unneeded dependencies
	w.WriteString("nextjob\njob distupgrade all packages\n")
	for i, id := range p.Installed.Solvables {
		if i%40 == 0 {
			fmt.Fprintf(w, "nextjob\njob erase name %s [cleandeps]\n", p.Solvable(id).Name)
		}
	}
	w.Flush()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	want, err := exec.Command(ts, "-r", path).Output()
	if err != nil {
		t.Fatalf("testsolv: %v", err)
	}
	res, err := testcase.RunFile(os.DirFS(filepath.Dir(path)), filepath.Base(path))
	if err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	for _, s := range res.Sections {
		fmt.Fprintf(&got, "test %d:\n%s\n", s.Index, strings.Join(s.Got, "\n"))
	}
	ws, gs := sectionsOf(string(want)), sectionsOf(got.String())
	if len(ws) != len(gs) {
		t.Fatalf("sections: testsolv %d, nimbus %d", len(ws), len(gs))
	}
	lines := 0
	for i := range ws {
		w0, g0 := strings.Join(ws[i], "\n"), strings.Join(gs[i], "\n")
		lines += len(gs[i])
		if w0 != g0 {
			t.Errorf("section %d differs:\ntestsolv (%d lines):\n%s\nnimbus (%d lines):\n%s", i+1, len(ws[i]), w0, len(gs[i]), g0)
		}
	}
	t.Logf("%d installed packages, %d sections (update, distupgrade, erases): %d transaction lines compared", p.Installed.Len(), len(gs), lines)
}

func evrLess(a, b string) bool {
	return evr.Compare(evr.ParseLax(a), evr.ParseLax(b)) < 0
}
