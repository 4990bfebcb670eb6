package cli

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

func newNeedsRestartingCmd(e *env) *cobra.Command {
	var reboot, userOnly bool
	c := &cobra.Command{
		Use:   "needs-restarting [-r] [-u]",
		Short: "Report processes using replaced files, or (-r) whether core packages updated since boot need a reboot",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if reboot {
				return needsReboot(e)
			}
			if root := e.pm.installRoot; root != "" && filepath.Clean(root) != "/" {
				return &ExitError{Code: 1, Err: fmt.Errorf("Error: needs-restarting: with --installroot only -r works (the processes of %s are not visible from here)", root)}
			}
			procs, err := processesUsingDeletedFiles("/proc", userOnly, os.Getuid())
			if err != nil {
				return &ExitError{Code: 1, Err: fmt.Errorf("Error: needs-restarting: %w", err)}
			}
			for _, p := range procs {
				fmt.Fprintf(e.stdout, "%d : %s\n", p.pid, p.cmdline)
			}
			return nil
		},
	}
	c.Flags().BoolVarP(&reboot, "reboothint", "r", false, "only say whether a reboot is needed (exit 1 when it is)")
	c.Flags().BoolVarP(&userOnly, "useronly", "u", false, "only the current user's processes")
	return c
}

// needsReboot is `needs-restarting -r`: dnf's wording and exit codes (1: reboot needed).
func needsReboot(e *env) error {
	b, err := openBase(e, false)
	if err != nil {
		return err
	}
	boot, err := bootTime(e)
	if err != nil {
		return &ExitError{Code: 1, Err: fmt.Errorf("Error: needs-restarting: boot time: %w", err)}
	}
	names, err := b.CoreUpdatedSince(e.ctx, boot)
	if err != nil {
		return dnfError(err)
	}
	if len(names) == 0 {
		fmt.Fprintln(e.stdout, "No core libraries or services have been updated since boot-up.")
		fmt.Fprintln(e.stdout, "Reboot should not be necessary.")
		return nil
	}
	fmt.Fprintln(e.stdout, "Core libraries or services have been updated since boot-up:")
	for _, n := range names {
		fmt.Fprintf(e.stdout, "  * %s\n", n)
	}
	fmt.Fprintln(e.stdout, "\nReboot is required to fully utilize these updates.")
	return &ExitError{Code: 1, Silent: true, Err: fmt.Errorf("reboot required")}
}

// bootTime is dnf's: the later of /proc/1's mtime and now minus /proc/uptime.
// NIMBUS_BOOT_TIME (seconds since the epoch) overrides it, for tests and images.
func bootTime(e *env) (time.Time, error) {
	if v := e.getenv("NIMBUS_BOOT_TIME"); v != "" {
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

type staleProcess struct {
	pid     int
	cmdline string
}

// processesUsingDeletedFiles lists processes that map a file that was deleted or
// replaced since (an upgraded library or binary): /proc/PID/maps entries marked
// "(deleted)", except shared memory and memfd mappings.
func processesUsingDeletedFiles(proc string, userOnly bool, uid int) ([]staleProcess, error) {
	ents, err := os.ReadDir(proc)
	if err != nil {
		return nil, err
	}
	var out []staleProcess
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
		out = append(out, staleProcess{pid, line})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].pid < out[j].pid })
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
