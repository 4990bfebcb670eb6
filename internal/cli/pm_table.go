package cli

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"golang.org/x/sys/unix"

	"github.com/nimbus-linux/nimbus/internal/pm"
)

// pkgTableSections are the package sections of dnf 4.14's transaction table, in its order
// (output.py list_transaction).
var pkgTableSections = []string{
	"Installing", "Upgrading", "Reinstalling", "Installing group/module packages", "Installing dependencies",
	"Installing weak dependencies", "Removing", "Removing dependent packages", "Removing unused dependencies", "Downgrading",
}

// printPlan prints the transaction table and summary the way dnf 4.14 does (output.py
// list_transaction): the columns sized by calcColumns for the terminal's width, or for 80
// columns when stdout is not a terminal.
func printPlan(w io.Writer, base *pm.Base, plan *pm.Plan) {
	rows := append(plan.Rows(), plan.SkippedRows()...)
	data := []map[int]int{{}, {}, {}, {}, {}}
	aw := 0
	for _, r := range rows {
		data[0][len(r.Name)]++
		data[2][len(r.EVR)]++
		data[3][len(r.Repo)]++
		aw = max(aw, len(r.Arch))
	}
	real, cols := termColumns(w)
	c := calcColumns([]map[int]int{data[0], {}, data[2], data[3], {}}, []int{1, aw, 1, 1, 5}, 2, real, "  ", cols)
	wn, wa, wv, wr, ws := c[0], c[1], c[2], c[3], c[4]
	line := strings.Repeat("=", max(cols, wn+wa+wv+wr+ws+5))
	shortLong := func(width int, short, long string) string {
		if len(long) <= width {
			return long
		}
		return short
	}
	fmt.Fprintln(w, line)
	fmt.Fprint(w, fmtColumns(" ", "", []string{"Package", shortLong(wa, "Arch", "Architecture"), "Version", shortLong(wr, "Repo", "Repository"), "Size"}, []int{-wn, -wa, -wv, -wr, ws}))
	fmt.Fprintln(w)
	fmt.Fprintln(w, line)
	row := func(r pm.Row) {
		fmt.Fprint(w, fmtColumns(" ", "\n", []string{r.Name, r.Arch, r.EVR, r.Repo, humanSize(r.Size)}, []int{-wn, -wa, -wv, -wr, ws}))
		for _, o := range r.Replacing {
			fmt.Fprintf(w, "     replacing  %s\n", o)
		}
	}
	section := func(sec string) {
		first := true
		for _, r := range rows {
			if r.Section != sec {
				continue
			}
			if first {
				fmt.Fprintf(w, "%s:\n", sec)
				first = false
			}
			row(r)
		}
	}
	for _, sec := range pkgTableSections {
		section(sec)
	}
	printModuleRows(w, base.ModuleRows(plan), wn+1+wa)
	printCompsSections(w, plan, len(line))
	section("Skipping packages with broken dependencies")
	fmt.Fprintln(w, "\nTransaction Summary")
	fmt.Fprintln(w, line)
	counts := plan.Counts()
	type sumLine struct {
		label string
		n     int
	}
	var sums []sumLine
	maxLabel, maxCount := 0, 0
	// dnf counts no obsoleted package under Remove: they are the "replacing" lines; and
	// dnf 4.14's summary has no Reinstall line (output.py's summary_data)
	for _, s := range []sumLine{{"Install", counts[pm.ActInstall]}, {"Upgrade", counts[pm.ActUpgrade]},
		{"Remove", counts[pm.ActRemove]}, {"Downgrade", counts[pm.ActDowngrade]}, {"Skip", len(plan.Skipped)}} {
		if s.n > 0 {
			sums = append(sums, s)
			maxLabel, maxCount = max(maxLabel, len(s.label)), max(maxCount, len(fmt.Sprint(s.n)))
		}
	}
	for _, s := range sums { // dnf's '%s  %*d %s'
		word := "Packages"
		if s.n == 1 {
			word = "Package"
		}
		fmt.Fprintf(w, "%-*s  %*d %s\n", maxLabel, s.label, maxCount, s.n, word)
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

// termColumns is dnf's terminal width: the real width of the terminal w writes to (0 when
// it is not a terminal) and the width to lay out for (the real one, at least 20; 80 when
// there is none).
func termColumns(w io.Writer) (real, cols int) {
	if f, ok := w.(*os.File); ok {
		if ws, err := unix.IoctlGetWinsize(int(f.Fd()), unix.TIOCGWINSZ); err == nil && ws.Col > 0 {
			return int(ws.Col), max(int(ws.Col), 20)
		}
	}
	return 0, 80
}

// calcColumns is dnf's Output.calcColumns: data holds per column the lengths of its values
// (length -> how many), columns the minimum widths. Without a terminal width (total 0) the
// columns are as wide as their longest values if that is wider than defaultWidth; otherwise
// the space of total (or defaultWidth) is handed out to the columns where it fits the most
// values, the rest split evenly, the odd spaces to the remainder column.
func calcColumns(data []map[int]int, columns []int, remainder, total int, indent string, defaultWidth int) []int {
	type tup struct{ length, n int }
	cols := len(data)
	sd := make([][]tup, cols)
	for d, m := range data {
		for l, n := range m {
			sd[d] = append(sd[d], tup{l, n})
		}
		sort.Slice(sd[d], func(i, j int) bool { return sd[d][i].length < sd[d][j].length })
	}
	columns = append([]int(nil), columns...)
	if total == 0 {
		full := make([]int, cols)
		sum := 0
		for d := range sd {
			if len(sd[d]) > 0 {
				full[d] = sd[d][len(sd[d])-1].length
			} else {
				full[d] = columns[d] + 1
			}
		}
		full[0] += len(indent)
		for _, f := range full {
			sum += f
		}
		if sum > defaultWidth {
			return full
		}
		total = defaultWidth
	}
	for _, c := range columns {
		total -= c
	}
	total -= cols - 1 + len(indent)
	if columns[cols-1] == 0 {
		total++
	}
	helpsOf := func(current int, tups []tup, left int) int {
		ret := 0
		for _, t := range tups {
			if left < t.length-current {
				break
			}
			ret += t.n
		}
		return ret
	}
	for total > 0 {
		helps, val := 0, 0
		for d := 0; d < cols; d++ {
			th := helpsOf(columns[d], sd[d], total)
			if th == 0 {
				continue
			}
			if helps != 0 && d == cols-1 && float64(th)/2 < float64(helps) {
				continue
			}
			if th < helps {
				continue
			}
			helps, val = th, d
		}
		if helps != 0 {
			diff := sd[val][0].length - columns[val]
			sd[val] = sd[val][1:]
			if columns[val] == 0 && val == cols-1 {
				total--
			}
			columns[val] += diff
			total -= diff
			continue
		}
		overflowed := 0
		for d := 0; d < cols; d++ {
			if len(sd[d]) > 0 {
				overflowed++
			}
		}
		if overflowed > 0 {
			norm := total / overflowed
			for d := 0; d < cols; d++ {
				if len(sd[d]) > 0 {
					columns[d] += norm
					total -= norm
				}
			}
		}
		cols--
		norm := total / cols
		for d := 0; d < cols; d++ {
			columns[d] += norm
		}
		columns[remainder] += total - cols*norm
		total = 0
	}
	return columns
}

// fmtColumns is dnf's Output.fmtColumns: each value in its width (negative: left
// aligned), a space between; a value longer than its column goes on and the next one
// starts on a new line under its column. The last column is not cut either.
func fmtColumns(msg, end string, vals []string, widths []int) string {
	var b strings.Builder
	b.WriteString(msg)
	total := len(msg)
	for i, v := range vals[:len(vals)-1] {
		width, left := widths[i], widths[i] < 0
		if left {
			width = -width
		}
		if width == 0 {
			b.WriteString(v)
			continue
		}
		if len(v) <= width {
			pad := strings.Repeat(" ", width-len(v))
			if left {
				b.WriteString(v + pad + " ")
			} else {
				b.WriteString(pad + v + " ")
			}
		} else {
			b.WriteString(v + "\n" + strings.Repeat(" ", total+width+1))
		}
		total += width + 1
	}
	v, width := vals[len(vals)-1], widths[len(widths)-1]
	left := width < 0
	if left {
		width = -width
	}
	if pad := width - len(v); pad > 0 {
		if left {
			v += strings.Repeat(" ", pad)
		} else {
			v = strings.Repeat(" ", pad) + v
		}
	}
	b.WriteString(v + end)
	return b.String()
}
