package repo

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// Progress draws a one-line download progress bar on a terminal. A nil *Progress does
// nothing, which is what non-terminal output gets (quiet logs).
type Progress struct {
	mu    sync.Mutex
	w     io.Writer
	label string
	total int64 // -1 when unknown
	done  int64
	last  time.Time
	now   func() time.Time
}

// NewProgress returns a bar writing to w (which must be a terminal; the caller decides).
func NewProgress(w io.Writer, label string, total int64) *Progress {
	return &Progress{w: w, label: label, total: total, now: time.Now}
}

// Add records n more bytes and redraws at most ten times a second.
func (p *Progress) Add(n int64) {
	if p == nil || n == 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	if t := p.now(); t.Sub(p.last) >= 100*time.Millisecond {
		p.last = t
		p.draw()
	}
}

func (p *Progress) draw() {
	const width = 30
	if p.total > 0 {
		fill := int(float64(width) * float64(p.done) / float64(p.total))
		if fill > width {
			fill = width
		}
		bar := make([]byte, width)
		for i := range bar {
			bar[i] = ' '
			if i < fill {
				bar[i] = '='
			}
		}
		fmt.Fprintf(p.w, "\r%-24.24s [%s] %s / %s", p.label, bar, human(p.done), human(p.total))
		return
	}
	fmt.Fprintf(p.w, "\r%-24.24s %s", p.label, human(p.done))
}

// Done draws the final state and ends the line.
func (p *Progress) Done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.draw()
	fmt.Fprintln(p.w)
}

func human(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
