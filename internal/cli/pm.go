package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/nimbus-linux/nimbus/internal/pm"
)

// pmFlags are dnf's global options, registered on the root command for every invocation.
type pmFlags struct {
	assumeYes, assumeNo, quiet, verbose bool
	installRoot, releasever, config     string
	setopt, repoFromPath, repo          []string
	enableRepo, disableRepo, exclude    []string
	repoOps                             []pm.RepoOp // --enablerepo and --disablerepo in order
	// notesToStderr: the command sends dnf's info-level notes to stderr, as repoquery,
	// search and repolist do (their pre_configure's redirect_logger), keeping stdout for
	// what was asked
	notesToStderr                         bool
	noGPGCheck, downloadOnly, refresh     bool
	cacheOnly, allowErasing, best, nobest bool
	noAutoremove, noScripts               bool
	allowRecalled                         bool
	destDirAllowed                        bool // the command takes --destdir without --downloadonly (download)
	asJSON                                bool
	repoNoted                             bool // "Added r repo from" printed (once a command)
	// repoScope limits list, info and check-update to one repository (repository-packages)
	repoScope string
	extra     dnfExtraFlags
	fs        *pflag.FlagSet
	answers   *bufio.Reader // stdin, read by every question in turn
}

func (f *pmFlags) register(c *cobra.Command) {
	fs := c.PersistentFlags()
	f.fs = fs
	fs.BoolVarP(&f.assumeYes, "assumeyes", "y", false, "answer yes to every question")
	fs.BoolVar(&f.assumeNo, "assumeno", false, "answer no to every question")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "print only what was asked for")
	fs.BoolVarP(&f.verbose, "verbose", "v", false, "print more")
	fs.StringVar(&f.installRoot, "installroot", "/", "operate on the system rooted at this directory")
	fs.StringVar(&f.releasever, "releasever", "", "release version for $releasever")
	fs.StringVarP(&f.config, "config", "c", "", "configuration file (default dnf.conf)")
	stringArrayVar(fs, &f.setopt, "setopt", "", "set a configuration option: key=value or repoid.key=value")
	stringArrayVar(fs, &f.repoFromPath, "repofrompath", "", "add a repository: id,path-or-url")
	stringArrayVar(fs, &f.repo, "repo", "", "use only these repositories (id or glob)")

	fs.Var(&repoOpValue{p: &f.enableRepo, ops: &f.repoOps, enable: true}, "enablerepo", "enable repositories (id or glob)")
	fs.Var(&repoOpValue{p: &f.disableRepo, ops: &f.repoOps}, "disablerepo", "disable repositories (id or glob)")
	stringArrayVar(fs, &f.exclude, "exclude", "x", "exclude packages by name or glob")

	fs.BoolVar(&f.noGPGCheck, "nogpgcheck", false, "do not check package signatures")
	fs.BoolVar(&f.downloadOnly, "downloadonly", false, "only download the packages")
	fs.BoolVar(&f.refresh, "refresh", false, "refresh the metadata before running")
	fs.BoolVarP(&f.cacheOnly, "cacheonly", "C", false, "use only the cached metadata")
	fs.BoolVar(&f.allowErasing, "allowerasing", false, "allow erasing installed packages to resolve dependencies")
	fs.BoolVarP(&f.best, "best", "b", false, "try the best available versions only")
	fs.BoolVar(&f.nobest, "nobest", false, "do not limit to the best candidates")
	fs.BoolVar(&f.noAutoremove, "noautoremove", false, "do not remove unneeded dependencies")
	fs.BoolVar(&f.noScripts, "noscripts", false, "do not run scriptlets")
	fs.BoolVar(&f.allowRecalled, "allowrecalled", false, "allow --releasever to name a release the release index marks recalled")
	f.extra.register(fs)
}

// config builds the package manager's configuration from the flags.
func (f *pmFlags) pmConfig(e *env, cmdline string) (pm.Config, error) {
	setopt := map[string]string{}
	for _, s := range f.setopt {
		k, v, ok := strings.Cut(s, "=")
		if !ok { // dnf's _SetoptsCallback warns and goes on
			fmt.Fprintf(e.stderr, "Setopt argument has no value: %s\n", s)
			continue
		}
		setopt[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	if len(f.repo) > 0 && len(f.disableRepo) > 0 {
		return pm.Config{}, &ExitError{Code: 1, Err: errors.New("Command line error: argument --disablerepo: not allowed with argument --repo/--repoid")}
	}
	if f.extra.skipBroken {
		setopt["skip_broken"] = "1"
	}
	if f.extra.noDocs { // dnf: conf.tsflags.append('nodocs')
		setopt["tsflags"] = strings.TrimPrefix(setopt["tsflags"]+",nodocs", ",")
	}
	cfg := pm.Config{
		Root: f.installRoot, Releasever: f.releasever, ConfigFile: f.config, Setopt: setopt,
		RepoFromPath: f.repoFromPath, Repos: splitList(f.repo), RepoOps: f.repoOps,
		NoGPGCheck: f.noGPGCheck, CacheOnly: f.cacheOnly, Refresh: f.refresh, Exclude: splitList(f.exclude), Verbose: f.verbose,
		DisableExcludes: splitList(f.extra.disableExcludes),
		AllowErasing:    f.allowErasing, NoAutoremove: f.noAutoremove, DownloadOnly: f.downloadOnly, NoScripts: f.noScripts,
		NoPlugins: f.extra.noPlugins, EnablePlugins: splitList(f.extra.enablePlugin), DisablePlugins: splitList(f.extra.disablePlugin),
		Log: e.stderr, Cmdline: cmdline, DestDir: f.extra.destDir, Comment: f.extra.comment,
	}
	if f.extra.destDir != "" && !f.downloadOnly && !f.destDirAllowed {
		return pm.Config{}, &ExitError{Code: 1, Err: errors.New("--destdir or --downloaddir must be used with --downloadonly or download or system-upgrade command.")}
	}
	if f.best || f.nobest {
		b := f.best
		cfg.Best = &b
	}
	if f.fs != nil && f.fs.Changed("debuglevel") && f.extra.debugLevel < 2 {
		f.quiet = true // -d 0 / -d 1: dnf prints no table
	}
	cfg.Info = e.stdout // dnf's logger.info notes
	if f.asJSON || f.notesToStderr {
		cfg.Info = e.stderr
	}
	if f.quiet {
		cfg.Log, cfg.Info = io.Discard, io.Discard
	}
	if f.verbose { // -v's debug level wins over -q's, as in dnf's configure
		cfg.Debug = e.stdout
	}
	if !f.repoNoted { // dnf's cli.configure, once: "Added r repo from /path"
		f.repoNoted = true
		for _, rp := range f.repoFromPath {
			if id, p, ok := strings.Cut(rp, ","); ok {
				fmt.Fprintf(cfg.Info, "Added %s repo from %s\n", id, p)
			}
		}
	}
	if f.verbose && f.fs != nil {
		if ign := f.extra.ignored(f.fs); len(ign) > 0 {
			fmt.Fprintf(cfg.Log, "Options without effect in nimbus: %s\n", strings.Join(ign, ", "))
		}
	}
	// Scriptlet output, as dnf shows it: on stdout (stderr when stdout is the JSON plan),
	// not with -q.
	switch {
	case f.quiet:
	case f.asJSON:
		cfg.ScriptOutput = e.stderr
	default:
		cfg.ScriptOutput = e.stdout
	}
	cfg.ConfirmKey = func(k pm.KeyImport) bool { return confirmKey(e, f, k) }
	if !f.quiet && !f.asJSON && isTerminal(e.stderr) {
		cfg.Progress = e.stderr
	}
	return cfg, nil
}

// runPlan is the common tail of every command that changes the system: show the plan,
// ask, download, run, report — in dnf's words and with dnf's exit codes.
func runPlan(cmd *cobra.Command, e *env, f *pmFlags, base *pm.Base, plan *pm.Plan) error {
	out := e.stdout
	for _, s := range plan.NoMatch {
		w := e.stdout // dnf's logger.info
		if f.asJSON {
			w = e.stderr
		}
		fmt.Fprintln(w, pm.NoMatchWords(s, plan.Filtered))
	}
	if !f.quiet && !f.asJSON {
		fmt.Fprintln(out, "Dependencies resolved.")
	}
	if plan.OnResolved != nil {
		if err := plan.OnResolved(); err != nil {
			return err
		}
	}
	if f.asJSON {
		return runPlanJSON(cmd, e, f, plan)
	}
	if plan.Empty() && len(plan.Comps()) == 0 {
		if !f.quiet && len(plan.Skipped) > 0 {
			printPlan(out, base, plan)
		}
		if !f.quiet {
			fmt.Fprintln(out, "Nothing to do.")
			fmt.Fprintln(out, "Complete!")
		}
		return nil
	}
	if !f.quiet {
		printPlan(out, base, plan)
		if f.downloadOnly {
			fmt.Fprintf(out, "%s will only download packages for the transaction.\n", strings.ToUpper(mainProg(e)))
		} else if base.TestOnly() {
			fmt.Fprintf(out, "%s will only download packages, install gpg keys, and check the transaction.\n", strings.ToUpper(mainProg(e)))
		}
	}
	if !confirm(e, f) {
		fmt.Fprintln(e.stderr, "Operation aborted.") // dnf raises it as an error: stderr
		return &ExitError{Code: 1, Silent: true, Err: errors.New("operation aborted")}
	}
	var display *transactionDisplay
	if !f.quiet {
		display = &transactionDisplay{w: out}
		plan.OnProgress = display.line
		// dnf says it only when the transaction has packages to fetch (its install_set):
		// not before a removal only
		if slices.ContainsFunc(plan.Actions, func(a pm.Action) bool { return a.New != 0 }) {
			fmt.Fprintln(out, "Downloading Packages:")
		}
		plan.OnChecked = func() {
			fmt.Fprintln(out, "Running transaction check\nTransaction check succeeded.\nRunning transaction test\nTransaction test succeeded.")
			if !base.TestOnly() {
				fmt.Fprintln(out, "Running transaction")
			}
		}
	}
	if _, err := plan.Run(e.ctx, nil); err != nil {
		return err
	}
	if f.downloadOnly || base.TestOnly() {
		// dnf's logger.info: nothing with -q; the note only when packages stay in the cache
		// (not with --destdir, not for packages used in place).
		if !f.quiet {
			fmt.Fprintln(out, "Complete!")
			if plan.KeptInCache() {
				fmt.Fprintln(out, "The downloaded packages were saved in cache until the next successful transaction.")
				fmt.Fprintf(out, "You can remove cached packages by executing '%s clean packages'.\n", mainProg(e))
			}
		}
		return nil
	}
	if display != nil {
		for _, l := range plan.VerifyLines() {
			display.line(l)
		}
	}
	if !plan.Empty() { // a transaction of groups only has no rpm transaction to report (dnf: `if trans:`)
		printDone(out, plan) // dnf prints it with -q too (print(), not its logger)
	}
	if !f.quiet {
		fmt.Fprintln(out, "Complete!")
	}
	return nil
}

// mainProg is the name dnf gives itself in its messages (dnf.util.MAIN_PROG): yum when
// called as yum, else dnf.
func mainProg(e *env) string {
	if e.argv0 == "yum" {
		return "yum"
	}
	return "dnf"
}

// confirm asks "Is this ok [y/N]:" unless -y or --assumeno answered it.
func confirm(e *env, f *pmFlags) bool { return ask(e, f, "Is this ok [y/N]: ") }

// ask asks a yes/no question (no is the default) unless -y or --assumeno answered it.
func ask(e *env, f *pmFlags, prompt string) bool {
	if f.assumeNo {
		return false
	}
	if f.assumeYes {
		return true
	}
	fmt.Fprint(e.stdout, prompt)
	if f.answers == nil {
		f.answers = bufio.NewReader(e.stdin) // one reader: a second question gets the next line
	}
	line, _ := f.answers.ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return true
	}
	return false
}

// confirmKey shows a repository key the way dnf does before importing it and asks.
func confirmKey(e *env, f *pmFlags, k pm.KeyImport) bool {
	fmt.Fprintf(e.stderr, "Importing GPG key %s:\n Userid     : %q\n Fingerprint: %s\n From       : %s\n",
		k.ShortID(), k.Key.UserID, k.Fingerprint, strings.TrimPrefix(k.From, "file://"))
	if !confirm(e, f) {
		return false
	}
	if !f.quiet {
		w := e.stdout
		if f.asJSON {
			w = e.stderr // stdout holds only the JSON document
		}
		fmt.Fprintln(w, "Key imported successfully")
	}
	return true
}

// transactionDisplay prints the lines of dnf's CliTransactionDisplay as its stdout shows
// them when it is not a terminal (80 columns, each event at 100%): the action padded to
// the widest of dnf's action words ("Running scriptlet"), the package padded or cut to
// what is left, the element's count; a line the same as the one before is not repeated.
type transactionDisplay struct {
	w    io.Writer
	last string
}

func (d *transactionDisplay) line(l pm.ProgressLine) {
	if l.Log != nil {
		fmt.Fprintf(d.w, "%s\n\n", strings.Join(l.Log, "\n"))
		d.last = ""
		return
	}
	const width, wid1 = 80, len("Running scriptlet")
	n := len(strconv.Itoa(l.Total))
	overhead := 2*n + 2 + 2 + wid1 + 2 + 1 + 2 + 1
	wid2 := width - overhead + 1 // dnf's full_pnl
	pkg := l.Package
	if len(pkg) > wid2 {
		pkg = pkg[:wid2]
	}
	msg := fmt.Sprintf("  %-*s: %-*s   %*d/%*d", wid1, l.Action, wid2, pkg, n, l.Done, n, l.Total)
	if msg == d.last {
		return
	}
	d.last = msg
	fmt.Fprintln(d.w, msg+" ")
}
