package rpm

import (
	"bytes"
	"testing"
)

// BenchmarkReadHeaders measures reading the lead, the signature header and the main header
// and decoding the full Info (deps, file list), the work of `rpm -qp` and of repo indexing.
// bench/rpm-headers.sh runs it beside `rpm -qp --qf` on the same packages and prints the ratio.
func BenchmarkReadHeaders(b *testing.B) {
	pkg := writeSample(b, WriteOptions{})
	b.SetBytes(int64(len(pkg)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		p, err := ReadHeaders(bytes.NewReader(pkg))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := FromHeader(p.Header); err != nil {
			b.Fatal(err)
		}
	}
}
