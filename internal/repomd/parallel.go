package repomd

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
)

// Parallel reading of primary.xml. The uncompressed stream is read into chunk buffers of
// about chunkSize bytes, cut at "\n<package" boundaries (createrepo_c starts every package
// on a new line). Each chunk, wrapped in a synthetic <metadata> root, is tokenized on one
// of several goroutines by a scanner working directly on the chunk's memory, so names and
// values come out as views of the chunk without copies. The packages are handed to the
// callback in document order; then the chunk's buffer and Package values are recycled,
// which keeps memory bounded by the number of chunks in flight.
//
// Positions in errors are exact: each chunk's scanner starts at the chunk's offset and
// line. A document whose packages do not start lines is still read correctly: after
// maxChunk bytes without a boundary the rest of the stream becomes one streaming chunk.

// defaultChunk is the target chunk size; defaultMaxChunk bounds the buffering when no
// package boundary shows up.
const (
	defaultChunk    = 256 << 10
	defaultMaxChunk = 16 << 20
)

// PrimaryOptions tune ReadPrimaryParallel.
type PrimaryOptions struct {
	Workers int  // parser goroutines (0: GOMAXPROCS)
	Lean    bool // skip description, packager, url, license, vendor, group, buildhost
	// Text keeps description, url and license when Lean skips the other free text (the
	// index builder writes them apart: cache's text file).
	Text bool
	// OnCount, when set, receives packages="N" (or -1) before the first package.
	OnCount func(int)

	chunkSize, maxChunk int // tests use small values; 0 means the defaults
}

// chunk is one piece of the document and, once parsed, its packages. Chunks are
// recycled through a free list.
type chunk struct {
	buf     []byte    // prefix + data + suffix
	pre     int       // length of the synthetic prefix in buf
	rest    io.Reader // the unsplit remainder of the stream (last chunk only), or nil
	off     int64     // stream offset of the data
	line    int       // newlines before the data
	first   bool
	last    bool
	dataLen int // length of the data after the prefix (without the suffix)

	pkgs  []*Package // parsed packages (the slice and Package values are reused)
	arena []Dep      // their dependencies (reused)
	small smallInterner
	n     int // valid entries of pkgs
	count int // packages="N" (first chunk), -1 if absent
	err   error
	done  chan struct{}
}

var (
	chunkOpen  = []byte("<metadata>")
	chunkClose = []byte("</metadata>")
)

// ReadPrimaryParallel reads an uncompressed primary.xml like ReadPrimary, parsing chunks
// of it concurrently; fn is called from the calling goroutine, in document order, and
// must not keep the Package (its memory is reused). It returns the packages="N" attribute
// of the root (-1 when absent).
func ReadPrimaryParallel(r io.Reader, opts PrimaryOptions, fn func(*Package) error) (int, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if opts.chunkSize <= 0 {
		opts.chunkSize = defaultChunk
	}
	if opts.maxChunk <= 0 {
		opts.maxChunk = defaultMaxChunk
	}
	// A document of at most one chunk (a small repository's) is parsed on this goroutine,
	// as the one chunk split would make of it: goroutines would only wait for it, and
	// their start and stack growth cost a small command resident pages (docs/pm.md, "The
	// package-manager binary"). A larger one is read on from the bytes read here.
	head := make([]byte, opts.chunkSize)
	n, err := io.ReadFull(r, head)
	switch err {
	case nil:
		r = io.MultiReader(bytes.NewReader(head), r)
	case io.EOF, io.ErrUnexpectedEOF:
		return readOneChunk(head[:n], opts, fn)
	default:
		return -1, &ParseError{Doc: "primary.xml", Line: 1 + bytes.Count(head[:n], []byte{'\n'}), Offset: int64(n), Msg: "reading", Err: err}
	}
	inflight := workers + 2
	free := make(chan *chunk, inflight)
	for range inflight {
		free <- &chunk{done: make(chan struct{}, 1)}
	}
	jobs := make(chan *chunk, inflight)
	order := make(chan *chunk, inflight)
	stop := make(chan struct{})
	defer close(stop)
	for range workers {
		go func() {
			for c := range jobs {
				parseChunk(c, opts.Lean, opts.Text)
				c.done <- struct{}{}
			}
		}()
	}
	splitErr := make(chan error, 1)
	go func() {
		defer close(order)
		defer close(jobs)
		splitErr <- split(r, opts.chunkSize, opts.maxChunk, free, stop, func(c *chunk) bool {
			select {
			case order <- c:
			case <-stop:
				return false
			}
			jobs <- c // never blocks: at most inflight chunks exist
			return true
		})
	}()
	count := -1
	for c := range order {
		select {
		case <-c.done:
		case <-stop:
		}
		if c.err != nil {
			return count, c.err
		}
		if c.first {
			count = c.count
			if opts.OnCount != nil {
				opts.OnCount(count)
			}
		}
		for _, p := range c.pkgs[:c.n] {
			if err := fn(p); err != nil {
				return count, err
			}
		}
		free <- c
	}
	return count, <-splitErr
}

// readOneChunk parses a whole document held in data, as ReadPrimaryParallel parses its
// only chunk.
func readOneChunk(data []byte, opts PrimaryOptions, fn func(*Package) error) (int, error) {
	c := &chunk{buf: data, first: true, last: true, dataLen: len(data), count: -1}
	parseChunk(c, opts.Lean, opts.Text)
	if c.err != nil {
		return -1, c.err
	}
	if opts.OnCount != nil {
		opts.OnCount(c.count)
	}
	for _, p := range c.pkgs[:c.n] {
		if err := fn(p); err != nil {
			return c.count, err
		}
	}
	return c.count, nil
}

// split reads r into chunks taken from free and emits them, each ending just before a
// "\n<package" line.
func split(r io.Reader, chunkSize, maxChunk int, free chan *chunk, stop chan struct{}, emit func(*chunk) bool) error {
	var off int64
	line := 0
	first := true
	var carry []byte // bytes read past the previous cut
	sep := []byte("\n<package")
	for {
		var c *chunk
		select {
		case c = <-free:
		case <-stop:
			return nil
		}
		c.rest, c.first, c.last, c.err, c.n, c.count = nil, first, false, nil, 0, -1
		c.off, c.line = off, line
		c.pre = 0
		if !first {
			c.pre = len(chunkOpen)
		}
		need := max(chunkSize+chunkSize/4, c.pre+len(carry)+64<<10)
		if cap(c.buf) < need {
			c.buf = make([]byte, 0, need)
		}
		buf := append(c.buf[:0], chunkOpen[:c.pre]...)
		buf = append(buf, carry...)
		eof := false
		for {
			if cap(buf)-len(buf) < 64<<10 {
				nb := make([]byte, len(buf), 2*cap(buf))
				copy(nb, buf)
				buf = nb
			}
			n, err := r.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			if err == io.EOF {
				eof = true
			} else if err != nil {
				return &ParseError{Doc: "primary.xml", Line: line + 1 + bytes.Count(buf[c.pre:], []byte{'\n'}), Offset: off + int64(len(buf)-c.pre), Msg: "reading", Err: err}
			}
			if eof || len(buf)-c.pre >= chunkSize {
				break
			}
		}
		data := buf[c.pre:]
		cut := len(data)
		if !eof {
			i := lastPackageStart(data, sep)
			switch {
			case i >= 0:
				cut = i + 2 // keep the '\n' in this chunk
			case len(data) < maxChunk:
				// One big package: read on into a bigger buffer.
				c.buf = buf
				carry = append(carry[:0], data...)
				free <- c
				continue
			default:
				// No line structure: parse the rest as one streaming chunk, so memory
				// stays bounded whatever the input.
				c.buf, c.rest, c.last, c.dataLen = buf, r, true, len(data)
				emit(c)
				return nil
			}
		}
		carry = append(carry[:0], data[cut:]...)
		buf = buf[:c.pre+cut]
		c.dataLen = cut
		c.last = eof
		if !eof {
			buf = append(buf, chunkClose...)
		}
		c.buf = buf
		line += bytes.Count(data[:cut], []byte{'\n'})
		off += int64(cut)
		first = false
		if !emit(c) || eof {
			return nil
		}
	}
}

// ErrNotSplittable is returned (wrapped) by ReadPrimaryParallel when a chunk boundary
// falls where the document's structure does not allow a cut (inside a comment, a CDATA
// section or an element other than the root). The caller reads such a document again
// with the sequential reader, which is what cache.FromPrimary does.
var ErrNotSplittable = errors.New("document cannot be parsed in chunks")

// lastPackageStart returns the position of the last "\n<package" followed by a tag
// delimiter in data (past its first byte), or -1.
func lastPackageStart(data, sep []byte) int {
	end := len(data)
	for {
		i := bytes.LastIndex(data[1:end], sep)
		if i < 0 {
			return -1
		}
		j := 1 + i + len(sep)
		if j < len(data) {
			switch data[j] {
			case ' ', '\t', '\r', '\n', '>', '/':
				return i
			}
		}
		end = 1 + i
	}
}

// parseChunk parses one chunk into its Package values.
func parseChunk(c *chunk, lean, text bool) {
	base := c.off - int64(c.pre)
	var s *scanner
	if c.rest != nil {
		s = newScanner("primary.xml", io.MultiReader(bytes.NewReader(c.buf), c.rest))
		s.base, s.lineNo = base, c.line
	} else {
		s = newBytesScanner("primary.xml", c.buf, base, c.line)
		if !c.last {
			s.cut = c.pre + c.dataLen
		}
	}
	if c.small.m == nil {
		c.small.m = map[string]string{}
	}
	pr := &PrimaryReader{s: s, Count: -1, small: c.small, Lean: lean, Text: text, noOrdinal: !c.first}
	pr.intern = func(b []byte) string { return string(b) }
	pr.arena, pr.chunkArena = c.arena[:0], true
	defer func() { c.arena = pr.arena }()
	if err := openRoot(pr.s, "metadata", &pr.Count); err != nil {
		c.err = classify(c, err)
		return
	}
	c.count = pr.Count
	for {
		var p *Package
		if c.n < len(c.pkgs) {
			p = c.pkgs[c.n]
			resetPackage(p)
		} else {
			p = &Package{}
			c.pkgs = append(c.pkgs, p)
		}
		err := pr.nextInto(p)
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			c.err = classify(c, err)
			return
		}
		c.n++
	}
}

// classify turns an error of a chunk that is not the last into ErrNotSplittable when it
// comes from the cut rather than the document: it lies in the synthetic closing tag, or
// it is an unterminated construct running into the cut. Errors inside a cleanly cut
// chunk are the document's own and keep their exact position.
func classify(c *chunk, err error) error {
	var pe *ParseError
	if c.last || !errors.As(err, &pe) {
		return err
	}
	if pe.Offset >= c.off+int64(c.dataLen) || strings.HasPrefix(pe.Msg, "unterminated") || strings.HasPrefix(pe.Msg, "unexpected end") {
		return fmt.Errorf("primary.xml near offset %d: %w", c.off+int64(c.dataLen), ErrNotSplittable)
	}
	return err
}
