package image

import (
	"context"
	"errors"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/txn"
)

type recordRunner struct {
	ran  []string
	fail map[string]bool
}

func (r *recordRunner) Run(ctx context.Context, root string, s txn.Script) error {
	r.ran = append(r.ran, s.Package)
	if r.fail[s.Package] {
		return errors.New("failed")
	}
	return nil
}

// TestLdconfigOnce: consecutive ldconfig-only %posttrans scriptlets run once; anything
// else in between, another phase, or a failure makes the next one run.
func TestLdconfigOnce(t *testing.T) {
	ld := "if [ -x /usr/sbin/ldconfig ]; then /usr/sbin/ldconfig; fi"
	pt := func(pkg, body string, interp ...string) txn.Script {
		return txn.Script{Package: pkg, Kind: rpm.PostTrans, Body: body, Interp: interp}
	}
	for _, tc := range []struct {
		name    string
		scripts []txn.Script
		fail    string
		want    []string
	}{
		{"repeats", []txn.Script{pt("a", ld), pt("b", ld), pt("c", ld)}, "", []string{"a"}},
		{"-p ldconfig", []txn.Script{pt("a", "", "/sbin/ldconfig"), pt("b", "", "/sbin/ldconfig"), pt("c", ld)}, "", []string{"a", "c"}},
		{"other between", []txn.Script{pt("a", ld), pt("b", "echo hi"), pt("c", ld), pt("d", ld)}, "", []string{"a", "b", "c"}},
		{"not posttrans", []txn.Script{{Package: "a", Kind: rpm.Post, Body: ld}, {Package: "b", Kind: rpm.Post, Body: ld}}, "", []string{"a", "b"}},
		{"more than ldconfig", []txn.Script{pt("a", ld+"\ntouch /x"), pt("b", ld+"\ntouch /x")}, "", []string{"a", "b"}},
		{"failure reruns", []txn.Script{pt("a", ld), pt("b", ld), pt("c", ld)}, "a", []string{"a", "b"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recordRunner{fail: map[string]bool{tc.fail: true}}
			r := &ldconfigOnce{next: rec}
			for _, s := range tc.scripts {
				_ = r.Run(context.Background(), "/nonexistent", s)
			}
			if len(rec.ran) != len(tc.want) {
				t.Fatalf("ran %v, want %v", rec.ran, tc.want)
			}
			for i := range tc.want {
				if rec.ran[i] != tc.want[i] {
					t.Fatalf("ran %v, want %v", rec.ran, tc.want)
				}
			}
			if r.skipped != len(tc.scripts)-len(tc.want) {
				t.Errorf("skipped %d, want %d", r.skipped, len(tc.scripts)-len(tc.want))
			}
		})
	}
}
