package dep

import (
	"testing"

	"github.com/nimbus-linux/nimbus/internal/evr"
)

func TestFlagValues(t *testing.T) {
	// The numbers rpm 4.18 writes into headers (include/rpm/rpmds.h); the
	// rpmspec cross-check in rpm_test.go confirms several against rpm.
	tests := []struct {
		name string
		f    Flags
		want uint32
	}{
		{"Less", Less, 2}, {"Greater", Greater, 4}, {"Equal", Equal, 8},
		{"Posttrans", Posttrans, 32}, {"Prereq", Prereq, 64}, {"Pretrans", Pretrans, 128},
		{"Interp", Interp, 256}, {"ScriptPre", ScriptPre, 512}, {"ScriptPost", ScriptPost, 1024},
		{"ScriptPreun", ScriptPreun, 2048}, {"ScriptPostun", ScriptPostun, 4096},
		{"ScriptVerify", ScriptVerify, 8192}, {"FindRequires", FindRequires, 16384},
		{"FindProvides", FindProvides, 32768}, {"Triggerin", Triggerin, 65536},
		{"Triggerun", Triggerun, 131072}, {"Triggerpostun", Triggerpostun, 262144},
		{"Missingok", Missingok, 524288}, {"Preuntrans", Preuntrans, 1 << 20},
		{"Postuntrans", Postuntrans, 1 << 21}, {"Rpmlib", Rpmlib, 16777216},
		{"Triggerprein", Triggerprein, 33554432}, {"Keyring", Keyring, 67108864},
		{"Config", Config, 268435456}, {"Meta", Meta, 536870912},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if uint32(tt.f) != tt.want {
				t.Errorf("%s = %d, want %d", tt.name, uint32(tt.f), tt.want)
			}
		})
	}
}

func TestFlagsOpAndString(t *testing.T) {
	tests := []struct {
		f    Flags
		op   evr.Op
		want string
	}{
		{0, 0, ""},
		{Greater | Equal, evr.GreaterEqual, ">="},
		{Less | Equal | ScriptPre | ScriptPost, evr.LessEqual, "<=,pre,post"},
		{Rpmlib | Less | Equal, evr.LessEqual, "<=,rpmlib"},
		{Meta, 0, "meta"},
		{Missingok | Equal, evr.Equal, "=,missingok"},
		{Interp | 1<<27 | 1, 0, "interp,0x8000001"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.f.Op(); got != tt.op {
				t.Errorf("Op() = %v, want %v", got, tt.op)
			}
			if got := tt.f.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestKind(t *testing.T) {
	for k := Requires; k <= Enhances; k++ {
		t.Run(k.String(), func(t *testing.T) {
			got, err := ParseKind(k.String())
			if err != nil || got != k {
				t.Fatalf("ParseKind(%q) = %v, %v", k.String(), got, err)
			}
			if got, _ := ParseKind("  "); got != 0 {
				t.Fatal("blank kind parsed")
			}
		})
	}
	if k, err := ParseKind("requires"); err != nil || k != Requires {
		t.Errorf("ParseKind is not case-insensitive: %v, %v", k, err)
	}
	if _, err := ParseKind("Requirez"); err == nil {
		t.Error("ParseKind(Requirez) succeeded")
	}
	if got := Kind(0).String(); got != "Kind(0)" {
		t.Errorf("Kind(0).String() = %q", got)
	}
	weak := map[Kind]bool{Recommends: true, Suggests: true, Supplements: true, Enhances: true}
	for k := Requires; k <= Enhances; k++ {
		if k.IsWeak() != weak[k] {
			t.Errorf("%v.IsWeak() = %v", k, k.IsWeak())
		}
		if want := k != Provides && k != Obsoletes; k.AllowsRich() != want {
			t.Errorf("%v.AllowsRich() = %v", k, k.AllowsRich())
		}
	}
}
