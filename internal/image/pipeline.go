package image

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/sys/unix"
)

// Stage is one named step of an image build. Every stage has the same signature; a
// stage that does not apply to a build (the UKI of a container image) says so in When.
type Stage struct {
	Name string
	When func(*Build) bool // nil: always
	Run  func(context.Context, *Build) error
}

// Stages is the image pipeline, in order. Read it and you know how an image is made.
var Stages = []Stage{
	{"resolve", nil, stageResolve},     // package specs → a solved set of packages
	{"install", nil, stageInstall},     // packages → staging root (never the host)
	{"configure", nil, stageConfigure}, // os-release, fstab, users, units, time zone, clean-up
	{"initramfs", isDisk, stageInitramfs},
	{"uki", isDisk, stageUKI},               // EFI stub + kernel + initramfs + cmdline + os-release
	{"filesystem", isDisk, stageFilesystem}, // FAT32 ESP and ext4 root, as bytes
	{"disk", isDisk, stageDisk},             // GPT: ESP + root, raw
	{"convert", nil, stageConvert},          // qcow2, vmdk, vhd; OCI tarball for containers
	{"sbom", nil, stageSBOM},                // SPDX 2.3 JSON of every package
	{"manifest", nil, stageManifest},        // every output with its SHA-256
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

// Run runs the stages in order, timing each; the first failure stops the build, its
// partial outputs are removed, and the error names the stage.
func Run(ctx context.Context, b *Build, stages []Stage) (err error) {
	if err := b.prepare(); err != nil {
		return &StageError{"prepare", err}
	}
	defer func() {
		b.cleanup(err != nil)
	}()
	for _, s := range stages {
		if err := ctx.Err(); err != nil {
			return &StageError{s.Name, err}
		}
		if s.When != nil && !s.When(b) {
			b.Timings = append(b.Timings, Timing{Stage: s.Name, Skipped: true})
			continue
		}
		start, cpu := time.Now(), cpuTime()
		b.note = ""
		serr := s.Run(ctx, b)
		t := Timing{Stage: s.Name, Duration: time.Since(start), CPU: cpuTime() - cpu, Note: b.note}
		b.Timings = append(b.Timings, t)
		b.logf("%-10s %7.2fs %6.2fs cpu  %s", s.Name, t.Duration.Seconds(), t.CPU.Seconds(), t.Note)
		if serr != nil {
			var se *StageError
			if errors.As(serr, &se) {
				return serr
			}
			return &StageError{s.Name, serr}
		}
	}
	return nil
}
