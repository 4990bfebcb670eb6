package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/pm"
)

// doneSections are the sections of dnf 4.14's summary after a transaction
// (dnf.util._post_transaction_output), in its order, with the plan sections each takes.
// An upgrade shows its new package under Upgraded; the package it replaced, like one
// obsoleted, is not listed.
var doneSections = []struct {
	title string
	from  []string
}{
	{"Upgraded", []string{"Upgrading"}},
	{"Downgraded", []string{"Downgrading"}},
	{"Installed", []string{"Installing", "Installing group/module packages", "Installing weak dependencies", "Installing dependencies"}},
	{"Reinstalled", []string{"Reinstalling"}},
	{"Skipped", []string{"Skipping packages with broken dependencies"}},
	{"Removed", []string{"Removing", "Removing dependent packages", "Removing unused dependencies"}},
}

// printDone prints what a finished transaction did, as dnf does: each section's packages
// sorted by name, EVR and arch, laid out in columns (dnf's Output._pto_callback).
func printDone(w io.Writer, plan *pm.Plan) {
	bySection := map[string][]pm.Row{}
	for _, r := range append(plan.Rows(), plan.SkippedRows()...) {
		bySection[r.Section] = append(bySection[r.Section], r)
	}
	fmt.Fprintln(w)
	for _, s := range doneSections {
		var rows []pm.Row
		for _, f := range s.from {
			rows = append(rows, bySection[f]...)
		}
		if len(rows) == 0 {
			continue
		}
		sort.SliceStable(rows, func(i, j int) bool {
			a, b := rows[i], rows[j]
			if a.Name != b.Name {
				return a.Name < b.Name
			}
			if c := evr.Compare(evr.ParseLax(a.EVR), evr.ParseLax(b.EVR)); c != 0 {
				return c < 0
			}
			return a.Arch < b.Arch
		})
		msgs := make([]string, len(rows))
		for i, r := range rows {
			msgs[i] = r.Name + "-" + r.EVR + "." + r.Arch
		}
		fmt.Fprintf(w, "%s:\n", s.title)
		printColumns(w, msgs)
	}
	fmt.Fprintln(w)
}

// printColumns lays msgs out as dnf's post-transaction output does on an 80-column
// non-terminal: the most columns (8 down to 2) whose widest entries fit, the space left
// shared among them, every entry left-aligned and padded; else one entry per line.
func printColumns(w io.Writer, msgs []string) {
	var cols []int
	for num := 8; num >= 2 && cols == nil; num-- {
		cols = fitColumns(msgs, num)
	}
	if cols == nil {
		cols = []int{dnfColumns - 2}
	}
	for len(msgs) > 0 {
		n := min(len(cols), len(msgs))
		var b strings.Builder
		b.WriteString("  ")
		for i, m := range msgs[:n] {
			if i > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%-*s", cols[i], m)
		}
		fmt.Fprintln(w, b.String())
		msgs = msgs[n:]
	}
}

// fitColumns is dnf's _fits_in_cols: the widths of num columns, nil when they do not fit.
func fitColumns(msgs []string, num int) []int {
	if len(msgs) < num {
		return nil
	}
	left := dnfColumns - ((num - 1) + 2)
	lens := make([]int, num)
	for i, m := range msgs {
		col := i % num
		if len(m) > lens[col] {
			diff := len(m) - lens[col]
			if left <= diff {
				return nil
			}
			left -= diff
			lens[col] = len(m)
		}
	}
	for i := range lens {
		lens[i] += left / num
	}
	return lens
}
