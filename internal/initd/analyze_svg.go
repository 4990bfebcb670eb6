package initd

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"time"
)

// Bar classes of the boot chart, one per kind of row.
const (
	barKernel    = "kernel"
	barUserspace = "userspace"
	barStage     = "stage"
	barProvision = "provision"
	barUnit      = "unit"
)

// chartBar is one row of the boot chart.
type chartBar struct {
	class, name, note string
	start, end        time.Duration
}

// bars lists the chart's rows top to bottom: kernel, userspace, the boot stages, the
// provisioning stages, the units in order of activation.
func (a *Analysis) bars() []chartBar {
	var out []chartBar
	if a.Kernel > 0 {
		out = append(out, chartBar{barKernel, "kernel", "", 0, a.Kernel})
	}
	if a.Ready > 0 {
		out = append(out, chartBar{barUserspace, "userspace (nimbus-init)", "", a.Kernel, a.Ready})
	}
	for _, s := range a.Stages {
		note := s.Note
		if s.Error != "" {
			note = noteOf("FAILED: "+s.Error, note)
		}
		out = append(out, chartBar{barStage, s.Stage, note, s.Start, s.Start + s.Duration})
	}
	if a.Provision != nil {
		for _, s := range a.Provision.Stages {
			note := s.Skipped
			if s.Error != "" {
				note = "FAILED: " + s.Error
			}
			out = append(out, chartBar{barProvision, "provision: " + s.Name, note, s.Start, s.Start + s.Duration})
		}
	}
	for _, u := range a.Units {
		end := u.End
		if end == 0 {
			end = u.Start + u.Duration
		}
		out = append(out, chartBar{barUnit, u.Unit, "", u.Start, end})
	}
	return out
}

// tickStep picks a round step for at most about 20 ticks over total.
func tickStep(total time.Duration) time.Duration {
	for _, s := range []time.Duration{10 * time.Millisecond, 20 * time.Millisecond, 50 * time.Millisecond,
		100 * time.Millisecond, 200 * time.Millisecond, 500 * time.Millisecond, time.Second,
		2 * time.Second, 5 * time.Second, 10 * time.Second, 30 * time.Second, time.Minute} {
		if total/s <= 20 {
			return s
		}
	}
	return total / 20
}

// WriteSVG draws the boot chart as systemd-analyze plot does: one bar per boot stage,
// provisioning stage and unit on a time axis from the kernel's start, the userspace span,
// and lines at "ready" and "user-data done". Each bar is an SVG rect of class kernel,
// userspace, stage, provision or unit, with a title giving its times.
func (a *Analysis) WriteSVG(w io.Writer) error {
	const (
		left, top, rowH, barH, plotW, labelW = 10, 50, 20, 14, 1000, 420
	)
	bars := a.bars()
	total := a.Ready
	if a.UserData > total {
		total = a.UserData
	}
	for _, b := range bars {
		if b.end > total {
			total = b.end
		}
	}
	if total <= 0 {
		total = time.Second
	}
	x := func(d time.Duration) float64 { return left + float64(d)/float64(total)*plotW }
	height := top + rowH*len(bars) + 40
	var buf bytes.Buffer
	esc := func(s string) string {
		var b bytes.Buffer
		_ = xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	sec := func(d time.Duration) string { return fmt.Sprintf("%.3fs", d.Seconds()) }
	fmt.Fprintf(&buf, `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">
<style>
text { font-family: monospace; font-size: 11px; }
.kernel { fill: #d0d0d0; } .userspace { fill: #a8c8f0; } .stage { fill: #4a90d9; }
.provision { fill: #e8a33d; } .unit { fill: #6bb36b; }
.tick { stroke: #e0e0e0; } .mark { stroke: #c00000; stroke-dasharray: 4 3; }
</style>
<rect width="100%%" height="100%%" fill="white"/>
`, left+plotW+labelW, height, left+plotW+labelW, height)
	title := fmt.Sprintf("Startup finished in %s (kernel) + %s (userspace) = %s", sec(a.Kernel), sec(a.Userspace), sec(a.Ready))
	if a.UserData > 0 {
		title += "; user-data done at " + sec(a.UserData)
	}
	fmt.Fprintf(&buf, "<text x=\"%d\" y=\"20\" style=\"font-size:14px\">%s</text>\n", left, esc(title))
	step := tickStep(total)
	for i := time.Duration(0); i <= total/step; i++ {
		t := i * step
		fmt.Fprintf(&buf, "<line class=\"tick\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>\n", x(t), top-10, x(t), height-30)
		fmt.Fprintf(&buf, "<text x=\"%.1f\" y=\"%d\">%s</text>\n", x(t)+2, top-14, sec(t))
	}
	for i, b := range bars {
		y := top + i*rowH
		wd := x(b.end) - x(b.start)
		if wd < 1 {
			wd = 1 // an instant still shows
		}
		label := fmt.Sprintf("%s %s", b.name, sec(b.end-b.start))
		if b.note != "" {
			label += " (" + b.note + ")"
		}
		fmt.Fprintf(&buf, "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"><title>%s</title></rect>\n",
			b.class, x(b.start), y, wd, barH, esc(fmt.Sprintf("%s: %s to %s (%s)", b.name, sec(b.start), sec(b.end), sec(b.end-b.start))))
		fmt.Fprintf(&buf, "<text x=\"%.1f\" y=\"%d\">%s</text>\n", x(b.start)+wd+4, y+barH-3, esc(label))
	}
	for i, m := range []struct {
		at   time.Duration
		name string
	}{{a.Ready, "ready"}, {a.UserData, "user-data done"}} {
		if m.at <= 0 {
			continue
		}
		fmt.Fprintf(&buf, "<line class=\"mark\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>\n", x(m.at), top-10, x(m.at), height-30)
		fmt.Fprintf(&buf, "<text x=\"%.1f\" y=\"%d\" fill=\"#c00000\">%s %s</text>\n", x(m.at)+2, height-18+12*i, esc(m.name), sec(m.at))
	}
	buf.WriteString("</svg>\n")
	_, err := w.Write(buf.Bytes())
	return err
}
