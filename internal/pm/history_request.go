package pm

import (
	"errors"
	"fmt"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/history"
)

// HistoryRequest is the request of `history undo|redo|rollback` of transaction t (ts is
// the whole history, newest first, as history.Log reads it: dnf's transactions too): the
// exact packages to put back, with the reasons the replayed transactions recorded.
func HistoryRequest(verb string, ts []*history.Transaction, t *history.Transaction) (Request, error) {
	req := Request{ExactRemove: true}
	switch verb {
	case "undo":
		req.Install, req.Remove = history.Inverse(t)
		req.Recorded = history.Recorded(t)
	case "redo":
		req.Install, req.Reinstall, req.Remove = history.Redo(t)
		req.AllowDowngrade = true
		req.Recorded = history.Recorded(t)
	case "rollback":
		req.Install, req.Remove = history.Rollback(ts, t.ID)
		var later []*history.Transaction
		for _, x := range ts {
			if x.ID > t.ID {
				later = append(later, x)
			}
		}
		req.Recorded = history.Recorded(later...)
	default:
		return req, fmt.Errorf("unknown history command %q (undo, redo, rollback)", verb)
	}
	return req, nil
}

// ReplayError is a history undo, redo or rollback that needs package versions neither an
// enabled repository nor the rpmdb has (the transaction removed or replaced them, or dnf
// installed them from a repository that is gone; rpm files are not kept).
type ReplayError struct {
	Verb    string
	ID      int64
	Missing []string
}

func (e *ReplayError) Error() string {
	var b strings.Builder
	for _, n := range e.Missing { // dnf's TransactionReplay wording first
		fmt.Fprintf(&b, "Cannot find rpm nevra %q.\n", n)
	}
	fmt.Fprintf(&b, "history %s %d cannot be done: it needs %s, which no enabled repository offers and the root does not have; enable a repository that has them (or install them from rpm files) and run it again",
		e.Verb, e.ID, strings.Join(e.Missing, ", "))
	return b.String()
}

// ReplayFailed turns the no-match error of resolving a HistoryRequest into a ReplayError
// naming the transaction; other errors pass as they are.
func ReplayFailed(verb string, id int64, err error) error {
	var nm *NoMatchError
	if errors.As(err, &nm) {
		return &ReplayError{Verb: verb, ID: id, Missing: nm.Specs}
	}
	return err
}
