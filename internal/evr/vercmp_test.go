package evr

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

type vercmpCase struct {
	line int
	a, b string
	want int
}

func readConformance(t *testing.T) []vercmpCase {
	t.Helper()
	// rpm's own rpmvercmp test vectors (testdata/rpmvercmp.tsv).
	conformanceTSV := testfiles.Path(t, testfiles.RpmVercmp)
	f, err := os.Open(conformanceTSV)
	if err != nil {
		t.Fatalf("conformance vectors are required: %v", err)
	}
	defer f.Close()
	var cases []vercmpCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 3 {
			t.Fatalf("%s:%d: want 3 tab-separated fields, got %d", conformanceTSV, n, len(fields))
		}
		want, err := strconv.Atoi(fields[2])
		if err != nil {
			t.Fatalf("%s:%d: expected value: %v", conformanceTSV, n, err)
		}
		cases = append(cases, vercmpCase{n, fields[0], fields[1], want})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("reading %s: %v", conformanceTSV, err)
	}
	return cases
}

func TestVercmpConformance(t *testing.T) {
	cases := readConformance(t)
	if len(cases) < 91 {
		t.Fatalf("%s: only %d vectors, want at least 91", testfiles.RpmVercmp, len(cases))
	}
	for _, c := range cases {
		t.Run(strconv.Itoa(c.line), func(t *testing.T) {
			if got := Vercmp(c.a, c.b); got != c.want {
				t.Errorf("Vercmp(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
			}
		})
	}
}

func TestVercmpExtra(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "1", -1},
		{"1", "", 1},
		{"~", "", -1},
		{"^", "", 1},
		{"1.0", "1.0.", 0}, // trailing separators are skipped before the end test
		{"1.0.", "1.0", 0},
		{"1..0", "1.0", 0},
		{"a", "1", -1},
		{"1", "a", 1},
		{"A", "a", -1}, // bytewise
		{"0000", "0", 0},
		{"99999999999999999999999", "99999999999999999999998", 1},
		{"1.0\x00junk", "1.0", 0}, // C string semantics
		{"1é", "1", 0},            // non-ASCII bytes are separators
		{"1é", "1_", 0},
		{"1.0é1", "1.0.1", 0},
	}
	for _, tt := range tests {
		t.Run(tt.a+"_vs_"+tt.b, func(t *testing.T) {
			if got := Vercmp(tt.a, tt.b); got != tt.want {
				t.Errorf("Vercmp(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
		})
	}
}
