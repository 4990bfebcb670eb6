package solver

import (
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/evr"
)

// TestToRPM: rich dependencies written in rpm's syntax read back (FromRPM) to the same
// tree; what rpm's syntax cannot say is an error naming it.
func TestToRPM(t *testing.T) {
	atom := func(n string, op evr.Op, v string) *Rich { return &Rich{Atom: Dep{Name: n, Op: op, EVR: v}} }
	for _, tc := range []struct {
		r    *Rich
		want string
	}{
		{&Rich{Op: RichOr, Args: []*Rich{atom("a", 0, ""), atom("b", OpGreater|OpEqual, "1:2-3"), atom("c", 0, "")}}, "(a or b >= 1:2-3 or c)"},
		{&Rich{Op: RichIf, Args: []*Rich{atom("a", 0, ""), atom("b", 0, ""), atom("c", OpLess, "2")}}, "(a if b else c < 2)"},
		{&Rich{Op: RichUnless, Args: []*Rich{atom("a", 0, ""), &Rich{Op: RichAnd, Args: []*Rich{atom("b", 0, ""), atom("c", 0, "")}}}}, "(a unless (b and c))"},
		{&Rich{Op: RichWith, Args: []*Rich{atom("a", OpEqual, "1"), atom("b", 0, "")}}, "(a = 1 with b)"},
		{&Rich{Op: RichWithout, Args: []*Rich{atom("a", 0, ""), atom("b", OpLess|OpEqual, "2")}}, "(a without b <= 2)"},
		{&Rich{Op: RichOr, Args: []*Rich{atom("a", 0, "")}}, "(a)"},
	} {
		d, err := ToRPM(Dep{Rich: tc.r})
		if err != nil || d.Name != tc.want {
			t.Errorf("%s: %q %v, want %q", tc.r, d.Name, err, tc.want)
			continue
		}
		back, err := FromRPM(d)
		if err != nil || back.Rich.String() != tc.r.String() && len(tc.r.Args) > 1 {
			t.Errorf("%s: back as %v %v", tc.r, back.Rich, err)
		}
	}
	for _, r := range []*Rich{
		{Op: RichOr, Args: []*Rich{atom("a b", 0, ""), atom("c", 0, "")}},
		{Op: RichOr, Args: []*Rich{atom("a", OpLess|OpGreater, "1"), atom("c", 0, "")}},
		{Op: RichWith, Args: []*Rich{atom("a", 0, "")}},
	} {
		if d, err := ToRPM(Dep{Rich: r}); err == nil || !strings.Contains(err.Error(), "rich dependency") {
			t.Errorf("%s: %q %v, want an error", r, d.Name, err)
		}
	}
	if d, _ := ToRPM(Dep{Name: "a", Op: OpGreater | OpEqual, EVR: "2"}); d.Name != "a" || d.Version != "2" || d.Flags.Op() != OpGreater|OpEqual {
		t.Errorf("plain: %+v", d)
	}
}
