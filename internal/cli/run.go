//go:build !pmonly

package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/nimbus-linux/nimbus/internal/tools"

	nimbusarch "github.com/nimbus-linux/nimbus/internal/arch"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/image"
	"github.com/nimbus-linux/nimbus/internal/image/launch"
	"github.com/nimbus-linux/nimbus/internal/vm"
)

type runFlags struct {
	arch, userData, consoleLog, key, disk, repo, accel string
	sshPort, memory, cpus                              int
	showConsole, ephemeral                             bool
	timeout                                            time.Duration
	forwards                                           []string
}

func newRunCmd(e *env) *cobra.Command {
	var f runFlags
	c := &cobra.Command{
		Use:   "run IMAGE [--arch A] [--user-data FILE] [--ssh-port N] [--forward HOST:GUEST]... [--memory M] [--cpus N] [--repo DIR]",
		Short: "Boot an image under QEMU like an EC2 instance: UEFI, IMDSv2, SSH on 127.0.0.1",
		Long: `Boots a disk image (.raw, .qcow2, .vmdk, .vhd) with UEFI firmware (OVMF / AAVMF), its disk
on NVMe as on EC2 Nitro (--disk virtio for virtio-blk), an IMDSv2 server on loopback that
the guest reaches at 169.254.169.254 serving the launch key and the user-data, and the
guest's SSH port forwarded to 127.0.0.1. Networking is QEMU user mode with restrict=on:
the guest reaches nothing else. The serial console goes to a log file (and the terminal
with --console). Ctrl-C presses the power button and waits for a clean shutdown.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runRun(e, f, args[0]) },
	}
	fl := c.Flags()
	fl.StringVar(&f.arch, "arch", "", "architecture (default: the image's manifest, else the host's)")
	fl.StringVar(&f.userData, "user-data", "", "user-data file served by the IMDS (cloud-config, script, MIME)")
	fl.IntVar(&f.sshPort, "ssh-port", 0, "host port on 127.0.0.1 forwarded to the guest's SSH (default: a free port)")
	fl.IntVar(&f.memory, "memory", 1024, "memory in MiB")
	fl.IntVar(&f.cpus, "cpus", 2, "virtual CPUs")
	fl.StringVar(&f.disk, "disk", "nvme", "disk attachment: nvme or virtio")
	fl.StringVar(&f.consoleLog, "console-log", "", "serial console log file (default: IMAGE.console.log)")
	fl.BoolVar(&f.showConsole, "console", false, "also show the serial console on stdout")
	fl.StringVar(&f.key, "key", "", "launch key pair, private key path (default: IMAGE-DIR/nimbus-launch-key, generated)")
	fl.BoolVar(&f.ephemeral, "ephemeral", false, "discard the guest's writes to the disk")
	fl.StringArrayVar(&f.forwards, "forward", nil, "forward 127.0.0.1:HOSTPORT to the guest's GUESTPORT, as HOSTPORT:GUESTPORT (repeatable; e.g. 8080:80)")
	fl.StringVar(&f.accel, "accel", "tcg", "QEMU accelerator: tcg, or kvm where /dev/kvm works for the image's architecture")
	fl.StringVar(&f.repo, "repo", "", "serve this repository folder (e.g. out/repos) to the guest's dnf at 169.254.169.253")
	fl.DurationVar(&f.timeout, "timeout", 0, "stop the instance after this long (0: run until Ctrl-C or poweroff)")
	return c
}

func runRun(e *env, f runFlags, img string) error {
	abs, err := filepath.Abs(img)
	if err != nil {
		return err
	}
	if _, err := os.Stat(abs); err != nil {
		return fmt.Errorf("run: %w", err)
	}
	if _, err := launch.FormatOf(abs); err != nil {
		return err
	}
	arch := f.arch
	if arch == "" {
		base := strings.TrimSuffix(abs, filepath.Ext(abs))
		if m, err := image.ReadManifest(base + ".manifest.json"); err == nil {
			arch = m.Arch
		} else {
			arch = nimbusarch.Host().RPM
		}
	}
	var ud []byte
	if f.userData != "" {
		if ud, err = os.ReadFile(f.userData); err != nil {
			return err
		}
	}
	keyPath := f.key
	if keyPath == "" {
		keyPath = filepath.Join(filepath.Dir(abs), "nimbus-launch-key")
	}
	pub, err := launch.LaunchKey(keyPath)
	if err != nil {
		return err
	}
	port := f.sshPort
	if port == 0 {
		if port, err = vm.FreePort(); err != nil {
			return err
		}
	}
	logPath := f.consoleLog
	if logPath == "" {
		logPath = abs + ".console.log"
	}
	logFile, err := os.Create(logPath)
	if err != nil {
		return err
	}
	defer logFile.Close()
	var console io.Writer = logFile
	if f.showConsole {
		console = io.MultiWriter(logFile, e.stdout)
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	if strings.ContainsAny(self, ", ") {
		return fmt.Errorf("run: the path of this program (%s) has a comma or space, which QEMU's guestfwd cannot pass", self)
	}
	fwd := map[int]int{}
	for _, s := range f.forwards {
		var h, g int
		if n, err := fmt.Sscanf(s, "%d:%d", &h, &g); n != 2 || err != nil || h <= 0 || h > 65535 || g <= 0 || g > 65535 {
			return fmt.Errorf("run: --forward %q: want HOSTPORT:GUESTPORT", s)
		}
		if h == port {
			return fmt.Errorf("run: --forward %q: host port %d is the SSH port", s, h)
		}
		if _, dup := fwd[h]; dup {
			return fmt.Errorf("run: --forward %q: host port %d is forwarded twice", s, h)
		}
		fwd[h] = g
	}
	repoDir := f.repo
	if repoDir != "" {
		if repoDir, err = filepath.Abs(repoDir); err != nil {
			return err
		}
	}
	dir, err := os.MkdirTemp("", "nimbus-run-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	// The VM lives until it powers off or we stop it; Ctrl-C (e.ctx) asks for a clean
	// shutdown instead of killing it.
	vmCtx, cancel := context.WithCancel(context.WithoutCancel(e.ctx))
	defer cancel()
	in, err := launch.Start(vmCtx, launch.Config{
		Image: abs, Arch: arch, Disk: f.disk, MemoryMB: f.memory, CPUs: f.cpus, SSHPort: port,
		PublicKeys: []string{pub}, UserData: ud, Ephemeral: f.ephemeral, Console: console, Dir: dir, Repo: repoDir, Accel: f.accel, Forwards: fwd,
		Relay: func(addr string) string { return self + " imds relay --to " + addr },
	})
	if err != nil {
		return err
	}
	defer in.Close()
	keyAbs, _ := filepath.Abs(keyPath)
	if err := writeRunState(abs, runState{PID: os.Getpid(), SSHPort: port, Key: keyAbs, User: "ec2-user", Forwards: fwd}); err != nil {
		fmt.Fprintf(e.stderr, "nimbus run: %v (nimbus ssh will not find this instance)\n", err)
	}
	defer os.Remove(runStatePath(abs))
	fmt.Fprintf(e.stderr, "nimbus run: %s (%s), console in %s\n  ssh -p %d -i %s -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null ec2-user@127.0.0.1\n  (or: nimbus ssh %s)\n",
		filepath.Base(abs), arch, logPath, port, keyPath, img)
	hosts := make([]int, 0, len(fwd))
	for h := range fwd {
		hosts = append(hosts, h)
	}
	sort.Ints(hosts)
	for _, h := range hosts {
		fmt.Fprintf(e.stderr, "  forwarded: 127.0.0.1:%d -> guest port %d\n", h, fwd[h])
	}
	var deadline <-chan time.Time
	if f.timeout > 0 {
		t := time.NewTimer(f.timeout)
		defer t.Stop()
		deadline = t.C
	}
	exited := make(chan error, 1)
	go func() { exited <- in.Wait(365 * 24 * time.Hour) }()
	select {
	case err := <-exited:
		fmt.Fprintln(e.stderr, "nimbus run: the instance stopped")
		return err
	case <-e.ctx.Done():
		fmt.Fprintln(e.stderr, "nimbus run: shutting down (power button)")
	case <-deadline:
		fmt.Fprintln(e.stderr, "nimbus run: --timeout reached, shutting down (power button)")
	}
	return in.Shutdown(60 * time.Second)
}

// runState is what `nimbus run` leaves next to the image while the instance runs
// (IMAGE.run.json), so that `nimbus ssh IMAGE` finds the port and the launch key.
type runState struct {
	PID      int         `json:"pid"`
	SSHPort  int         `json:"ssh_port"`
	Key      string      `json:"key"`
	User     string      `json:"user"`
	Forwards map[int]int `json:"forwards,omitempty"`
}

func runStatePath(img string) string { return img + ".run.json" }

func writeRunState(img string, st runState) error {
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	return fsutil.WriteFileAtomic(runStatePath(img), 0o644, func(f *os.File) error {
		_, err := f.Write(append(b, '\n'))
		return err
	})
}

// readRunState reads IMAGE.run.json and checks that its `nimbus run` is still alive.
func readRunState(img string) (runState, error) {
	var st runState
	b, err := os.ReadFile(runStatePath(img))
	if errors.Is(err, fs.ErrNotExist) {
		return st, fmt.Errorf("ssh: %s is not running (no %s; start it with nimbus run)", img, filepath.Base(runStatePath(img)))
	}
	if err != nil {
		return st, err
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return st, fmt.Errorf("ssh: %s: %w", runStatePath(img), err)
	}
	if st.SSHPort <= 0 || st.SSHPort > 65535 || st.Key == "" || st.PID <= 0 {
		return st, fmt.Errorf("ssh: %s: no port, key or pid", runStatePath(img))
	}
	if err := syscall.Kill(st.PID, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return st, fmt.Errorf("ssh: %s is not running (its nimbus run, pid %d, is gone)", img, st.PID)
	}
	return st, nil
}

func newSSHCmd(e *env) *cobra.Command {
	var user string
	c := &cobra.Command{
		Use:   "ssh IMAGE [SSH-OPTION...] [--] [COMMAND...]",
		Short: "Log in to an instance started with nimbus run, with its launch key",
		Long: `Runs ssh to the instance that ` + "`nimbus run IMAGE`" + ` is running: 127.0.0.1, its forwarded SSH
port, the generated launch key, as ec2-user (--user), host key checking off (a local
instance's host keys are new at every launch). Options after the image (-o BatchMode=yes,
-L 8080:localhost:80, ...) go to ssh; the rest is the remote command.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			abs, err := filepath.Abs(args[0])
			if err != nil {
				return err
			}
			st, err := readRunState(abs)
			if err != nil {
				return err
			}
			if user == "" {
				user = st.User
			}
			sshc, err := exec.LookPath(tools.SSH())
			if err != nil {
				return fmt.Errorf("ssh: no ssh client (apt-get install openssh-client): %w", err)
			}
			opts, rest := splitSSHOptions(args[1:])
			argv := []string{"-p", strconv.Itoa(st.SSHPort), "-i", st.Key, "-o", "StrictHostKeyChecking=no",
				"-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR"}
			argv = append(append(append(argv, opts...), user+"@127.0.0.1"), rest...)
			run := exec.CommandContext(e.ctx, sshc, argv...)
			run.Stdin, run.Stdout, run.Stderr = e.stdin, e.stdout, e.stderr
			if err := run.Run(); err != nil {
				var ee *exec.ExitError
				if errors.As(err, &ee) {
					return &ExitError{Code: ee.ExitCode(), Silent: true}
				}
				return err
			}
			return nil
		},
	}
	c.Flags().SetInterspersed(false)
	c.Flags().StringVar(&user, "user", "", "user to log in as (default ec2-user)")
	return c
}

// splitSSHOptions separates ssh's options (with the values of those that take one) from
// the remote command that follows them ("--" ends the options).
func splitSSHOptions(args []string) (opts, rest []string) {
	const withValue = "BbcDEeFIiJLlmOopQRSWw"
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return opts, args[i+1:]
		}
		if len(a) < 2 || a[0] != '-' {
			return opts, args[i:]
		}
		opts = append(opts, a)
		if len(a) == 2 && strings.IndexByte(withValue, a[1]) >= 0 && i+1 < len(args) {
			i++
			opts = append(opts, args[i])
		}
	}
	return opts, nil
}
