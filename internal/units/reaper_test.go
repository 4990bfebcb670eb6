//go:build linux

package units

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// reaperHelper runs in a child process (it must own all its children's statuses, as
// PID 1 does): a global reaper, a child whose exit status must arrive, and an orphaned
// grandchild that must be reaped (not left a zombie) and reported to a Watch.
func reaperHelper() {
	r := NewReaper(true)
	stop := make(chan struct{})
	go r.Run(stop)
	rd, wr, _ := os.Pipe()
	pid, done, err := r.Start(&ProcSpec{Path: "/bin/sh", Argv: []string{"sh", "-c", "sleep 0.3 & echo $!; exit 3"},
		Env: []string{"PATH=" + DefaultPath}, Files: []*os.File{nil, wr, wr}})
	wr.Close()
	if err != nil {
		fmt.Println("start:", err)
		os.Exit(1)
	}
	buf := make([]byte, 64)
	n, _ := rd.Read(buf)
	var orphan int
	fmt.Sscan(strings.TrimSpace(string(buf[:n])), &orphan)
	e := <-done
	w := r.Watch(orphan)
	select {
	case oe := <-w:
		// The orphan was ours to reap: it is gone, not a zombie.
		zombie := syscall.Kill(orphan, 0) == nil
		fmt.Printf("child %d exit %d orphan %d exit %d zombie %v\n", pid, e.Code, orphan, oe.Code, zombie)
	case <-time.After(5 * time.Second):
		fmt.Println("orphan never reported")
	}
	close(stop)
	os.Exit(0)
}

func TestGlobalReaper(t *testing.T) {
	exe, _ := os.Executable()
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), "NIMBUS_UNITS_HELPER=reaper")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	var pid, code, orphan, ocode int
	var zombie bool
	if _, err := fmt.Sscanf(string(out), "child %d exit %d orphan %d exit %d zombie %t", &pid, &code, &orphan, &ocode, &zombie); err != nil {
		t.Fatalf("%v: %q", err, out)
	}
	if code != 3 || ocode != 0 || zombie || orphan == 0 {
		t.Fatalf("%q", out)
	}
}
