//go:build linux

package units

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// DefaultSyslogSocket is where syslog(3) sends its messages.
const DefaultSyslogSocket = "/dev/log"

// ListenSyslog serves syslog(3)'s datagram socket at path (DefaultSyslogSocket), as
// journald's /dev/log does: every message becomes a journal line. A message from a process
// of a unit (its cgroup under CgroupRoot, else the unit's main process or process group)
// is written as that unit's line, "UNIT[PID]: IDENT: text", so `logs -u ssh` shows sshd's
// "Accepted publickey" lines; any other sender's as "IDENT[PID]: text". Senders are
// identified by their credentials (SO_PASSCRED), the identifier and text by ParseSyslog.
// It returns the function closing the socket.
func (m *Manager) ListenSyslog(path string) (func() error, error) {
	// Longer datagrams are cut at 16 KiB.
	return m.listenCredentials(path, 0o666, 16<<10, "syslog listener", m.syslog)
}

func (m *Manager) syslog(credPID int, b []byte) {
	ident, pid, text := ParseSyslog(b)
	if text == "" {
		return
	}
	if pid == 0 {
		pid = credPID
	}
	if ident == "" {
		ident = "syslog"
	}
	if unit := m.unitOfPID(credPID); unit != "" {
		m.opt.Journal.Log(unit, pid, "%s: %s", ident, text)
		return
	}
	m.opt.Journal.Log(ident, pid, "%s", text)
}

// unitOfPID names the unit a process runs in: its cgroup under CgroupRoot, else the unit
// whose main process or process group it is; "" when none.
func (m *Manager) unitOfPID(pid int) string {
	if pid <= 0 {
		return ""
	}
	if root := m.opt.CgroupRoot; root != "" {
		if data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cgroup"); err == nil {
			for _, l := range strings.Split(string(data), "\n") {
				if p, ok := strings.CutPrefix(l, "0::"); ok {
					// root is /sys/fs/cgroup/...; the process's path is relative to the mount.
					if rel, err := filepath.Rel("/sys/fs/cgroup", root); err == nil {
						if u, ok := strings.CutPrefix(p, "/"+rel+"/"); ok && u != "" && !strings.Contains(u, "/") {
							return u
						}
					}
				}
			}
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if r := m.processUnitLocked(pid); r != nil {
		return r.u.Name
	}
	return ""
}

// ParseSyslog reads one syslog(3) datagram: "<PRI>" then either RFC 3164's
// "Mmm dd hh:mm:ss IDENT[PID]: text" (glibc's; the time may be missing) or RFC 5424's
// "1 TIMESTAMP HOST APP PROCID MSGID SD text" (logger --rfc5424). It returns the
// identifier ("" when there is none), the pid the message names (0 when none) and the
// text with trailing newlines and NULs removed; control characters other than tab are
// replaced by spaces, so a message stays one journal line. Anything it cannot split is
// returned whole as the text.
func ParseSyslog(b []byte) (ident string, pid int, text string) {
	s := string(bytes.TrimRight(b, "\x00\n\r"))
	if strings.HasPrefix(s, "<") {
		if i := strings.IndexByte(s, '>'); i > 1 && i <= 4 {
			if _, err := strconv.Atoi(s[1:i]); err == nil {
				s = s[i+1:]
			}
		}
	}
	if rest, ok := strings.CutPrefix(s, "1 "); ok { // RFC 5424
		f := strings.SplitN(rest, " ", 6)
		if len(f) == 6 {
			ident, pid = nilValue(f[2]), atoiOr0(nilValue(f[3]))
			if !validIdent(ident) {
				ident = ""
			}
			text = f[5]
			if strings.HasPrefix(text, "[") { // structured data: skip its elements
				for strings.HasPrefix(text, "[") {
					end := sdEnd(text)
					if end < 0 {
						break
					}
					text = text[end:]
				}
				text = strings.TrimPrefix(text, " ")
			} else {
				text = strings.TrimPrefix(strings.TrimPrefix(text, "-"), " ")
			}
			text = strings.TrimPrefix(text, "\ufeff") // BOM
			return ident, pid, clean(text)
		}
	}
	// RFC 3164: an optional "Mmm dd hh:mm:ss " timestamp.
	if len(s) >= 16 && s[3] == ' ' && s[6] == ' ' && s[9] == ':' && s[12] == ':' && s[15] == ' ' {
		s = s[16:]
	}
	// IDENT[PID]: text, or IDENT: text; an identifier has no spaces.
	if i := strings.Index(s, ": "); i > 0 && validIdent(s[:i]) {
		tag := s[:i]
		text = s[i+2:]
		if j := strings.IndexByte(tag, '['); j > 0 && strings.HasSuffix(tag, "]") {
			pid = atoiOr0(tag[j+1 : len(tag)-1])
			tag = tag[:j]
		}
		return tag, pid, clean(text)
	}
	return "", 0, clean(s)
}

// validIdent: an identifier is printable and has no spaces (it becomes a journal line's
// name).
func validIdent(s string) bool {
	for _, r := range s {
		if r <= ' ' || r == 0x7f {
			return false
		}
	}
	return true
}

func nilValue(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

func atoiOr0(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// sdEnd returns the index just after the structured-data element at the start of s
// (RFC 5424: values are quoted, with \" \\ \] escapes), or -1.
func sdEnd(s string) int {
	inQuote := false
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && inQuote:
			i++
		case c == '"':
			inQuote = !inQuote
		case c == ']' && !inQuote:
			return i + 1
		}
	}
	return -1
}

func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' || r == 0x7f {
			return ' '
		}
		return r
	}, strings.TrimRight(s, "\n\r\x00"))
}
