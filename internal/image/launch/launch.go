// Package launch boots a Nimbus disk image the way EC2 would: UEFI firmware, the disk
// (NVMe like a Nitro instance, or virtio), an IMDSv2 server on loopback that the guest
// reaches at 169.254.169.254, SSH forwarded to 127.0.0.1, user-mode networking that is
// always restricted, and the serial console captured. It is `nimbus run` and what the
// image boot tests use.
package launch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/arch"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/imds"
	"github.com/nimbus-linux/nimbus/internal/vm"
)

// Config describes one instance.
type Config struct {
	Image  string // disk image: .raw, .qcow2, .vmdk or .vhd
	Arch   string // x86_64 or aarch64
	Format string // qemu format; from the file name when empty
	// Disk is how the disk is attached: "nvme" (EC2 Nitro's way, the default) or "virtio".
	Disk       string
	MemoryMB   int
	CPUs       int
	SSHPort    int // host port on 127.0.0.1 forwarded to the guest's 22 (0: none)
	Forwards   map[int]int
	InstanceID string
	Hostname   string
	PublicKeys []string // OpenSSH public keys (the launch key pair)
	UserData   []byte   // nil: none (404, as on EC2)
	// Relay returns the command QEMU runs for each guest connection to the IMDS: it must
	// relay stdin/stdout to addr (`nimbus imds relay --to ADDR`).
	Relay func(addr string) string
	// Repo is a host repository folder served to the guest at RepoAddr, so that dnf
	// installs from it inside (the user-data is extended to point the guest at it).
	Repo string
	// Accel is "tcg" (default) or "kvm".
	Accel string
	// Ephemeral discards the guest's writes to the disk (QEMU snapshot mode).
	Ephemeral bool
	Console   io.Writer // a copy of the serial console (a log file, the terminal)
	Dir       string    // scratch folder for the firmware variables and the monitor socket
}

// Instance is a running image.
type Instance struct {
	*vm.VM
	IMDS     *imds.Server
	IMDSAddr string
	http     *http.Server
	repo     *http.Server
}

// FormatOf maps an image file name to QEMU's format name.
func FormatOf(p string) (string, error) {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".raw", ".img":
		return "raw", nil
	case ".qcow2":
		return "qcow2", nil
	case ".vmdk":
		return "vmdk", nil
	case ".vhd":
		return "vpc", nil
	}
	return "", fmt.Errorf("launch: cannot tell the format of %s (want .raw, .qcow2, .vmdk or .vhd)", p)
}

// Start boots the instance.
func Start(ctx context.Context, c Config) (*Instance, error) {
	if c.Relay == nil {
		return nil, errors.New("launch: no IMDS relay command")
	}
	if c.Format == "" {
		f, err := FormatOf(c.Image)
		if err != nil {
			return nil, err
		}
		c.Format = f
	}
	if _, err := os.Stat(c.Image); err != nil {
		return nil, fmt.Errorf("launch: %w", err)
	}
	code, varsTemplate, err := vm.FindFirmware(c.Arch)
	if err != nil {
		return nil, err
	}
	if c.Accel == "kvm" && !KVMUsable(c.Arch) {
		return nil, fmt.Errorf("launch: KVM is not usable for %s guests here (no /dev/kvm or another architecture): use --accel tcg", c.Arch)
	}
	if c.Dir == "" {
		return nil, errors.New("launch: no scratch folder")
	}
	vars := filepath.Join(c.Dir, "efivars.fd")
	if err := fsutil.CopyFile(vars, varsTemplate); err != nil {
		return nil, err
	}
	if c.InstanceID == "" {
		c.InstanceID = "i-0nimbus0local0001"
	}
	if c.Hostname == "" {
		c.Hostname = "ip-169-254-169-15.nimbus.internal"
	}
	guestFwd := map[string]string{}
	var repoSrv *http.Server
	if c.Repo != "" {
		base, err := repoBaseURL(c.Repo)
		if err != nil {
			return nil, err
		}
		rl, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		repoSrv = &http.Server{Handler: http.FileServer(http.Dir(c.Repo)), ReadHeaderTimeout: 5 * time.Second}
		go repoSrv.Serve(rl)
		guestFwd[RepoAddr] = c.Relay(rl.Addr().String())
		c.UserData = WithRepo(c.UserData, base)
	}
	srv, err := newIMDS(c)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	hs := imds.HTTPServer(srv)
	go hs.Serve(ln)
	in := &Instance{IMDS: srv, IMDSAddr: ln.Addr().String(), http: hs, repo: repoSrv}
	guestFwd["169.254.169.254:80"] = c.Relay(in.IMDSAddr)

	drive := "file=" + c.Image + ",if=none,format=" + c.Format + ",id=d0,cache=unsafe"
	if c.Ephemeral {
		drive += ",snapshot=on"
	}
	// bootindex=0: the root disk is the firmware's only boot device (QEMU's fw_cfg
	// bootorder). OVMF then connects just that device instead of every one, so it never
	// binds its network stack to the NIC (EC2 instances do not boot from the network):
	// about 0.6 s less CPU under TCG before the UKI starts (docs/init.md).
	dev := "nvme,drive=d0,serial=nimbus-root,bootindex=0"
	if c.Disk == "virtio" {
		dev = "virtio-blk-pci,drive=d0,bootindex=0"
	} else if c.Disk != "" && c.Disk != "nvme" {
		hs.Close()
		return nil, fmt.Errorf("launch: disk attachment %q: want nvme or virtio", c.Disk)
	}
	fwd := map[int]int{}
	for h, g := range c.Forwards {
		fwd[h] = g
	}
	if c.SSHPort != 0 {
		fwd[c.SSHPort] = 22
	}
	v, err := vm.Start(ctx, &vm.Config{
		Arch: c.Arch, Firmware: code, FirmwareVars: vars, MemoryMB: c.MemoryMB, CPUs: c.CPUs,
		Net:      "169.254.169.0/24",
		GuestFwd: guestFwd,
		Accel:    c.Accel,
		HostFwd:  fwd,
		Console:  c.Console,
		Monitor:  filepath.Join(c.Dir, "monitor.sock"),
		Reboot:   true, // a guest reboot keeps the instance, its IMDS and forwards (poweroff ends it)
		Extra:    []string{"-drive", drive, "-device", dev},
	})
	if err != nil {
		in.Close()
		return nil, err
	}
	in.VM = v
	return in, nil
}

func newIMDS(c Config) (*imds.Server, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "instance-id: %s\ninstance-type: t4g.local\nlocal-hostname: %s\narchitecture: %s\n", c.InstanceID, c.Hostname, ec2Arch(c.Arch))
	if len(c.PublicKeys) > 0 {
		b.WriteString("public-keys:\n")
		for i, k := range c.PublicKeys {
			fmt.Fprintf(&b, "  - name: launch-key-%d\n    openssh-key: %q\n", i, strings.TrimSpace(k))
		}
	}
	in, err := imds.ParseInstance(strings.NewReader(b.String()), "", nil)
	if err != nil {
		return nil, err
	}
	if c.UserData != nil {
		ud := string(c.UserData)
		in.UserData = &ud
	}
	return imds.NewServer(in, nil), nil
}

// ec2Arch is EC2's name of an architecture (x86_64, arm64).
func ec2Arch(name string) string {
	if a, ok := arch.ByRPM(name); ok {
		return a.EC2
	}
	return name
}

// KVMUsable reports whether /dev/kvm can be opened for a guest of the host's
// architecture. (Opening is not proof: nested or restricted KVM can still fail at
// start, which is why `nimbus run` asks for --accel kvm explicitly.)
func KVMUsable(name string) bool {
	if name != arch.Host().RPM {
		return false
	}
	f, err := os.OpenFile("/dev/kvm", os.O_RDWR, 0)
	if err != nil {
		return false
	}
	f.Close()
	return true
}

// Shutdown presses the ACPI power button and waits for QEMU to exit; after timeout the
// VM is killed. It also stops the IMDS server.
func (in *Instance) Shutdown(timeout time.Duration) error {
	defer in.stopServers()
	err := in.Monitor("system_powerdown", 5*time.Second)
	if err == nil {
		err = in.Wait(timeout)
	}
	if err != nil {
		in.Kill()
		return fmt.Errorf("launch: clean shutdown failed, VM killed: %w", err)
	}
	return nil
}

// Close kills the VM (if running) and stops the IMDS server.
func (in *Instance) Close() {
	if in.VM != nil {
		in.Kill()
	}
	in.stopServers()
}

func (in *Instance) stopServers() {
	in.http.Close()
	if in.repo != nil {
		in.repo.Close()
	}
}
