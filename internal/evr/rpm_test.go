package evr

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const rpmPath = "/usr/bin/rpm"

// rpmLuaVercmp asks the real rpm for rpm.vercmp(a, b) of every pair in one
// process. In rpm 4.18 rpm.vercmp parses both sides as EVRs and applies
// rpmverCmp, so for strings without ':' and '-' it is plain rpmvercmp.
func rpmLuaVercmp(t *testing.T, pairs [][2]string) []int {
	t.Helper()
	if _, err := os.Stat(rpmPath); err != nil {
		t.Skipf("cross-check against real rpm skipped: %s not installed (%v)", rpmPath, err)
	}
	var lua strings.Builder
	lua.WriteString("local t = {\n")
	for _, p := range pairs {
		fmt.Fprintf(&lua, "{[==[%s]==],[==[%s]==]},\n", p[0], p[1])
	}
	lua.WriteString("}\nlocal out = {}\nfor _, p in ipairs(t) do out[#out+1] = rpm.vercmp(p[1], p[2]) end\nprint(table.concat(out, ' '))\n")
	script := filepath.Join(t.TempDir(), "vercmp.lua")
	if err := os.WriteFile(script, []byte(lua.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(rpmPath, "--eval", fmt.Sprintf("%%{lua: dofile(%q)}", script))
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("rpm --eval: %v: %s", err, stderr.String())
	}
	fields := strings.Fields(string(out))
	if len(fields) != len(pairs) {
		t.Fatalf("rpm printed %d results for %d pairs; stderr: %s", len(fields), len(pairs), stderr.String())
	}
	res := make([]int, len(fields))
	for i, f := range fields {
		if res[i], err = strconv.Atoi(f); err != nil {
			t.Fatalf("rpm result %d: %v", i, err)
		}
	}
	return res
}

func randVersion(r *rand.Rand, alphabet string, maxLen int) string {
	b := make([]byte, 1+r.IntN(maxLen))
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

func TestVercmpAgainstRPM(t *testing.T) {
	// No ':' or '-' (rpm.vercmp would split them as EVR) and no '%' (macros).
	const alphabet = "0012399aazAZ..._+~~^^"
	r := rand.New(rand.NewPCG(1, 2))
	var pairs [][2]string
	for range 3000 {
		a := randVersion(r, alphabet, 8)
		b := randVersion(r, alphabet, 8)
		if r.IntN(4) == 0 { // many near-equal pairs
			b = a + randVersion(r, alphabet, 2)
		}
		pairs = append(pairs, [2]string{a, b})
	}
	got := rpmLuaVercmp(t, pairs)
	for i, p := range pairs {
		if want := Vercmp(p[0], p[1]); got[i] != want {
			t.Errorf("Vercmp(%q, %q) = %d, rpm says %d", p[0], p[1], want, got[i])
		}
	}
}

func TestCompareAgainstRPM(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	part := func() string { return randVersion(r, "0123a.~^", 4) }
	var pairs [][2]string
	var evrs [][2]EVR
	for range 2000 {
		var e [2]EVR
		for k := range e {
			if r.IntN(3) == 0 {
				e[k].Epoch = strconv.Itoa(r.IntN(3))
			}
			e[k].Version = part()
			if r.IntN(2) == 0 {
				e[k].Release = part()
			}
		}
		if r.IntN(3) == 0 {
			e[1].Version = e[0].Version
		}
		evrs = append(evrs, e)
		pairs = append(pairs, [2]string{e[0].String(), e[1].String()})
	}
	got := rpmLuaVercmp(t, pairs)
	for i, e := range evrs {
		if want := Compare(e[0], e[1]); got[i] != want {
			t.Errorf("Compare(%q, %q) = %d, rpm says %d", e[0], e[1], want, got[i])
		}
	}
}

// TestOverlapAgainstRPM checks Overlap against rpmdsCompare through
// python3-rpm, which rpm's Debian packaging ships beside rpm.
func TestOverlapAgainstRPM(t *testing.T) {
	py, err := exec.LookPath("/usr/bin/python3")
	if err != nil {
		t.Skip("cross-check skipped: /usr/bin/python3 not installed")
	}
	if err := exec.Command(py, "-c", "import rpm").Run(); err != nil {
		t.Skip("cross-check skipped: python3-rpm (import rpm) not available")
	}
	r := rand.New(rand.NewPCG(5, 6))
	ops := []Op{Less, LessEqual, Equal, GreaterEqual, Greater}
	part := func() string { return randVersion(r, "0112a~^", 3) }
	type tc struct{ a, b Range }
	var cases []tc
	var script strings.Builder
	script.WriteString("import rpm\nP, R = rpm.RPMTAG_PROVIDENAME, rpm.RPMTAG_REQUIRENAME\ncases = [\n")
	for range 3000 {
		var c [2]Range
		for k := range c {
			c[k].Op = ops[r.IntN(len(ops))]
			if r.IntN(4) == 0 {
				c[k].EVR.Epoch = strconv.Itoa(r.IntN(2))
			}
			c[k].EVR.Version = part()
			if r.IntN(2) == 0 {
				c[k].EVR.Release = part()
			}
		}
		if r.IntN(2) == 0 {
			c[1].EVR.Version = c[0].EVR.Version
		}
		cases = append(cases, tc{c[0], c[1]})
		fmt.Fprintf(&script, "(%d, %q, %d, %q),\n", c[0].Op, c[0].EVR.String(), c[1].Op, c[1].EVR.String())
	}
	script.WriteString("]\nprint(' '.join(str(int(rpm.ds(('n', a, av), P).Compare(rpm.ds(('n', b, bv), R)))) for a, av, b, bv in cases))\n")
	cmd := exec.Command(py, "-")
	cmd.Stdin = strings.NewReader(script.String())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("python3: %v: %s", err, out)
	}
	fields := strings.Fields(string(out))
	if len(fields) != len(cases) {
		t.Fatalf("python printed %d results for %d cases: %.200s", len(fields), len(cases), out)
	}
	for i, c := range cases {
		want := fields[i] == "1"
		if got := Overlap(c.a, c.b); got != want {
			t.Errorf("Overlap(%q, %q) = %v, rpmdsCompare says %v", c.a, c.b, got, want)
		}
	}
}
