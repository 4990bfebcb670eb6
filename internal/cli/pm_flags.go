package cli

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/pm"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// dnfExtraFlags are dnf 4's general options beyond the ones the package manager acts on
// directly (pmFlags): every option of dnf's option_parser is accepted, so scripts written
// for dnf never fail at a flag. Those without an effect here are named once with -v.
type dnfExtraFlags struct {
	noDocs, noPlugins, skipBroken, debugSolver, showDuplicates bool
	obsoletes, enable, disable, ipv4, ipv6, helpCmd            bool
	enablePlugin, disablePlugin, disableExcludes               []string
	randomWait, debugLevel, errorLevel                         int
	rpmVerbosity, color, destDir, comment, forceArch           string
	adv                                                        advisoryFlags
}

func (x *dnfExtraFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&x.noDocs, "nodocs", false, "do not install documentation (tsflags=nodocs)")
	fs.BoolVar(&x.noPlugins, "noplugins", false, "disable all plugins (nimbus's built-in versionlock, reposync, repoclosure, leaves, repomanage, changelog)")
	stringArrayVar(fs, &x.enablePlugin, "enableplugin", "", "enable plugins by name (globs; nimbus's built-in versionlock, reposync, repoclosure, leaves, repomanage, changelog)")
	stringArrayVar(fs, &x.disablePlugin, "disableplugin", "", "disable plugins by name (globs; nimbus's built-in versionlock, reposync, repoclosure, leaves, repomanage, changelog)")
	fs.BoolVar(&x.skipBroken, "skip-broken", false, "resolve problems by skipping packages that cannot be installed")
	fs.BoolVar(&x.helpCmd, "help-cmd", false, "show command help")
	fs.IntVarP(&x.randomWait, "randomwait", "R", 0, "maximum command wait time (accepted, no wait)")
	fs.IntVarP(&x.debugLevel, "debuglevel", "d", 0, "debugging output level")
	fs.BoolVar(&x.debugSolver, "debugsolver", false, "dump solver results (accepted)")
	fs.BoolVar(&x.showDuplicates, "showduplicates", false, "show duplicates in list/search")
	fs.IntVarP(&x.errorLevel, "errorlevel", "e", 0, "error output level")
	fs.BoolVar(&x.obsoletes, "obsoletes", false, "enable obsoletes processing (always on)")
	fs.StringVar(&x.rpmVerbosity, "rpmverbosity", "", "debugging output level for rpm")
	fs.BoolVar(&x.enable, "enable", false, "enable repositories with config-manager")
	fs.BoolVar(&x.disable, "disable", false, "disable repositories with config-manager")
	stringArrayVar(fs, &x.disableExcludes, "disableexcludes", "", "disable excludepkgs of main, all or a repository")
	stringArrayVar(fs, &x.disableExcludes, "disableexcludepkgs", "", "alias of --disableexcludes")
	fs.StringVar(&x.color, "color", "", "control whether color is used")
	fs.BoolVarP(&x.ipv4, "ipv4", "4", false, "resolve to IPv4 addresses only")
	fs.BoolVarP(&x.ipv6, "ipv6", "6", false, "resolve to IPv6 addresses only")
	fs.StringVar(&x.destDir, "destdir", "", "directory to copy downloaded packages to")
	fs.StringVar(&x.destDir, "downloaddir", "", "alias of --destdir")
	fs.StringVar(&x.comment, "comment", "", "add a comment to the transaction")
	fs.StringVar(&x.forceArch, "forcearch", "", "force the use of an architecture")
	x.adv.registerOn(fs)
	for _, n := range []string{"ipv4", "ipv6"} {
		fs.Lookup(n).Hidden = true // dnf has only the short forms -4 and -6
	}
}

// ignored names the options given that have no effect in nimbus, for -v.
func (x *dnfExtraFlags) ignored(fs *pflag.FlagSet) []string {
	var out []string
	for _, n := range []string{"randomwait", "debuglevel", "debugsolver",
		"errorlevel", "rpmverbosity", "color", "ipv4", "ipv6", "forcearch"} {
		if f := fs.Lookup(n); f != nil && f.Changed {
			out = append(out, "--"+n)
		}
	}
	return out
}

// splitList splits dnf's list-valued options (--exclude, --repo, ...) on commas and
// whitespace, as dnf's _SplitCallback does.
func splitList(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, s := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }) {
			out = append(out, s)
		}
	}
	return out
}

// dnfFlagError words a command-line parse error as dnf's argparse does (exit code 2).
func dnfFlagError(prog string) func(c *cobra.Command, err error) error {
	return func(c *cobra.Command, err error) error {
		name := prog
		if c.HasParent() {
			name = prog + " " + c.Name()
		}
		msg := err.Error()
		switch {
		case strings.HasPrefix(msg, "unknown flag: "):
			msg = "unrecognized arguments: " + strings.TrimPrefix(msg, "unknown flag: ")
		case strings.HasPrefix(msg, "unknown shorthand flag: "):
			if m := regexp.MustCompile(`in (-\S+)`).FindStringSubmatch(msg); m != nil {
				msg = "unrecognized arguments: " + m[1]
			}
		case strings.HasPrefix(msg, "flag needs an argument: "):
			f := strings.TrimPrefix(msg, "flag needs an argument: ")
			if m := regexp.MustCompile(`'(.)' in -`).FindStringSubmatch(f); m != nil {
				f = "-" + m[1]
			}
			// dnf's own check of option values: exit code 1
			return &ExitError{Code: 1, Err: fmt.Errorf("Command line error: argument %s: expected one argument", f)}
		default:
			msg = strings.ReplaceAll(msg, "invalid argument", "invalid value")
		}
		return &ExitError{Code: 2, Err: fmt.Errorf("usage: %s [options] COMMAND\n%s: error: %s", name, name, msg)}
	}
}

// unknownCommand words cobra's "unknown command" as dnf does (exit code 1).
func unknownCommand(err error, prog string) error {
	m := regexp.MustCompile(`^unknown command "([^"]*)"`).FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	return &ExitError{Code: 1, Err: fmt.Errorf("No such command: %s. Please use /usr/bin/%s --help\nIt could be a DNF plugin command, but loading of plugins is currently disabled.", m[1], prog)}
}

// checkLeadingFlags checks the options before the command as dnf's parser does: cobra
// would take an unknown option's next word for its value and then report the word after
// it as an unknown command. It returns those options without --version, and whether
// --version was among them (dnf's main parser takes it there).
func checkLeadingFlags(root *cobra.Command, args []string) (opts []string, version bool, err error) {
	fs := root.PersistentFlags()
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" || !strings.HasPrefix(a, "-") || a == "-" {
			return opts, version, nil
		}
		if a == "--version" {
			version = true
			continue
		}
		opts = append(opts, a)
		var f *pflag.Flag
		hasValue := strings.Contains(a, "=")
		if strings.HasPrefix(a, "--") {
			name, _, _ := strings.Cut(a[2:], "=")
			if fs.GetNormalizeFunc() != nil {
				name = string(fs.GetNormalizeFunc()(fs, name))
			}
			if f = fs.Lookup(name); f == nil && name != "help" {
				return nil, false, dnfFlagError(root.Name())(root, fmt.Errorf("unknown flag: --%s", name))
			}
		} else {
			for j := 1; j < len(a); j++ {
				if f = fs.ShorthandLookup(a[j : j+1]); f == nil && a[j] != 'h' {
					return nil, false, dnfFlagError(root.Name())(root, fmt.Errorf("unknown shorthand flag: %q in %s", a[j], a))
				}
				if f != nil && f.NoOptDefVal == "" {
					hasValue = j < len(a)-1 // -d0: the rest is the value
					break
				}
			}
		}
		if f != nil && f.NoOptDefVal == "" && !hasValue && i+1 < len(args) {
			i++ // the next word is the value
			opts = append(opts, args[i])
		}
	}
	return opts, version, nil
}

// pluginCommand refuses a built-in plugin command as dnf does when the plugin is not
// loaded: "No such command", with dnf's hint for plugins turned off altogether or for a
// plugin not loaded.
func pluginCommand(e *env, b *pm.Base, name string) error {
	st, err := b.Plugin(name)
	if err != nil {
		return dnfError(err)
	}
	if st.Loaded {
		return nil
	}
	prog := mainProg(e)
	hint := "but loading of plugins is currently disabled."
	if !st.AllOff {
		hint = fmt.Sprintf("try: \"%s install '%s-command(%s)'\"", prog, prog, name)
	}
	return &ExitError{Code: 1, Err: fmt.Errorf("No such command: %s. Please use /usr/bin/%s --help\nIt could be a DNF plugin command, %s", name, prog, hint)}
}
