package publish

import (
	"io"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// progressBar is the uploads' progress bar (mpb), absent unless a terminal was given.
type progressBar struct {
	p   *mpb.Progress
	bar *mpb.Bar
}

func (u *uploader) startBar(w io.Writer, total int) {
	if w == nil {
		return
	}
	u.bar.p = mpb.New(mpb.WithOutput(w), mpb.WithWidth(40))
	u.bar.bar = u.bar.p.AddBar(int64(total),
		mpb.PrependDecorators(decor.Name("publishing "), decor.CountersNoUnit("%d / %d objects")),
		mpb.AppendDecorators(decor.Percentage()))
}

func (u *uploader) tick(n int) {
	if u.bar.bar != nil {
		u.bar.bar.IncrBy(n)
	}
}

func (u *uploader) stopBar() {
	if u.bar.p != nil {
		u.bar.bar.Abort(false)
		u.bar.p.Wait()
	}
}
