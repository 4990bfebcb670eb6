//go:build linux

package initd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/units"
)

// TestWarmSSHD: the warm-up runs the program with -t only, waits for it, and logs its
// exit status with nimbus.debug (a failing check is not an error of the boot).
func TestWarmSSHD(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "args")
	prog := filepath.Join(dir, "sshd")
	if err := os.WriteFile(prog, []byte("#!/bin/sh\necho \"$@\" > "+out+"\nexit 3\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	var console bytes.Buffer
	in := &Init{Console: &console, Reaper: units.NewReaper(false), debug: true}
	in.warmSSHD(prog)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("the program did not run: %v", err)
	}
	if got := strings.TrimSpace(string(b)); got != "-t" {
		t.Fatalf("arguments %q, want -t", got)
	}
	if !strings.Contains(console.String(), "exit status 3") {
		t.Fatalf("console %q: no exit status", console.String())
	}
}
