package pm

import "github.com/nimbus-linux/nimbus/internal/history"

// replaySections gives the packages of a history replay (undo, redo, rollback) the reasons
// dnf's TransactionReplay gives them, the reasons recorded for them in the replayed
// transactions, and so their table sections (dnf.util._make_lists): a removal recorded as
// dependency is under "Removing dependent packages", clean under "Removing unused
// dependencies", anything else under "Removing"; an install goes in with its recorded reason
// (clean read as dependency, as dnf's _revert_transaction does).
func (p *Plan) replaySections(recorded map[string]history.Reason) {
	if len(recorded) == 0 {
		return
	}
	for i := range p.Actions {
		a := &p.Actions[i]
		if a.Kind == ActInstall {
			if r, ok := recorded[p.base.Pool.Solvable(a.New).String()]; ok && r != history.Group && r != history.Unknown {
				if r == history.Clean {
					r = history.Dependency
				}
				a.Reason, a.Dependency = r, r != history.User
			}
			continue
		}
		if a.Kind != ActRemove {
			continue
		}
		r, ok := recorded[p.base.Pool.Solvable(a.Old).String()]
		if !ok {
			continue
		}
		a.Dependency, a.Dependent = false, false
		switch r {
		case history.Dependency:
			a.Dependent = true
		case history.Clean:
			a.Dependency = true
		}
	}
}

// removalReason is the reason dnf records with a removal (libdnf's Goal::getReason): user
// for a package the request names, clean for an unused dependency, dependency for a
// package removed because it needs one that goes.
func (p *Plan) removalReason(a Action) history.Reason {
	switch {
	case a.Dependent:
		return history.Dependency
	case a.Dependency:
		return history.Clean
	}
	return history.User
}
