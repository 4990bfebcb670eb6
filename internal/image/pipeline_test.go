package image

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
)

// TestRunStages checks the pipeline mechanics with stand-in stages: order, skipping,
// timing, the failing stage named, outputs removed and the scratch folder gone.
func TestRunStages(t *testing.T) {
	p, err := ParseProfile("t.yaml", []byte("name: t\npackages: [x]\n"))
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	b, err := NewBuild(Options{Profile: p, Arch: "x86_64", OutDir: out})
	if err != nil {
		t.Fatal(err)
	}
	var ran []string
	boom := errors.New("boom")
	stages := []Stage{
		{"one", nil, func(ctx context.Context, b *Build) error {
			ran = append(ran, "one")
			return os.WriteFile(b.out("partial.raw"), []byte("x"), 0o644)
		}, false},
		{"skipped", func(*Build) bool { return false }, func(ctx context.Context, b *Build) error { ran = append(ran, "skipped"); return nil }, false},
		{"two", nil, func(ctx context.Context, b *Build) error { ran = append(ran, "two"); return boom }, false},
		{"three", nil, func(ctx context.Context, b *Build) error { ran = append(ran, "three"); return nil }, false},
	}
	err = Run(context.Background(), b, stages)
	var se *StageError
	if !errors.As(err, &se) || se.Stage != "two" || !errors.Is(err, boom) || err.Error() != "image: stage two: boom" {
		t.Fatalf("err = %v", err)
	}
	if len(ran) != 2 || ran[0] != "one" || ran[1] != "two" {
		t.Errorf("ran %v", ran)
	}
	if len(b.Timings) != 3 || !b.Timings[1].Skipped || b.Timings[2].Stage != "two" {
		t.Errorf("timings %+v", b.Timings)
	}
	if ents, _ := os.ReadDir(out); len(ents) != 0 {
		t.Errorf("left behind: %v", ents)
	}
}

func TestNewBuildChecks(t *testing.T) {
	p, _ := ParseProfile("t.yaml", []byte("name: t\npackages: [x]\narches: [x86_64]\n"))
	for _, o := range []Options{
		{Profile: p, Arch: "aarch64", OutDir: "x"},
		{Profile: p, Arch: "x86_64", OutDir: "x", Formats: []string{"oci"}},
		{Profile: p, Arch: "x86_64"},
	} {
		if _, err := NewBuild(o); err == nil {
			t.Errorf("accepted %+v", o)
		}
	}
	b, err := NewBuild(Options{Profile: p, Arch: "x86_64", OutDir: "x"})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := NewBuild(Options{Profile: p, Arch: "x86_64", OutDir: "y"})
	if b.Identity != c.Identity || b.Identity.RootGUID == b.Identity.ESPGUID {
		t.Errorf("identities %+v %+v", b.Identity, c.Identity)
	}
}

// TestRunBeside: Beside stages run on a goroutine beside the next stage, in order; the
// timings keep the declared order with each stage's note; a failure beside names its
// stage and cancels the stage it ran beside.
func TestRunBeside(t *testing.T) {
	p, err := ParseProfile("t.yaml", []byte("name: t\npackages: [x]\n"))
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	for _, tc := range []struct {
		name      string
		failA     bool
		wantErr   string
		wantNotes []string
	}{
		{"ok", false, "", []string{"a", "b", "main", "after"}},
		{"beside fails", true, "image: stage a: boom", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := NewBuild(Options{Profile: p, Arch: "x86_64", OutDir: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			aDone := make(chan struct{})
			var mainSawCancel bool
			stages := []Stage{
				{"a", nil, func(ctx context.Context, b *Build) error {
					defer close(aDone)
					setNote(ctx, "a")
					if tc.failA {
						return boom
					}
					return nil
				}, true},
				{"b", nil, func(ctx context.Context, b *Build) error { <-aDone; setNote(ctx, "b"); return nil }, true},
				{"main", nil, func(ctx context.Context, b *Build) error {
					setNote(ctx, "main")
					if tc.failA {
						<-ctx.Done() // cancelled by a's failure
						mainSawCancel = true
						return ctx.Err()
					}
					return nil
				}, false},
				{"after", nil, func(ctx context.Context, b *Build) error { b.note = "after"; return nil }, false},
			}
			err = Run(context.Background(), b, stages)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr || !mainSawCancel {
					t.Fatalf("err = %v, main cancelled %v", err, mainSawCancel)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var names, notes []string
			for _, tm := range b.Timings {
				names = append(names, tm.Stage)
				notes = append(notes, strings.SplitN(tm.Note, " (", 2)[0])
			}
			if strings.Join(names, " ") != "a b main after" || strings.Join(notes, " ") != strings.Join(tc.wantNotes, " ") {
				t.Errorf("timings %+v", b.Timings)
			}
			if b.Timings[0].CPU != 0 || !strings.Contains(b.Timings[2].Note, "CPU includes a, b") {
				t.Errorf("CPU of the stages beside not counted in main: %+v", b.Timings)
			}
		})
	}
}
