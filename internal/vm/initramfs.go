// Package vm runs virtual machines with QEMU for tests and local runs (`nimbus run`):
// a small runner that starts qemu with user-mode networking that is always restricted,
// captures the serial console, waits for marker lines with a timeout and stops the VM by
// pid; and an initramfs (newc cpio) writer to boot Go programs directly.
package vm

import (
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
)

// Initramfs is an in-memory tree written as a newc cpio archive. Ownership is root,
// times are zero and entries are sorted, so the same tree gives the same bytes.
type Initramfs struct {
	entries map[string]*entry
}

type entry struct {
	mode     uint32 // type bits | permissions
	data     []byte
	rdevMaj  uint32
	rdevMin  uint32
	uid, gid uint32
}

// File-type bits of the cpio mode field.
const (
	modeDir     = 0o040000
	modeReg     = 0o100000
	modeSymlink = 0o120000
	modeChar    = 0o020000
)

func (r *Initramfs) add(p string, e *entry) {
	if r.entries == nil {
		r.entries = map[string]*entry{}
	}
	p = strings.TrimPrefix(path.Clean("/"+p), "/")
	if p == "" {
		return
	}
	for d := path.Dir(p); d != "." && d != "/"; d = path.Dir(d) {
		if _, ok := r.entries[d]; !ok {
			r.entries[d] = &entry{mode: modeDir | 0o755}
		}
	}
	r.entries[p] = e
}

// File adds a regular file.
func (r *Initramfs) File(p string, perm uint32, data []byte) {
	r.add(p, &entry{mode: modeReg | perm&0o7777, data: data})
}

// Dir adds a directory.
func (r *Initramfs) Dir(p string, perm uint32) { r.add(p, &entry{mode: modeDir | perm&0o7777}) }

// Symlink adds a symbolic link p -> target.
func (r *Initramfs) Symlink(p, target string) {
	r.add(p, &entry{mode: modeSymlink | 0o777, data: []byte(target)})
}

// CharDev adds a character device node (e.g. /dev/console 5:1).
func (r *Initramfs) CharDev(p string, perm, major, minor uint32) {
	r.add(p, &entry{mode: modeChar | perm&0o7777, rdevMaj: major, rdevMin: minor})
}

// WriteTo writes the archive in the "newc" format the kernel unpacks: a 110-byte ASCII
// header per entry, the NUL-terminated name padded to 4 bytes, the data padded to 4
// bytes, and a final "TRAILER!!!" entry.
func (r *Initramfs) WriteTo(w io.Writer) (int64, error) {
	names := make([]string, 0, len(r.entries))
	for n := range r.entries {
		names = append(names, n)
	}
	sort.Strings(names)
	cw := &countWriter{w: w}
	ino := uint32(1)
	for _, n := range names {
		e := r.entries[n]
		if err := writeEntry(cw, n, e, ino); err != nil {
			return cw.n, err
		}
		ino++
	}
	if err := writeEntry(cw, "TRAILER!!!", &entry{}, 0); err != nil {
		return cw.n, err
	}
	return cw.n, nil
}

func writeEntry(w *countWriter, name string, e *entry, ino uint32) error {
	nlink := uint32(1)
	if e.mode&0o170000 == modeDir {
		nlink = 2
	}
	hdr := fmt.Sprintf("070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		ino, e.mode, e.uid, e.gid, nlink, 0, len(e.data), 0, 0, e.rdevMaj, e.rdevMin, len(name)+1, 0)
	if _, err := io.WriteString(w, hdr+name+"\x00"); err != nil {
		return err
	}
	if err := w.pad(); err != nil {
		return err
	}
	if _, err := w.Write(e.data); err != nil {
		return err
	}
	return w.pad()
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	k, err := c.w.Write(p)
	c.n += int64(k)
	return k, err
}

func (c *countWriter) pad() error {
	if r := c.n % 4; r != 0 {
		_, err := c.Write(make([]byte, 4-r))
		return err
	}
	return nil
}
