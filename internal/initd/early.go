//go:build linux

package initd

import (
	"bufio"
	"bytes"
	"context"
	"debug/elf"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/nimbus-linux/nimbus/internal/kmod"
	"golang.org/x/sys/unix"
)

// The early init: nimbus-init as /init of the image's initramfs. It mounts the API file
// systems, loads the disk and file-system modules the image build put in the initramfs
// (finit_module, in modules.dep order), waits (bounded) for the root named by root= on
// the kernel command line, mounts it without fsck, moves /dev, /proc, /sys and /run into
// it, frees the initramfs, chroots and executes the real init there (nimbus-init again,
// as PID 1 of the root), or goes on as that init in-process when it is this same build. On failure it says why on the console, lists the block devices
// it saw, and starts a rescue shell when the initramfs has one.

// InInitramfs reports whether this process is the early init: PID 1 with the initramfs
// marker present.
func InInitramfs() bool {
	if os.Getpid() != 1 {
		return false
	}
	_, err := os.Stat(InitrdRelease)
	return err == nil
}

type early struct {
	console io.Writer
	cfg     EarlyConfig
	debug   bool
}

func (e *early) logf(format string, args ...any) {
	fmt.Fprintf(e.console, "nimbus-init: early: "+format+"\n", args...)
}

// Early runs the early init; it returns errContinue when the caller is to go on as the
// root's init (switched to the root, whose init is this build), otherwise only when
// exec'ing the real init is impossible and no rescue is possible either (and then only
// to the caller's hold loop).
func Early(ctx context.Context, console io.Writer, argv []string) error {
	e := &early{console: console}
	for attempt := 1; ; attempt++ {
		err := e.run(ctx, argv)
		if errors.Is(err, errContinue) {
			return err // switched to the root, whose init is this very binary: boot in-process
		}
		// run returns only on failure: exec replaced the process otherwise.
		e.logf("cannot boot: %v", err)
		e.listDevices()
		if e.rescue() {
			e.logf("rescue shell ended: trying again (attempt %d)", attempt+1)
			continue
		}
		if e.cfg.OnFailureReboot {
			e.logf("nimbus.on_failure=reboot: rebooting in 5s")
			time.Sleep(5 * time.Second)
			_ = rebootNow()
		}
		e.logf("no rescue shell in this initramfs (nimbus image build --initramfs-busybox adds one); keeping the machine up, power it off")
		for {
			time.Sleep(time.Hour)
		}
	}
}

func (e *early) run(ctx context.Context, argv []string) error {
	t0 := boottime()
	if err := initramfsMounts(); err != nil {
		return err
	}
	b, err := os.ReadFile("/proc/cmdline")
	if err != nil {
		return fmt.Errorf("reading /proc/cmdline: %w", err)
	}
	cmdline := ParseCmdline(string(b))
	e.debug = cmdline.Has("nimbus.debug")
	cfg, err := ParseEarlyConfig(cmdline)
	e.cfg = cfg
	if err != nil {
		return err
	}
	t1 := boottime()
	var dev, fstype string
	var mods []string
	// A root whose disk driver and file system are built into the kernel (NVMe and ext4 on
	// EC2's Nitro types) is there at once: it is mounted without loading any module, and
	// the devices the early modules are for are the real init's coldplug's business.
	early := false
	if !mounted(NewRoot) {
		if d, info, ok := findRoot(cfg.Root); ok {
			if t, merr := mountRoot(d, info, cfg); merr == nil {
				dev, fstype, early = d, t, true
			}
		}
	}
	if !early {
		if mods, err = e.loadModules(); err != nil {
			// A module that fails to load is reported; the root may not need it.
			e.logf("%v", err)
		}
	}
	t2 := boottime()
	switch {
	case early: // found and mounted before any module
	case mounted(NewRoot): // mounted from the rescue shell: take it as it is
		dev, fstype = mountSource(NewRoot)
		fstype += ", mounted by hand"
	default:
		var info FSInfo
		if dev, info, err = e.waitRoot(ctx); err != nil {
			return err
		}
		if fstype, err = mountRoot(dev, info, cfg); err != nil {
			return err
		}
	}
	t3 := boottime()
	init, err := findInit(NewRoot, cfg.Init)
	if err != nil {
		_ = unix.Unmount(NewRoot, 0)
		return err
	}
	same := sameInit(NewRoot, init)
	mode := "rw"
	if cfg.ReadOnly {
		mode = "ro"
	}
	how := "switching to " + init
	if same {
		how = "switching to the root (its " + init + " is this binary: going on in-process)"
	}
	if early {
		e.logf("root %s is %s (%s, %s), there at once: mounted in %v without loading modules; %s after %v in the initramfs (started %v after the kernel)",
			cfg.Root, dev, fstype, mode, (t2 - t1).Round(time.Millisecond), how, (boottime() - t0).Round(time.Millisecond), t0.Round(time.Millisecond))
		return switchRoot(NewRoot, init, append([]string{init}, argv[1:]...), os.Environ(), same)
	}
	e.logf("%d modules in %v (%s); root %s is %s (%s, %s), found and mounted in %v; %s after %v in the initramfs (started %v after the kernel)",
		len(mods), (t2 - t1).Round(time.Millisecond), strings.Join(mods, " "), cfg.Root, dev, fstype, mode,
		(t3 - t2).Round(time.Millisecond), how, (boottime() - t0).Round(time.Millisecond), t0.Round(time.Millisecond))
	args := append([]string{init}, argv[1:]...)
	return switchRoot(NewRoot, init, args, os.Environ(), same)
}

// errContinue is what run returns when the root is switched to and its init is the same
// build as this process: the caller goes on as the real init without exec'ing it.
var errContinue = errors.New("continuing as the root's init in-process")

// sameInit reports whether the root's init (resolved inside root) is the same build as
// this process, the initramfs's /init: both have the same size and the same non-empty Go
// build ID (the ELF note .note.go.buildid near the file's start, which the distribution
// build makes the SHA-256 of the binary linked without it). The image build copies the
// root's nimbus-init into the initramfs, so they differ only when the root's was upgraded
// since, or init= names another program; then, and whenever anything is unsure (no
// build ID: a binary built with -buildid=), the answer is false and the init is exec'd.
// Only the first pages of the root's file are read.
func sameInit(root, init string) bool {
	dir, err := unix.Open(root, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return false
	}
	defer unix.Close(dir)
	fd, err := unix.Openat2(dir, strings.TrimPrefix(init, "/"), &unix.OpenHow{Flags: unix.O_RDONLY | unix.O_CLOEXEC, Resolve: unix.RESOLVE_IN_ROOT})
	if err != nil {
		return false
	}
	other := os.NewFile(uintptr(fd), init)
	defer other.Close()
	self, err := os.Open("/proc/self/exe")
	if err != nil {
		return false
	}
	defer self.Close()
	a, err1 := self.Stat()
	b, err2 := other.Stat()
	if err1 != nil || err2 != nil || !a.Mode().IsRegular() || !b.Mode().IsRegular() || a.Size() != b.Size() {
		return false
	}
	idA, idB := goBuildID(self), goBuildID(other)
	return idA != "" && idA == idB
}

// goBuildID returns the Go build ID of an ELF executable from its PT_NOTE segments ("" if
// none or anything is malformed).
func goBuildID(r io.ReaderAt) string {
	f, err := elf.NewFile(r)
	if err != nil {
		return ""
	}
	for _, p := range f.Progs {
		if p.Type != elf.PT_NOTE || p.Filesz > 1<<16 {
			continue
		}
		b := make([]byte, p.Filesz)
		if _, err := p.ReadAt(b, 0); err != nil {
			return ""
		}
		if id := noteGoBuildID(b, f.ByteOrder); id != "" {
			return id
		}
	}
	return ""
}

// noteGoBuildID finds the note of name "Go" and type 4 (NT_GO_BUILDID) in an ELF notes
// segment.
func noteGoBuildID(b []byte, bo binary.ByteOrder) string {
	align := func(n uint32) uint64 { return (uint64(n) + 3) &^ 3 }
	for len(b) >= 12 {
		nameSize, descSize, typ := bo.Uint32(b), bo.Uint32(b[4:]), bo.Uint32(b[8:])
		b = b[12:]
		if align(nameSize)+align(descSize) > uint64(len(b)) {
			return ""
		}
		name, desc := b[:nameSize], b[align(nameSize):align(nameSize)+uint64(descSize)]
		if strings.TrimRight(string(name), "\x00") == "Go" && typ == 4 { // Go writes "Go\0\0"
			return string(desc)
		}
		b = b[align(nameSize)+align(descSize):]
	}
	return ""
}

// initramfsMounts mounts /proc, /sys, /dev and /run (left alone when already mounted: a
// second attempt after the rescue shell).
func initramfsMounts() error {
	for _, m := range initramfsAPI {
		if err := os.MkdirAll(m.target, m.mode); err != nil {
			return fmt.Errorf("mkdir %s: %w", m.target, err)
		}
		if mounted(m.target) {
			continue
		}
		if err := unix.Mount(m.source, m.target, m.fstype, m.flags, m.data); err != nil && !errors.Is(err, unix.EBUSY) {
			return fmt.Errorf("mount %s on %s: %w", m.fstype, m.target, err)
		}
	}
	return nil
}

var initramfsAPI = []mountPoint{
	{"proc", "/proc", "proc", unix.MS_NOSUID | unix.MS_NODEV | unix.MS_NOEXEC, "", 0o555},
	{"sysfs", "/sys", "sysfs", unix.MS_NOSUID | unix.MS_NODEV | unix.MS_NOEXEC, "", 0o555},
	{"devtmpfs", "/dev", "devtmpfs", unix.MS_NOSUID, "mode=0755", 0o755},
	{"tmpfs", "/run", "tmpfs", unix.MS_NOSUID | unix.MS_NODEV, "mode=0755", 0o755},
}

func kernelRelease() string {
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		return ""
	}
	return string(bytes.TrimRight(u.Release[:], "\x00"))
}

// loadModules loads the modules listed in EarlyModulesList, each after its dependencies
// (modules.dep of the initramfs). Built-in and already loaded modules are skipped.
func (e *early) loadModules() ([]string, error) {
	list, err := os.ReadFile(EarlyModulesList)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil // everything the root needs is built in
	}
	if err != nil {
		return nil, err
	}
	dir := filepath.Join("/lib/modules", kernelRelease())
	var db kmod.ModuleDB
	if f, err := os.Open(filepath.Join(dir, "modules.dep")); err == nil {
		err = db.ParseModulesDep(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s/modules.dep: %w", dir, err)
		}
	} else {
		return nil, fmt.Errorf("modules for kernel %s: %w (the initramfs was built for another kernel?)", kernelRelease(), err)
	}
	done := map[string]bool{}
	if b, err := os.ReadFile("/proc/modules"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if f := strings.Fields(l); len(f) > 0 {
				done[f[0]] = true
			}
		}
	}
	var loaded []string
	var errs []error
	sc := bufio.NewScanner(bytes.NewReader(list))
	for sc.Scan() {
		name := strings.TrimSpace(sc.Text())
		if name == "" || strings.HasPrefix(name, "#") {
			continue
		}
		for _, m := range db.LoadOrder(name) {
			if done[m] {
				continue
			}
			done[m] = true
			rel := db.Path[m]
			if rel == "" {
				continue // built in
			}
			if err := loadModuleFile(filepath.Join(dir, rel)); err != nil {
				errs = append(errs, fmt.Errorf("module %s: %w", m, err))
				continue
			}
			if e.debug {
				e.logf("loaded module %s", m)
			}
			loaded = append(loaded, m)
		}
	}
	return loaded, errors.Join(errs...)
}

// loadModuleFile loads one module: an uncompressed .ko with finit_module (the kernel
// reads the file itself), a compressed one decompressed here and given to init_module.
func loadModuleFile(p string) error {
	if strings.HasSuffix(p, ".ko") {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		err = unix.FinitModule(int(f.Fd()), "", 0)
		f.Close()
		if err == nil || errors.Is(err, unix.EEXIST) {
			return nil
		}
		if !errors.Is(err, unix.ENOSYS) {
			return fmt.Errorf("finit_module: %w", err)
		}
	}
	data, err := readModule(p)
	if err != nil {
		return err
	}
	if err := unix.InitModule(data, ""); err != nil && !errors.Is(err, unix.EEXIST) {
		return fmt.Errorf("init_module: %w", err)
	}
	return nil
}

// blockDev is one block device as sysfs shows it.
type blockDev struct {
	name, disk string // disk: the parent disk of a partition
	part       int    // partition number, 0 for a whole disk
}

func blockDevs() []blockDev {
	var out []blockDev
	ents, _ := os.ReadDir("/sys/class/block")
	for _, en := range ents {
		d := blockDev{name: en.Name()}
		if b, err := os.ReadFile(filepath.Join("/sys/class/block", d.name, "partition")); err == nil {
			d.part, _ = strconv.Atoi(strings.TrimSpace(string(b)))
			if real, err := filepath.EvalSymlinks(filepath.Join("/sys/class/block", d.name)); err == nil {
				d.disk = filepath.Base(filepath.Dir(real))
			}
		}
		out = append(out, d)
	}
	return out
}

// findRoot looks once for the device spec names; it returns its /dev path and what its
// superblock says.
func findRoot(spec RootSpec) (string, FSInfo, bool) {
	if spec.Kind == "path" {
		var st unix.Stat_t
		if unix.Stat(spec.Value, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFBLK {
			return "", FSInfo{}, false
		}
		info, _ := probeDev(spec.Value)
		return spec.Value, info, true
	}
	gpts := map[string]map[int][2]string{}
	for _, d := range blockDevs() {
		node := "/dev/" + d.name
		switch spec.Kind {
		case "UUID", "LABEL":
			info, ok := probeDev(node)
			if !ok {
				continue
			}
			if spec.Kind == "UUID" && strings.EqualFold(info.UUID, spec.Value) || spec.Kind == "LABEL" && info.Label == spec.Value {
				return node, info, true
			}
		case "PARTUUID", "PARTLABEL":
			if d.part == 0 || d.disk == "" {
				continue
			}
			parts, ok := gpts[d.disk]
			if !ok {
				parts = readGPT(d.disk)
				gpts[d.disk] = parts
			}
			p, ok := parts[d.part]
			if ok && (spec.Kind == "PARTUUID" && p[0] == spec.Value || spec.Kind == "PARTLABEL" && p[1] == spec.Value) {
				info, _ := probeDev(node)
				return node, info, true
			}
		}
	}
	return "", FSInfo{}, false
}

func probeDev(node string) (FSInfo, bool) {
	f, err := os.Open(node)
	if err != nil {
		return FSInfo{}, false
	}
	defer f.Close()
	return ProbeFS(f)
}

func readGPT(disk string) map[int][2]string {
	ss := 512
	if b, err := os.ReadFile(filepath.Join("/sys/block", disk, "queue/logical_block_size")); err == nil {
		if n, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
			ss = n
		}
	}
	f, err := os.Open("/dev/" + disk)
	if err != nil {
		return nil
	}
	defer f.Close()
	parts, _ := GPTPartitions(f, ss)
	return parts
}

// waitRoot polls for the root device until it appears or cfg.Wait passes.
func (e *early) waitRoot(ctx context.Context) (string, FSInfo, error) {
	deadline := time.Now().Add(e.cfg.Wait)
	delay := 5 * time.Millisecond
	said := false
	for {
		if dev, info, ok := findRoot(e.cfg.Root); ok {
			return dev, info, nil
		}
		if time.Now().After(deadline) {
			return "", FSInfo{}, fmt.Errorf("root %s not found after %v (is the disk driver in the initramfs? rootwait=SECONDS waits longer)", e.cfg.Root, e.cfg.Wait)
		}
		if !said && time.Until(deadline) < e.cfg.Wait-3*time.Second {
			e.logf("waiting up to %v for root %s", e.cfg.Wait, e.cfg.Root)
			said = true
		}
		select {
		case <-ctx.Done():
			return "", FSInfo{}, ctx.Err()
		case <-time.After(delay):
		}
		if delay < 100*time.Millisecond {
			delay *= 2
		}
	}
}

// mountRoot mounts dev on NewRoot, read-only or read-write as the command line says, with
// rootfstype= (else the probed type) and rootflags=. No fsck: ext4's journal replays on
// mount; the real init may check later.
func mountRoot(dev string, info FSInfo, cfg EarlyConfig) (string, error) {
	if err := os.MkdirAll(NewRoot, 0o755); err != nil {
		return "", err
	}
	types := cfg.FSTypes
	if len(types) == 0 && info.Type != "" {
		types = []string{info.Type}
	}
	if len(types) == 0 {
		types = []string{"ext4", "xfs"}
	}
	flags, data := MountArgs(cfg.Options)
	if cfg.ReadOnly {
		flags |= unix.MS_RDONLY
	} else {
		flags &^= unix.MS_RDONLY
	}
	var errs []string
	for _, t := range types {
		err := unix.Mount(dev, NewRoot, t, flags, data)
		if err == nil {
			return t, nil
		}
		if errors.Is(err, unix.ENODEV) {
			err = fmt.Errorf("%w (file system %s not in the kernel or the initramfs)", err, t)
		}
		errs = append(errs, fmt.Sprintf("as %s: %v", t, err))
	}
	return "", fmt.Errorf("mounting root %s: %s", dev, strings.Join(errs, "; "))
}

// findInit returns the init to run inside root: want (init=), else the kernel's list.
func findInit(root, want string) (string, error) {
	cands := []string{"/sbin/init", "/etc/init", "/bin/init", "/usr/sbin/nimbus-init"}
	if want != "" {
		cands = []string{want}
	}
	for _, c := range cands {
		if executableIn(root, c) {
			return c, nil
		}
	}
	return "", fmt.Errorf("no init on the root (tried %s)", strings.Join(cands, ", "))
}

// executableIn reports whether p, resolved with root as "/" (symlinks included), is an
// executable regular file.
func executableIn(root, p string) bool {
	dir, err := unix.Open(root, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return false
	}
	defer unix.Close(dir)
	fd, err := unix.Openat2(dir, strings.TrimPrefix(p, "/"), &unix.OpenHow{Flags: unix.O_PATH | unix.O_CLOEXEC, Resolve: unix.RESOLVE_IN_ROOT})
	if err != nil {
		return false
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil {
		return false
	}
	return st.Mode&unix.S_IFMT == unix.S_IFREG && st.Mode&0o111 != 0
}

// switchRoot hands the machine to init on newroot: the API mounts move along, the
// initramfs's files are deleted (its memory is freed), newroot becomes "/" and init
// replaces this process, as PID 1.
//
// With inProcess (init is this very binary) it stops short of the exec and returns
// errContinue: the process, already chrooted in the new root with the same argv[0],
// environment and file descriptors the exec would have kept, goes on as the real init.
func switchRoot(newroot, init string, argv, env []string, inProcess bool) error {
	var api []string // decided before any moves: /proc/self/mountinfo moves along
	for _, m := range []string{"/dev", "/sys", "/run", "/proc"} {
		if mounted(m) {
			api = append(api, m)
		}
	}
	for _, m := range api {
		target := newroot + m
		if err := os.MkdirAll(target, 0o755); err != nil || unix.Mount(m, target, "", unix.MS_MOVE, "") != nil {
			_ = unix.Unmount(m, unix.MNT_DETACH)
		}
	}
	if err := unix.Chdir(newroot); err != nil {
		return fmt.Errorf("chdir %s: %w", newroot, err)
	}
	// Free the initramfs, only when "/" is really one (ramfs or tmpfs).
	var sfs unix.Statfs_t
	var st unix.Stat_t
	if unix.Statfs("/", &sfs) == nil && (sfs.Type == unix.RAMFS_MAGIC || sfs.Type == unix.TMPFS_MAGIC) && unix.Lstat("/", &st) == nil {
		deleteTree("/", st.Dev)
	}
	if err := unix.Mount(".", "/", "", unix.MS_MOVE, ""); err != nil {
		return fmt.Errorf("moving %s to /: %w", newroot, err)
	}
	if err := unix.Chroot("."); err != nil {
		return fmt.Errorf("chroot: %w", err)
	}
	if err := unix.Chdir("/"); err != nil {
		return fmt.Errorf("chdir /: %w", err)
	}
	if inProcess {
		os.Args = argv
		return errContinue
	}
	return fmt.Errorf("exec %s: %w", init, unix.Exec(init, argv, env))
}

// deleteTree removes what is below dir on device dev (not crossing into mounts).
func deleteTree(dir string, dev uint64) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, en := range ents {
		p := filepath.Join(dir, en.Name())
		var st unix.Stat_t
		if unix.Lstat(p, &st) != nil || st.Dev != dev {
			continue
		}
		if st.Mode&unix.S_IFMT == unix.S_IFDIR {
			deleteTree(p, dev)
			_ = unix.Rmdir(p)
		} else {
			_ = unix.Unlink(p)
		}
	}
}

// listDevices prints the block devices and their file systems: what root= could name.
func (e *early) listDevices() {
	devs := blockDevs()
	if len(devs) == 0 {
		e.logf("no block devices at all (no disk driver loaded?)")
		return
	}
	var lines []string
	for _, d := range devs {
		s := d.name
		if info, ok := probeDev("/dev/" + d.name); ok {
			s += fmt.Sprintf(" %s UUID=%s", info.Type, info.UUID)
			if info.Label != "" {
				s += " LABEL=" + info.Label
			}
		}
		if d.part > 0 {
			if p, ok := readGPT(d.disk)[d.part]; ok {
				s += " PARTUUID=" + p[0]
			}
		}
		lines = append(lines, s)
	}
	e.logf("block devices: %s", strings.Join(lines, "; "))
}

// rescue runs /bin/sh on the console when the initramfs has one; it reports whether a
// shell ran.
func (e *early) rescue() bool {
	if _, err := os.Stat("/bin/sh"); err != nil {
		return false
	}
	con, err := os.OpenFile("/dev/console", os.O_RDWR, 0)
	if err != nil {
		return false
	}
	defer con.Close()
	e.logf("starting a rescue shell; mount the root on %s and exit the shell to try again", NewRoot)
	cmd := exec.Command("/bin/sh")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = con, con, con
	cmd.Env = append(os.Environ(), "PATH=/bin:/sbin:/usr/bin:/usr/sbin", "PS1=(initramfs) # ")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	_ = cmd.Run()
	return true
}
