package units

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestSetrlimitClosestNOFILEInfinity: LimitNOFILE=infinity is above fs.nr_open, so the
// kernel refuses it with EPERM even for root; systemd then sets the closest value it can
// (containerd.service ships LimitNOFILE=infinity). The shim must do the same, not fail.
func TestSetrlimitClosestNOFILEInfinity(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("raising a hard limit needs root")
	}
	b, err := os.ReadFile("/proc/sys/fs/nr_open")
	if err != nil {
		t.Skip(err)
	}
	nrOpen, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	var saved syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &saved); err != nil {
		t.Fatal(err)
	}
	defer syscall.Setrlimit(syscall.RLIMIT_NOFILE, &saved)
	// Without CAP_SYS_RESOURCE (some containers) the hard limit cannot be raised at all:
	// the closest value is then the hard limit in force.
	want := nrOpen
	probe := syscall.Rlimit{Cur: nrOpen, Max: nrOpen}
	if syscall.Setrlimit(syscall.RLIMIT_NOFILE, &probe) != nil {
		want = saved.Max
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &saved); err != nil {
		t.Fatal(err)
	}
	inf := syscall.Rlimit{Cur: ^uint64(0), Max: ^uint64(0)}
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &inf); err != syscall.EPERM {
		t.Fatalf("plain setrlimit(NOFILE, infinity) = %v, want EPERM (the case under test)", err)
	}
	if err := setrlimitClosest(syscall.RLIMIT_NOFILE, inf); err != nil {
		t.Fatalf("setrlimitClosest: %v", err)
	}
	var got syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &got); err != nil {
		t.Fatal(err)
	}
	if got.Cur != want || got.Max != want {
		t.Errorf("NOFILE = %d:%d, want %d:%d (fs.nr_open %d)", got.Cur, got.Max, want, want, nrOpen)
	}
}
