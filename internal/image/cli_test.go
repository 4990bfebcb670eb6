package image_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestRunCLI builds the nimbus command, makes an image with `nimbus image build --dev`,
// boots it with `nimbus run` (the IMDS relay is the command itself) and stops it with
// Ctrl-C (SIGINT), which must power the guest off cleanly.
func TestRunCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("boot test")
	}
	if os.Getuid() != 0 {
		t.Skip("image builds run as root")
	}
	dir := t.TempDir()
	nimbus := filepath.Join(dir, "nimbus")
	if out, err := exec.Command("go", "build", "-o", nimbus, "github.com/nimbus-linux/nimbus/cmd/nimbus").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	devBuild(t, "x86_64", t.TempDir(), []string{"raw"}) // skips when the prerequisites are missing
	prof := filepath.Join(dir, "devtest.yaml")
	os.WriteFile(prof, []byte(testProfile), 0o644)
	out := filepath.Join(dir, "out")
	build := exec.Command(nimbus, "image", "build", prof, "--arch", "x86_64", "--format", "qcow2", "-o", out,
		"--dev", "--dev-init", nimbusInit(t, "amd64"))
	build.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1767225600")
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("nimbus image build: %v\n%s", err, b)
	} else if !strings.Contains(string(b), "devtest-x86_64.qcow2") || !strings.Contains(string(b), "convert") {
		t.Errorf("image build output:\n%s", b)
	}
	ud := filepath.Join(dir, "ud.sh")
	os.WriteFile(ud, []byte("#!/bin/sh\necho CLI-USERDATA-RAN > /dev/console\n"), 0o644)
	log := filepath.Join(dir, "console.log")
	var stderr bytes.Buffer
	run := exec.Command(nimbus, "run", filepath.Join(out, "devtest-x86_64.qcow2"), "--ephemeral", "--disk", "virtio",
		"--user-data", ud, "--console-log", log, "--timeout", "4m")
	run.Stderr = &stderr
	if err := run.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- run.Wait() }()
	defer func() {
		if run.ProcessState == nil {
			_ = run.Process.Kill()
			<-done
		}
	}()
	deadline := time.Now().Add(200 * time.Second)
	for {
		b, _ := os.ReadFile(log)
		if strings.Contains(string(b), "CLI-USERDATA-RAN") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no user-data marker on the console:\n%s\nstderr:\n%s", b, stderr.String())
		}
		select {
		case err := <-done:
			t.Fatalf("nimbus run ended: %v\n%s\n%s", err, stderr.String(), b)
		case <-time.After(200 * time.Millisecond):
		}
	}
	if err := run.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("nimbus run after Ctrl-C: %v\n%s", err, stderr.String())
		}
	case <-time.After(90 * time.Second):
		t.Fatal("nimbus run did not stop within 90s of Ctrl-C")
	}
	b, _ := os.ReadFile(log)
	if !strings.Contains(string(b), "nimbus-init: poweroff now") {
		t.Errorf("no clean poweroff on Ctrl-C:\n%s", b)
	}
	if !strings.Contains(stderr.String(), "ssh -p ") {
		t.Errorf("no ssh command printed:\n%s", stderr.String())
	}
}
