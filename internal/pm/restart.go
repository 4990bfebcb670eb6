package pm

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// StaleProcess is a process that maps a file deleted or replaced since it started.
type StaleProcess struct {
	PID     int
	Cmdline string
}

// NeedsReboot is `needs-restarting -r`: the core packages (by name, or by what they
// provide) updated after boot, sorted; none means no reboot is needed.
func NeedsReboot(ctx context.Context, cfg Config, boot time.Time) ([]string, error) {
	b, err := Open(ctx, cfg, false)
	if err != nil {
		return nil, err
	}
	return b.CoreUpdatedSince(ctx, boot)
}

// BootTime is dnf's: the later of /proc/1's mtime and now minus /proc/uptime.
// NIMBUS_BOOT_TIME (seconds since the epoch, read through getenv) overrides it, for tests
// and images.
func BootTime(getenv func(string) string) (time.Time, error) {
	if v := getenv("NIMBUS_BOOT_TIME"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("NIMBUS_BOOT_TIME=%q: %w", v, err)
		}
		return time.Unix(n, 0), nil
	}
	var t time.Time
	if fi, err := os.Stat("/proc/1"); err == nil {
		t = fi.ModTime()
	}
	data, err := os.ReadFile("/proc/uptime")
	if err != nil {
		if t.IsZero() {
			return t, err
		}
		return t, nil
	}
	f := strings.Fields(string(data))
	if len(f) == 0 {
		return t, fmt.Errorf("/proc/uptime: empty")
	}
	up, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		return t, fmt.Errorf("/proc/uptime: %w", err)
	}
	if u := time.Now().Add(-time.Duration(up * float64(time.Second))); u.After(t) {
		t = u
	}
	return t, nil
}

// NeedsRestarting is `needs-restarting`: the processes under proc (/proc) that map a
// file deleted or replaced since (an upgraded library or binary), by /proc/PID/maps
// entries marked "(deleted)", except shared memory and memfd mappings; with userOnly only
// those of uid. Sorted by PID.
func NeedsRestarting(proc string, userOnly bool, uid int) ([]StaleProcess, error) {
	ents, err := os.ReadDir(proc)
	if err != nil {
		return nil, err
	}
	var out []StaleProcess
	for _, de := range ents {
		pid, err := strconv.Atoi(de.Name())
		if err != nil {
			continue
		}
		dir := filepath.Join(proc, de.Name())
		if userOnly {
			if st, err := os.ReadFile(filepath.Join(dir, "status")); err != nil || !ownedBy(string(st), uid) {
				continue
			}
		}
		if !mapsDeleted(filepath.Join(dir, "maps")) {
			continue
		}
		cmd, _ := os.ReadFile(filepath.Join(dir, "cmdline"))
		line := strings.TrimSpace(strings.ReplaceAll(string(cmd), "\x00", " "))
		out = append(out, StaleProcess{pid, line})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].PID < out[j].PID })
	return out, nil
}

func ownedBy(status string, uid int) bool {
	for _, l := range strings.Split(status, "\n") {
		if rest, ok := strings.CutPrefix(l, "Uid:"); ok {
			f := strings.Fields(rest)
			return len(f) > 0 && f[0] == strconv.Itoa(uid)
		}
	}
	return false
}

func mapsDeleted(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false // gone, or not ours to read
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		l := sc.Text()
		if !strings.HasSuffix(l, " (deleted)") {
			continue
		}
		fields := strings.Fields(l)
		if len(fields) < 6 {
			continue
		}
		p := fields[5]
		if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "/dev/shm/") || strings.HasPrefix(p, "/memfd:") ||
			strings.HasPrefix(p, "/SYSV") || strings.HasPrefix(p, "/tmp/") || strings.HasPrefix(p, "/run/") {
			continue
		}
		return true
	}
	return false
}
