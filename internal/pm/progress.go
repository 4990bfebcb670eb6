package pm

import (
	"strings"

	"github.com/nimbus-linux/nimbus/internal/solver"
	"github.com/nimbus-linux/nimbus/internal/txn"
)

// ProgressLine is one line of dnf's transaction display (CliTransactionDisplay) while a
// transaction runs and after it: "Preparing", the element's action ("Installing",
// "Upgrading", "Cleanup", "Erasing", …), "Running scriptlet", then "Verifying" for each
// transaction item.
type ProgressLine struct {
	Action  string
	Package string // as dnf names it: N-[E:]V-R.A, without a zero epoch; "" for Preparing
	Done    int
	Total   int
	// Log, instead of a line of the display, is what rpm logged while an element ran
	// ("warning: /etc/passwd saved as /etc/passwd.rpmsave"), which dnf's display passes to
	// its rpm logger after the element's line, a line each, then an empty line.
	Log []string
}

// rpmLogged reports whether a transaction warning is one rpm itself logs (its words), which
// dnf shows on stdout with the transaction's lines rather than as a warning of its own.
func rpmLogged(s string) bool {
	return strings.Contains(s, " saved as ") || strings.Contains(s, " created as ")
}

// progressWithLog is progress with rpm's log lines: warnings rpm itself logs are kept
// until the element's line is shown and then given to OnProgress (dnf's _scriptout at
// INST_STOP/UNINST_STOP); the others go to warn as before.
func (p *Plan) progressWithLog(warn func(string)) (func(txn.Progress), func(string)) {
	var held []string
	flush := func() {
		if len(held) > 0 {
			p.OnProgress(ProgressLine{Log: held})
			held = nil
		}
	}
	show := p.progress(p.OnProgress)
	return func(ev txn.Progress) {
			if ev.Kind == txn.ProgressEnd {
				flush()
				return
			}
			if ev.Kind != txn.ProgressElement {
				flush() // logged outside an element's files (a scriptlet's), shown before what follows
			}
			show(ev)
			if ev.Kind == txn.ProgressElement {
				flush()
			}
		}, func(s string) {
			if rpmLogged(s) {
				held = append(held, "warning: "+s)
				return
			}
			warn(s)
		}
}

// progressWords are dnf's words (dnf.transaction.ACTIONS) for an element of each kind: the
// package installed, and the one it takes away.
var progressWords = map[string][2]string{
	ActInstall:   {"Installing", ""},
	ActUpgrade:   {"Upgrading", "Cleanup"},
	ActDowngrade: {"Downgrading", "Cleanup"},
	ActReinstall: {"Reinstalling", "Cleanup"},
	ActRemove:    {"", "Erasing"},
	ActObsoleted: {"", "Obsoleting"},
}

// displayName is a solvable as dnf's str(pkg) prints it.
func (b *Base) displayName(id solver.ID) string {
	s := b.Pool.Solvable(id)
	return s.Name + "-" + s.EVR + "." + s.Arch
}

// displayNEVRA is a NEVRA as the transaction names it (rpm.Info.NEVRA: an epoch tag of 0
// shows as "0:") as dnf prints it: without a zero epoch.
func displayNEVRA(nevra string) string {
	if i := strings.IndexByte(nevra, ':'); i >= 2 && nevra[i-1] == '0' && nevra[i-2] == '-' {
		return nevra[:i-1] + nevra[i+1:]
	}
	return nevra
}

// progress turns the transaction's events into dnf's lines for f.
func (p *Plan) progress(f func(ProgressLine)) func(txn.Progress) {
	b := p.base
	installWord := map[string]string{} // display name of a package installed
	eraseWord := map[int64]string{}    // rpmdb number of a package taken away
	for _, a := range p.Actions {
		w := progressWords[a.Kind]
		if a.New != 0 && w[0] != "" {
			installWord[b.displayName(a.New)] = w[0]
		}
		if a.Old != 0 && w[1] != "" {
			if ip := b.Installed[a.Old]; ip != nil {
				eraseWord[ip.Num] = w[1]
			}
		}
	}
	return func(ev txn.Progress) {
		l := ProgressLine{Package: displayNEVRA(ev.NEVRA), Done: ev.Done, Total: ev.Total}
		switch ev.Kind {
		case txn.ProgressPrepare:
			l.Action, l.Package = "Preparing", ""
		case txn.ProgressScript:
			l.Action = "Running scriptlet"
			if ev.Done == 0 || ev.Total == 0 { // dnf's _script_start before the first element
				l.Done, l.Total = 1, 1
			}
		case txn.ProgressElement:
			if ev.Op == "install" {
				l.Action = installWord[l.Package]
				if l.Action == "" {
					l.Action = "Installing"
				}
			} else {
				l.Action = eraseWord[ev.Num]
				if l.Action == "" {
					l.Action = "Erasing"
				}
			}
		}
		f(l)
	}
}

// VerifyLines are the "Verifying" lines dnf prints after a transaction, one per
// transaction item in the order dnf's _goal2transaction adds them: downgrades (the new
// package, then the one it replaces), reinstalls, installs, upgrades, then removals; a
// package an install or upgrade obsoletes follows it.
func (p *Plan) VerifyLines() []ProgressLine {
	b := p.base
	obsoletedBy := map[solver.ID][]solver.ID{}
	for _, a := range p.Actions {
		if a.Kind == ActObsoleted && a.New != 0 && a.Old != 0 {
			obsoletedBy[a.New] = append(obsoletedBy[a.New], a.Old)
		}
	}
	var items []string
	for _, kind := range []string{ActDowngrade, ActReinstall, ActInstall, ActUpgrade, ActRemove, ActObsoleted} {
		for _, a := range p.Actions {
			if a.Kind != kind {
				continue
			}
			switch {
			case kind == ActRemove || kind == ActObsoleted && a.New == 0:
				items = append(items, b.displayName(a.Old))
			case kind == ActObsoleted:
				// listed after the package that obsoletes it
			default:
				items = append(items, b.displayName(a.New))
				if a.Old != 0 && kind != ActInstall {
					items = append(items, b.displayName(a.Old))
				}
				for _, o := range obsoletedBy[a.New] {
					items = append(items, b.displayName(o))
				}
			}
		}
	}
	lines := make([]ProgressLine, len(items))
	for i, it := range items {
		lines[i] = ProgressLine{Action: "Verifying", Package: it, Done: i + 1, Total: len(items)}
	}
	return lines
}
