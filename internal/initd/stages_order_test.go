//go:build linux

package initd

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func TestRunStagesOrderAndOverlap(t *testing.T) {
	var mu sync.Mutex
	var order []string
	mark := func(name string) {
		mu.Lock()
		order = append(order, name)
		mu.Unlock()
	}
	cStarted := make(chan struct{})
	stages := []bootStage{
		{"a", func(_ *Init, ctx context.Context) error { mark("a"); setNote(ctx, "note %d", 1); return nil }, nil},
		// b and c depend only on a: b waits for c to have started, which deadlocks
		// (and fails below) if they ran one after the other.
		{"b", func(_ *Init, ctx context.Context) error {
			select {
			case <-cStarted:
			case <-time.After(20 * time.Second):
				return errors.New("c never ran beside b")
			}
			mark("b")
			return nil
		}, []string{"a"}},
		{"c", func(_ *Init, ctx context.Context) error { mark("c"); close(cStarted); addNote(ctx, "x"); return nil }, []string{"a"}},
		{"d", func(_ *Init, ctx context.Context) error { mark("d"); panic("boom") }, []string{"b", "c", "not-a-stage"}},
	}
	var console bytes.Buffer
	in := &Init{Console: &console}
	got := in.runStages(context.Background(), stages)
	if len(got) != 4 {
		t.Fatalf("%d timings", len(got))
	}
	for i, name := range []string{"a", "b", "c", "d"} {
		if got[i].Stage != name {
			t.Errorf("timing %d is %s, want %s (list order)", i, got[i].Stage, name)
		}
	}
	if got[1].Error != "" {
		t.Errorf("b: %s", got[1].Error)
	}
	if got[0].Note != "note 1" || got[2].Note != "x" || got[1].Note != "" {
		t.Errorf("notes mixed up: %q %q %q", got[0].Note, got[1].Note, got[2].Note)
	}
	if got[3].Error == "" {
		t.Error("a panicking stage has no error")
	}
	if order[0] != "a" || order[3] != "d" {
		t.Errorf("ran in order %v", order)
	}
	if got[3].Start < got[1].Start+got[1].Duration || got[3].Start < got[2].Start+got[2].Duration {
		t.Errorf("d started before b and c ended: %+v", got)
	}
}

func TestBootStagesDependencies(t *testing.T) {
	// Every dependency names an earlier stage (so the list order is a valid order), and
	// the ones the boot relies on are there.
	seen := map[string]bool{}
	for _, s := range bootStages {
		for _, d := range s.after {
			if !seen[d] {
				t.Errorf("stage %s needs %s, which is not an earlier stage", s.name, d)
			}
		}
		seen[s.name] = true
	}
	needs := needsVia
	for _, c := range [][2]string{{"provision", "modules"}, {"tmpfiles", "sysusers"}, {"tmpfiles", "devices"},
		{"provision", "network"}, {"provision", "hostname"}, {"provision", "tmpfiles"}, {"services", "provision"},
		{"metadata", "network"}, {"metadata", "devices"}, {"provision", "metadata"}, {"modules-rest", "modules"},
		{"provision", "hostkeys"},                          // the agent may replace the early host keys
		{"hostkeys", "modules"}, {"sysusers", "modules"}} { // not beside the index and the NIC driver chain
		if !needs(c[0], c[1]) {
			t.Errorf("stage %s does not wait for %s", c[0], c[1])
		}
	}
}

// needsVia reports whether stage waits for dep directly or through other stages.
func needsVia(stage, dep string) bool {
	for _, s := range bootStages {
		if s.name == stage {
			for _, d := range s.after {
				if d == dep || needsVia(d, dep) {
					return true
				}
			}
		}
	}
	return false
}

// TestAnyInterface: the network stage asks netlink for the links only once sysfs lists
// an interface besides lo (and whenever sysfs cannot say).
func TestAnyInterface(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "lo"), 0o755); err != nil {
		t.Fatal(err)
	}
	if anyInterface(dir) {
		t.Fatal("lo alone counted as an interface")
	}
	if err := os.Mkdir(filepath.Join(dir, "eth0"), 0o755); err != nil {
		t.Fatal(err)
	}
	if !anyInterface(dir) {
		t.Fatal("eth0 not seen")
	}
	if !anyInterface(filepath.Join(dir, "missing")) {
		t.Fatal("an unreadable directory must leave the answer to netlink")
	}
}

// TestReadyOr: what waits for "ready" (modules-rest, the nofail mounts) goes on at ready,
// after the bound when ready is late, and at once for a stage run without a boot.
func TestReadyOr(t *testing.T) {
	closed := func(c <-chan struct{}, within time.Duration) bool {
		select {
		case <-c:
			return true
		case <-time.After(within):
			return false
		}
	}
	if !closed((&Init{}).readyOr(time.Hour), time.Second) {
		t.Fatal("no boot: not at once")
	}
	in := &Init{readyCh: make(chan struct{})}
	c := in.readyOr(time.Hour)
	if closed(c, 50*time.Millisecond) {
		t.Fatal("went on before ready")
	}
	close(in.readyCh)
	if !closed(c, 5*time.Second) {
		t.Fatal("not at ready")
	}
	late := &Init{readyCh: make(chan struct{})}
	if !closed(late.readyOr(20*time.Millisecond), 5*time.Second) {
		t.Fatal("not after the bound")
	}
}

// TestMountFstabDone: without an fstab there is nothing to wait for: the background
// mounts' channel, which the late provisioning waits on, is closed at once.
func TestMountFstabDone(t *testing.T) {
	_, bg, done, err := mountFstab(filepath.Join(t.TempDir(), "fstab"), t.Logf, nil, make(chan struct{}))
	if err != nil || bg != 0 {
		t.Fatalf("bg %d err %v", bg, err)
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("done not closed")
	}
}
