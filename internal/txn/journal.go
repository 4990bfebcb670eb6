package txn

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
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
	Steps         []step `json:"steps"`
	path          string
}

type step struct {
	Op      string `json:"op"` // "install" or "erase"
	NEVRA   string `json:"nevra"`
	File    string `json:"file,omitempty"`    // install: the package file
	SHA256  string `json:"sha256,omitempty"`  // install: of the package file, checked on resume
	SHA1Hdr string `json:"sha1hdr,omitempty"` // the header's SHA1HEADER: finds the package in the database
	Upgrade bool   `json:"upgrade,omitempty"` // erase of a version replaced in this transaction
	Arg     int    `json:"arg"`               // scriptlet argument
	Of      int    `json:"of,omitempty"`      // upgrade erase: 1 + index of the install step it belongs to
	Failed  string `json:"failed,omitempty"`  // why the step was skipped (a failing %pre or %preun)
	Phase   string `json:"phase"`
}

func journalFile(root string) string { return filepath.Join(root, JournalPath) }

func (j *journal) save() error {
	if err := os.MkdirAll(filepath.Dir(j.path), 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(j, "", " ")
	if err != nil {
		return err
	}
	return fsutil.WriteFileAtomic(j.path, 0o644, func(f *os.File) error {
		_, err := f.Write(b)
		return err
	})
}

// setPhase records that step i completed phase p.
func (j *journal) setPhase(i int, p string) error {
	j.Steps[i].Phase = p
	return j.save()
}

func (j *journal) remove() error {
	err := os.Remove(j.path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// loadJournal reads the journal of an interrupted transaction; nil when there is none.
func loadJournal(root string) (*journal, error) {
	p := journalFile(root)
	b, err := os.ReadFile(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var j journal
	if err := json.Unmarshal(b, &j); err != nil {
		return nil, fmt.Errorf("transaction journal %s is unreadable: %w", p, err)
	}
	if j.Version != 1 {
		return nil, fmt.Errorf("transaction journal %s has version %d, want 1", p, j.Version)
	}
	j.path = p
	return &j, nil
}

// phaseAfter reports whether phase have is at or past want.
func phaseAfter(have, want string) bool {
	order := map[string]int{phasePending: 0, phaseScript1: 1, phaseFiles: 2, phaseDB: 3, phaseDone: 4}
	return order[have] >= order[want]
}
