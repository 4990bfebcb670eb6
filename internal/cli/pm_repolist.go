package cli

import (
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/pm"
	"github.com/nimbus-linux/nimbus/internal/repo"
)

// dnfColumns is the width dnf lays its repolist out in when stdout is not a terminal.
const dnfColumns = 80

// newRepolistCmd is dnf's repolist and repoinfo (dnf/cli/commands/repolist.py): without -v a
// table of id and name (and status with "all"), the name column sharing what is left of 80
// columns; with -v, or as repoinfo, the Repo-* fields of every repository.
func newRepolistCmd(e *env) *cobra.Command {
	var all, enabled, disabled bool
	c := &cobra.Command{
		Use:     "repolist [all|enabled|disabled] [REPO...]",
		Aliases: []string{"repoinfo"},
		Short:   "List the configured repositories",
		RunE: func(cmd *cobra.Command, args []string) error {
			e.pm.notesToStderr = true
			action := "enabled-default"
			if len(args) > 0 {
				switch args[0] {
				case "all", "enabled", "disabled":
					action, args = args[0], args[1:]
				}
			}
			switch {
			case all:
				action = "all"
			case enabled:
				action = "enabled"
			case disabled:
				action = "disabled"
			}
			info := e.pm.verbose || cmd.CalledAs() == "repoinfo"
			b, err := openBase(e, info)
			if err != nil {
				return err
			}
			repos, err := b.ConfiguredRepos()
			if err != nil {
				return dnfError(err)
			}
			loaded := map[string]*pm.LoadedRepo{}
			for _, r := range b.Repos {
				loaded[r.ID] = r
			}
			sort.SliceStable(repos, func(i, j int) bool { return repos[i].ID < repos[j].ID })
			if len(repos) == 0 {
				fmt.Fprintln(e.stderr, "No repositories available")
				return nil
			}
			return writeRepolist(e.stdout, repos, loaded, action, args, info)
		},
	}
	c.Flags().BoolVar(&all, "all", false, "show all repositories")
	c.Flags().BoolVar(&enabled, "enabled", false, "show enabled repositories (default)")
	c.Flags().BoolVar(&disabled, "disabled", false, "show disabled repositories")
	return c
}

// repoMatch is dnf's _repo_match: a pattern matches the id or the name, case-insensitively.
func repoMatch(r *repo.Repo, pats []string) bool {
	for _, p := range pats {
		p = strings.ToLower(p)
		for _, s := range []string{strings.ToLower(r.ID), strings.ToLower(r.Name)} {
			if ok, _ := path.Match(p, s); ok {
				return true
			}
		}
	}
	return false
}

// writeRepolist prints dnf's repolist output for the repositories (sorted by id).
func writeRepolist(w io.Writer, repos []*repo.Repo, loaded map[string]*pm.LoadedRepo, action string, pats []string, info bool) error {
	status := action == "all" || (action == "enabled-default" && len(pats) > 0)
	type row struct{ id, name, status string }
	var rows []row
	var infos []string
	total := 0
	for _, r := range repos {
		if len(pats) > 0 && !repoMatch(r, pats) {
			continue
		}
		st := "enabled"
		if r.Enabled {
			if action == "disabled" {
				continue
			}
		} else {
			if action == "enabled" || (action == "enabled-default" && len(pats) == 0) {
				continue
			}
			st = "disabled"
		}
		if !info {
			if !status && r.Enabled {
				st = ""
			}
			rows = append(rows, row{r.ID, r.Name, st})
			continue
		}
		text, n := repoInfo(r, loaded[r.ID], status, st)
		total += n
		infos = append(infos, text)
	}
	if len(infos) > 0 {
		fmt.Fprintln(w, strings.Join(infos, "\n\n"))
	}
	if info {
		fmt.Fprintf(w, "Total packages: %s\n", thousands(int64(total)))
		return nil
	}
	if len(rows) == 0 {
		return nil
	}
	idLen, nmLen, stLen := len("repo id"), 0, 0
	for _, r := range rows {
		idLen, nmLen, stLen = max(idLen, len(r.id)), max(nmLen, len(r.name)), max(stLen, len(r.status))
	}
	left := dnfColumns - (idLen + 1)
	if status {
		left = dnfColumns - (idLen + max(stLen, len("status")) + 2)
	}
	if left < nmLen {
		nmLen = left
	} else {
		left -= nmLen
		idLen += left / 2
		nmLen += left - left/2
	}
	fill := func(s string, n int) string {
		if len(s) > n {
			s = s[:max(n, 0)]
		}
		return s + strings.Repeat(" ", max(n-len(s), 0))
	}
	if !status {
		fmt.Fprintf(w, "%s %s\n", fill("repo id", idLen), "repo name")
		for _, r := range rows {
			fmt.Fprintf(w, "%s %s\n", fill(r.id, idLen), r.name)
		}
		return nil
	}
	fmt.Fprintf(w, "%s %s %s\n", fill("repo id", idLen), fill("repo name", nmLen), "status")
	for _, r := range rows {
		fmt.Fprintf(w, "%s %s %s\n", fill(r.id, idLen), fill(r.name, nmLen), r.status)
	}
	return nil
}

// repoInfo is one repository's Repo-* block of repolist -v / repoinfo and its package count.
func repoInfo(r *repo.Repo, l *pm.LoadedRepo, status bool, st string) (string, int) {
	var b strings.Builder
	kv := func(k, v string) { fmt.Fprintf(&b, "%-19s: %s\n", k, v) }
	kv("Repo-id", r.ID)
	kv("Repo-name", r.Name)
	if status {
		kv("Repo-status", st)
	}
	n := 0
	last := "unknown"
	if l != nil && l.Meta != nil && l.Index != nil {
		md := l.Meta.Repomd
		if md.Revision != "" {
			kv("Repo-revision", md.Revision)
		}
		if len(md.ContentTags) > 0 {
			tags := append([]string(nil), md.ContentTags...)
			sort.Strings(tags)
			kv("Repo-tags", strings.Join(tags, ", "))
		}
		var maxTS, size int64
		for _, d := range md.Data {
			maxTS = max(maxTS, d.Timestamp)
		}
		n = l.Index.Len()
		for i := 0; i < n; i++ {
			size += l.Index.Package(i).Size
		}
		kv("Repo-updated", dnfTime(time.Unix(maxTS, 0)))
		kv("Repo-pkgs", thousands(int64(n)))
		kv("Repo-available-pkgs", thousands(int64(n)))
		kv("Repo-size", humanSize(size))
		if fi, err := os.Stat(l.Meta.Dir); err == nil {
			last = dnfTime(fi.ModTime())
		}
	}
	switch {
	case r.Metalink != "":
		kv("Repo-metalink", r.Metalink)
	case r.Mirrorlist != "":
		kv("Repo-mirrors", r.Mirrorlist)
	}
	if len(r.BaseURLs) > 0 {
		kv("Repo-baseurl", strings.Join(r.BaseURLs, ", "))
	}
	switch {
	case r.MetadataExpire < 0:
		kv("Repo-expire", "Never (last: "+last+")")
	case r.MetadataExpire == 0:
		kv("Repo-expire", "Instant (last: "+last+")")
	default:
		kv("Repo-expire", fmt.Sprintf("%s second(s) (last: %s)", thousands(int64(r.MetadataExpire/time.Second)), last))
	}
	if len(r.ExcludePkgs) > 0 {
		kv("Repo-exclude", strings.Join(r.ExcludePkgs, ", "))
	}
	if len(r.IncludePkgs) > 0 {
		kv("Repo-include", strings.Join(r.IncludePkgs, ", "))
	}
	if file, _, ok := strings.Cut(r.Source, ":"); ok && r.Source != "--repofrompath" {
		kv("Repo-filename", file)
	}
	return strings.TrimSuffix(b.String(), "\n"), n
}

// dnfTime is dnf.util.normalize_time: the local time as "Mon Dec  7 01:05:30 2026".
func dnfTime(t time.Time) string { return t.Local().Format("Mon Jan _2 15:04:05 2006") }

// thousands formats a count with thousands separators, as dnf's _num2ui_num (locale C: none).
func thousands(n int64) string { return fmt.Sprintf("%d", n) }
