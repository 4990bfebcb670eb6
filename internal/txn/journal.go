package txn

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// JournalPath is where a running transaction keeps its journal, inside the install root.
const JournalPath = "var/lib/nimbus/transaction.json"

// The journal makes a transaction crash-safe by rolling forward: before anything changes,
// the whole plan is written (every step with the package file it needs and how to find an
// installed package again); each step records the phase it has completed, synced to disk,
// after the work of that phase. Every phase is idempotent — files are written to temporary
// names and renamed, database changes are single sqlite transactions checked against the
// database before they are repeated — so after a kill -9 at any point the next run redoes the
// interrupted phase and continues. A scriptlet interrupted mid-way runs again.

// Phases of a step, in order.
const (
	phasePending = ""
	phaseScript1 = "pre"   // %pre or %preun ran
	phaseFiles   = "files" // files written or removed
	phaseDB      = "db"    // database updated
	phaseDone    = "done"  // %post or %postun ran
)

type journal struct {
	Version       int    `json:"version"`
	TID           uint32 `json:"tid"`
	PretransDone  bool   `json:"pretrans_done"`
	PosttransDone bool   `json:"posttrans_done"`
	// TransTriggersDone: the %transfiletrigger* scriptlets ran (after %posttrans).
	TransTriggersDone bool     `json:"transtriggers_done,omitempty"`
	NoDocs            bool     `json:"nodocs,omitempty"` // %doc files are not installed (Options.ExcludeDocs)
	Steps             []step   `json:"steps"`
	rt                *os.Root // the install root: the journal's files are opened inside it
	path              string   // JournalPath, inside rt
	log               *os.File // the marker log, appended to
	held              bool     // a database batch is open: db and done markers wait (hold)
	queue             []marker // markers waiting for the batch to commit
}

type step struct {
	Op      string `json:"op"` // "install" or "erase"
	NEVRA   string `json:"nevra"`
	File    string `json:"file,omitempty"`    // install: the package file
	SHA256  string `json:"sha256,omitempty"`  // install: of the package file, checked on resume
	SHA1Hdr string `json:"sha1hdr,omitempty"` // the header's SHA1HEADER: finds the package in the database
	// Num is an erase step's rpmdb number (numbers are never reused): a reinstall erases the
	// old row of a package whose new row has the same SHA1HEADER.
	Num int64 `json:"num,omitempty"`
	// Replaces are an install step's rpmdb numbers of the packages it replaces: a row with
	// its SHA1HEADER and another number means the step's database phase already ran.
	Replaces []int64 `json:"replaces,omitempty"`
	Upgrade  bool    `json:"upgrade,omitempty"` // erase of a version replaced in this transaction
	Arg      int     `json:"arg"`               // scriptlet argument
	Of       int     `json:"of,omitempty"`      // upgrade erase: 1 + index of the install step it belongs to
	Failed   string  `json:"failed,omitempty"`  // why the step was skipped (a failing %pre or %preun)
	Phase    string  `json:"phase"`
}

// save writes the plan durably (synced): it must be on disk before anything changes. It
// starts a new marker log. Like every file of the transaction, it is written inside the
// root (a var/lib/nimbus symlink cannot lead it out).
func (j *journal) save() error {
	if err := j.rt.MkdirAll(path.Dir(j.path), 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(j, "", " ")
	if err != nil {
		return err
	}
	if err := j.rt.Remove(j.path + ".log"); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	tmp := j.path + ".tmp"
	f, err := j.rt.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = j.rt.Rename(tmp, j.path)
	}
	if err != nil {
		j.rt.Remove(tmp)
	}
	return err
}

// marker is one line of the marker log that follows the plan: a step's completed phase
// (with why it was skipped, if it was), or a transaction-wide flag.
type marker struct {
	Step   int    `json:"s"`
	Phase  string `json:"p,omitempty"`
	Failed string `json:"f,omitempty"`
	Flag   string `json:"t,omitempty"` // "pretrans" or "posttrans"
}

// mark appends a marker. Appends are not synced: markers only save work — every phase is
// idempotent — so losing the last few to a power failure costs a redo, never consistency,
// and a killed process loses nothing. One write per marker keeps a 50-package transaction
// from spending its time rewriting the journal.
func (j *journal) mark(m marker) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return j.append(append(b, '\n'))
}

// append writes whole marker lines to the log with one write.
func (j *journal) append(b []byte) error {
	if j.log == nil {
		f, err := j.rt.OpenFile(j.path+".log", os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
		if err != nil {
			return err
		}
		j.log = f
	}
	_, err := j.log.Write(b)
	return err
}

// setPhase records that step i completed phase p. While a database batch is open, a marker
// that claims the database change (db, done) waits in memory until the batch commits: a
// marker may never get ahead of the database, or recovery would skip a change that was
// rolled back. Other markers (pre, files) are written at once; a crash before the batch
// commits then redoes only the database phase of the batched steps.
func (j *journal) setPhase(i int, p string) error {
	j.Steps[i].Phase = p
	m := marker{Step: i, Phase: p, Failed: j.Steps[i].Failed}
	if j.held && phaseAfter(p, phaseDB) {
		j.queue = append(j.queue, m)
		return nil
	}
	return j.mark(m)
}

// hold starts holding back database markers (a batch was opened).
func (j *journal) hold() { j.held = true }

// release stops holding markers back and, when the batch committed (write), appends the
// waiting ones in one write; when it was rolled back they are dropped.
func (j *journal) release(write bool) error {
	q := j.queue
	j.held, j.queue = false, nil
	if !write || len(q) == 0 {
		return nil
	}
	var buf []byte
	for _, m := range q {
		b, err := json.Marshal(m)
		if err != nil {
			return err
		}
		buf = append(append(buf, b...), '\n')
	}
	return j.append(buf)
}

// setFlag records that the transaction's pretrans or posttrans scriptlets ran.
func (j *journal) setFlag(flag string) error {
	switch flag {
	case "pretrans":
		j.PretransDone = true
	case "posttrans":
		j.PosttransDone = true
	case "transtriggers":
		j.TransTriggersDone = true
	}
	return j.mark(marker{Flag: flag})
}

func (j *journal) remove() error {
	if j.log != nil {
		j.log.Close()
		j.log = nil
	}
	for _, p := range []string{j.path, j.path + ".log"} {
		if err := j.rt.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// loadJournal reads the journal of an interrupted transaction; nil when there is none.
func loadJournal(rt *os.Root) (*journal, error) {
	p := JournalPath
	b, err := rt.ReadFile(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var j journal
	if err := json.Unmarshal(b, &j); err != nil {
		return nil, fmt.Errorf("transaction journal %s is unreadable: %w", filepath.Join(rt.Name(), p), err)
	}
	if j.Version != 1 {
		return nil, fmt.Errorf("transaction journal %s has version %d, want 1", filepath.Join(rt.Name(), p), j.Version)
	}
	j.rt, j.path = rt, p
	if log, err := rt.ReadFile(p + ".log"); err == nil {
		for _, line := range strings.Split(string(log), "\n") {
			var m marker
			if line == "" || json.Unmarshal([]byte(line), &m) != nil {
				continue // a torn last line: that marker was not written
			}
			switch {
			case m.Flag == "pretrans":
				j.PretransDone = true
			case m.Flag == "posttrans":
				j.PosttransDone = true
			case m.Flag == "transtriggers":
				j.TransTriggersDone = true
			case m.Step >= 0 && m.Step < len(j.Steps):
				j.Steps[m.Step].Phase, j.Steps[m.Step].Failed = m.Phase, m.Failed
			}
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	return &j, nil
}

// phaseAfter reports whether phase have is at or past want.
func phaseAfter(have, want string) bool {
	order := map[string]int{phasePending: 0, phaseScript1: 1, phaseFiles: 2, phaseDB: 3, phaseDone: 4}
	return order[have] >= order[want]
}

// Pending reports whether the root has the journal of an interrupted transaction, which the
// next writer (Run or Recover) finishes first. It takes no lock: a reader uses it to warn.
func Pending(root string) bool {
	rt, err := os.OpenRoot(root)
	if err != nil {
		return false
	}
	defer rt.Close()
	_, err = rt.Lstat(JournalPath)
	return err == nil
}
