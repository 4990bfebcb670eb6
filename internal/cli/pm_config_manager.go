package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"
)

// newConfigManagerCmd is dnf-plugins-core's config-manager (4.3, config_manager.py), which
// Amazon Linux installs with dnf: --add-repo, --set-enabled/--set-disabled (and dnf's
// --enable/--disable), --save with --setopt, --dump-variables. Files change inside the
// install root only (pm/configmanager.go).
func newConfigManagerCmd(e *env) *cobra.Command {
	var save, dump, dumpVars, setEnabled, setDisabled bool
	var addRepo []string
	c := &cobra.Command{
		Use:   "config-manager [REPO...]",
		Short: "Manage dnf's configuration options and repositories (add, enable, disable, save options)",
		RunE: func(cmd *cobra.Command, args []string) error {
			enable := setEnabled || e.pm.extra.enable
			disable := setDisabled || e.pm.extra.disable
			usage := func(msg string) error { // dnf's optparser.error: the usage, then "Command line error", exit 1
				return &ExitError{Code: 1, Err: fmt.Errorf("usage: %s config-manager [--save] [--add-repo URL] [--dump] [--dump-variables] [--set-enabled | --set-disabled] [repo ...]\nCommand line error: %s", mainProg(e), msg)}
			}
			if enable && disable {
				return usage("argument --set-disabled/--disable: not allowed with argument --set-enabled/--enable")
			}
			if len(addRepo) == 0 && !save && !dump && !dumpVars && !enable && !disable {
				return usage("one of the following arguments is required: --save --add-repo --dump --dump-variables --set-enabled --enable --set-disabled --disable")
			}
			if dump {
				return &ExitError{Code: 1, Err: errors.New("Error: config-manager --dump is not supported by nimbus (--dump-variables is)")}
			}
			if len(e.pm.enableRepo)+len(e.pm.disableRepo) > 0 {
				fmt.Fprintln(e.stderr, "Warning: --enablerepo/--disablerepo arguments have no meaningwith config manager. Use --set-enabled/--set-disabled instead.")
			}
			var pats []string
			for _, a := range args {
				for _, p := range strings.Split(a, ",") {
					if p != "" {
						pats = append(pats, p)
					}
				}
			}
			b, err := openBase(e, false)
			if err != nil {
				return err
			}
			if len(addRepo) > 0 {
				failed := 0
				for _, u := range addRepo {
					fmt.Fprintf(e.stdout, "Adding repo from: %s\n", addRepoURL(u))
					if _, err := b.AddRepo(e.ctx, u, mainProg(e)); err != nil {
						fmt.Fprintln(e.stderr, err)
						failed++
					}
				}
				if failed > 0 {
					msg := "Configuration of repo failed"
					if failed > 1 {
						msg = "Configuration of repos failed"
					}
					return &ExitError{Code: 1, Err: errors.New("Error: " + msg)}
				}
				return nil
			}
			mainOpts, repoOpts := splitSetopts(e.pm.setopt)
			if dumpVars {
				vars, err := b.Variables()
				if err != nil {
					return dnfError(err)
				}
				var names []string
				for k := range vars {
					names = append(names, k)
				}
				sort.Strings(names)
				for _, k := range names {
					fmt.Fprintf(e.stdout, "%s = %s\n", k, vars[k])
				}
			}
			if (len(pats) == 0 || slices.Contains(pats, "main")) && save {
				if err := b.SaveMainOptions(mainOpts); err != nil {
					return &ExitError{Code: 1, Err: fmt.Errorf("Error: %w", err)}
				}
			}
			var en *bool
			if enable || disable {
				v := enable
				en = &v
			}
			var repoPats []string
			for _, p := range pats {
				if p != "main" {
					repoPats = append(repoPats, p)
				}
			}
			if _, err := b.SetRepoOptions(repoPats, en, repoOpts, save); err != nil {
				return &ExitError{Code: 1, Err: fmt.Errorf("Error: %w", err)}
			}
			return nil
		},
	}
	c.Flags().BoolVar(&save, "save", false, "save the current options (useful with --setopt)")
	stringArrayVar(c.Flags(), &addRepo, "add-repo", "", "add (and enable) the repo from the specified file or url")
	c.Flags().BoolVar(&dump, "dump", false, "print current configuration values to stdout (not supported)")
	c.Flags().BoolVar(&dumpVars, "dump-variables", false, "print variable values to stdout")
	c.Flags().BoolVar(&setEnabled, "set-enabled", false, "enable repos (automatically saves)")
	c.Flags().BoolVar(&setDisabled, "set-disabled", false, "disable repos (automatically saves)")
	return c
}

// addRepoURL is the URL config-manager reports for --add-repo: a path without a scheme
// as file:// and absolute.
func addRepoURL(u string) string {
	if strings.Contains(u, "://") {
		return u
	}
	if abs, err := filepath.Abs(u); err == nil {
		return "file://" + abs
	}
	return u
}

// splitSetopts splits --setopt values as dnf's _SetoptsCallback: KEY=VALUE for [main],
// REPO.KEY=VALUE (at the last dot) for repositories matching REPO.
func splitSetopts(vals []string) (map[string]string, map[string]map[string]string) {
	main, repos := map[string]string{}, map[string]map[string]string{}
	for _, s := range vals {
		k, v, ok := strings.Cut(s, "=")
		if !ok {
			continue
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if i := strings.LastIndexByte(k, '.'); i >= 0 {
			if repos[k[:i]] == nil {
				repos[k[:i]] = map[string]string{}
			}
			repos[k[:i]][k[i+1:]] = v
			continue
		}
		main[k] = v
	}
	return main, repos
}
