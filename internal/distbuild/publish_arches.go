package distbuild

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/recipe"
	"github.com/nimbus-linux/nimbus/internal/repo/createrepo"
)

// PublishOptions are the inputs of Publish: a build's packages and where its
// repositories go.
type PublishOptions struct {
	Out        string // the build's output directory (the packages' files are relative to it)
	Dist       string // the distribution directory (advisories/)
	Releasever string
	Arches     []string
	Recipes    map[string]*recipe.Recipe // every recipe, for the advisories
	Packages   []Built
	// NoPublish checks (closure, advisories) without writing the repositories.
	NoPublish bool
	// Signer signs each repository's repomd.xml; Time is the metadata's time (the build
	// time, clamped).
	Signer createrepo.Signer
	Time   time.Time
	Log    io.Writer // one line per arch checked and per repository published
}

// Publish checks, for each arch, that the build's packages (noarch ones in every arch) are
// closed under dependencies and that the distribution's advisories name packages that
// exist, then publishes RepoDir(Out, Releasever, arch) with signed repodata and the
// advisories as updateinfo. An arch that fails is reported in the joined error; the
// others are published all the same.
func Publish(ctx context.Context, o PublishOptions) error {
	if o.Log == nil {
		o.Log = io.Discard
	}
	var problems []error
	for _, arch := range o.Arches {
		files := archFiles(o.Out, o.Packages, arch)
		infos, err := ReadInfos(files)
		if err != nil {
			return err
		}
		if err := CheckClosure(arch, infos); err != nil {
			problems = append(problems, err)
			continue
		}
		fmt.Fprintf(o.Log, "%s: %d packages, closed under dependencies\n", arch, len(files))
		// Advisories are checked against the packages before anything is published.
		ui, err := AdvisoriesFor(o.Dist, o.Recipes)
		if err == nil && ui != nil {
			_, err = ui(RepoPackages(files, infos))
		}
		if err != nil {
			problems = append(problems, fmt.Errorf("%s: %w", arch, err))
			continue
		}
		if o.NoPublish {
			continue
		}
		dir := RepoDir(o.Out, o.Releasever, arch)
		err = publishDir(ctx, dir, files, func(ctx context.Context, dir string) error {
			_, err := createrepo.Create(ctx, dir, createrepo.Options{Compress: compress.Gzip, Signer: o.Signer, Time: o.Time, Clamp: true, UpdateinfoFor: ui})
			return err
		})
		if err != nil {
			problems = append(problems, fmt.Errorf("publishing %s: %w", dir, err))
			continue
		}
		fmt.Fprintf(o.Log, "published %s\n", dir)
	}
	return errors.Join(problems...)
}

// archFiles are the package files of one arch's repository: the arch's own and every
// noarch one (noarch imports are recorded once, under one arch), sorted, each once.
func archFiles(out string, pkgs []Built, arch string) []string {
	var files []string
	for _, p := range pkgs {
		if p.Arch == arch || strings.HasSuffix(p.File, ".noarch.rpm") {
			files = append(files, filepath.Join(out, p.File))
		}
	}
	sort.Strings(files)
	var uniq []string
	for i, x := range files {
		if i == 0 || x != files[i-1] {
			uniq = append(uniq, x)
		}
	}
	return uniq
}
