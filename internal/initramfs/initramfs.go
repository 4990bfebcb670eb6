// Package initramfs builds the archives Linux unpacks as its first root: an in-memory
// tree written as a deterministic newc cpio (with internal/rpm/cpio's writer), the base
// every Nimbus initramfs has, and the paths by which the image build and nimbus-init's
// early init agree on what an initramfs holds. It is pure: the tree is bytes in memory.
package initramfs

import (
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/iocount"
	"github.com/nimbus-linux/nimbus/internal/kmod"
	"github.com/nimbus-linux/nimbus/internal/rpm/cpio"
)

// InitrdRelease marks an initramfs: nimbus-init running as PID 1 with this file present
// is the early init (systemd's convention for the same question).
const InitrdRelease = "/etc/initrd-release"

// EarlyModulesList is where the image build lists the modules the early init loads, in
// load order, one name per line (next to the initramfs's modules.dep).
const EarlyModulesList = "/etc/nimbus/early-modules"

// NewRoot is where the early init mounts the root before switching to it.
const NewRoot = "/newroot"

// Archive is an in-memory tree written as a newc cpio archive. Ownership is root,
// times are zero and entries are sorted, so the same tree gives the same bytes.
type Archive struct {
	entries map[string]*entry
}

type entry struct {
	mode             uint32 // type bits | permissions
	data             []byte
	rdevMaj, rdevMin uint32
}

func (a *Archive) add(p string, e *entry) {
	if a.entries == nil {
		a.entries = map[string]*entry{}
	}
	p = strings.TrimPrefix(path.Clean("/"+p), "/")
	if p == "" {
		return
	}
	for d := path.Dir(p); d != "." && d != "/"; d = path.Dir(d) {
		if _, ok := a.entries[d]; !ok {
			a.entries[d] = &entry{mode: cpio.TypeDir | 0o755}
		}
	}
	a.entries[p] = e
}

// File adds a regular file.
func (a *Archive) File(p string, perm uint32, data []byte) {
	a.add(p, &entry{mode: cpio.TypeReg | perm&0o7777, data: data})
}

// Dir adds a directory.
func (a *Archive) Dir(p string, perm uint32) { a.add(p, &entry{mode: cpio.TypeDir | perm&0o7777}) }

// Symlink adds a symbolic link p -> target.
func (a *Archive) Symlink(p, target string) {
	a.add(p, &entry{mode: cpio.TypeLink | 0o777, data: []byte(target)})
}

// CharDev adds a character device node (e.g. /dev/console 5:1).
func (a *Archive) CharDev(p string, perm, major, minor uint32) {
	a.add(p, &entry{mode: cpio.TypeChar | perm&0o7777, rdevMaj: major, rdevMin: minor})
}

// WriteTo writes the archive in the "newc" format the kernel unpacks (see
// internal/rpm/cpio): entries sorted by name, numbered from inode 1, and the trailer.
func (a *Archive) WriteTo(w io.Writer) (int64, error) {
	names := make([]string, 0, len(a.entries))
	for n := range a.entries {
		names = append(names, n)
	}
	sort.Strings(names)
	cw := &iocount.Writer{W: w}
	cw2 := cpio.NewWriter(cw)
	for i, n := range names {
		e := a.entries[n]
		nlink := uint32(1)
		if e.mode&cpio.TypeMask == cpio.TypeDir {
			nlink = 2
		}
		h := &cpio.Header{Name: n, Ino: uint32(i + 1), Mode: e.mode, Nlink: nlink, Size: int64(len(e.data)),
			RdevMajor: e.rdevMaj, RdevMinor: e.rdevMin}
		if err := cw2.WriteHeader(h); err != nil {
			return cw.N, err
		}
		if _, err := cw2.Write(e.data); err != nil {
			return cw.N, err
		}
	}
	err := cw2.Close() // the trailer counts too
	return cw.N, err
}

// AddBase adds what every Nimbus initramfs needs: /dev/console and /dev/null (the kernel
// opens the console for init before devtmpfs is mounted), and the top-level directories.
func AddBase(a *Archive) {
	a.CharDev("dev/console", 0o600, 5, 1)
	a.CharDev("dev/null", 0o666, 1, 3)
	for _, d := range []string{"proc", "sys", "run", "tmp", "var/log", "var/lib", "root", "home", "etc", "usr/bin", "usr/sbin", "sbin"} {
		a.Dir(d, 0o755)
	}
	a.Dir("tmp", 0o1777)
	a.Dir("root", 0o700)
}

// AddModules adds module files (from kmod.Closure) under lib/modules/VERSION with the
// index kmod.Generate writes for them (modules.dep, modules.alias, modules.softdep).
func AddModules(a *Archive, version string, files []kmod.File) error {
	idx, err := kmod.Generate(kmod.Modules(files), nil)
	if err != nil {
		return fmt.Errorf("modules of %s: %w", version, err)
	}
	dir := path.Join("lib/modules", version)
	for _, f := range files {
		a.File(path.Join(dir, f.Path), 0o644, f.Data)
	}
	for _, n := range idx.Names() {
		a.File(path.Join(dir, n), 0o644, idx[n])
	}
	return nil
}
