//go:build linux

package initd_test

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

var (
	stageRE     = regexp.MustCompile(`nimbus-init: stage (\S+) done in (\S+)`)
	provStageRE = regexp.MustCompile(`provision: stage (\S+) done in (\S+)`)
	readyRE     = regexp.MustCompile(`nimbus-init: ready in (\S+) \(kernel (\S+) \+ userspace (\S+)\)`)
)

// timingsOf extracts the named durations of one boot from its console and result.
func timingsOf(r BootResult) (names []string, vals map[string]time.Duration) {
	vals = map[string]time.Duration{}
	add := func(n string, d time.Duration) {
		if _, ok := vals[n]; !ok {
			names = append(names, n)
		}
		vals[n] = d
	}
	var ready, kernel time.Duration
	if m := readyRE.FindStringSubmatch(r.Console); m != nil {
		ready, _ = time.ParseDuration(m[1])
		kernel, _ = time.ParseDuration(m[2])
	}
	add("qemu start -> kernel start (firmware, load)", r.Ready-ready)
	add("kernel start -> /init", kernel)
	for _, m := range stageRE.FindAllStringSubmatch(r.Console, -1) {
		d, _ := time.ParseDuration(m[2])
		add("  init stage "+m[1], d)
		if m[1] == "provision" {
			for _, p := range provStageRE.FindAllStringSubmatch(r.Console, -1) {
				pd, _ := time.ParseDuration(p[2])
				add("    provision "+p[1], pd)
			}
		}
	}
	add("qemu start -> ready (provisioned, services started)", r.Ready)
	add("qemu start -> service answering (after 1 restart)", r.Answering)
	add("qemu start -> user-data done (runcmd, scripts, after services)", r.UserData)
	add("poweroff request -> qemu exit", r.Poweroff)
	return names, vals
}

// TestBootBenchmark boots each architecture NIMBUS_BOOT_BENCH times, one VM at a time,
// and prints the median of every stage (bench/boot.sh runs it).
func TestBootBenchmark(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("NIMBUS_BOOT_BENCH"))
	if n <= 0 {
		t.Skip("set NIMBUS_BOOT_BENCH=N to run the boot benchmark")
	}
	arches := strings.Fields(os.Getenv("NIMBUS_BOOT_BENCH_ARCHES"))
	if len(arches) == 0 {
		arches = []string{"amd64", "arm64"}
	}
	for _, arch := range arches {
		var order []string
		samples := map[string][]time.Duration{}
		for i := 0; i < n; i++ {
			r := bootOnce(t, arch, "aws")
			if t.Failed() {
				return
			}
			names, vals := timingsOf(r)
			if order == nil {
				order = names
			}
			for k, v := range vals {
				samples[k] = append(samples[k], v)
			}
		}
		fmt.Printf("\nnimbus-init boot, %s, TCG, median of %d boots\n", arch, n)
		for _, k := range order {
			s := samples[k]
			sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
			fmt.Printf("  %-64s %7.3fs   (min %.3fs, max %.3fs)\n", k, s[len(s)/2].Seconds(), s[0].Seconds(), s[len(s)-1].Seconds())
		}
	}
}
