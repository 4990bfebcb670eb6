package dep

import (
	"fmt"
	"strings"
)

// Kind is the type of a dependency: which header tag set it lives in.
type Kind int

// Dependency kinds. The zero Kind is invalid.
const (
	Requires Kind = iota + 1
	Provides
	Conflicts
	Obsoletes
	Recommends
	Suggests
	Supplements
	Enhances
)

var kindNames = [...]string{
	Requires:    "Requires",
	Provides:    "Provides",
	Conflicts:   "Conflicts",
	Obsoletes:   "Obsoletes",
	Recommends:  "Recommends",
	Suggests:    "Suggests",
	Supplements: "Supplements",
	Enhances:    "Enhances",
}

// String returns the spec-file tag name of k, such as "Requires".
func (k Kind) String() string {
	if k > 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// ParseKind parses a kind name such as "Requires". Like rpm's spec parser it
// ignores case.
func ParseKind(s string) (Kind, error) {
	for k := Requires; k <= Enhances; k++ {
		if strings.EqualFold(s, kindNames[k]) {
			return k, nil
		}
	}
	return 0, fmt.Errorf("unknown dependency kind %q", s)
}

// IsWeak reports whether k is one of the weak kinds (Recommends, Suggests,
// Supplements, Enhances).
func (k Kind) IsWeak() bool { return k >= Recommends && k <= Enhances }

// AllowsRich reports whether rpm accepts rich dependencies of kind k
// (rpmbuild refuses them in Provides and Obsoletes).
func (k Kind) AllowsRich() bool {
	return k >= Requires && k <= Enhances && k != Provides && k != Obsoletes
}
