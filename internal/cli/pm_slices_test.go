package cli

import (
	"slices"
	"testing"

	"github.com/spf13/pflag"
)

// lazySlice parses as pflag's StringSlice and StringArray options do, names the same type
// and, once used, prints the same text.
func TestLazySliceAsPflag(t *testing.T) {
	for _, split := range []bool{true, false} {
		for _, args := range [][]string{
			nil,
			{"--o=a"},
			{"--o=a,b", "--o", "c"},
			{"--o", `"x,y",z`},
			{"--o=", "--o=d"},
		} {
			var want, got []string
			ref := pflag.NewFlagSet("ref", pflag.ContinueOnError)
			lazy := pflag.NewFlagSet("lazy", pflag.ContinueOnError)
			if split {
				ref.StringSliceVar(&want, "o", nil, "")
				stringSliceVar(lazy, &got, "o", "", "")
			} else {
				ref.StringArrayVar(&want, "o", nil, "")
				stringArrayVar(lazy, &got, "o", "", "")
			}
			werr, gerr := ref.Parse(args), lazy.Parse(args)
			if (werr == nil) != (gerr == nil) || !slices.Equal(got, want) {
				t.Errorf("split %v %q: got %q (%v), want %q (%v)", split, args, got, gerr, want, werr)
			}
			r, l := ref.Lookup("o"), lazy.Lookup("o")
			if l.Value.Type() != r.Value.Type() {
				t.Errorf("split %v: type %q, want %q", split, l.Value.Type(), r.Value.Type())
			}
			if len(args) > 0 && l.Value.String() != r.Value.String() {
				t.Errorf("split %v %q: text %q, want %q", split, args, l.Value.String(), r.Value.String())
			}
			if len(args) > 0 && !slices.Equal(l.Value.(pflag.SliceValue).GetSlice(), r.Value.(pflag.SliceValue).GetSlice()) {
				t.Errorf("split %v %q: GetSlice differs", split, args)
			}
		}
	}
}
