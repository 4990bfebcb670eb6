package dep

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
)

const rpmspecPath = "/usr/bin/rpmspec"

// rpmspec runs the real rpmspec on a spec whose only extra line is
// "<tag>: <value>" and returns the query output and whether it parsed.
func rpmspec(t *testing.T, dir, tag, value, qf string) (string, bool) {
	t.Helper()
	f, err := os.CreateTemp(dir, "*.spec")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, "Name: t\nVersion: 1\nRelease: 1\nSummary: t\nLicense: MIT\n%s: %s\n%%description\nt\n", tag, value)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(rpmspecPath, "-q", "--qf", qf, f.Name()).Output()
	return string(out), err == nil
}

func needRPMSpec(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(rpmspecPath); err != nil {
		t.Skipf("cross-check against real rpm skipped: %s not installed (%v)", rpmspecPath, err)
	}
}

// rpmAcceptsRich reports whether rpmbuild 4.18 stores s, for kind k, as
// exactly one dependency.
func rpmAcceptsRich(t *testing.T, dir string, k Kind, s string) bool {
	qtag := strings.ToUpper(k.String())
	out, ok := rpmspec(t, dir, k.String(), s, "[%{"+qtag+"}\n]")
	if !ok {
		return false
	}
	var deps []string
	for _, l := range strings.Split(out, "\n") {
		if l != "" && !(k == Provides && l == "t") {
			deps = append(deps, l)
		}
	}
	return len(deps) == 1
}

func TestFlagsAgainstRPM(t *testing.T) {
	needRPMSpec(t)
	dir := t.TempDir()
	tests := []struct {
		line string
		want Flags
	}{
		{"Requires(pre): x", ScriptPre},
		{"Requires(post): x", ScriptPost},
		{"Requires(preun): x", ScriptPreun},
		{"Requires(postun): x", ScriptPostun},
		{"Requires(pretrans): x", Pretrans},
		{"Requires(posttrans): x", Posttrans},
		{"Requires(interp): x", Interp},
		{"Requires(verify): x", ScriptVerify},
		{"Requires(meta): x", Meta},
		{"Requires: rpmlib(Foo) >= 1", Rpmlib | Greater | Equal},
		{"Requires: x < 1", Less},
		{"Requires: x = 1", Equal},
		{"Requires: x > 1", Greater},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			tag, value, _ := strings.Cut(tt.line, ": ")
			out, ok := rpmspec(t, dir, tag, value, "[%{REQUIREFLAGS}\n]")
			if !ok {
				t.Fatalf("rpmspec rejected %q", tt.line)
			}
			got, err := strconv.ParseUint(strings.TrimSpace(out), 10, 32)
			if err != nil {
				t.Fatalf("rpmspec output %q: %v", out, err)
			}
			if Flags(got) != tt.want {
				t.Errorf("rpm stores %d (%v), want %d (%v)", got, Flags(got), uint32(tt.want), tt.want)
			}
		})
	}
}

// genRich builds a random, often malformed, rich dependency from atoms and
// operators; mutations never touch the outer parentheses.
func genRich(r *rand.Rand, depth int) string {
	atoms := []string{"a", "b", "c", "d >= 1", "e < 2.0", "perl(X)", "f = 1:1-1", "g"}
	ops := []string{"and", "or", "if", "unless", "else", "with", "without"}
	if depth > 0 && (depth > 3 || r.IntN(3) == 0) {
		return atoms[r.IntN(len(atoms))]
	}
	n := 1 + r.IntN(3)
	op := ops[r.IntN(len(ops))]
	var b strings.Builder
	b.WriteString("(")
	for i := range n {
		if i > 0 {
			if r.IntN(4) == 0 {
				op = ops[r.IntN(len(ops))]
			}
			b.WriteString(" " + op + " ")
		}
		b.WriteString(genRich(r, depth+1))
	}
	b.WriteString(")")
	s := b.String()
	if depth == 0 && len(s) > 2 && r.IntN(3) == 0 {
		i := 1 + r.IntN(len(s)-2)
		switch r.IntN(3) {
		case 0:
			s = s[:i] + s[i+1:]
		case 1:
			s = s[:i] + string("(), x"[r.IntN(5)]) + s[i:]
		default:
			s = s[:i] + " " + ops[r.IntN(len(ops))] + " " + s[i:]
		}
	}
	return s
}

// TestRichAgainstRPM checks that ParseRichFor accepts exactly what
// rpmbuild 4.18 accepts.
func TestRichAgainstRPM(t *testing.T) {
	needRPMSpec(t)
	dir := t.TempDir()
	type tc struct {
		in   string
		kind Kind
	}
	var cases []tc
	for _, v := range validRich {
		cases = append(cases, tc{v.in, Requires})
	}
	for _, v := range invalidRich {
		if strings.HasPrefix(v.in, "(") && !strings.ContainsRune(v.in, 0) {
			cases = append(cases, tc{v.in, Requires})
		}
	}
	for _, v := range richForTests {
		cases = append(cases, tc{v.in, v.kind})
	}
	r := rand.New(rand.NewPCG(7, 8))
	n := 150
	if testing.Short() {
		n = 0
	}
	for range n {
		k := Requires
		if r.IntN(3) == 0 {
			k = Conflicts
		}
		cases = append(cases, tc{genRich(r, 0), k})
	}

	results := make([]bool, len(cases))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	for i, c := range cases {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			results[i] = rpmAcceptsRich(t, dir, c.kind, c.in)
		}()
	}
	wg.Wait()
	accepted := 0
	for i, c := range cases {
		_, err := ParseRichFor(c.in, c.kind)
		if rpm := results[i]; rpm != (err == nil) {
			t.Errorf("%s: %q: rpmbuild accepts=%v, ParseRichFor error=%v", c.kind, c.in, rpm, err)
		}
		if results[i] {
			accepted++
		}
	}
	t.Logf("%d cases, %d accepted by rpm", len(cases), accepted)
}
