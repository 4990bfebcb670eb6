package rpmlua

import (
	"context"
	"os"
	"testing"
	"time"
)

var seeds = []string{
	"print(arg[1])",
	"local pid = posix.fork() if pid == 0 then posix.exec('/bin/true') assert(nil) elseif pid > 0 then posix.wait(pid) end",
	"for l in io.lines('/etc/passwd') do end",
	"x = 1 // 2", "goto done ::done::", "a = {1, 2, [3] = 4,}", "s = [==[ long ]==]", "--[[ c", "'\\300'",
	"return function(...) local a, b = ... end", "f(", "x = 0x1p4", "x = 1e309", "local t <const> = 1",
	"rpm.expand('%{lua: print(1)}%{?x:%{!?y:z}}%%%(true)')",
}

// FuzzCheck: the parser and compiler take untrusted bytes (a package's scriptlet) and must
// never panic.
func FuzzCheck(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		Check(body) // an error is fine; a panic fails the fuzzer
	})
}

// FuzzRun runs what parses, in an empty root without programs, for a few milliseconds: a
// panic anywhere must come back as an error.
func FuzzRun(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	root, err := os.OpenRoot(f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if Check(body) != nil {
			return
		}
		Run(context.Background(), Env{Root: root, Timeout: 20 * time.Millisecond}, Script{Package: "fuzz", Kind: "post", Body: body})
	})
}
