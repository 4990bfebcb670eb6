package cache

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
)

// section is one of a Builder's record arrays (packages, dependencies, files), encoded as
// the file stores it: in memory, or, for a spilling Builder (NewFileBuilder), streamed to
// an unlinked temporary file, so that building the index of a large repository holds only
// the string pool and its hash table in memory.
type section struct {
	buf []byte
	f   *os.File
	w   *bufio.Writer
	n   int // bytes written
	err error
	fix func([]byte) // applied to each record of a spilled section when it is copied out
}

func (s *section) reserve(n int) {
	if s.f == nil {
		s.buf = slices.Grow(s.buf, n)
	}
}

func (s *section) write(p []byte) {
	s.n += len(p)
	if s.f == nil {
		s.buf = append(s.buf, p...)
		return
	}
	if s.err == nil {
		_, s.err = s.w.Write(p)
	}
}

// copyTo writes the section's bytes to w; fix (or nil) is applied to each record of size
// bytes first.
func (s *section) copyTo(w io.Writer, size int, fix func([]byte)) error {
	if s.f == nil {
		if fix != nil {
			for i := 0; i+size <= len(s.buf); i += size {
				fix(s.buf[i : i+size])
			}
		}
		_, err := w.Write(s.buf)
		return err
	}
	if s.err != nil {
		return s.err
	}
	if err := s.w.Flush(); err != nil {
		return err
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	buf := make([]byte, min(size*(64<<10/size), s.n)) // s.n: whole records
	left := s.n
	for left > 0 {
		n, err := io.ReadFull(s.f, buf[:min(len(buf), left)])
		if err != nil {
			return fmt.Errorf("temporary section file: %w", err)
		}
		if fix != nil {
			for i := 0; i+size <= n; i += size {
				fix(buf[i : i+size])
			}
		}
		if _, err := w.Write(buf[:n]); err != nil {
			return err
		}
		left -= n
	}
	return nil
}

func (s *section) close() {
	if s.f != nil {
		s.f.Close()
		s.f, s.w = nil, nil
	}
}

// NewFileBuilder returns a Builder that streams its package, dependency and file records
// to temporary files in dir (unlinked at once: nothing is left behind by a crash) instead
// of keeping them in memory, and writes the packages' text file (text.go) as they come.
// It is finished with WriteFile; Close releases it early.
func NewFileBuilder(dir string) (*Builder, error) {
	b := NewBuilder()
	b.chunk, b.cold.chunk = poolChunk, poolChunk
	for _, s := range []*section{&b.pkgs, &b.deps, &b.files} {
		f, err := os.CreateTemp(dir, ".nidx-section-")
		if err != nil {
			b.Close()
			return nil, fmt.Errorf("building the metadata index: %w", err)
		}
		os.Remove(f.Name())
		s.f, s.w = f, bufio.NewWriterSize(f, 64<<10)
	}
	t, err := newTextWriter(dir)
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("building the metadata index: %w", err)
	}
	b.text = t
	return b, nil
}

// poolChunk is the chunk size of a file builder's string pool.
const poolChunk = 1 << 20

// Close releases a Builder's temporary files (WriteFile does it too).
func (b *Builder) Close() {
	if b.text != nil {
		b.text.abort()
		b.text = nil
	}
	b.pkgs.close()
	b.deps.close()
	b.files.close()
}

// WriteFile finishes the build by writing the index file to path atomically (what
// Index(key) followed by Index.WriteFile writes), without making an Index, and, for a
// spilling Builder, the text file beside it (TextPath) first. The Builder must not be
// used afterwards. The file is renamed into place without a sync (the text file is not
// synced either): it is a cache, Load checks its CRC-32C over the whole file, and the
// repository code rebuilds an index that fails it from the cached primary, so a power
// failure that tears it costs a rebuild; the sync cost every metadata refresh a wait
// behind the disk's other writers.
func (b *Builder) WriteFile(path, key string) error {
	defer b.Close()
	if b.err != nil {
		return b.err
	}
	if t := b.text; t != nil {
		b.text = nil
		if err := t.finish(TextPath(path), key); err != nil {
			return err
		}
	}
	pool := append(b.pieces(), b.cold.pieces()...)
	hot := uint32(b.count())
	offs := b.encodeOffs()
	b.offs, b.table, b.cold.offs, b.cold.table = nil, nil, nil, nil
	b.pkgs.fix = func(rec []byte) { finishPkg(rec, hot) }
	return fsutil.WriteFileRenamed(path, 0o644, func(f *os.File) error {
		_, err := writeSections(f, key, pool, offs, int(hot), &b.pkgs, &b.deps, &b.files)
		return err
	})
}
