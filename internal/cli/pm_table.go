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
	dl, inst := plan.Sizes()
	fmt.Fprintln(w)
	if plan.Empty() {
		return // group changes only: dnf shows no sizes
	}
	if dl > 0 {
		fmt.Fprintf(w, "Total size: %s\n", humanSize(dl))
	}
	if inst >= 0 {
		fmt.Fprintf(w, "Installed size: %s\n", humanSize(inst))
	} else {
		fmt.Fprintf(w, "Freed space: %s\n", humanSize(-inst))
	}
}

// humanSize formats bytes as dnf does: 512, 3.4 k, 12 M.
func humanSize(n int64) string {
	f := float64(n)
	for _, u := range []string{"", " k", " M", " G"} {
		if f < 1024 || u == " G" {
			if u == "" {
				return fmt.Sprintf("%d", n)
			}
			if f < 10 {
				return fmt.Sprintf("%.1f%s", f, u)
			}
			return fmt.Sprintf("%.0f%s", f, u)
		}
		f /= 1024
	}
	return fmt.Sprint(n)
}
