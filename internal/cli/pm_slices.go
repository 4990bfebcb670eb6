package cli

import (
	"strings"
	"unicode"

	"github.com/nimbus-linux/nimbus/internal/pm"
	"github.com/spf13/pflag"
)

// lazySlice is a repeatable string option as pflag's StringSliceVar (each value split at
// commas, "stringSlice") or StringArrayVar (each value as given, "stringArray") makes it,
// with pflag's own value made at the option's first use. pflag writes an option's default
// text when the option is registered, with a CSV writer and its 4 KiB buffer each time:
// the dnf options registered at every start were 45 of them, 180 KB of a small install's
// heap (docs/pm.md, "The package-manager binary"). Parsing and completion are pflag's:
// every method but String of an unused option hands over to pflag's value. An unused
// empty option's text is "", not pflag's "[]", so that help, which names a default only
// when it is not the type's zero value, still names none (its test for "[]" knows
// pflag's own slice values only).
type lazySlice struct {
	p     *[]string
	split bool // StringSlice, else StringArray
	v     pflag.Value
}

func (l *lazySlice) value() pflag.Value {
	if l.v == nil {
		fs := pflag.NewFlagSet("", pflag.ContinueOnError)
		if l.split {
			fs.StringSliceVar(l.p, "v", *l.p, "")
		} else {
			fs.StringArrayVar(l.p, "v", *l.p, "")
		}
		l.v = fs.Lookup("v").Value
	}
	return l.v
}

func (l *lazySlice) String() string {
	if l.v == nil && len(*l.p) == 0 {
		return ""
	}
	return l.value().String()
}

func (l *lazySlice) Set(s string) error { return l.value().Set(s) }

func (l *lazySlice) Type() string {
	if l.split {
		return "stringSlice"
	}
	return "stringArray"
}

func (l *lazySlice) Append(s string) error    { return l.value().(pflag.SliceValue).Append(s) }
func (l *lazySlice) Replace(s []string) error { return l.value().(pflag.SliceValue).Replace(s) }
func (l *lazySlice) GetSlice() []string       { return l.value().(pflag.SliceValue).GetSlice() }
func stringSliceVar(fs *pflag.FlagSet, p *[]string, name, short, usage string) {
	fs.VarP(&lazySlice{p: p, split: true}, name, short, usage)
}

func stringArrayVar(fs *pflag.FlagSet, p *[]string, name, short, usage string) {
	fs.VarP(&lazySlice{p: p}, name, short, usage)
}

// repoOpValue is --enablerepo or --disablerepo: each value (split at commas and spaces, as
// dnf's _RepoCallback splits) is kept in its own list and, in command-line order with the
// other option's, in ops.
type repoOpValue struct {
	p      *[]string
	ops    *[]pm.RepoOp
	enable bool
}

func (v *repoOpValue) String() string { return strings.Join(*v.p, ",") }
func (v *repoOpValue) Type() string   { return "stringArray" }
func (v *repoOpValue) Set(s string) error {
	*v.p = append(*v.p, s)
	for _, x := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		*v.ops = append(*v.ops, pm.RepoOp{Pattern: x, Enable: v.enable})
	}
	return nil
}
