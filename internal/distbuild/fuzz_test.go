package distbuild

import (
	"testing"

	"github.com/nimbus-linux/nimbus/internal/dep"
)

// FuzzParseRelations: relation fields come from Debian's archive; none may panic the
// parser, and whatever it accepts must become dependencies rpm can parse.
func FuzzParseRelations(f *testing.F) {
	for _, s := range []string{
		"libc6 (>= 2.36), debconf (>= 0.5) | debconf-2.0", "python3:any (>> 3.11~)", "a (= 1:2.3-4+b1)",
		"a [amd64]", "a (<< ", "|,|", "x (>= 1.0-)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		groups, err := parseRelations("Depends", s)
		if err != nil {
			return
		}
		for _, alts := range groups {
			if _, err := dep.Parse(richOr(alts)); err != nil {
				t.Fatalf("%q gave %q, which rpm cannot parse: %v", s, richOr(alts), err)
			}
		}
	})
}
