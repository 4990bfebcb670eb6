//go:build linux

package units

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ExitError carries the exit status nimbusctl should end with; Silent means the message
// is already printed.
type ExitError struct {
	Code   int
	Err    error
	Silent bool
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// CtlConfig locates the running supervisor.
type CtlConfig struct {
	Socket     string // default DefaultControlSocket
	JournalDir string // default DefaultJournalDir
}

// DefaultJournalDir is where PID 1 keeps the journal.
const DefaultJournalDir = "/var/log/journal"

const ctlUsage = `usage: nimbusctl [--no-pager] [-q] COMMAND [UNIT...]
commands: start stop restart reload status show [-p PROP] [--value] cat enable [--now] disable [--now]
          is-active is-enabled is-failed is-system-running [--wait]
          list-units daemon-reload poweroff reboot logs [-u UNIT] [-f] [-n LINES]`

// Ctl is nimbusctl (and systemctl for the subset): args excludes the program name.
func Ctl(ctx context.Context, cfg CtlConfig, args []string, stdout, stderr io.Writer) error {
	if cfg.Socket == "" {
		cfg.Socket = DefaultControlSocket
	}
	if cfg.JournalDir == "" {
		cfg.JournalDir = DefaultJournalDir
	}
	var verb string
	var unitsArg []string
	quiet, now, wait := false, false, false
	logUnit, follow, lines := "", false, 0
	var props []string // show -p/--property
	valueOnly := false // show --value
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-q" || a == "--quiet":
			quiet = true
		case a == "--now":
			now = true
		case a == "--wait":
			wait = true
		case a == "-f" || a == "--follow":
			follow = true
		case (a == "-u" || a == "--unit") && i+1 < len(args):
			i++
			logUnit = args[i]
		case (a == "-n" || a == "--lines") && i+1 < len(args):
			i++
			fmt.Sscan(args[i], &lines)
		case (a == "-p" || a == "--property") && i+1 < len(args):
			i++
			props = append(props, strings.Split(args[i], ",")...)
		case strings.HasPrefix(a, "--property="):
			props = append(props, strings.Split(strings.TrimPrefix(a, "--property="), ",")...)
		case strings.HasPrefix(a, "-p") && len(a) > 2:
			props = append(props, strings.Split(a[2:], ",")...)
		case a == "--value":
			valueOnly = true
		case a == "-h" || a == "--help":
			fmt.Fprintln(stdout, ctlUsage)
			return nil
		case strings.HasPrefix(a, "-"): // --no-pager, --system, --no-block, ...: accepted
		case verb == "":
			verb = a
		default:
			unitsArg = append(unitsArg, normalize(a))
		}
	}
	if verb == "" {
		verb = "list-units"
	}
	if verb == "logs" {
		return ctlLogs(ctx, cfg.JournalDir, logUnit, lines, follow, stdout)
	}
	switch verb {
	case "start", "stop", "restart", "reload", "status", "show", "cat", "enable", "disable", "is-active", "is-enabled", "is-failed":
		if len(unitsArg) == 0 {
			return &ExitError{Code: 1, Err: fmt.Errorf("%s needs a unit name\n%s", verb, ctlUsage)}
		}
	case "try-restart", "reload-or-restart":
		verb = "restart"
	}
	if verb == "halt" {
		verb = "poweroff"
	}
	cctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	if verb == "is-system-running" {
		return ctlSystemState(cctx, cfg.Socket, wait, quiet, stdout)
	}
	resp, err := Call(cctx, cfg.Socket, Request{Verb: verb, Units: unitsArg})
	if err != nil {
		return &ExitError{Code: 1, Err: err}
	}
	if resp.Denied {
		return denied(verb, unitsArg, stderr)
	}
	for _, l := range resp.Enabled {
		if !quiet {
			if verb == "enable" {
				fmt.Fprintf(stdout, "Created symlink %s.\n", l)
			} else {
				fmt.Fprintf(stdout, "Removed %s.\n", l)
			}
		}
	}
	switch verb {
	case "is-active", "is-failed":
		for _, u := range resp.Units {
			if !quiet {
				fmt.Fprintln(stdout, u.State)
			}
		}
	case "is-enabled":
		for _, u := range resp.Units {
			if !quiet {
				fmt.Fprintln(stdout, u.Enabled)
			}
		}
	case "status":
		for i, u := range resp.Units {
			if i > 0 {
				fmt.Fprintln(stdout)
			}
			printStatus(stdout, u)
			if ls, _ := ReadJournal(cfg.JournalDir, u.Name, 10); len(ls) > 0 {
				fmt.Fprintln(stdout)
				for _, l := range ls {
					fmt.Fprintln(stdout, l)
				}
			}
		}
	case "show":
		for i, u := range resp.Units {
			if i > 0 {
				fmt.Fprintln(stdout)
			}
			printShow(stdout, u, props, valueOnly)
		}
	case "cat":
		for _, l := range resp.Lines {
			fmt.Fprintln(stdout, l)
		}
	case "list-units":
		fmt.Fprintf(stdout, "%-40s %-12s %-10s %s\n", "UNIT", "ACTIVE", "RESULT", "DESCRIPTION")
		for _, u := range resp.Units {
			fmt.Fprintf(stdout, "%-40s %-12s %-10s %s\n", u.Name, u.State, u.Result, u.Description)
		}
	}
	if resp.Error != "" {
		fmt.Fprintln(stderr, resp.Error)
	}
	if resp.Code == 0 && now && (verb == "enable" || verb == "disable") {
		next := "start"
		if verb == "disable" {
			next = "stop"
		}
		r2, err := Call(cctx, cfg.Socket, Request{Verb: next, Units: unitsArg})
		if err != nil {
			return &ExitError{Code: 1, Err: err}
		}
		if r2.Denied {
			return denied(next, unitsArg, stderr)
		}
		if r2.Error != "" {
			fmt.Fprintln(stderr, r2.Error)
		}
		resp.Code = r2.Code
	}
	if resp.Code != 0 {
		return &ExitError{Code: resp.Code, Silent: true}
	}
	return nil
}

// denied prints systemctl's refusal of an unprivileged caller on a system without polkit
// (systemd 252: the manager answers org.freedesktop.DBus.Error.AccessDenied) and returns
// its exit status: 4 (EXIT_NOPERMISSION) for the job verbs, 1 for the others.
func denied(verb string, unitNames []string, stderr io.Writer) error {
	switch verb {
	case "start", "stop", "restart", "reload":
		for _, u := range unitNames {
			fmt.Fprintf(stderr, "Failed to %s %s: Access denied\n", verb, u)
			fmt.Fprintf(stderr, "See system logs and 'systemctl status %s' for details.\n", u)
		}
		return &ExitError{Code: 4, Silent: true}
	case "enable", "disable":
		fmt.Fprintf(stderr, "Failed to %s unit: Access denied\n", verb)
	case "daemon-reload":
		fmt.Fprintln(stderr, "Failed to reload daemon: Access denied")
	case "poweroff", "reboot":
		method := map[string]string{"poweroff": "PowerOff", "reboot": "Reboot"}[verb]
		fmt.Fprintf(stderr, "Call to %s failed: Access denied\n", method)
	default:
		fmt.Fprintf(stderr, "Failed to %s: Access denied\n", verb)
	}
	return &ExitError{Code: 1, Silent: true}
}

// printShow prints the properties systemctl show has for what Nimbus knows of a unit, in
// the order systemd's bus lists them (the unit type's, then the Unit interface's); props
// keeps only those named, valueOnly prints values without names (--value).
func printShow(w io.Writer, u Status, props []string, valueOnly bool) {
	load, desc, frag, dropins := "loaded", u.Description, "", ""
	if u.NotFound {
		load = "not-found"
	}
	if desc == "" {
		desc = u.Name // systemd's description of a unit without one
	}
	if len(u.Sources) > 0 {
		frag, dropins = u.Sources[0], strings.Join(u.Sources[1:], " ")
	}
	result := u.Result
	if result == "" {
		result = "success"
	}
	all := [][2]string{{"MainPID", strconv.Itoa(u.MainPID)}, {"Result", result}, {"Id", u.Name},
		{"Description", desc}, {"LoadState", load}, {"ActiveState", string(u.State)},
		{"SubState", subState(u)}, {"FragmentPath", frag}, {"DropInPaths", dropins}, {"UnitFileState", u.Enabled}}
	for _, p := range all {
		if len(props) > 0 && !slices.Contains(props, p[0]) {
			continue
		}
		if valueOnly {
			fmt.Fprintln(w, p[1])
		} else {
			fmt.Fprintf(w, "%s=%s\n", p[0], p[1])
		}
	}
}

// subState is systemd's sub-state for the active state of a unit of its type.
func subState(u Status) string {
	switch u.State {
	case Inactive:
		return "dead"
	case Failed:
		return "failed"
	case Activating:
		return "start"
	case Deactivating:
		return "stop"
	case Reloading:
		return "reload"
	}
	switch {
	case strings.HasSuffix(u.Name, ".service") && u.MainPID > 0:
		return "running"
	case strings.HasSuffix(u.Name, ".service"):
		return "exited"
	case strings.HasSuffix(u.Name, ".socket"):
		return "listening"
	case strings.HasSuffix(u.Name, ".timer"):
		return "waiting"
	}
	return "active"
}

// normalize adds ".service" to a bare unit name, as systemctl does.
func normalize(u string) string {
	if strings.Contains(u, ".") {
		return u
	}
	return u + ".service"
}

func printStatus(w io.Writer, u Status) {
	dot := "○"
	switch u.State {
	case Active, Reloading:
		dot = "●"
	case Failed:
		dot = "×"
	}
	title := u.Name
	if u.Description != "" {
		title += " - " + u.Description
	}
	fmt.Fprintf(w, "%s %s\n", dot, title)
	src := ""
	if len(u.Sources) > 0 {
		src = u.Sources[0] + "; "
	}
	fmt.Fprintf(w, "     Loaded: loaded (%s%s)\n", src, u.Enabled)
	if len(u.Sources) > 1 {
		fmt.Fprintf(w, "    Drop-In: %s\n", strings.Join(u.Sources[1:], " "))
	}
	since := ""
	if !u.Since.IsZero() {
		since = " since " + u.Since.UTC().Format(time.RFC1123)
	}
	fmt.Fprintf(w, "     Active: %s (%s)%s\n", u.State, u.Result, since)
	if u.MainPID > 0 {
		fmt.Fprintf(w, "   Main PID: %d\n", u.MainPID)
	}
	if u.NotifyStatus != "" {
		fmt.Fprintf(w, "     Status: %q\n", u.NotifyStatus)
	}
	if u.Triggers != "" {
		fmt.Fprintf(w, "   Triggers: %s\n", u.Triggers)
	}
	for i, l := range u.Listen {
		label := "     Listen:"
		if i > 0 {
			label = "            "
		}
		fmt.Fprintf(w, "%s %s\n", label, l)
	}
	if !u.NextElapse.IsZero() {
		fmt.Fprintf(w, "    Trigger: %s\n", u.NextElapse.UTC().Format(time.RFC1123))
	}
	for _, d := range u.Unsupported {
		fmt.Fprintf(w, "    Unknown: %s (ignored.Get())\n", d)
	}
	for _, d := range u.Warnings {
		fmt.Fprintf(w, "    Warning: %s\n", d)
	}
	if len(u.NotEnforced) > 0 {
		fmt.Fprintf(w, "Not enforced: %s\n", strings.Join(u.NotEnforced, ", "))
	}
}

func ctlLogs(ctx context.Context, dir, unit string, n int, follow bool, w io.Writer) error {
	ls, err := ReadJournal(dir, unit, n)
	if err != nil {
		return err
	}
	for _, l := range ls {
		fmt.Fprintln(w, l)
	}
	if !follow {
		return nil
	}
	path := dir + "/" + JournalFile
	var off int64
	if st, err := os.Stat(path); err == nil {
		off = st.Size()
	}
	var partial string
	t := time.NewTicker(200 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		st, err := os.Stat(path)
		if err != nil {
			continue
		}
		if st.Size() < off { // rotated
			off = 0
		}
		if st.Size() == off {
			continue
		}
		f, err := os.Open(path)
		if err != nil {
			continue
		}
		buf := make([]byte, st.Size()-off)
		k, _ := f.ReadAt(buf, off)
		f.Close()
		off += int64(k)
		text := partial + string(buf[:k])
		parts := strings.Split(text, "\n")
		partial = parts[len(parts)-1]
		for _, l := range parts[:len(parts)-1] {
			if lu := LineUnit(l); unit == "" || lu == unit || lu == normalize(unit) {
				fmt.Fprintln(w, l)
			}
		}
	}
}

// ctlSystemState is systemctl is-system-running: the manager's state on a line, exit 0 only
// for "running". With wait it first waits (polling, within ctx) while the boot is not
// finished ("starting", or no manager answering yet: PID 1 serves its socket from the
// services stage on), as systemd's --wait does. A manager that does not answer is
// "offline", as systemctl says when it cannot reach systemd.
func ctlSystemState(ctx context.Context, socket string, wait, quiet bool, stdout io.Writer) error {
	state := "offline"
poll:
	for {
		resp, err := Call(ctx, socket, Request{Verb: "is-system-running"})
		if err == nil && len(resp.Lines) == 1 {
			state = resp.Lines[0]
		}
		if !wait || (err == nil && state != SystemStarting) {
			break
		}
		select {
		case <-ctx.Done():
			break poll
		case <-time.After(200 * time.Millisecond):
		}
	}
	if !quiet {
		fmt.Fprintln(stdout, state)
	}
	if state != SystemRunning {
		return &ExitError{Code: 1, Silent: true}
	}
	return nil
}
