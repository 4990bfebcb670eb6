package zchunk

import (
	"io"
	"runtime"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// WriteOptions configures Write. The zero value writes what zck writes by
// default: SHA-256 header checksum, SHA-512/128 chunk checksums, zstd.
type WriteOptions struct {
	ChunkHash  int // chunk checksum type (SHA256, SHA512, SHA512128); 0 means SHA512128
	Level      int // zstd level (klauspost's speed levels 1-4); 0 means best
	NoCompress bool
	Dict       []byte // optional zstd dictionary (trained or raw content), stored in the file
	// Uncompressed adds the checksum of every uncompressed chunk (zck -u).
	Uncompressed bool
}

// Write writes a zchunk file whose chunks are the given uncompressed pieces
// (Split cuts a document into them) and returns its header.
func Write(w io.Writer, chunks [][]byte, o WriteOptions) (*Header, error) {
	ct := o.ChunkHash
	if ct == 0 {
		ct = SHA512128
	}
	comp := CompZstd
	if o.NoCompress {
		comp = CompNone
	}
	level := zstd.SpeedBestCompression
	if o.Level > 0 {
		level = zstd.EncoderLevel(o.Level)
	}
	plainEnc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(level), zstd.WithEncoderConcurrency(1), zstd.WithZeroFrames(true))
	if err != nil {
		return nil, err
	}
	defer plainEnc.Close()
	enc := plainEnc
	if len(o.Dict) > 0 && comp == CompZstd {
		opt := zstd.WithEncoderDictRaw(0, o.Dict)
		if len(o.Dict) >= 8 && o.Dict[0] == 0x37 && o.Dict[1] == 0xA4 && o.Dict[2] == 0x30 && o.Dict[3] == 0xEC {
			opt = zstd.WithEncoderDict(o.Dict)
		}
		if enc, err = zstd.NewWriter(nil, zstd.WithEncoderLevel(level), zstd.WithEncoderConcurrency(1), zstd.WithZeroFrames(true), opt); err != nil {
			return nil, err
		}
		defer enc.Close()
	}
	var dict []byte
	if len(o.Dict) > 0 {
		if comp == CompZstd {
			dict = plainEnc.EncodeAll(o.Dict, nil)
		} else {
			dict = o.Dict
		}
	}
	out := make([][]byte, len(chunks))
	if comp == CompNone {
		copy(out, chunks)
	} else {
		// EncodeAll is safe for concurrent use.
		var wg sync.WaitGroup
		next := make(chan int)
		for range runtime.GOMAXPROCS(0) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					out[i] = enc.EncodeAll(chunks[i], nil)
				}
			}()
		}
		for i := range chunks {
			next <- i
		}
		close(next)
		wg.Wait()
	}

	const ht = SHA256
	ds := digestSize(ht)
	var flags uint64
	if o.Uncompressed {
		flags |= FlagUncompressed
	}
	entry := func(ix []byte, comp, plain []byte, empty bool) []byte {
		if empty {
			ix = append(ix, make([]byte, digestSize(ct))...)
			if o.Uncompressed {
				ix = append(ix, make([]byte, digestSize(ct))...)
			}
		} else {
			ix = append(ix, Sum(ct, comp)...)
			if o.Uncompressed {
				ix = append(ix, Sum(ct, plain)...)
			}
		}
		ix = appendCI(ix, uint64(len(comp)))
		return appendCI(ix, uint64(len(plain)))
	}
	ix := appendCI(nil, uint64(ct))
	ix = appendCI(ix, uint64(len(chunks)+1))
	ix = entry(ix, dict, o.Dict, len(dict) == 0)
	data := newHash(ht)
	data.Write(dict)
	for i := range chunks {
		ix = entry(ix, out[i], chunks[i], false)
		data.Write(out[i])
	}
	rest := append([]byte(nil), data.Sum(nil)...)
	rest = appendCI(rest, flags)
	rest = appendCI(rest, uint64(comp))
	rest = appendCI(rest, uint64(len(ix)))
	rest = append(rest, ix...)
	rest = appendCI(rest, 0) // no signatures

	lead := append([]byte(Magic), appendCI(nil, ht)...)
	lead = appendCI(lead, uint64(len(rest)))
	sum := newHash(ht)
	sum.Write(lead)
	sum.Write(rest)
	hdr := append(lead, sum.Sum(nil)[:ds]...)
	hdr = append(hdr, rest...)
	if _, err := w.Write(hdr); err != nil {
		return nil, err
	}
	if _, err := w.Write(dict); err != nil {
		return nil, err
	}
	for _, c := range out {
		if _, err := w.Write(c); err != nil {
			return nil, err
		}
	}
	return ParseHeader(hdr)
}
