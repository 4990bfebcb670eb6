package unpack

import (
	"encoding/binary"
	"fmt"
	"strings"

	"golang.org/x/sys/unix"
)

// capNames are the Linux capabilities by number (linux/capability.h), as libcap names them.
var capNames = []string{
	"chown", "dac_override", "dac_read_search", "fowner", "fsetid", "kill", "setgid", "setuid",
	"setpcap", "linux_immutable", "net_bind_service", "net_broadcast", "net_admin", "net_raw",
	"ipc_lock", "ipc_owner", "sys_module", "sys_rawio", "sys_chroot", "sys_ptrace", "sys_pacct",
	"sys_admin", "sys_boot", "sys_nice", "sys_resource", "sys_time", "sys_tty_config", "mknod",
	"lease", "audit_write", "audit_control", "setfcap", "mac_override", "mac_admin", "syslog",
	"wake_alarm", "block_suspend", "audit_read", "perfmon", "bpf", "checkpoint_restore",
}

// FileCaps are a file's capability sets.
type FileCaps struct {
	Permitted, Inheritable uint64
	Effective              bool // the file-capability "effective" bit
}

// ParseCaps parses capabilities in libcap's text form, as rpm stores them in FILECAPS
// ("cap_net_raw=ep", "cap_setuid,cap_setgid+ep", "= cap_net_admin+ei", "all=p"). Written by
// hand: no maintained Go library parses libcap's text form, and it is a small grammar.
func ParseCaps(text string) (FileCaps, error) {
	var fc FileCaps
	var eff uint64
	bad := func(msg string) (FileCaps, error) {
		return FileCaps{}, fmt.Errorf("capabilities %q: %s", text, msg)
	}
	for _, clause := range strings.Fields(text) {
		i := strings.IndexAny(clause, "=+-")
		if i < 0 {
			return bad("clause " + clause + " has no =, + or -")
		}
		var set uint64
		names := clause[:i]
		switch names {
		case "", "all":
			set = 1<<len(capNames) - 1
		default:
			for _, n := range strings.Split(names, ",") {
				bit := -1
				for b, cn := range capNames {
					if strings.EqualFold(n, "cap_"+cn) {
						bit = b
					}
				}
				if bit < 0 {
					return bad("unknown capability " + n)
				}
				set |= 1 << bit
			}
		}
		rest := clause[i:]
		for rest != "" {
			op := rest[0]
			j := 1
			for j < len(rest) && strings.IndexByte("eip", rest[j]) >= 0 {
				j++
			}
			flags := rest[1:j]
			rest = rest[j:]
			if op != '=' && op != '+' && op != '-' {
				return bad("unexpected " + string(op))
			}
			if op == '=' {
				fc.Permitted &^= set
				fc.Inheritable &^= set
				eff &^= set
			}
			apply := func(dst *uint64) {
				if op == '-' {
					*dst &^= set
				} else {
					*dst |= set
				}
			}
			for _, f := range flags {
				switch f {
				case 'p':
					apply(&fc.Permitted)
				case 'i':
					apply(&fc.Inheritable)
				case 'e':
					apply(&eff)
				}
			}
		}
	}
	fc.Effective = eff != 0
	return fc, nil
}

// xattr encodes the capabilities as the kernel's vfs_cap_data, revision 2.
func (fc FileCaps) xattr() []byte {
	b := make([]byte, 20)
	magic := uint32(0x02000000)
	if fc.Effective {
		magic |= 1
	}
	binary.LittleEndian.PutUint32(b[0:], magic)
	binary.LittleEndian.PutUint32(b[4:], uint32(fc.Permitted))
	binary.LittleEndian.PutUint32(b[8:], uint32(fc.Inheritable))
	binary.LittleEndian.PutUint32(b[12:], uint32(fc.Permitted>>32))
	binary.LittleEndian.PutUint32(b[16:], uint32(fc.Inheritable>>32))
	return b
}

// setCaps sets a regular file's capabilities through a descriptor opened inside the root.
func setCaps(fd int, text string) error {
	fc, err := ParseCaps(text)
	if err != nil {
		return err
	}
	if err := unix.Fsetxattr(fd, "security.capability", fc.xattr(), 0); err != nil {
		return fmt.Errorf("setting capabilities %q: %w", text, err)
	}
	return nil
}
