package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/pm"
)

// printPlan prints the transaction table and summary the way dnf 4 does.
func printPlan(w io.Writer, base *pm.Base, plan *pm.Plan) {
	rows := append(plan.Rows(), plan.SkippedRows()...)
	wn, wa, wv, wr := len("Package"), len("Architecture"), len("Version"), len("Repository")
	for _, r := range rows {
		wn, wa, wv, wr = max(wn, len(r.Name)), max(wa, len(r.Arch)), max(wv, len(r.EVR)), max(wr, len(r.Repo))
	}
	line := strings.Repeat("=", max(80, wn+wa+wv+wr+15))
	fmt.Fprintln(w, line)
	fmt.Fprintf(w, " %-*s %-*s %-*s %-*s %6s\n", wn, "Package", wa, "Architecture", wv, "Version", wr, "Repository", "Size")
	fmt.Fprintln(w, line)
	for i, sec := range append(pm.Sections, "Skipping packages with broken dependencies") {
		if i == len(pm.Sections) {
			printCompsSections(w, plan, len(line))
		}
		first := true
		for _, r := range rows {
			if r.Section != sec {
				continue
			}
			if first {
				fmt.Fprintf(w, "%s:\n", sec)
				first = false
			}
			fmt.Fprintf(w, " %-*s %-*s %-*s %-*s %6s\n", wn, r.Name, wa, r.Arch, wv, r.EVR, wr, r.Repo, humanSize(r.Size))
			if r.Replacing != "" {
				fmt.Fprintf(w, "     replacing  %s\n", r.Replacing)
			}
		}
	}
	printModuleRows(w, base.ModuleRows(plan), wn+1+wa)
	fmt.Fprintln(w, "\nTransaction Summary")
	fmt.Fprintln(w, line)
	c := plan.Counts()
	for _, s := range []struct {
		label string
		n     int
	}{{"Install", c[pm.ActInstall]}, {"Upgrade", c[pm.ActUpgrade]}, {"Reinstall", c[pm.ActReinstall]},
		{"Remove", c[pm.ActRemove] + c[pm.ActObsoleted]}, {"Downgrade", c[pm.ActDowngrade]}, {"Skip", len(plan.Skipped)}} {
		if s.n > 0 {
			word := "Packages"
			if s.n == 1 {
				word = "Package"
			}
			fmt.Fprintf(w, "%-10s %d %s\n", s.label, s.n, word)
		}
	}
	fmt.Fprintln(w)
	if plan.Empty() {
		return // group changes only: dnf shows no sizes
	}
	r := plan.Report()
	if r.RemoveOnly {
		fmt.Fprintf(w, "Freed space: %s\n", humanSize(r.Freed))
		return
	}
	if r.Local > 0 {
		fmt.Fprintf(w, "Total size: %s\n", humanSize(r.Total))
	}
	if r.Local != r.Total {
		fmt.Fprintf(w, "Total download size: %s\n", humanSize(r.Total-r.Local))
	}
	if r.InstallOnly {
		fmt.Fprintf(w, "Installed size: %s\n", humanSize(r.Installed))
	}
}

// humanSize formats a byte count as dnf's format_number formats an integer (the summary
// lines, the transaction table): up to 999 as it is, followed by dnf's two spaces ("8  ");
// above, divided by 1024 until at most 999, with one decimal below 9.95 ("1.0 k" for
// 1000, "5.9 k") and none above ("12 M").
func humanSize(n int64) string {
	if n <= 999 {
		return fmt.Sprintf("%d  ", n)
	}
	return formatNumber(float64(n))
}

// humanSizeFloat is format_number of a float, as dnf's info prints a package's size:
// small sizes get a decimal too ("8.0  ").
func humanSizeFloat(n int64) string { return formatNumber(float64(n)) }

func formatNumber(f float64) string {
	const units = " kMGTPEZY"
	d := 0
	for f > 999 && d < len(units)-1 {
		f /= 1024
		d++
	}
	if f < 9.95 {
		return fmt.Sprintf("%.1f %c", f, units[d])
	}
	return fmt.Sprintf("%.0f %c", f, units[d])
}
