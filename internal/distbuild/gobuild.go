package distbuild

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/arch"

	"github.com/nimbus-linux/nimbus/internal/recipe"
)

// goArchOf is GOARCH for a Nimbus arch.
func goArchOf(rpm string) string {
	a, _ := arch.ByRPM(rpm)
	return a.Go
}

// buildGo compiles a main package of the repository for one arch, reproducibly:
// CGO_ENABLED=0, -trimpath, no VCS stamp, so the binary depends only on the sources and
// the toolchain. Its Go build ID (the ELF note .note.go.buildid) is the SHA-256 of the
// same build linked without one: a content identity that is still reproducible, which
// the early init reads to tell whether the root's nimbus-init is its own build.
func buildGo(ctx context.Context, repoRoot, goTool string, r *recipe.Recipe, arch string) ([]*Output, error) {
	g := r.Source.Go
	tmp, err := os.MkdirTemp("", "nimbus-go-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "out")
	build := func(buildID string) ([]byte, error) {
		ldflags := strings.TrimSpace("-s -w -buildid=" + buildID + " " + g.Ldflags)
		args := []string{"build", "-trimpath", "-buildvcs=false", "-ldflags=" + ldflags, "-o", bin}
		if len(g.Tags) > 0 {
			args = append(args, "-tags="+strings.Join(g.Tags, ","))
		}
		args = append(args, g.Package)
		cmd := exec.CommandContext(ctx, goTool, args...)
		cmd.Dir = repoRoot
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH="+goArchOf(arch), "GOFLAGS=-mod=readonly")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("go build %s for %s: %w\n%s", g.Package, arch, err, strings.TrimSpace(out.String()))
		}
		return os.ReadFile(bin)
	}
	data, err := build("")
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	if data, err = build(hex.EncodeToString(sum[:])); err != nil {
		return nil, err
	}
	target := g.Binary
	if target == "" {
		target = "/usr/bin/" + path.Base(g.Package)
	}
	nodes := []*node{{Path: target, Mode: modeRegular | 0o755, User: "root", Group: "root", Data: data}}
	for _, l := range g.Links {
		nodes = append(nodes, &node{Path: l, Mode: modeSymlink | 0o777, User: "root", Group: "root", Link: relLink(path.Dir(l), target)})
	}
	m := meta{Name: r.Name, Summary: r.Summary, Description: r.Description, License: r.License, URL: r.URL,
		EVR: recipe.EVR{Epoch: r.Epoch, Version: r.Version, Release: r.Release}, Arch: arch}
	return assemble(r, m, nodes, newDeps(), nil, nil)
}
