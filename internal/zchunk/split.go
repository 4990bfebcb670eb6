package zchunk

import (
	"bytes"
	"hash/fnv"
)

// SplitOptions tunes Split.
type SplitOptions struct {
	Every int // a cut is made after a package whose name hashes to 0 modulo Every (default 4)
	Max   int // a chunk never grows past this many bytes when a package boundary allows a cut (default 64 KiB)
}

// Split cuts an rpm-md XML document (primary, filelists, other, updateinfo)
// into chunks at element boundaries, as createrepo_c cuts primary at package
// boundaries: the text before the first package (with its packages="N" count)
// is a chunk of its own, and a cut follows a package when a hash of that
// package's first line after the start tag says so. The cut points depend only
// on the packages around them, so a change to 1% of the packages changes
// about 1% of the chunks and the rest keep their checksums.
func Split(doc []byte, o SplitOptions) [][]byte {
	if o.Every <= 0 {
		o.Every = 4
	}
	if o.Max <= 0 {
		o.Max = 64 << 10
	}
	starts := elementStarts(doc)
	if len(starts) == 0 {
		return [][]byte{doc}
	}
	var out [][]byte
	out = append(out, doc[:starts[0]])
	begin := starts[0]
	for i, s := range starts {
		end := len(doc)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		last := i+1 == len(starts)
		if last || end-begin >= o.Max || cutAfter(doc[s:end], o.Every) {
			out = append(out, doc[begin:end])
			begin = end
		}
	}
	return out
}

// elementStarts finds the lines that open a package (primary, filelists,
// other) or an update (updateinfo).
func elementStarts(doc []byte) []int {
	var starts []int
	for _, tag := range [][]byte{[]byte("\n<package"), []byte("\n  <package"), []byte("\n<update "), []byte("\n  <update ")} {
		for off := 0; ; {
			i := bytes.Index(doc[off:], tag)
			if i < 0 {
				break
			}
			starts = append(starts, off+i+1)
			off += i + len(tag)
		}
		if len(starts) > 0 {
			return starts
		}
	}
	return nil
}

// cutAfter hashes the identifying text of one element: the start tag line and
// the next line (primary puts <name> there, filelists and other the name in
// the start tag, updateinfo the <id> a few lines down).
func cutAfter(el []byte, every int) bool {
	key := el
	n := 0
	for i, c := range el {
		if c == '\n' {
			n++
			if n == 3 {
				key = el[:i]
				break
			}
		}
	}
	h := fnv.New32a()
	h.Write(key)
	return h.Sum32()%uint32(every) == 0
}
