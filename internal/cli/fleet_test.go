package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/fleet"
	"github.com/nimbus-linux/nimbus/internal/history"
	"github.com/nimbus-linux/nimbus/internal/pm"
	"github.com/nimbus-linux/nimbus/internal/release"
)

func updateinfoFoo(id, version, cve, severity string) string {
	return fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<updates>
  <update from="security@nimbus-linux.invalid" status="final" type="security" version="2.0">
    <id>%s</id>
    <title>%s: foo security update</title>
    <issued date="2026-10-01 00:00:00"/>
    <severity>%s</severity>
    <description>foo %s fixes %s.</description>
    <references>
      <reference href="https://www.cve.org/CVERecord?id=%s" id="%s" type="cve" title="%s"/>
    </references>
    <pkglist>
      <collection short="nimbus">
        <name>Nimbus Linux</name>
        <package name="foo" epoch="0" version="%s" release="1" arch="noarch"><filename>foo-%s-1.noarch.rpm</filename></package>
      </collection>
    </pkglist>
  </update>
</updates>
`, id, severity, severity, version, cve, cve, cve, cve, version, version)
}

// simFleet is a set of simulated instances: install roots copied from one installed from
// release A, each with its own instance id in automatic.conf.
type simFleet struct {
	t     *testing.T
	rel   string
	key   string
	roots []string
	ids   []string
}

const fleetRollout = "0s=10%,24h=50%,48h=100%"

func newFleet(t *testing.T, n int, dateB time.Time) *simFleet {
	keyDir := t.TempDir()
	key := filepath.Join(keyDir, "release")
	mustCLI(t, nil, "key", "generate", "--algorithm", "ed25519", "-o", key)
	rel := t.TempDir()
	f := &simFleet{t: t, rel: rel, key: key}
	f.publish(relA, "1", dateB.Add(-10*24*time.Hour), "", "")
	f.publish(relB, "2", dateB, updateinfoFoo("NIMBUS-2026-0002", "2", "CVE-2026-0002", "Important"), fleetRollout)
	base := t.TempDir()
	os.MkdirAll(filepath.Join(base, "etc/yum.repos.d"), 0o755)
	os.WriteFile(filepath.Join(base, "etc/yum.repos.d/nimbus.repo"), []byte("[nimbus]\nname=Nimbus $releasever\n"+
		"baseurl=file://"+rel+"/$releasever/$basearch/\ngpgcheck=0\nrepo_gpgcheck=1\ngpgkey=file://"+key+".pub\n"+
		"release_index=file://"+rel+"/index.json\nmetadata_expire=0\n"), 0o644)
	mustCLI(t, nil, "--installroot", base, "-y", "--releasever="+relA, "install", "system-release", "foo", "bar")
	dir := t.TempDir()
	for i := range n {
		root := filepath.Join(dir, fmt.Sprintf("i%03d", i))
		if out, err := exec.Command("cp", "-a", base, root).CombinedOutput(); err != nil {
			t.Fatalf("cp: %v %s", err, out)
		}
		id := fmt.Sprintf("i-%017x", 0x5eed000+i*7919)
		f.roots, f.ids = append(f.roots, root), append(f.ids, id)
		f.configure(i, "")
	}
	return f
}

func (f *simFleet) configure(i int, health string) {
	conf := "[commands]\nupgrade_type = security\nsecurity_from_newer_releases = yes\n[fleet]\ninstance_id = " + f.ids[i] + "\n"
	if health != "" {
		conf += "health_command = " + health + "\n"
	}
	os.MkdirAll(filepath.Join(f.roots[i], "etc/nimbus"), 0o755)
	os.WriteFile(filepath.Join(f.roots[i], "etc/nimbus/automatic.conf"), []byte(conf), 0o644)
}

func (f *simFleet) publish(v, foo string, date time.Time, updateinfo, rollout string) {
	env := map[string]string{"SOURCE_DATE_EPOCH": fmt.Sprint(date.Unix())}
	args := []string{"release", "publish", "--version", v, "--from", releasePackages(f.t, v, foo), "--arch", "x86_64", "--to", f.rel, "--key", f.key + ".key"}
	if updateinfo != "" {
		p := filepath.Join(f.t.TempDir(), "updateinfo.xml")
		os.WriteFile(p, []byte(updateinfo), 0o644)
		args = append(args, "--updateinfo", p)
	}
	if rollout != "" {
		args = append(args, "--rollout", rollout)
	}
	mustCLI(f.t, env, args...)
}

func (f *simFleet) foo(i int) string {
	b, _ := os.ReadFile(filepath.Join(f.roots[i], "usr/share/foo/version"))
	return string(b)
}

// run runs `nimbus automatic --now at` on every instance (4 at a time) and returns how
// many have foo at each version afterwards.
func (f *simFleet) run(at time.Time) map[string]int {
	var wg sync.WaitGroup
	sem := make(chan bool, 4)
	for i := range f.roots {
		wg.Add(1)
		sem <- true
		go func() {
			defer func() { <-sem; wg.Done() }()
			runCLI(f.t, nil, "--installroot", f.roots[i], "automatic", "--now", at.Format(time.RFC3339))
		}()
	}
	wg.Wait()
	count := map[string]int{}
	for i := range f.roots {
		count[f.foo(i)]++
	}
	return count
}

// expected is how many instances' seeds fall in waves started at offset after the date.
func (f *simFleet) expected(offset time.Duration, skip map[int]bool) int {
	r, _ := release.ParseRollout(fleetRollout)
	e := release.Entry{Date: time.Unix(0, 0), Rollout: r}
	n := 0
	for i, id := range f.ids {
		if !skip[i] && !e.WaveStart(release.Seed(id)).After(time.Unix(0, 0).Add(offset)) {
			n++
		}
	}
	return n
}

// TestFleetWaves: 100 simulated instances run `nimbus automatic` with a fake clock while
// release B rolls out in waves (10% at once, 50% after 24 h, all after 48 h): the
// number updated at each time is exactly the instances whose seeds are in started waves
// (and near the policy's fraction); an instance whose health check fails is rolled back
// (history undo) and reports it; release C, recalled after its first wave, reaches no
// one else.
func TestFleetWaves(t *testing.T) {
	dateB := time.Now().Add(-5 * 24 * time.Hour).Truncate(time.Hour)
	f := newFleet(t, 100, dateB)
	// The instance in the first wave with the lowest index has a failing health check.
	sick := -1
	r, _ := release.ParseRollout(fleetRollout)
	for i, id := range f.ids {
		if (&release.Entry{Date: dateB, Rollout: r}).WaveStart(release.Seed(id)).Equal(dateB) {
			sick = i
			break
		}
	}
	if sick < 0 {
		t.Fatal("no instance in the first wave")
	}
	f.configure(sick, "test \"$(cat usr/share/foo/version)\" = 1 || { echo foo 2 breaks the app; exit 3; }")
	skip := map[int]bool{sick: true}
	for _, step := range []struct {
		offset time.Duration
		policy int // percent
	}{{-time.Hour, 0}, {time.Hour, 10}, {25 * time.Hour, 50}, {49 * time.Hour, 100}} {
		start := time.Now()
		count := f.run(dateB.Add(step.offset))
		want := f.expected(step.offset, skip)
		t.Logf("+%v: %d of 100 on foo 2 (want %d by the seeds; policy %d%%) in %v", step.offset, count["2"], want, step.policy, time.Since(start).Round(time.Millisecond))
		if count["2"] != want {
			t.Errorf("+%v: %d instances updated, want %d", step.offset, count["2"], want)
		}
		if d := count["2"] + 1 - step.policy; step.policy > 0 && (d < -12 || d > 12) {
			t.Errorf("+%v: %d%% updated, far from the policy's %d%%", step.offset, count["2"], step.policy)
		}
		if f.foo(sick) != "1" {
			t.Errorf("+%v: the instance with the failing health check has foo %q, want it rolled back to 1", step.offset, f.foo(sick))
		}
	}
	var st pm.AutomaticStatus
	b, _ := os.ReadFile(filepath.Join(f.roots[sick], "var/lib/nimbus/automatic.json"))
	if err := json.Unmarshal(b, &st); err != nil || !st.RolledBack || st.OK || !strings.Contains(st.Health, "foo 2 breaks the app") || st.Transaction == 0 {
		t.Errorf("the sick instance's record: %+v %v\n%s", st, err, b)
	}
	db, err := history.Open(f.roots[sick], false)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := db.List(context.Background())
	db.Close()
	if err != nil || len(ts) < 3 || !strings.Contains(ts[0].Cmdline, "history undo") || ts[1].ID != st.Transaction {
		t.Errorf("history of the rolled back instance: newest %+v (want an undo of transaction %d) %v", ts[0], st.Transaction, err)
	}

	// Release C rolls out; after its first wave it is recalled: nobody else takes it.
	dateC := dateB.Add(72 * time.Hour)
	f.publish(relC, "3", dateC, updateinfoFoo("NIMBUS-2026-0003", "3", "CVE-2026-0003", "Critical"), fleetRollout)
	count := f.run(dateC.Add(time.Hour))
	first := count["3"]
	t.Logf("release C +1h: %d on foo 3", first)
	if first != f.expected(time.Hour, skip) {
		t.Errorf("release C first wave: %d, want %d", first, f.expected(time.Hour, skip))
	}
	env := map[string]string{"SOURCE_DATE_EPOCH": fmt.Sprint(dateC.Add(2 * time.Hour).Unix())}
	mustCLI(t, env, "release", "recall", "--to", f.rel, "--version", relC, "--reason", "foo 3 corrupts data", "--key", f.key+".key")
	count = f.run(dateC.Add(49 * time.Hour))
	t.Logf("release C recalled, +49h: %d on foo 3, %d on foo 2", count["3"], count["2"])
	if count["3"] != first {
		t.Errorf("after the recall %d instances are on foo 3, want the %d of the first wave only", count["3"], first)
	}

	// Every instance reports its state; the fleet report merges the 100 reports.
	reports := t.TempDir()
	for i := range f.roots {
		out := mustCLI(t, nil, "--installroot", f.roots[i], "status", "--json")
		var r fleet.Report
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("status --json of %s: %v\n%s", f.ids[i], err, out)
		}
		if r.InstanceID != f.ids[i] || r.Release != relA || r.AdvisoriesFrom != relB {
			t.Errorf("status of %s: instance %q release %q advisories from %q", f.ids[i], r.InstanceID, r.Release, r.AdvisoriesFrom)
		}
		if i == sick {
			if len(r.Pending) != 1 || r.Pending[0].ID != "NIMBUS-2026-0002" || r.Pending[0].Severity != "Important" || len(r.Pending[0].CVEs) != 1 ||
				r.PendingBySeverity["Important"] != 1 || r.LastSecurityUpdate != nil || r.LastAutomatic == nil || !r.LastAutomatic.RolledBack {
				t.Errorf("status of the rolled back instance: %s", out)
			}
		} else if len(r.Pending) != 0 || r.DaysSinceSecurityUpdate == nil || *r.DaysSinceSecurityUpdate != 0 || r.LastAutomatic == nil || !r.LastAutomatic.OK {
			t.Errorf("status of updated instance %s: %s", f.ids[i], out)
		}
		os.WriteFile(filepath.Join(reports, f.ids[i]+".json"), []byte(out), 0o644)
	}
	table := mustCLI(t, nil, "--installroot", f.roots[sick], "status")
	t.Logf("status of the rolled back instance:\n%s", table)
	if !strings.Contains(table, "NIMBUS-2026-0002") || !strings.Contains(table, "CVE-2026-0002") || !strings.Contains(table, "1 Important") {
		t.Errorf("status table:\n%s", table)
	}
	out := mustCLI(t, nil, "fleet", "report", "--json", reports)
	var sum fleet.Summary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Instances != 100 || sum.UpToDate != 99 || sum.Releases[relA] != 100 || len(sum.Advisories) != 1 || len(sum.Advisories[0].Instances) != 1 ||
		sum.Advisories[0].Instances[0] != f.ids[sick] || sum.InstancesBySeverity["Important"] != 1 || len(sum.RolledBack) != 1 || len(sum.AutomaticFailed) != 1 {
		t.Errorf("fleet report: %d instances, %d up to date, releases %v, advisories %+v, by severity %v, rolled back %v, failed %v",
			sum.Instances, sum.UpToDate, sum.Releases, sum.Advisories, sum.InstancesBySeverity, sum.RolledBack, sum.AutomaticFailed)
	}
	table = mustCLI(t, nil, "fleet", "report", reports)
	t.Logf("fleet report:\n%s", strings.Join(strings.Split(table, "\n")[:8], "\n"))
	if !strings.Contains(table, "100 instances: 99 up to date") || !strings.Contains(table, "NIMBUS-2026-0002") {
		t.Errorf("fleet report table:\n%s", table)
	}
	// A report that is not one: named.
	os.WriteFile(filepath.Join(reports, "junk.json"), []byte("{\"schema\": 7}"), 0o644)
	if _, _, err := runCLI(t, nil, "fleet", "report", reports); err == nil || !strings.Contains(err.Error(), "junk.json: report schema 7") {
		t.Errorf("a bad report: %v", err)
	}
}
