package image_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// dockerTools are the host programs of TestDockerLoad (Debian 12's docker.io 20.10).
var dockerTools = struct{ dockerd, docker string }{"/usr/sbin/dockerd", "/usr/bin/docker"}

// TestDockerLoad loads the OCI archive of `nimbus image build` with Debian 12's Docker
// 20.10 (which reads only the docker-archive manifest.json) and runs /bin/echo in it.
// The test starts its own dockerd (own data root and socket, no iptables, no bridge)
// and stops it by its PID.
func TestDockerLoad(t *testing.T) {
	for _, p := range []string{dockerTools.dockerd, dockerTools.docker} {
		if _, err := os.Stat(p); err != nil {
			need(t, fmt.Errorf("%s (Debian's docker.io): %w", p, err))
		}
	}
	if os.Getuid() != 0 {
		need(t, fmt.Errorf("dockerd needs root: %w", os.ErrPermission))
	}
	d := t.TempDir()
	b := devContainerBuild(t, d)
	archive := filepath.Join(d, b.Name()+".oci.tar")

	// A short socket path: unix sockets are limited to 108 bytes.
	run, err := os.MkdirTemp("", "nimbus-dockerd-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(run)
	sock := filepath.Join(run, "docker.sock")
	log, err := os.Create(filepath.Join(d, "dockerd.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	daemon := exec.Command(dockerTools.dockerd, "--data-root", filepath.Join(run, "root"), "--exec-root", filepath.Join(run, "exec"),
		"-H", "unix://"+sock, "--pidfile", filepath.Join(run, "docker.pid"), "--iptables=false", "--ip-masq=false", "--bridge=none")
	daemon.Stdout, daemon.Stderr = log, log
	daemon.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := daemon.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		daemon.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- daemon.Wait() }()
		select {
		case <-done:
		case <-time.After(60 * time.Second):
			syscall.Kill(-daemon.Process.Pid, syscall.SIGKILL) // its own process group: dockerd and its containerd
			<-done
		}
		// The data root holds overlay mounts only while containers run; none is left.
		syscall.Unmount(filepath.Join(run, "root", "overlay2"), syscall.MNT_DETACH)
	}()
	deadline := time.Now().Add(90 * time.Second)
	for {
		c, err := net.Dial("unix", sock)
		if err == nil {
			c.Close()
			if exec.Command(dockerTools.docker, "-H", "unix://"+sock, "info").Run() == nil {
				break
			}
		}
		if time.Now().After(deadline) {
			data, _ := os.ReadFile(log.Name())
			t.Fatalf("dockerd did not answer in 90 s:\n%s", data)
		}
		time.Sleep(time.Second)
	}
	docker := func(args ...string) string {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		out, err := exec.CommandContext(ctx, dockerTools.docker, append([]string{"-H", "unix://" + sock}, args...)...).CombinedOutput()
		if err != nil {
			data, _ := os.ReadFile(log.Name())
			t.Fatalf("docker %s: %v\n%s\ndockerd log:\n%s", strings.Join(args, " "), err, out, data)
		}
		return string(out)
	}
	out := docker("load", "-i", archive)
	if !strings.Contains(out, "Loaded image: nimbus/devcontainer:2026") {
		t.Fatalf("docker load: %q", out)
	}
	out = docker("run", "--rm", "--network", "none", "nimbus/devcontainer:2026", "/bin/echo", "hi")
	if strings.TrimSpace(out) != "hi" {
		t.Fatalf("docker run /bin/echo hi: %q", out)
	}
	out = docker("image", "inspect", "--format", "{{.Os}}/{{.Architecture}} {{.Config.Labels}}", "nimbus/devcontainer:2026")
	if !strings.HasPrefix(out, "linux/amd64 ") || !strings.Contains(out, "Nimbus Linux devcontainer") {
		t.Errorf("docker image inspect: %q", out)
	}
}
