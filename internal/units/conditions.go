//go:build linux

package units

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// conditions evaluates Condition*/Assert* against the root: all non-triggering conditions
// must hold and, if there are triggering ("|") ones, at least one of them.
func (m *Manager) conditions(u *Unit) (bool, error) {
	anyTrig, trigOK := false, false
	for _, c := range u.Conditions {
		ok := m.check(c) != c.Negate
		if c.Assert && !ok {
			return false, fmt.Errorf("assertion Assert%s=%s failed", c.Kind, c.Arg)
		}
		if c.Trig {
			anyTrig = true
			trigOK = trigOK || ok
			continue
		}
		if !ok {
			return false, nil
		}
	}
	return !anyTrig || trigOK, nil
}

func (m *Manager) check(c Condition) bool {
	p := filepath.Join(m.opt.Root, c.Arg)
	switch c.Kind {
	case "PathExists":
		_, err := os.Lstat(p)
		return err == nil
	case "PathExistsGlob":
		g, _ := filepath.Glob(p)
		return len(g) > 0
	case "PathIsDirectory":
		st, err := os.Stat(p)
		return err == nil && st.IsDir()
	case "PathIsSymbolicLink":
		st, err := os.Lstat(p)
		return err == nil && st.Mode()&os.ModeSymlink != 0
	case "PathIsReadWrite":
		return syscall.Access(p, 2) == nil
	case "DirectoryNotEmpty":
		ents, err := os.ReadDir(p)
		return err == nil && len(ents) > 0
	case "FileNotEmpty":
		st, err := os.Stat(p)
		return err == nil && st.Mode().IsRegular() && st.Size() > 0
	case "FileIsExecutable":
		st, err := os.Stat(p)
		return err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0
	case "PathIsMountPoint":
		a, err1 := os.Stat(p)
		b, err2 := os.Stat(filepath.Dir(p))
		if err1 != nil || err2 != nil {
			return false
		}
		sa, sb := a.Sys().(*syscall.Stat_t), b.Sys().(*syscall.Stat_t)
		return sa.Dev != sb.Dev || sa.Ino == sb.Ino
	case "KernelCommandLine":
		b, _ := os.ReadFile(filepath.Join(m.opt.Root, "proc/cmdline"))
		for _, w := range strings.Fields(string(b)) {
			if w == c.Arg || strings.HasPrefix(w, c.Arg+"=") {
				return true
			}
		}
		return false
	case "Virtualization":
		return c.Arg == "vm" || c.Arg == "yes" || c.Arg == "kvm" || c.Arg == "qemu"
	case "FirstBoot", "NeedsUpdate":
		return c.Arg == "no" || c.Arg == "false"
	}
	return true
}
