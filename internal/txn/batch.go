package txn

import (
	"context"
	"fmt"
	"strconv"

	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/rpmdb"
)

// Database batches. The rpmdb changes of consecutive steps go into one sqlite transaction,
// committed before the next scriptlet runs (so a scriptlet's `rpm -q` sees every step before
// it and never waits for our write lock), after maxBatch steps, and at the end of the steps.
// A 50-package install without scriptlets is then one commit instead of 50 (each rewriting
// the same index pages). Crash safety: while a batch is open the journal holds back the
// markers that claim a database change (db, done) and writes them only after the commit
// (journal.setPhase), so after a kill the journal is never ahead of the database; it may be
// behind it (killed between the commit and the markers), which the database phases already
// handle: an install finds its header by SHA1HEADER, an erase finds its package gone.

// dbCtx is the context of the transaction's database statements: ctx's values without its
// cancellation. modernc.org/sqlite starts a goroutine per statement to watch a cancellable
// context (and database/sql one per transaction): two goroutine handoffs for each row a
// package adds, and every handoff waits for a CPU on a loaded machine. The statements are
// short; a cancelled transaction stops between steps (scriptlets still get ctx), and a
// killed one is recovered by the journal.
func dbCtx(ctx context.Context) context.Context { return context.WithoutCancel(ctx) }

// maxBatch bounds the steps one database batch collects.
const maxBatch = 256

// dbTxn returns the open database batch, opening one when there is none.
func (r *runner) dbTxn(ctx context.Context, j *journal) (*rpmdb.Txn, error) {
	if r.batch == nil {
		tx, err := r.db.Begin(dbCtx(ctx))
		if err != nil {
			return nil, err
		}
		r.batch = tx
		j.hold()
	}
	r.batchN++
	return r.batch, nil
}

// commit commits the open batch, then writes the journal markers that waited for it.
func (r *runner) commit(j *journal) error {
	if r.batch == nil {
		return nil
	}
	r.commits++
	n := strconv.Itoa(r.commits)
	r.hook("db-commit:" + n)
	err := r.batch.Commit()
	r.batch, r.batchN = nil, 0
	if err != nil {
		j.release(false)
		return fmt.Errorf("rpmdb %s: committing: %w", r.db.Path(), err)
	}
	r.hook("db-committed:" + n)
	return j.release(true)
}

// abort rolls back a batch an error left open; the journal still says those steps' database
// phase is to do, and the next run redoes it.
func (r *runner) abort(j *journal) {
	if r.batch != nil {
		r.batch.Rollback()
		r.batch, r.batchN = nil, 0
		j.release(false)
	}
}

// flushFor commits the open batch when info has a scriptlet of this kind about to run.
func (r *runner) flushFor(j *journal, info *rpm.Info, kind rpm.ScriptKind) error {
	if r.batch == nil || r.opts.NoScripts || info == nil {
		return nil
	}
	for _, s := range info.Scripts {
		if s.Kind == kind {
			return r.commit(j)
		}
	}
	return nil
}
