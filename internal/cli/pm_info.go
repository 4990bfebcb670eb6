package cli

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"golang.org/x/text/width"

	"github.com/nimbus-linux/nimbus/internal/pm"
)

func newInfoCmd(e *env) *cobra.Command {
	var installed, available bool
	c := &cobra.Command{
		Use:     "info [--installed|--available] [PATTERN...]",
		Aliases: []string{"if"},
		Short:   "Describe installed and available packages",
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := openBase(e, !installed)
			if err != nil {
				return err
			}
			if !installed && !available {
				installed, available = true, true
			}
			inst, avail := b.InfoPackages(args, installed, available)
			if len(inst)+len(avail) == 0 {
				return &ExitError{Code: 1, Err: fmt.Errorf("Error: No matching Packages to list")}
			}
			di, err := b.InfoDetails(inst)
			if err != nil {
				return err
			}
			if e.pm.verbose {
				if err := b.InfoVerbose(e.ctx, inst, di); err != nil {
					return err
				}
			}
			da, err := b.InfoDetails(avail)
			if err != nil {
				return err
			}
			if e.pm.asJSON {
				doc := jsonPackages{Version: pm.JSONVersion, Packages: []pm.JSONPackage{}}
				for k, id := range inst {
					doc.Packages = append(doc.Packages, b.JSONDetails(id, di[k]))
				}
				for k, id := range avail {
					doc.Packages = append(doc.Packages, b.JSONDetails(id, da[k]))
				}
				return writeJSON(e, doc)
			}
			real, _ := termColumns(e.stdout)
			printInfoSection(e.stdout, "Installed Packages", di, real, e.pm.verbose)
			printInfoSection(e.stdout, "Available Packages", da, real, e.pm.verbose)
			return nil
		},
	}
	c.Flags().BoolVar(&installed, "installed", false, "installed packages only")
	c.Flags().BoolVar(&available, "available", false, "available packages only")
	c.Flags().BoolVar(&e.pm.asJSON, "json", false, "print the packages as JSON (beyond dnf)")
	return c
}

// printInfoSection prints a section as dnf's listPkgs does for info: the title, then the
// packages' descriptions sorted as text (a set: an identical one once), each followed by
// an empty line. Nothing when there are no packages.
func printInfoSection(w io.Writer, title string, ds []pm.Details, cols int, verbose bool) {
	if len(ds) == 0 {
		return
	}
	blocks := make([]string, 0, len(ds))
	for _, d := range ds {
		blocks = append(blocks, infoOutputV(d, cols, verbose)+"\n")
	}
	slices.Sort(blocks)
	blocks = slices.Compact(blocks)
	fmt.Fprintln(w, title)
	fmt.Fprintln(w, strings.Join(blocks, "\n"))
}

// infoOutput is dnf 4.14's Output.infoOutput (not verbose): one "Key : value" line per
// field, the key padded to 12 columns; Summary, License and Description wrapped to the
// terminal (fmtKeyValFill). cols is the terminal's real width, 0 when there is none (no
// wrapping then, as in dnf). The Epoch line only for a non-zero epoch, URL only when
// there is one, From repo only for an installed package whose repository dnf's history
// knows; a package without a source rpm shows Python's None.
func infoOutput(d pm.Details, cols int) string { return infoOutputV(d, cols, false) }

// infoOutputV is infoOutput, with verbose (-v) also dnf's Packager (Python's None when
// there is none), Buildtime, and for an installed package Install time and Installed by
// (when the history knows the transaction), the times as dnf's normalize_time
// (strftime("%c") in local time, the C locale's form).
func infoOutputV(d pm.Details, cols int, verbose bool) string {
	var lines []string
	kv := func(k, v string) { lines = append(lines, fillExactWidth(k, 12)+" : "+v) }
	fill := func(k, v string) { lines = append(lines, fmtKeyValFill(fillExactWidth(k, 12)+" : ", v, cols)) }
	kv("Name", d.Name)
	if d.Epoch != "" && d.Epoch != "0" {
		kv("Epoch", d.Epoch)
	}
	kv("Version", d.Version)
	kv("Release", d.Release)
	kv("Architecture", d.Arch)
	kv("Size", humanSizeFloat(d.Size))
	src := d.Source
	if src == "" {
		src = "None"
	}
	kv("Source", src)
	kv("Repository", d.Repo)
	if d.FromRepo != "" {
		kv("From repo", d.FromRepo)
	}
	if verbose {
		packager := d.Packager
		if packager == "" {
			packager = "None"
		}
		kv("Packager", packager)
		ctime := func(t int64) string { return time.Unix(t, 0).Format("Mon Jan _2 15:04:05 2006") }
		kv("Buildtime", ctime(d.BuildTime))
		if d.InstallTime != 0 {
			kv("Install time", ctime(d.InstallTime))
		}
		if d.HasInstalledBy {
			kv("Installed by", uiUser(d.InstalledBy))
		}
	}
	fill("Summary", d.Summary)
	if d.URL != "" {
		kv("URL", d.URL)
	}
	fill("License", d.License)
	fill("Description", d.Description)
	return strings.Join(lines, "\n")
}

// fillExactWidth is dnf's fill_exact_width(msg, n, n): msg cut or padded to n columns.
func fillExactWidth(msg string, n int) string {
	w := 0
	for i, r := range msg {
		if w+runeWidth(r) > n {
			msg = msg[:i]
			break
		}
		w += runeWidth(r)
	}
	return msg + strings.Repeat(" ", n-w)
}

// fmtKeyValFill is dnf's Output.fmtKeyValFill: val wrapped after key to cols columns
// (cols 0: not a terminal, no wrapping; at least 20), continuation lines indented to the
// colon. An empty value is the key alone.
func fmtKeyValFill(key, val string, cols int) string {
	keylen := exactWidth(key)
	switch {
	case cols == 0:
		cols = math.MaxInt
	case cols < 20:
		cols = 20
	}
	if val == "" {
		return key
	}
	ret := textwrapFill(val, cols, key, strings.Repeat(" ", keylen-2)+": ")
	if strings.Count(ret, "\n") > 1 && keylen > cols/3 {
		ret = textwrapFill(val, cols, key, "     ...: ")
	}
	return ret
}

// textwrapFill is dnf's i18n.textwrap_fill, which wraps paragraphs but keeps lists and
// indented blocks apart: text's lines are joined and wrapped at spaces to width columns,
// except that an empty line, a list item ("- ", "* ", ". ", "o " after any indent) or a
// line indented by 4 or more (other than the one before) starts a new line; a wrapped list
// item's continuation lines are indented under its text.
func textwrapFill(text string, width int, initial, subsequent string) string {
	text = strings.TrimRight(text, "\n")
	lines := strings.Split(strings.ReplaceAll(text, "\t", "        "), "\n")
	var ret []string
	indent := initial
	wrapLast := false
	csab, cspc := 0, 0
	for _, line := range lines {
		line = strings.TrimRight(line, " ")
		lsab, lspc := csab, cspc
		csab, cspc = indentAtBeg(line)
		forceNL := false
		if wrapLast && cspc != 0 {
			forceNL = true // a list starts
		}
		if wrapLast && csab == len(line) {
			forceNL = true // an empty line
		}
		if wrapLast && lspc == 0 && csab >= 4 && csab != lsab {
			forceNL = true // a block indented, not a list's continuation
		}
		if forceNL {
			ret = append(ret, strings.TrimRight(indent, " "))
			indent = subsequent
			wrapLast = false
		}
		if csab == len(line) {
			line = ""
		}
		if wrapLast {
			line = strings.TrimLeft(line, " ")
			cspc = lspc
		}
		if exactWidth(indent+line) <= width {
			wrapLast = false
			ret = append(ret, indent+line)
			indent = subsequent
			continue
		}
		wrapLast = true
		words := strings.Split(line, " ")
		line = indent
		spcs := cspc
		if spcs == 0 && csab >= 4 {
			spcs = csab
		}
		for _, word := range words {
			if width < exactWidth(line+word) && exactWidth(line) > exactWidth(subsequent) {
				ret = append(ret, strings.TrimRight(line, " "))
				line = subsequent + strings.Repeat(" ", spcs)
			}
			line += word + " "
		}
		indent = strings.TrimRight(line, " ") + " "
	}
	if wrapLast {
		ret = append(ret, strings.TrimRight(indent, " "))
	}
	return strings.Join(ret, "\n")
}

// indentAtBeg is textwrap_fill's _indent_at_beg: the spaces a line starts with, and, when
// it is a list item ("-", "*", "." or "o" followed by an indent), where its text starts.
func indentAtBeg(line string) (int, int) {
	count := 0
	var c byte = 'X'
	for i := 0; i < len(line); i++ {
		c = line[i]
		if c != ' ' {
			break
		}
		count++
	}
	if c != '-' && c != '*' && c != '.' && c != 'o' {
		return count, 0
	}
	// dnf's list also names "\xe2" (a UTF-8 lead byte, in Python 3 the character 'â',
	// which is no list character) and bullets that the first test has already let go.
	s, n := indentAtBeg(line[count+1:])
	if s != 0 || n != 0 {
		if n == 0 {
			n = s
		}
		return count, count + 1 + n
	}
	return count, 0
}

// exactWidth is dnf's exact_width: the columns s takes, East Asian wide and fullwidth
// characters two.
func exactWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	if r < utf8.RuneSelf {
		return 1
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}
