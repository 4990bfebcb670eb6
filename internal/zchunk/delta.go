package zchunk

import (
	"bytes"
	"fmt"
	"io"
)

// Range is a byte range [Start, End) of the new file.
type Range struct{ Start, End int64 }

// Plan says where each chunk of a new file comes from.
type Plan struct {
	New  *Header
	Old  *Header
	From []int   // per chunk of New: index of the identical chunk in Old, or -1
	Need []Range // ranges of the new file to download, adjacent chunks merged
}

// Bytes is how many bytes Need covers.
func (p *Plan) Bytes() int64 {
	var n int64
	for _, r := range p.Need {
		n += r.End - r.Start
	}
	return n
}

// NewPlan matches the chunks of the new header against an old file's header
// by checksum (the same checksum type, and the same dictionary, or chunks
// compressed with another dictionary would not decompress). gap merges two
// needed runs separated by at most gap bytes into one range.
func NewPlan(old, cur *Header, gap int64) *Plan {
	p := &Plan{New: cur, Old: old, From: make([]int, len(cur.Chunks))}
	have := map[string]int{}
	if old != nil && old.ChunkHashType == cur.ChunkHashType && old.Compression == cur.Compression &&
		bytes.Equal(old.Chunks[0].Checksum, cur.Chunks[0].Checksum) && old.Chunks[0].Length == cur.Chunks[0].Length {
		for i, c := range old.Chunks {
			if c.Length > 0 {
				have[string(c.Checksum)] = i
			}
		}
	}
	for i, c := range cur.Chunks {
		p.From[i] = -1
		if c.Length == 0 {
			continue // nothing to fetch
		}
		j, ok := have[string(c.Checksum)]
		if ok && old.Chunks[j].Length == c.Length {
			p.From[i] = j
			continue
		}
		r := Range{c.Offset, c.Offset + c.Length}
		if n := len(p.Need); n > 0 && r.Start-p.Need[n-1].End <= gap {
			p.Need[n-1].End = r.End
		} else {
			p.Need = append(p.Need, r)
		}
	}
	return p
}

// Assemble writes the new file: its header, then every chunk from the old
// file (oldFile, a ReaderAt over the whole old zchunk file) or from fetched
// (which returns the bytes of the new file at [off, off+n) out of the ranges
// of p.Need). Every chunk's checksum and the data checksum are verified; on a
// mismatch the error says which chunk, and the caller downloads the whole file.
func (p *Plan) Assemble(w io.Writer, oldFile io.ReaderAt, fetched func(off, n int64) ([]byte, error)) error {
	if _, err := w.Write(p.New.Raw); err != nil {
		return err
	}
	data := newHash(p.New.HashType)
	for i, c := range p.New.Chunks {
		if c.Length == 0 {
			continue
		}
		var b []byte
		if j := p.From[i]; j >= 0 {
			oc := p.Old.Chunks[j]
			b = make([]byte, oc.Length)
			if _, err := oldFile.ReadAt(b, oc.Offset); err != nil {
				return fmt.Errorf("reading chunk %d of the old file: %w", j, err)
			}
		} else {
			var err error
			if b, err = fetched(c.Offset, c.Length); err != nil {
				return fmt.Errorf("chunk %d: %w", i, err)
			}
		}
		if int64(len(b)) != c.Length || !bytes.Equal(Sum(p.New.ChunkHashType, b), c.Checksum) {
			return formatErr("chunk %d (bytes %d-%d) does not match its checksum", i, c.Offset, c.Offset+c.Length-1)
		}
		data.Write(b)
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	if !p.New.dataUnchecked() && !bytes.Equal(data.Sum(nil)[:digestSize(p.New.HashType)], p.New.DataChecksum) {
		return formatErr("assembled data does not match the data checksum")
	}
	return nil
}
