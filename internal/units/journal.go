package units

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Journal is the persistent log of services and of the supervisor: one text file
// (JournalFile in Dir) of lines "RFC3339 UNIT[PID]: message", rotated when it grows past
// MaxSize into FILE.1 ... FILE.Keep.
type Journal struct {
	Dir     string
	MaxSize int64     // default 4 MiB
	Keep    int       // rotated files kept; default 3
	Console io.Writer // when set, every line is echoed here as well
	Now     func() time.Time

	mu   sync.Mutex
	f    *os.File
	size int64
}

// JournalFile is the journal's current file name.
const JournalFile = "nimbus.journal"

func (j *Journal) now() time.Time {
	if j.Now != nil {
		return j.Now()
	}
	return time.Now()
}

// Log appends one line for unit (pid 0 leaves the pid out).
func (j *Journal) Log(unit string, pid int, format string, args ...any) {
	j.write(unit, pid, fmt.Sprintf(format, args...))
}

// LogQuiet is Log without the echo to Console (for callers that print the line themselves).
func (j *Journal) LogQuiet(unit string, pid int, format string, args ...any) {
	j.writeEcho(unit, pid, fmt.Sprintf(format, args...), false)
}

func (j *Journal) write(unit string, pid int, msg string) { j.writeEcho(unit, pid, msg, true) }

func (j *Journal) writeEcho(unit string, pid int, msg string, echo bool) {
	if j == nil {
		return
	}
	who := unit
	if pid > 0 {
		who = fmt.Sprintf("%s[%d]", unit, pid)
	}
	line := fmt.Sprintf("%s %s: %s\n", j.now().UTC().Format("2006-01-02T15:04:05.000Z"), who, strings.TrimRight(msg, "\n"))
	j.mu.Lock()
	defer j.mu.Unlock()
	if echo && j.Console != nil {
		_, _ = io.WriteString(j.Console, who+": "+strings.TrimRight(msg, "\n")+"\n")
	}
	if j.Dir == "" {
		return
	}
	if j.f == nil {
		if err := j.openLocked(); err != nil {
			return
		}
	}
	max := j.MaxSize
	if max <= 0 {
		max = 4 << 20
	}
	if j.size+int64(len(line)) > max {
		j.rotateLocked()
		if j.f == nil {
			return
		}
	}
	n, _ := j.f.WriteString(line)
	j.size += int64(n)
}

func (j *Journal) openLocked() error {
	if err := os.MkdirAll(j.Dir, 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(j.Dir, JournalFile), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o640)
	if err != nil {
		return err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	j.f, j.size = f, st.Size()
	return nil
}

func (j *Journal) rotateLocked() {
	keep := j.Keep
	if keep <= 0 {
		keep = 3
	}
	j.f.Close()
	j.f = nil
	base := filepath.Join(j.Dir, JournalFile)
	_ = os.Remove(fmt.Sprintf("%s.%d", base, keep))
	for i := keep - 1; i >= 1; i-- {
		_ = os.Rename(fmt.Sprintf("%s.%d", base, i), fmt.Sprintf("%s.%d", base, i+1))
	}
	_ = os.Rename(base, base+".1")
	_ = j.openLocked()
}

// Close closes the current file.
func (j *Journal) Close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f == nil {
		return nil
	}
	err := j.f.Close()
	j.f = nil
	return err
}

// Pipe returns the write end of a pipe whose lines are logged for unit with pid(); the
// caller hands it to a process and closes its copy. The reader stops at EOF.
func (j *Journal) Pipe(unit string, pid func() int) (*os.File, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	go func() {
		defer r.Close()
		// Lines longer than the buffer are logged in pieces: a service must never block
		// on a full pipe because the journal stopped reading.
		br := bufio.NewReaderSize(r, 16<<10)
		for {
			line, err := br.ReadSlice('\n')
			if len(line) > 0 {
				j.write(unit, pid(), strings.TrimRight(string(line), "\r\n"))
			}
			if err != nil && err != bufio.ErrBufferFull {
				return
			}
		}
	}()
	return w, nil
}

// LineUnit returns the unit a journal line belongs to ("" if the line is malformed).
func LineUnit(line string) string {
	_, rest, ok := strings.Cut(line, " ")
	if !ok {
		return ""
	}
	who, _, ok := strings.Cut(rest, ": ")
	if !ok {
		return ""
	}
	if i := strings.IndexByte(who, '['); i >= 0 {
		who = who[:i]
	}
	return who
}

// ReadJournal returns the journal's lines, oldest first (rotated files included), for
// unit ("" for all), at most the last n (0 for all).
func ReadJournal(dir, unit string, n int) ([]string, error) {
	var out []string
	base := filepath.Join(dir, JournalFile)
	var files []string
	for i := 9; i >= 1; i-- {
		files = append(files, fmt.Sprintf("%s.%d", base, i))
	}
	files = append(files, base)
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		for _, l := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
			if lu := LineUnit(l); l != "" && (unit == "" || lu == unit || !strings.Contains(unit, ".") && lu == unit+".service") {
				out = append(out, l)
			}
		}
	}
	if n > 0 && len(out) > n {
		out = out[len(out)-n:]
	}
	return out, nil
}
