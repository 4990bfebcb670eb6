package pm

import (
	"bytes"
	"context"
	"testing"
)

// TestOpenResolvesReleaseverFromRpmdb: without --releasever, a vars file or os-release,
// Open takes $releasever from the installed package providing system-release(releasever),
// read through the one rpmdb handle it also loads the installed packages with.
func TestOpenResolvesReleaseverFromRpmdb(t *testing.T) {
	rel := "name: system-release\nversion: '7'\nrelease: '1'\narch: noarch\nsummary: s\nlicense: MIT\n" +
		"provides: ['system-release(releasever) = 7']\nfiles: [{path: /usr/share/system-release/v, content: '7'}]\n"
	repoDir := fixtureRepo(t, rel, pkgYAML("tool", "1"))
	tests := []struct {
		name    string
		install []string
		want    string
	}{
		{"from the system-release package", []string{"system-release"}, "7"},
		{"nothing says it", []string{"tool"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			var log bytes.Buffer
			if err := run(t, testConfig(root, repoDir, &log), Request{Install: tc.install}); err != nil {
				t.Fatalf("%v\n%s", err, log.String())
			}
			cfg := testConfig(root, repoDir, &log)
			cfg.Releasever = ""
			b, err := Open(context.Background(), cfg, false)
			if err != nil {
				t.Fatal(err)
			}
			if got := b.Config().Releasever; got != tc.want {
				t.Errorf("releasever %q, want %q", got, tc.want)
			}
			if got := b.releasever(); got != tc.want {
				t.Errorf("releasever() %q after Open, want %q", got, tc.want)
			}
			if n := len(b.Installed); n != 1 {
				t.Errorf("%d installed packages loaded, want 1", n)
			}
		})
	}
}
