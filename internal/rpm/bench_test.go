package rpm

import (
	"bytes"
	"os"
	"path/filepath"
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

// BenchmarkReadHeaderFiles opens and decodes every package in $NIMBUS_BENCH_RPMS (set by
// bench/rpm-headers.sh): real file I/O, per-package cost reported as ns/op.
func BenchmarkReadHeaderFiles(b *testing.B) {
	dir := os.Getenv("NIMBUS_BENCH_RPMS")
	if dir == "" {
		b.Skip("NIMBUS_BENCH_RPMS is not set; bench/rpm-headers.sh sets it")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.rpm"))
	if len(files) == 0 {
		b.Fatalf("no packages in %s", dir)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		name := files[i%len(files)]
		f, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		p, err := ReadHeaders(f)
		if err == nil {
			_, err = FromHeader(p.Header)
		}
		f.Close()
		if err != nil {
			b.Fatalf("%s: %v", name, err)
		}
	}
}
