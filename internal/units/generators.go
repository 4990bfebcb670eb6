//go:build linux

package units

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"
)

// GeneratorDirs are where system generators are looked up, in priority order (a name in
// an earlier directory masks later ones; a link to /dev/null disables it), as
// systemd.generator(7) lists them (with Debian's /lib for unmerged roots).
var GeneratorDirs = []string{"run/systemd/system-generators", "etc/systemd/system-generators",
	"usr/local/lib/systemd/system-generators", "usr/lib/systemd/system-generators", "lib/systemd/system-generators"}

// The generators' three output directories, in the unit search path at systemd's places
// (SearchPath): early before /etc, normal after /run/systemd/system, late last.
const (
	GeneratorNormal = "run/systemd/generator"
	GeneratorEarly  = "run/systemd/generator.early"
	GeneratorLate   = "run/systemd/generator.late"
)

// GeneratorTimeout bounds each generator run.
const GeneratorTimeout = 30 * time.Second

// RunGenerators empties the three output directories under root and runs every
// generator with them as arguments (normal, early, late), all in parallel, each bounded
// by GeneratorTimeout, with SYSTEMD_SCOPE=system. Generators write units, drop-ins and
// .wants links there; a failing generator is reported and the others' output kept. It
// returns the names run.
func RunGenerators(ctx context.Context, runner Runner, root string) ([]string, error) {
	if runner == nil {
		runner = NewReaper(false)
	}
	chosen := map[string]string{}
	for _, d := range GeneratorDirs {
		ents, err := os.ReadDir(filepath.Join(root, d))
		if err != nil {
			continue
		}
		for _, e := range ents {
			if _, ok := chosen[e.Name()]; !ok {
				chosen[e.Name()] = filepath.Join(root, d, e.Name())
			}
		}
	}
	outs := []string{GeneratorNormal, GeneratorEarly, GeneratorLate}
	args := make([]string, len(outs))
	for i, o := range outs {
		p := filepath.Join(root, o)
		if err := os.RemoveAll(p); err != nil {
			return nil, err
		}
		if err := os.MkdirAll(p, 0o755); err != nil {
			return nil, err
		}
		args[i] = p
	}
	names := make([]string, 0, len(chosen))
	for n, p := range chosen {
		if t, err := os.Readlink(p); err == nil && t == "/dev/null" {
			continue
		}
		if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() || st.Mode()&0o111 == 0 {
			continue
		}
		names = append(names, n)
	}
	sort.Strings(names)
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	for _, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			spec := &ProcSpec{Path: chosen[n], Argv: append([]string{chosen[n]}, args...), Dir: "/",
				Env: []string{"PATH=" + DefaultPath, "SYSTEMD_SCOPE=system", "LANG=C.UTF-8"}, Files: []*os.File{nil, os.Stderr, os.Stderr}}
			e, err := RunWait(runner, spec, GeneratorTimeout)
			if err == nil && (e.Code != 0 || e.Signal != 0) {
				err = fmt.Errorf("exited with %s", e)
			}
			if err != nil {
				mu.Lock()
				errs = append(errs, fmt.Errorf("generator %s: %w", n, err))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return names, errors.Join(errs...)
}
