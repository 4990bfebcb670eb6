package rpm

import (
	"bytes"
	"io"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/compress"
)

// FuzzRead feeds arbitrary bytes to the package reader, the header decoder and the payload
// reader: errors are fine, panics and runaway allocations are not.
func FuzzRead(f *testing.F) {
	good := writeSample(f, WriteOptions{Compressor: compress.Gzip, Level: 1})
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add(good[:200])
	f.Add([]byte{0xed, 0xab, 0xee, 0xdb})
	f.Add(writeSample(f, WriteOptions{Compressor: compress.Zstd, Level: 1}))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		if info, err := FromHeader(p.Header); err == nil {
			_ = info.NEVRA()
		}
		ar, err := p.OpenPayload()
		if err != nil {
			return
		}
		defer ar.Close()
		for i := 0; i < 1000; i++ {
			if _, err := ar.Next(); err != nil {
				return
			}
			if _, err := io.Copy(io.Discard, io.LimitReader(ar, 1<<20)); err != nil {
				return
			}
		}
	})
}

// FuzzParseHeaderBlob is the rpmdb entry point: a header blob without magic.
func FuzzParseHeaderBlob(f *testing.F) {
	good := writeSample(f, WriteOptions{Compressor: compress.Gzip, Level: 1})
	p, err := Read(bytes.NewReader(good))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(p.Header.Blob())
	f.Add(p.Signature.Blob())
	f.Add([]byte{0, 0, 0, 1, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, blob []byte) {
		h, err := ParseHeaderBlob(blob)
		if err != nil {
			return
		}
		for _, tg := range h.Tags() {
			h.Strings(tg)
			h.Ints(tg)
			h.Bin(tg)
			h.String(tg)
		}
		_, _ = FromHeader(h)
	})
}
