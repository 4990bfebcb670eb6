package image

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// Stage is one named step of an image build. Every stage has the same signature; a
// stage that does not apply to a build (the UKI of a container image) says so in When.
//
// A stage marked Beside runs on its own goroutine beside the next stage not marked
// Beside (consecutive Beside stages run in order on that goroutine), and Run waits for
// both before the stage after: they must not touch the same fields of the Build, and
// they report their notes with setNote. Their CPU time cannot be told apart: it is
// counted in the stage they ran beside.
type Stage struct {
	Name   string
	When   func(*Build) bool // nil: always
	Run    func(context.Context, *Build) error
	Beside bool
}

// Stages is the image pipeline, in order. Read it and you know how an image is made.
var Stages = []Stage{
	{"resolve", nil, stageResolve, false},          // package specs → a solved set of packages
	{"install", nil, stageInstall, false},          // packages → staging root (never the host)
	{"configure", nil, stageConfigure, false},      // os-release, fstab, users, units, time zone, clean-up
	{"initramfs", isDisk, stageInitramfs, true},    // beside the file system: both only read the root
	{"uki", isDisk, stageUKI, true},                // EFI stub + kernel + initramfs + cmdline + os-release
	{"filesystem", isDisk, stageFilesystem, false}, // ext4 root, written into the raw disk
	{"disk", isDisk, stageDisk, false},             // GPT and the FAT32 ESP holding the UKI
	{"convert", nil, stageConvert, false},          // qcow2, vmdk, vhd; OCI tarball for containers
	{"sbom", nil, stageSBOM, false},                // SPDX 2.3 JSON of every package
	{"manifest", nil, stageManifest, false},        // every output with its SHA-256
}

func isDisk(b *Build) bool { return b.Profile.Kind == "disk" }

// StageError is a failed stage: its name and what went wrong.
type StageError struct {
	Stage string
	Err   error
}

func (e *StageError) Error() string { return fmt.Sprintf("image: stage %s: %v", e.Stage, e.Err) }
func (e *StageError) Unwrap() error { return e.Err }

// Timing is how long one stage took: wall time, and the CPU time (user + system) of
// the process and of the tools it ran and waited for (mkfs.ext4, debugfs, scriptlets),
// which a loaded machine disturbs less than the wall time.
type Timing struct {
	Stage    string
	Duration time.Duration
	CPU      time.Duration
	Skipped  bool
	Note     string
}

// cpuTime is the CPU time used so far by this process and its waited-for children.
func cpuTime() time.Duration {
	var t time.Duration
	for _, who := range []int{unix.RUSAGE_SELF, unix.RUSAGE_CHILDREN} {
		var ru unix.Rusage
		if unix.Getrusage(who, &ru) == nil {
			t += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}
	}
	return t
}

// noteKey carries, in a stage's context, where its note goes.
type noteKey struct{}

// setNote records the one-line note of the running stage (shown after its timing); a
// stage that never runs beside another may set b.note instead.
func setNote(ctx context.Context, note string) {
	if p, ok := ctx.Value(noteKey{}).(*string); ok {
		*p = note
	}
}

// runOne runs one stage, timed; it does not log (stages beside each other would mix
// their lines).
func runOne(ctx context.Context, b *Build, s Stage) (Timing, error) {
	if s.When != nil && !s.When(b) {
		return Timing{Stage: s.Name, Skipped: true}, nil
	}
	if err := ctx.Err(); err != nil {
		return Timing{Stage: s.Name}, err
	}
	var note string
	start, cpu := time.Now(), cpuTime()
	err := s.Run(context.WithValue(ctx, noteKey{}, &note), b)
	return Timing{Stage: s.Name, Duration: time.Since(start), CPU: cpuTime() - cpu, Note: note}, err
}

// Run runs the stages in order (a Beside stage beside the next one), timing each; the
// first failure stops the build, its partial outputs are removed, and the error names
// the stage.
func Run(ctx context.Context, b *Build, stages []Stage) (err error) {
	if err := b.prepare(); err != nil {
		return &StageError{"prepare", err}
	}
	defer func() {
		b.cleanup(err != nil)
	}()
	for i := 0; i < len(stages); i++ {
		j := i
		for j < len(stages)-1 && stages[j].Beside {
			j++
		}
		ts, failed, serr := runGroup(ctx, b, stages[i:j], stages[j])
		i = j
		for _, t := range ts {
			b.Timings = append(b.Timings, t)
			if !t.Skipped {
				b.logf("%-10s %7.2fs %6.2fs cpu  %s", t.Stage, t.Duration.Seconds(), t.CPU.Seconds(), t.Note)
			}
		}
		if serr != nil {
			var se *StageError
			if errors.As(serr, &se) {
				return serr
			}
			return &StageError{failed, serr}
		}
	}
	return nil
}

// runGroup runs the stages beside (in order, on a goroutine) beside the stage main, and
// returns the timings in the order of the stages and the first failure.
func runGroup(ctx context.Context, b *Build, beside []Stage, main Stage) ([]Timing, string, error) {
	if len(beside) == 0 { // alone: its note may also be left in b.note
		b.note = ""
		t, err := runOne(ctx, b, main)
		if t.Note == "" {
			t.Note = b.note
		}
		return []Timing{t}, main.Name, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var mu sync.Mutex
	var failed string
	var first error
	fail := func(name string, err error) {
		mu.Lock()
		defer mu.Unlock()
		if first == nil {
			failed, first = name, err
			cancel()
		}
	}
	ts := make([]Timing, len(beside)+1)
	cpu := cpuTime()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for k, s := range beside {
			t, err := runOne(ctx, b, s)
			ts[k] = t
			if err != nil {
				fail(s.Name, err)
				return
			}
		}
	}()
	t, err := runOne(ctx, b, main)
	if err != nil {
		fail(main.Name, err)
	}
	<-done
	ts[len(beside)] = t
	t.CPU = cpuTime() - cpu
	var names []string
	for k := range beside {
		if ts[k].Stage == "" {
			ts[k].Stage = beside[k].Name // not reached: an earlier one failed
		}
		if !ts[k].Skipped {
			ts[k].CPU = 0
			ts[k].Note += " (ran beside " + main.Name + ", CPU counted there)"
			names = append(names, beside[k].Name)
		}
	}
	if len(names) > 0 && !t.Skipped {
		t.Note += " (CPU includes " + strings.Join(names, ", ") + ", run beside it)"
	}
	ts[len(beside)] = t
	return ts, failed, first
}
