package zchunk

import (
	"bytes"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// tool finds a referee from Debian's zchunk package; CI must have it.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required in CI (apt-get install zchunk)", name)
		}
		t.Skipf("%s not installed (apt-get install zchunk)", name)
	}
	return p
}

// TestUnzckReadsOurs: unzck decompresses what we write to the same bytes, and
// zck_read_header reports our header checksum, sizes and chunk count.
func TestUnzckReadsOurs(t *testing.T) {
	unzck, readHeader := tool(t, "unzck"), tool(t, "zck_read_header")
	doc := syntheticPrimary(2000, nil)
	dir := t.TempDir()
	for name, o := range map[string]WriteOptions{
		"default": {}, "sha256": {ChunkHash: SHA256}, "sha512": {ChunkHash: SHA512},
		"plain": {NoCompress: true}, "uncompressed-sums": {Uncompressed: true}, "rawdict": {Dict: doc[:8192]},
	} {
		t.Run(name, func(t *testing.T) {
			f := filepath.Join(dir, name+".xml.zck")
			var b bytes.Buffer
			h, err := Write(&b, Split(doc, SplitOptions{}), o)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(f, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(unzck, "-c", f).Output()
			if err != nil {
				t.Fatalf("unzck: %v", err)
			}
			if !bytes.Equal(out, doc) {
				t.Fatalf("unzck gives %d bytes, want the %d written", len(out), len(doc))
			}
			rh, err := exec.Command(readHeader, f).CombinedOutput()
			if err != nil {
				t.Fatalf("zck_read_header: %v\n%s", err, rh)
			}
			for _, want := range []string{
				"Header checksum: " + h.HeaderChecksumHex(),
				"Header size: " + itoa(h.Size),
				"Data size: " + itoa(h.DataSize()),
				"Chunk count: " + itoa(int64(len(h.Chunks))),
			} {
				if !strings.Contains(string(rh), want+"\n") {
					t.Errorf("zck_read_header lacks %q:\n%s", want, rh)
				}
			}
		})
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func hexs(b []byte) string { return hex.EncodeToString(b) }

// TestReadZckOutput: we read what zck writes (automatic and split chunking,
// every chunk checksum type, a trained dictionary, uncompressed checksums) and
// agree with zck_read_header's chunk table.
func TestReadZckOutput(t *testing.T) {
	zck, readHeader := tool(t, "zck"), tool(t, "zck_read_header")
	dir := t.TempDir()
	doc := syntheticPrimary(3000, nil)
	in := filepath.Join(dir, "primary.xml")
	if err := os.WriteFile(in, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	// A trained dictionary from zstd --train over the document's packages.
	dict := filepath.Join(dir, "primary.dict")
	var samples []string
	for i, c := range Split(doc, SplitOptions{Every: 1}) {
		if i%3 == 0 {
			s := filepath.Join(dir, "s"+itoa(int64(i)))
			os.WriteFile(s, c, 0o644)
			samples = append(samples, s)
		}
	}
	haveDict := false
	if zstdTool, err := exec.LookPath("zstd"); err == nil {
		args := append([]string{"--train", "-q", "--maxdict=16384", "-o", dict}, samples...)
		if out, err := exec.Command(zstdTool, args...).CombinedOutput(); err != nil {
			t.Fatalf("zstd --train: %v\n%s", err, out)
		}
		haveDict = true
	}
	cases := map[string][]string{
		"auto":       {},
		"split":      {"-s", "<package"},
		"sha256":     {"-h", "sha256"},
		"sha512":     {"-h", "sha512"},
		"uncomp":     {"-u"},
		"nocompress": {"--compression-format=none"},
	}
	if haveDict {
		cases["dict"] = []string{"-D", dict}
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			f := filepath.Join(dir, name+".zck")
			cmd := exec.Command(zck, append(args, "-o", f, in)...)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("zck %v: %v\n%s", args, err, out)
			}
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			h, err := Decompress(bytes.NewReader(raw), &out, 1<<30)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Bytes(), doc) {
				t.Fatalf("read %d bytes, want %d", out.Len(), len(doc))
			}
			rh, err := exec.Command(readHeader, "-c", f).CombinedOutput()
			if err != nil {
				t.Fatalf("zck_read_header: %v\n%s", err, rh)
			}
			// Chunk table lines: index, checksum, start, compressed size, size.
			re := regexp.MustCompile(`(?m)^\s+(\d+) ([0-9a-f]+)(?: ([0-9a-f]+))?\s+(\d+)\s+(\d+)\s+(\d+)$`)
			rows := re.FindAllStringSubmatch(string(rh), -1)
			if len(rows) != len(h.Chunks) {
				t.Fatalf("zck_read_header lists %d chunks, we %d", len(rows), len(h.Chunks))
			}
			for i, r := range rows {
				c := h.Chunks[i]
				sum := strings.Repeat("0", 2*len(c.Checksum))
				if c.Length > 0 || i > 0 {
					sum = hexs(c.Checksum)
				}
				if c.Uncompressed != nil && i > 0 && r[3] != hexs(c.Uncompressed) {
					t.Errorf("chunk %d: uncompressed checksum %s, we %x", i, r[3], c.Uncompressed)
				}
				if r[2] != sum || r[4] != itoa(c.Offset) || r[5] != itoa(c.Length) || r[6] != itoa(c.Size) {
					t.Errorf("chunk %d: zck_read_header %v, we %s %d %d %d", i, r[1:], sum, c.Offset, c.Length, c.Size)
				}
			}
			if !strings.Contains(string(rh), "Header checksum: "+h.HeaderChecksumHex()+"\n") {
				t.Errorf("header checksum %s not in:\n%s", h.HeaderChecksumHex(), rh)
			}
		})
	}
}
