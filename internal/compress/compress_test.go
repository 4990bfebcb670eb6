package compress

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os/exec"
	"strings"
	"testing"
)

// corpus is compressible but not trivial: text with some noise.
func corpus(n int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	for b.Len() < n {
		fmt.Fprintf(&b, "package nimbus-%d.%d-%d.x86_64 %x\n", rng.IntN(10), rng.IntN(100), rng.IntN(5), rng.Uint32())
	}
	return b.Bytes()[:n]
}

func compress(t testing.TB, k Kind, level int, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(k, &buf, level)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func decompress(t testing.TB, k Kind, data []byte) []byte {
	t.Helper()
	r, err := NewReader(k, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var kindLevels = []struct {
	kind   Kind
	levels []int
}{
	{None, []int{0}},
	{Identity, []int{0}},
	{Gzip, []int{0, 1, 6, 9}},
	{Xz, []int{0, 1, 6, 9}},
	{Zstd, []int{0, 1, 3, 7, 19, 22}},
}

func TestRoundTripAndDeterminism(t *testing.T) {
	inputs := map[string][]byte{"empty": {}, "small": []byte("hello\n"), "256KiB": corpus(256 << 10)}
	for _, kl := range kindLevels {
		for _, level := range kl.levels {
			for name, in := range inputs {
				t.Run(fmt.Sprintf("%s/%d/%s", kl.kind, level, name), func(t *testing.T) {
					c1 := compress(t, kl.kind, level, in)
					c2 := compress(t, kl.kind, level, in)
					if !bytes.Equal(c1, c2) {
						t.Error("two compressions of the same input differ")
					}
					if got := decompress(t, kl.kind, c1); !bytes.Equal(got, in) {
						t.Errorf("round trip gave %d bytes, want %d", len(got), len(in))
					}
					if !kl.kind.uncompressed() && len(in) > 0 {
						if d := Detect(c1); d != kl.kind {
							t.Errorf("Detect = %q, want %q", d, kl.kind)
						}
					}
				})
			}
		}
	}
}

// TestDeterministicAcrossWriteSizes: the output must not depend on how the
// caller chunks its writes (rpm's payload writer writes file by file).
func TestDeterministicAcrossWriteSizes(t *testing.T) {
	in := corpus(1 << 20)
	for _, k := range []Kind{Gzip, Xz, Zstd} {
		t.Run(string(k), func(t *testing.T) {
			whole := compress(t, k, 0, in)
			var buf bytes.Buffer
			w, err := NewWriter(k, &buf, 0)
			if err != nil {
				t.Fatal(err)
			}
			for rest := in; len(rest) > 0; {
				n := min(len(rest), 1+len(rest)%7919)
				if _, err := w.Write(rest[:n]); err != nil {
					t.Fatal(err)
				}
				rest = rest[n:]
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), whole) {
				t.Error("output depends on write sizes")
			}
		})
	}
}

func TestGzipHeaderIsReproducible(t *testing.T) {
	c := compress(t, Gzip, 9, []byte("x"))
	// ID1 ID2 CM FLG MTIME(4) XFL OS
	if c[3] != 0 || !bytes.Equal(c[4:8], []byte{0, 0, 0, 0}) {
		t.Errorf("gzip header has flags %#x mtime % x, want no name and mtime 0", c[3], c[4:8])
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		prefix []byte
		want   Kind
	}{
		{[]byte{0x1f, 0x8b, 8}, Gzip},
		{[]byte{0xfd, '7', 'z', 'X', 'Z', 0}, Xz},
		{[]byte{0xfd, '7', 'z', 'X', 'Z'}, None}, // too short to be sure
		{[]byte{0x28, 0xb5, 0x2f, 0xfd, 0}, Zstd},
		{[]byte("BZh91AY"), Bzip2},
		{[]byte("070701"), None},
		{nil, None},
	}
	for _, tt := range tests {
		if got := Detect(tt.prefix); got != tt.want {
			t.Errorf("Detect(% x) = %q, want %q", tt.prefix, got, tt.want)
		}
	}
}

func TestParseKind(t *testing.T) {
	for _, s := range []string{"", "identity", "gzip", "xz", "zstd"} {
		if k, err := ParseKind(s); err != nil || string(k) != s {
			t.Errorf("ParseKind(%q) = %q, %v", s, k, err)
		}
	}
	for _, s := range []string{"bzip2", "lzma", "ZSTD"} {
		if _, err := ParseKind(s); err == nil {
			t.Errorf("ParseKind(%q) accepted", s)
		}
	}
}

func TestWriterErrors(t *testing.T) {
	tests := []struct {
		kind  Kind
		level int
		want  string
	}{
		{Gzip, 10, "gzip level 10 outside 1..9"},
		{Gzip, -1, "gzip level -1 outside"},
		{Xz, 10, "xz level 10 outside 0..9"},
		{Zstd, 23, "zstd level 23 outside 1..22"},
		{Bzip2, 0, "bzip2: not supported"},
		{"lz4", 0, `"lz4": unknown compression`},
	}
	for _, tt := range tests {
		_, err := NewWriter(tt.kind, io.Discard, tt.level)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NewWriter(%q, %d): %v, want %q", tt.kind, tt.level, err, tt.want)
		}
	}
}

func TestReaderErrors(t *testing.T) {
	valid := map[Kind][]byte{}
	for _, k := range []Kind{Gzip, Xz, Zstd} {
		valid[k] = compress(t, k, 0, corpus(100000))
	}
	tests := []struct {
		name string
		kind Kind
		data []byte
	}{
		{"gzip garbage", Gzip, []byte("not gzip at all")},
		{"xz garbage", Xz, []byte("not xz at all")},
		{"zstd garbage", Zstd, []byte("not zstd at all")},
		{"gzip truncated", Gzip, valid[Gzip][:len(valid[Gzip])/2]},
		{"xz truncated", Xz, valid[Xz][:len(valid[Xz])/2]},
		{"zstd truncated", Zstd, valid[Zstd][:len(valid[Zstd])/2]},
		{"gzip flipped bit", Gzip, flip(valid[Gzip], len(valid[Gzip])-6)},
		{"xz flipped bit", Xz, flip(valid[Xz], len(valid[Xz])/2)},
		{"zstd flipped bit", Zstd, flip(valid[Zstd], len(valid[Zstd])-2)},
		{"bzip2", Bzip2, []byte("BZh9")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := NewReader(tt.kind, bytes.NewReader(tt.data))
			if err == nil {
				_, err = io.ReadAll(r)
				r.Close()
			}
			if err == nil {
				t.Error("no error")
			}
		})
	}
}

func flip(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 0x10
	return c
}

// TestXzHugeDictionary: a header asking for a 4 GiB dictionary is refused
// before anything is allocated.
func TestXzHugeDictionary(t *testing.T) {
	c := compress(t, Xz, 0, []byte("hello"))
	// Find the LZMA2 filter flags (id 0x21, size 1) in the first block
	// header and raise the dictionary property to 40 (4 GiB - 1).
	i := bytes.Index(c[12:], []byte{0x21, 0x01}) + 12
	if i < 12 {
		t.Fatal("no LZMA2 filter in block header")
	}
	c[i+2] = 40
	_, err := NewReader(Xz, bytes.NewReader(c))
	if err == nil || !strings.Contains(err.Error(), "4294967295-byte dictionary") {
		t.Errorf("error %v, want a dictionary limit error", err)
	}
}

func TestXzDictSize(t *testing.T) {
	for prop, want := range map[byte]int64{0: 4 << 10, 1: 6 << 10, 18: 2 << 20, 22: 8 << 20, 23: 12 << 20, 40: 1<<32 - 1} {
		if got := xzDictSize(prop); got != want {
			t.Errorf("xzDictSize(%d) = %d, want %d", prop, got, want)
		}
	}
}

func TestLimitedReader(t *testing.T) {
	in := corpus(10000)
	for _, k := range []Kind{None, Gzip, Xz, Zstd} {
		c := compress(t, k, 0, in)
		tests := []struct {
			max     int64
			wantErr bool
		}{{10000, false}, {10001, false}, {9999, true}, {0, true}}
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s/%d", k, tt.max), func(t *testing.T) {
				r, err := NewReader(k, bytes.NewReader(c))
				if err != nil {
					t.Fatal(err)
				}
				lr := NewLimitedReader(r, tt.max)
				defer lr.Close()
				got, err := io.ReadAll(lr)
				if !tt.wantErr {
					if err != nil || !bytes.Equal(got, in) {
						t.Errorf("read %d bytes, err %v", len(got), err)
					}
					return
				}
				if !errors.Is(err, ErrLimitExceeded) || !strings.Contains(err.Error(), fmt.Sprintf("decompressed data exceeds %d bytes", tt.max)) {
					t.Errorf("error %v, want the limit error", err)
				}
				if int64(len(got)) != tt.max {
					t.Errorf("read %d bytes before the error, want %d", len(got), tt.max)
				}
			})
		}
	}
}

// TestBomb: 1 GiB of zeros in a few kilobytes must stop at the limit.
func TestBomb(t *testing.T) {
	for _, k := range []Kind{Gzip, Zstd} {
		t.Run(string(k), func(t *testing.T) {
			var buf bytes.Buffer
			w, _ := NewWriter(k, &buf, 1)
			zeros := make([]byte, 1<<20)
			for range 1 << 10 {
				w.Write(zeros)
			}
			w.Close()
			r, err := NewReader(k, &buf)
			if err != nil {
				t.Fatal(err)
			}
			n, err := io.Copy(io.Discard, NewLimitedReader(r, 8<<20))
			if !errors.Is(err, ErrLimitExceeded) || n != 8<<20 {
				t.Errorf("copied %d bytes, err %v", n, err)
			}
		})
	}
}

// tool returns the path of a compression tool or skips the test.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("skipping: %s is not installed, cannot cross-check with the real tool", name)
	}
	return p
}

var tools = map[Kind]string{Gzip: "gzip", Xz: "xz", Zstd: "zstd"}

// TestRealToolsReadOurs: gzip -d, xz -d and zstd -d accept our output.
func TestRealToolsReadOurs(t *testing.T) {
	in := corpus(512 << 10)
	for _, kl := range kindLevels {
		name, ok := tools[kl.kind]
		if !ok {
			continue
		}
		for _, level := range kl.levels {
			t.Run(fmt.Sprintf("%s/%d", kl.kind, level), func(t *testing.T) {
				cmd := exec.Command(tool(t, name), "-d", "-c")
				cmd.Stdin = bytes.NewReader(compress(t, kl.kind, level, in))
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				out, err := cmd.Output()
				if err != nil {
					t.Fatalf("%s -d: %v: %s", name, err, stderr.Bytes())
				}
				if !bytes.Equal(out, in) {
					t.Errorf("%s -d gave %d bytes, want %d", name, len(out), len(in))
				}
			})
		}
	}
}

// TestWeReadRealTools: we read what gzip, xz and zstd write.
func TestWeReadRealTools(t *testing.T) {
	in := corpus(512 << 10)
	tests := []struct {
		kind Kind
		args []string
	}{
		{Gzip, []string{"-9", "-n", "-c"}},
		{Xz, []string{"-6", "-c"}},
		{Xz, []string{"-1", "-T2", "--block-size=100KiB", "-c"}}, // several blocks
		{Zstd, []string{"-19", "-c", "-q"}},
		{Zstd, []string{"-3", "--long=27", "-c", "-q"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind)+strings.Join(tt.args, ""), func(t *testing.T) {
			cmd := exec.Command(tool(t, tools[tt.kind]), tt.args...)
			cmd.Stdin = bytes.NewReader(in)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			c, err := cmd.Output()
			if err != nil {
				t.Fatalf("%s: %v: %s", tools[tt.kind], err, stderr.Bytes())
			}
			if d := Detect(c); d != tt.kind {
				t.Errorf("Detect = %q", d)
			}
			if got := decompress(t, tt.kind, c); !bytes.Equal(got, in) {
				t.Errorf("read %d bytes, want %d", len(got), len(in))
			}
		})
	}
}

func TestOpenDetects(t *testing.T) {
	want := []byte("the same bytes, whatever the compression")
	for _, k := range []Kind{None, Gzip, Xz, Zstd} {
		var buf bytes.Buffer
		w, err := NewWriter(k, &buf, 1)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(want)
		w.Close()
		got, err := ReadAll(buf.Bytes(), 1<<20)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%q: %q %v", k, got, err)
		}
		rc, kind, err := Open(bytes.NewReader(buf.Bytes()), 1<<20)
		if err != nil || kind != k {
			t.Errorf("%q: detected %q, %v", k, kind, err)
		} else {
			rc.Close()
		}
		if _, err := ReadAll(buf.Bytes(), 4); k != None && !errors.Is(err, ErrLimitExceeded) {
			t.Errorf("%q: limit not enforced: %v", k, err)
		}
	}
	if _, err := ReadAll([]byte("BZh91AY"), 1<<20); err == nil {
		t.Error("bzip2 accepted")
	}
}
