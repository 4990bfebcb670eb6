package rpmlua

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestDeepNesting: bodies nesting far deeper than any real scriptlet are refused with an
// error instead of overflowing the goroutine's stack in gopher-lua's compiler (a million
// "{" did: "fatal error: stack overflow", which no recover catches); nesting that real code
// uses still compiles.
func TestDeepNesting(t *testing.T) {
	n := 100000
	for name, body := range map[string]string{
		"tables": "x = " + strings.Repeat("{", n) + strings.Repeat("}", n),
		"unary":  "x = " + strings.Repeat("- ", n) + "1",
		"concat": "x = " + strings.Repeat("'a' .. ", n) + "'a'",
		"sum":    "x = " + strings.Repeat("1 + ", n) + "1",
		"do":     strings.Repeat("do ", n) + strings.Repeat("end ", n),
		"elseif": "if x then " + strings.Repeat("elseif x then ", n) + "end",
		"func":   "x = " + strings.Repeat("function() return ", n) + "1" + strings.Repeat(" end", n),
	} {
		if err := Check(body); err == nil || !strings.Contains(err.Error(), "too many syntax levels") {
			t.Errorf("%s nested %d deep: %v", name, n, err)
		}
	}
	for name, body := range map[string]string{
		"sum":    "x = " + strings.Repeat("1 + ", 500) + "1",
		"do":     strings.Repeat("do ", 200) + strings.Repeat("end ", 200),
		"elseif": "if x then " + strings.Repeat("elseif x then ", 300) + "end",
		"func":   "x = " + strings.Repeat("function() return ", 50) + "1" + strings.Repeat(" end", 50),
	} {
		if err := Check(body); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	rt, _ := os.OpenRoot(t.TempDir())
	defer rt.Close()
	big := "x = 1\n" + strings.Repeat("-- padding\n", maxBody/10)
	if err := Run(context.Background(), Env{Root: rt}, Script{Package: "p", Kind: "post", Body: big}); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("a body of %d bytes: %v", len(big), err)
	}
}
