package image

import (
	"context"
	"errors"
	"os"
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
		}},
		{"skipped", func(*Build) bool { return false }, func(ctx context.Context, b *Build) error { ran = append(ran, "skipped"); return nil }},
		{"two", nil, func(ctx context.Context, b *Build) error { ran = append(ran, "two"); return boom }},
		{"three", nil, func(ctx context.Context, b *Build) error { ran = append(ran, "three"); return nil }},
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
