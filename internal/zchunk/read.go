package zchunk

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"

	"github.com/klauspost/compress/zstd"
)

// zstdDictMagic starts a zstd dictionary in the trained format; anything else
// is a raw-content dictionary.
const zstdDictMagic = 0xEC30A437

// Decoder decompresses the chunks of one file.
type Decoder struct {
	h    *Header
	zd   *zstd.Decoder
	dict []byte
}

// NewDecoder prepares decompression for h; dict is the compressed dictionary
// chunk (the first h.Chunks[0].Length bytes of the data), verified here.
func NewDecoder(h *Header, dict []byte) (*Decoder, error) {
	d := &Decoder{h: h}
	dc := h.Chunks[0]
	if int64(len(dict)) != dc.Length {
		return nil, formatErr("dictionary is %d bytes, the index says %d", len(dict), dc.Length)
	}
	if dc.Length > 0 {
		if !bytes.Equal(Sum(h.ChunkHashType, dict), dc.Checksum) {
			return nil, formatErr("dictionary checksum mismatch")
		}
		plain, err := d.decompress(dict, dc.Size)
		if err != nil {
			return nil, fmt.Errorf("dictionary: %w", err)
		}
		d.dict = plain
	}
	if h.Compression == CompZstd {
		opts := []zstd.DOption{zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(1 << 30)}
		if len(d.dict) >= 8 && binary.LittleEndian.Uint32(d.dict) == zstdDictMagic {
			opts = append(opts, zstd.WithDecoderDicts(d.dict))
		} else if len(d.dict) > 0 {
			opts = append(opts, zstd.WithDecoderDictRaw(0, d.dict))
		}
		zd, err := zstd.NewReader(nil, opts...)
		if err != nil {
			return nil, formatErr("dictionary: %v", err)
		}
		d.zd = zd
	}
	return d, nil
}

// Close releases the decompressor.
func (d *Decoder) Close() {
	if d.zd != nil {
		d.zd.Close()
	}
}

func (d *Decoder) decompress(comp []byte, size int64) ([]byte, error) {
	switch d.h.Compression {
	case CompNone:
		if int64(len(comp)) != size {
			return nil, formatErr("uncompressed chunk of %d bytes, the index says %d", len(comp), size)
		}
		return comp, nil
	case CompZstd:
		zd := d.zd
		if zd == nil { // the dictionary itself is compressed without a dictionary
			var err error
			if zd, err = zstd.NewReader(nil, zstd.WithDecoderConcurrency(1)); err != nil {
				return nil, err
			}
			defer zd.Close()
		}
		out, err := zd.DecodeAll(comp, make([]byte, 0, min(size, 64<<20)))
		if err != nil {
			return nil, formatErr("zstd: %v", err)
		}
		if int64(len(out)) != size {
			return nil, formatErr("chunk decompresses to %d bytes, the index says %d", len(out), size)
		}
		return out, nil
	}
	return nil, formatErr("unknown compression type %d", d.h.Compression)
}

// Chunk verifies the compressed bytes of chunk i (i ≥ 1) and returns them
// decompressed.
func (d *Decoder) Chunk(i int, comp []byte) ([]byte, error) {
	c := d.h.Chunks[i]
	if int64(len(comp)) != c.Length {
		return nil, formatErr("chunk %d is %d bytes, the index says %d", i, len(comp), c.Length)
	}
	if !bytes.Equal(Sum(d.h.ChunkHashType, comp), c.Checksum) {
		return nil, formatErr("chunk %d checksum mismatch", i)
	}
	out, err := d.decompress(comp, c.Size)
	if err != nil {
		return nil, fmt.Errorf("chunk %d: %w", i, err)
	}
	if c.Uncompressed != nil && !bytes.Equal(Sum(d.h.ChunkHashType, out), c.Uncompressed) {
		return nil, formatErr("chunk %d uncompressed checksum mismatch", i)
	}
	return out, nil
}

// Decompress reads a whole zchunk file from r and writes its content (stream 1,
// or every chunk when the file has no streams) to w, verifying the header, the
// data checksum and every chunk. limit bounds the decompressed size.
func Decompress(r io.Reader, w io.Writer, limit int64) (*Header, error) {
	h, err := ReadHeader(r)
	if err != nil {
		return nil, err
	}
	data := newHash(h.HashType)
	read := func(n int64) ([]byte, error) {
		buf := make([]byte, 0, min(n, 16<<20))
		b := bytes.NewBuffer(buf)
		if _, err := io.CopyN(b, r, n); err != nil {
			return nil, formatErr("data truncated: %v", err)
		}
		data.Write(b.Bytes())
		return b.Bytes(), nil
	}
	dict, err := read(h.Chunks[0].Length)
	if err != nil {
		return nil, err
	}
	d, err := NewDecoder(h, dict)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	var total int64
	for i := 1; i < len(h.Chunks); i++ {
		c := h.Chunks[i]
		total += c.Size
		if limit > 0 && total > limit {
			return nil, formatErr("content larger than the limit of %d bytes", limit)
		}
		comp, err := read(c.Length)
		if err != nil {
			return nil, err
		}
		out, err := d.Chunk(i, comp)
		if err != nil {
			return nil, err
		}
		if h.Flags&FlagStreams != 0 && c.Stream != 1 {
			continue
		}
		if _, err := w.Write(out); err != nil {
			return nil, err
		}
	}
	if !h.dataUnchecked() && !bytes.Equal(data.Sum(nil)[:digestSize(h.HashType)], h.DataChecksum) {
		return nil, formatErr("data checksum mismatch")
	}
	return h, nil
}

// dataUnchecked reports a file without a data checksum: zck -u writes zeros
// there (its chunks carry checksums of their uncompressed bytes instead).
func (h *Header) dataUnchecked() bool {
	return h.Flags&FlagUncompressed != 0 && bytes.Count(h.DataChecksum, []byte{0}) == len(h.DataChecksum)
}
