package compress

import (
	"fmt"
	"io"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz"
)

// NewWriter returns a writer that compresses with k at level into w.
// Level 0 picks the kind's default (DefaultGzipLevel and friends); gzip
// takes 1..9, xz 0..9 (xz's presets, which here only set the dictionary
// size) and zstd 1..22 (mapped onto klauspost/compress's four speeds).
// Closing the returned writer flushes the stream but does not close w.
func NewWriter(k Kind, w io.Writer, level int) (io.WriteCloser, error) {
	switch k {
	case None, Identity:
		return nopWriteCloser{w}, nil
	case Gzip:
		if level == 0 {
			level = DefaultGzipLevel
		}
		if level < 1 || level > 9 {
			return nil, fmt.Errorf("gzip level %d outside 1..9", level)
		}
		// No name, mtime 0: the header is the same on every run.
		gw, err := gzip.NewWriterLevel(w, level)
		if err != nil {
			return nil, fmt.Errorf("creating gzip writer: %w", err)
		}
		return gw, nil
	case Xz:
		if level == 0 {
			level = DefaultXzLevel
		}
		if level < 0 || level > 9 {
			return nil, fmt.Errorf("xz level %d outside 0..9", level)
		}
		cfg := xz.WriterConfig{DictCap: xzPresetDict[level], CheckSum: xz.CRC64}
		xw, err := cfg.NewWriter(w)
		if err != nil {
			return nil, fmt.Errorf("creating xz writer: %w", err)
		}
		return xw, nil
	case Zstd:
		if level == 0 {
			level = DefaultZstdLevel
		}
		if level < 1 || level > 22 {
			return nil, fmt.Errorf("zstd level %d outside 1..22", level)
		}
		zw, err := zstd.NewWriter(w,
			zstd.WithEncoderConcurrency(1), // one goroutine: deterministic block split
			zstd.WithEncoderLevel(zstd.EncoderLevelFromZstd(level)),
			zstd.WithEncoderCRC(true),
		)
		if err != nil {
			return nil, fmt.Errorf("creating zstd writer: %w", err)
		}
		return zw, nil
	case Bzip2:
		return nil, fmt.Errorf("writing bzip2: not supported")
	}
	return nil, fmt.Errorf("writing %q: unknown compression", string(k))
}

// xzPresetDict is the dictionary size of xz's presets 0..9.
var xzPresetDict = [10]int{
	256 << 10, 1 << 20, 2 << 20, 4 << 20, 4 << 20,
	8 << 20, 8 << 20, 16 << 20, 32 << 20, 64 << 20,
}

type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }
