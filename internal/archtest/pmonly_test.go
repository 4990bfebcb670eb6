package archtest

import (
	"os/exec"
	"strings"
	"testing"
)

// hostOnly are packages the package-manager binary (cmd/nimbus built with -tags pmonly,
// /usr/bin/dnf of the images: dist/recipes/dnf.yaml) must not link: the image, build,
// release, S3 and QEMU code, whose package inits and pages a small install would pay for.
var hostOnly = []string{
	module + "internal/image", module + "internal/distbuild", module + "internal/s3store",
	module + "internal/vm", module + "internal/release/publish", module + "internal/solver/testcase",
	module + "internal/recipe", "github.com/aws/", "github.com/google/go-containerregistry/",
	"github.com/vbauerster/mpb/", "golang.org/x/crypto/ssh",
}

func deps(t *testing.T, tags string) map[string]bool {
	t.Helper()
	out, err := exec.Command("go", "list", "-tags="+tags, "-deps", "../../cmd/nimbus").Output()
	if err != nil {
		t.Fatalf("go list -tags=%q -deps cmd/nimbus: %v", tags, err)
	}
	m := map[string]bool{}
	for _, p := range strings.Fields(string(out)) {
		m[p] = true
	}
	return m
}

func TestPMOnlyBinaryLinksNoHostTools(t *testing.T) {
	for _, c := range []struct {
		tags     string
		wantHost bool
	}{{"", true}, {"pmonly", false}} {
		d := deps(t, c.tags)
		for _, must := range []string{module + "internal/pm", module + "internal/cli", module + "internal/rpmdb", module + "internal/history"} {
			if !d[must] {
				t.Errorf("tags %q: cmd/nimbus does not link %s", c.tags, must)
			}
		}
		for _, h := range hostOnly {
			found := ""
			for p := range d {
				if p == h || strings.HasPrefix(p, h) && (strings.HasSuffix(h, "/") || strings.HasPrefix(p, h+"/")) {
					found = p
					break
				}
			}
			if c.wantHost && h == module+"internal/image" && found == "" {
				t.Errorf("tags %q: the full nimbus does not link %s (is the tag inverted?)", c.tags, h)
			}
			if !c.wantHost && found != "" {
				t.Errorf("tags %q: the package-manager binary links %s", c.tags, found)
			}
		}
	}
}
