package repomd

import (
	"bytes"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// TestParallelMatchesSequential: the parallel reader gives the same packages in the same
// order as the sequential one, on the real AppStream primary.
func TestParallelMatchesSequential(t *testing.T) {
	rc, _ := openAppStreamPrimary(t)
	data, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		t.Fatal(err)
	}
	var seq []*Package
	if err := ReadPrimary(bytes.NewReader(data), func(p *Package) error { seq = append(seq, p); return nil }); err != nil {
		t.Fatal(err)
	}
	i := 0
	count, err := ReadPrimaryParallel(bytes.NewReader(data), PrimaryOptions{Workers: 3}, func(p *Package) error {
		if i < len(seq) && !reflect.DeepEqual(normalize(p), normalize(seq[i])) {
			a, b := reflect.ValueOf(*p), reflect.ValueOf(*seq[i])
			for f := 0; f < a.NumField(); f++ {
				if !reflect.DeepEqual(a.Field(f).Interface(), b.Field(f).Interface()) {
					t.Errorf("package %d %s: field %s: %v vs %v", i, p.Name, a.Type().Field(f).Name, a.Field(f).Interface(), b.Field(f).Interface())
				}
			}
			t.FailNow()
		}
		i++
		return nil
	})
	if err != nil || count != 17649 || i != len(seq) {
		t.Fatalf("parallel: err %v, count %d, %d packages, want %d", err, count, i, len(seq))
	}
}

// TestParallelSmallChunks exercises the splitter with tiny chunks: boundaries, documents
// without line structure, and errors with exact positions in later chunks; and the same
// documents read whole as one chunk (the default chunk size) on the calling goroutine.
func TestParallelSmallChunks(t *testing.T) {
	prim, _, _ := writeDocs(append(samplePackages(), samplePackages()...))
	oneLine := bytes.ReplaceAll(prim, []byte("\n"), []byte(" "))
	broken := bytes.Replace(prim, []byte("<name>tiny-data</name>"), []byte(""), 2)
	cases := []struct {
		name string
		doc  []byte
		want string // error substring, "" for success
	}{
		{"lines", prim, ""},
		{"one line", oneLine, ""},
		{"missing name in a later chunk", broken, "has no name"},
		{"truncated", prim[:len(prim)-40], "unterminated tag"},
	}
	for _, c := range cases {
		// 0: the default, one chunk for these documents, read on the calling goroutine;
		// around the document's length: the one-chunk read's edge.
		for _, chunk := range []int{300, 0, len(c.doc) - 1, len(c.doc), len(c.doc) + 1} {
			t.Run(c.name+"/chunk "+strconv.Itoa(chunk), func(t *testing.T) { smallChunksCase(t, c.doc, c.want, chunk) })
		}
	}
}

// smallChunksCase reads doc with chunks of about chunk bytes (0: the default) and checks
// the result against the sequential reader's: the package count, or the error (want)
// at the same position.
func smallChunksCase(t *testing.T, doc []byte, want string, chunk int) {
	var seqN int
	seqErr := ReadPrimary(bytes.NewReader(doc), func(*Package) error { seqN++; return nil })
	n := 0
	_, err := ReadPrimaryParallel(bytes.NewReader(doc), PrimaryOptions{Workers: 2, chunkSize: chunk, maxChunk: 2000}, func(*Package) error { n++; return nil })
	if want == "" {
		if err != nil || n != 4 || seqErr != nil || seqN != 4 {
			t.Fatalf("parallel %v (%d packages), sequential %v (%d)", err, n, seqErr, seqN)
		}
		return
	}
	if err == nil || !strings.Contains(err.Error(), want) || seqErr == nil {
		t.Fatalf("got %v, want %q (sequential: %v)", err, want, seqErr)
	}
	// Same position as the sequential reader reports.
	pe, se := err.(*ParseError), seqErr.(*ParseError)
	if pe.Line != se.Line || pe.Offset != se.Offset {
		t.Errorf("position %d/%d, sequential %d/%d", pe.Line, pe.Offset, se.Line, se.Offset)
	}
}

// normalize copies p with empty slices as nil (reused packages keep empty slices).
func normalize(p *Package) Package {
	q := *p
	for k := range q.Deps {
		if len(q.Deps[k]) == 0 {
			q.Deps[k] = nil
		}
	}
	if len(q.Files) == 0 {
		q.Files = nil
	}
	if len(q.Changelogs) == 0 {
		q.Changelogs = nil
	}
	return q
}
