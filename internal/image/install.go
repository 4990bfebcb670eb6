package image

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/arch"

	"github.com/nimbus-linux/nimbus/internal/pm"
	"github.com/nimbus-linux/nimbus/internal/rpmdb"
)

// installPlan is a resolved set of packages that can be installed into a root: from
// repositories with the package manager, or (for development) from local files.
type installPlan interface {
	install(ctx context.Context, b *Build) error
	summary() string
}

// packageSpecs are the profile's sets and packages.
func (b *Build) packageSpecs() ([]string, error) {
	specs, err := SetPackages(b.SetsDir, b.Profile.Sets)
	if err != nil {
		return nil, err
	}
	specs = append(specs, b.Profile.Packages...)
	seen := map[string]bool{}
	out := specs[:0]
	for _, s := range specs {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out, nil
}

func stageResolve(ctx context.Context, b *Build) error {
	if b.Dev != nil {
		p, err := b.Dev.plan(b)
		if err != nil {
			return err
		}
		b.plan = p
		b.note = p.summary()
		return nil
	}
	specs, err := b.packageSpecs()
	if err != nil {
		return err
	}
	if len(b.Repos) == 0 {
		return errors.New("no repositories: pass --repo DIR (a repository `nimbus build` or `nimbus repo create` made)")
	}
	now := b.Time
	// Scriptlets run chrooted in the image: a foreign architecture needs a binfmt_misc
	// handler (qemu-user-static); without one they are skipped, with a note.
	noScripts := !canExec(b.Arch)
	if noScripts {
		b.logf("install: no way to run %s programs on this host (install qemu-user-static): package scriptlets are skipped", b.Arch)
	}
	base, err := pm.Open(ctx, pm.Config{NoScripts: noScripts,
		Root: b.Root, RepoFromPath: b.Repos, Repos: repoIDs(b.Repos), Releasever: b.Releasever, Arch: b.Arch,
		NoGPGCheck: b.NoGPGCheck, Setopt: map[string]string{"reposdir": "/dev/null", "install_weak_deps": "False"},
		Now: func() time.Time { return now }, Log: b.Log, Cmdline: "image build " + b.Profile.Name,
	}, true)
	if err != nil {
		return fmt.Errorf("loading the repositories: %w", err)
	}
	plan, err := base.Resolve(pm.Request{Install: specs})
	if err != nil {
		var nm *pm.NoMatchError
		if errors.As(err, &nm) {
			return fmt.Errorf("no package provides %s in %s: fix the profile %s or build the packages (nimbus build)",
				strings.Join(nm.Specs, ", "), strings.Join(b.Repos, " "), b.Profile.Path)
		}
		return err
	}
	if len(plan.NoMatch) > 0 {
		return fmt.Errorf("no package provides %s: fix the profile %s", strings.Join(plan.NoMatch, ", "), b.Profile.Path)
	}
	b.plan = &repoPlan{plan: plan, n: len(plan.Actions)}
	b.note = b.plan.summary()
	return nil
}

func repoIDs(repos []string) []string {
	var ids []string
	for _, r := range repos {
		id, _, _ := strings.Cut(r, ",")
		ids = append(ids, id)
	}
	return ids
}

type repoPlan struct {
	plan *pm.Plan
	n    int
}

func (p *repoPlan) summary() string { return fmt.Sprintf("%d packages", p.n) }

func (p *repoPlan) install(ctx context.Context, b *Build) error {
	// ldconfig runs once, from glibc-common's %transfiletriggerin (docs/image.md).
	if _, err := p.plan.Run(ctx, nil); err != nil {
		return err
	}
	return b.readInstalled(ctx)
}

// readInstalled fills b.Packages from the staging root's rpmdb.
func (b *Build) readInstalled(ctx context.Context) error {
	db, err := rpmdb.Open(b.Root, "", rpmdb.Options{})
	if err != nil {
		return fmt.Errorf("reading the image's rpmdb: %w", err)
	}
	defer db.Close()
	all, err := db.All(ctx)
	if err != nil {
		return err
	}
	for _, p := range all {
		in, err := p.Info()
		if err != nil {
			return err
		}
		pi := PackageInfo{Name: in.Name, Version: in.Version, Release: in.Release, Arch: in.Arch, License: in.License, URL: in.URL, Summary: in.Summary}
		if in.Epoch != nil {
			pi.Epoch = int(*in.Epoch)
		}
		b.Packages = append(b.Packages, pi)
	}
	sort.Slice(b.Packages, func(i, j int) bool { return b.Packages[i].NEVRA() < b.Packages[j].NEVRA() })
	return nil
}

func stageInstall(ctx context.Context, b *Build) error {
	if b.plan == nil {
		return errors.New("nothing resolved")
	}
	if err := b.plan.install(ctx, b); err != nil {
		return err
	}
	size, files, err := treeSize(b.Root)
	if err != nil {
		return err
	}
	b.note = fmt.Sprintf("%d packages, %d files, %.1f MiB", len(b.Packages), files, float64(size)/(1<<20))
	return nil
}

// rootPath is p inside the staging root.
func (b *Build) rootPath(p string) string { return filepath.Join(b.Root, p) }

// canExec reports whether this host runs programs of arch: natively, or through a
// registered binfmt_misc handler.
func canExec(name string) bool {
	if name == arch.Host().RPM {
		return true
	}
	b, err := os.ReadFile("/proc/sys/fs/binfmt_misc/qemu-" + name)
	return err == nil && strings.HasPrefix(string(b), "enabled")
}
