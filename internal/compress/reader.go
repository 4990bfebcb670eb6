package compress

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz"
)

// Memory bounds of the decoders. Both are above what any real encoder
// picks (zstd -19 uses an 8 MiB window, --long 128 MiB; xz -9 a 64 MiB
// dictionary) and below what would let a few hostile bytes allocate
// gigabytes.
const (
	MaxZstdWindow = 128 << 20
	MaxXzDict     = 128 << 20
)

// NewReader returns a reader of the data in r decompressed with k. Bound
// the output with NewLimitedReader when r is untrusted.
func NewReader(k Kind, r io.Reader) (io.ReadCloser, error) {
	switch k {
	case None, Identity:
		return io.NopCloser(r), nil
	case Gzip:
		gr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("reading gzip header: %w", err)
		}
		return gr, nil
	case Xz:
		br := bufio.NewReader(r)
		if err := checkXzDict(br); err != nil {
			return nil, err
		}
		xr, err := xz.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("reading xz header: %w", err)
		}
		return io.NopCloser(xr), nil
	case Zstd:
		if zr, _ := zstdDecoders.Get().(*zstd.Decoder); zr != nil {
			if err := zr.Reset(r); err == nil {
				return &zstdReadCloser{zr}, nil
			}
			zr.Close()
		}
		zr, err := zstd.NewReader(r,
			zstd.WithDecoderConcurrency(1),
			zstd.WithDecoderMaxWindow(MaxZstdWindow),
			zstd.WithDecoderLowmem(true),
		)
		if err != nil {
			return nil, fmt.Errorf("creating zstd reader: %w", err)
		}
		return &zstdReadCloser{zr}, nil
	case Bzip2:
		return nil, fmt.Errorf("reading bzip2: not supported")
	}
	return nil, fmt.Errorf("reading %q: unknown compression", string(k))
}

// zstdDecoders holds decoders closed readers let go of, reset to no input: a transaction
// reads one zstd payload per package, and a new decoder's tables and buffers were a
// tenth of a 50-package install's allocations. With one goroutine (concurrency 1) a
// decoder runs no goroutines of its own, so one at rest in the pool holds only memory,
// which the pool drops at the collections.
var zstdDecoders sync.Pool

// zstdReadCloser adapts zstd.Decoder, whose Close returns nothing; Close gives the decoder
// back to zstdDecoders, and reading after it fails.
type zstdReadCloser struct{ d *zstd.Decoder }

func (z *zstdReadCloser) Read(p []byte) (int, error) {
	if z.d == nil {
		return 0, errReadAfterClose
	}
	return z.d.Read(p)
}

func (z *zstdReadCloser) Close() error {
	d := z.d
	if d == nil {
		return nil
	}
	z.d = nil
	if d.Reset(nil) == nil {
		zstdDecoders.Put(d)
	} else {
		d.Close()
	}
	return nil
}

var errReadAfterClose = errors.New("zstd: read after close")

// checkXzDict refuses a stream whose first block asks for a dictionary
// larger than MaxXzDict; ulikunitz/xz would allocate whatever the header
// says. Only the first block is checked (the library has no hook for the
// others), which covers what rpm, createrepo_c and single-threaded xz write.
//
// Layout (xz file format 1.0.4): a 12-byte stream header, then the block
// header: size byte (real size (b+1)*4), flags, optional compressed and
// uncompressed sizes (varints), then per filter an id and a property size
// (varints) and the properties. LZMA2 (id 0x21) has one property byte whose
// low 6 bits encode the dictionary size.
func checkXzDict(br *bufio.Reader) error {
	head, _ := br.Peek(12 + 1024)
	if len(head) < 14 || head[12] == 0 { // too short for xz to accept, or no block
		return nil
	}
	bh := head[12:]
	size := (int(bh[0]) + 1) * 4
	if len(bh) < size {
		return nil
	}
	bh = bh[:size-4] // drop the CRC32
	flags := bh[1]
	p := 2
	varint := func() (uint64, bool) {
		var v uint64
		for i := 0; i < 9 && p < len(bh); i++ {
			c := bh[p]
			p++
			v |= uint64(c&0x7f) << (7 * i)
			if c&0x80 == 0 {
				return v, true
			}
		}
		return 0, false
	}
	for _, present := range []bool{flags&0x40 != 0, flags&0x80 != 0} {
		if present {
			if _, ok := varint(); !ok {
				return nil
			}
		}
	}
	for i := 0; i <= int(flags&3); i++ {
		id, ok1 := varint()
		n, ok2 := varint()
		if !ok1 || !ok2 || n > uint64(len(bh)-p) {
			return nil
		}
		props := bh[p : p+int(n)]
		p += int(n)
		if id == 0x21 && n == 1 {
			if dict := xzDictSize(props[0]); dict > MaxXzDict {
				return fmt.Errorf("xz stream asks for a %d-byte dictionary, limit %d", dict, MaxXzDict)
			}
		}
	}
	return nil
}

// xzDictSize decodes LZMA2's dictionary size property.
func xzDictSize(b byte) int64 {
	b &= 0x3f
	if b > 40 {
		return 1 << 62 // invalid; let the size check reject it
	}
	if b == 40 {
		return 1<<32 - 1
	}
	return int64(2|b&1) << (b/2 + 11)
}
