//go:build !pmonly

package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/nimbus-linux/nimbus/internal/arch"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/image"
	"github.com/nimbus-linux/nimbus/internal/sourcedate"
)

// newImageCmd groups the image commands: build and validate.
func newImageCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "image",
		Short: "Build Nimbus Linux disk and container images from image profiles (dist/images)",
	}
	c.AddCommand(newImageBuildCmd(e), newImageValidateCmd(e))
	return c
}

type imageBuildFlags struct {
	arch, out, dist, releasever, seed, devInit, devKernel, busybox string
	formats, repos                                                 []string
	noGPGCheck, dev                                                bool
}

func newImageBuildCmd(e *env) *cobra.Command {
	var f imageBuildFlags
	c := &cobra.Command{
		Use:   "build PROFILE --arch x86_64|aarch64 [--format raw,qcow2,vmdk,vhd,oci] -o DIR",
		Short: "Build an image: resolve, install, configure, initramfs, uki, filesystem, disk, convert, sbom, manifest",
		Long: `Builds the image a profile describes (a path, or a name in DIST/images) for one
architecture from local repositories (default: out/repos/RELEASEVER/ARCH), as a GPT disk
with an EFI system partition holding a unified kernel image and an ext4 root, in the
requested formats, with an SPDX SBOM and a manifest of SHA-256 sums. Two builds of the
same inputs with the same SOURCE_DATE_EPOCH give the same bytes.

--dev builds the root from the kernel cache of scripts/fetch-test-kernels.sh, a nimbus-init
binary (--dev-init) and busybox instead of packages.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runImageBuild(e, f, args[0]) },
	}
	fl := c.Flags()
	fl.StringVar(&f.arch, "arch", "x86_64", "architecture: x86_64 or aarch64")
	fl.StringSliceVar(&f.formats, "format", nil, "output formats (default: the profile's)")
	fl.StringVarP(&f.out, "output", "o", "out/images", "output directory")
	fl.StringVar(&f.dist, "dist", "dist", "the distribution directory (images/, sets/)")
	fl.StringArrayVar(&f.repos, "repo", nil, "local repository directory or ID,DIR (repeatable; default out/repos/RELEASEVER/ARCH)")
	fl.StringVar(&f.releasever, "releasever", "", "release version (default: the newest under out/repos)")
	fl.BoolVar(&f.noGPGCheck, "nogpgcheck", false, "do not check package signatures")
	fl.StringVar(&f.seed, "seed", "", "seed of the disk and file system identities (default: profile/arch/release)")
	fl.StringVar(&f.busybox, "initramfs-busybox", "", "busybox-static for the architecture: a rescue shell in the initramfs when the image has no busybox")
	fl.BoolVar(&f.dev, "dev", false, "build a development root (kernel cache, nimbus-init, busybox) instead of installing packages")
	fl.StringVar(&f.devInit, "dev-init", "", "with --dev: nimbus-init binary for the architecture")
	fl.StringVar(&f.devKernel, "dev-kernel", "", "with --dev: kernel cache folder (default: $NIMBUS_CACHE or /var/cache/nimbus-test, then amd64 or arm64)")
	return c
}

// profilePath resolves a profile argument: a file, or a name in DIST/images.
func profilePath(dist, arg string) string {
	if strings.ContainsAny(arg, "/.") {
		return arg
	}
	return filepath.Join(dist, "images", arg+".yaml")
}

func runImageBuild(e *env, f imageBuildFlags, arg string) error {
	p, err := image.LoadProfile(profilePath(f.dist, arg))
	if err != nil {
		return err
	}
	t, _, err := sourcedate.BuildTime(e.getenv, time.Now)
	if err != nil {
		return err
	}
	o := image.Options{Profile: p, Arch: f.arch, Formats: f.formats, OutDir: f.out, Releasever: f.releasever,
		NoGPGCheck: f.noGPGCheck, SetsDir: filepath.Join(f.dist, "sets"), Time: t, Seed: f.seed, Log: e.stderr,
		InitramfsBusybox: f.busybox}
	if f.dev {
		kdir := f.devKernel
		if kdir == "" {
			cache := e.getenv("NIMBUS_CACHE")
			if cache == "" {
				cache = "/var/cache/nimbus-test"
			}
			kdir = filepath.Join(cache, arch.DebianName(f.arch))
		}
		if f.devInit == "" {
			return fmt.Errorf("image build --dev needs --dev-init: a nimbus-init built for %s (CGO_ENABLED=0 GOARCH=%s go build ./cmd/nimbus-init)", f.arch, arch.DebianName(f.arch))
		}
		o.Dev = &image.DevSource{KernelDir: kdir, Init: f.devInit, Busybox: filepath.Join(kdir, "busybox")}
		o.Tools.CacheDir = filepath.Dir(kdir)
	} else {
		if o.Releasever == "" {
			o.Releasever = newestRelease("out/repos")
		}
		for i, r := range f.repos {
			if !strings.Contains(r, ",") {
				r = fmt.Sprintf("image-repo-%d,%s", i, r)
			}
			o.Repos = append(o.Repos, r)
		}
		if len(o.Repos) == 0 && o.Releasever != "" {
			d := filepath.Join("out/repos", o.Releasever, f.arch)
			if abs, err := filepath.Abs(d); err == nil {
				d = abs
			}
			if _, err := os.Stat(filepath.Join(d, "repodata")); err == nil {
				o.Repos = []string{"nimbus-local," + d}
			}
		}
	}
	b, err := image.NewBuild(o)
	if err != nil {
		return err
	}
	if err := image.Run(e.ctx, b, image.Stages); err != nil {
		return err
	}
	var total, cpu float64
	for _, t := range b.Timings {
		total += t.Duration.Seconds()
		cpu += t.CPU.Seconds()
	}
	fmt.Fprintf(e.stderr, "built %s in %.2fs (%.2fs cpu)\n", b.Name(), total, cpu)
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FORMAT\tSIZE\tSHA-256\tFILE")
	for _, o := range b.Outputs {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", o.Format, o.Size, o.SHA256, filepath.Join(f.out, o.Path))
	}
	return tw.Flush()
}

// newestRelease is the last release folder under dir ("" when none).
func newestRelease(dir string) string {
	ents, _ := os.ReadDir(dir)
	var names []string
	for _, e := range ents {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return ""
	}
	return names[len(names)-1]
}

func newImageValidateCmd(e *env) *cobra.Command {
	var dist string
	c := &cobra.Command{
		Use:   "validate PROFILE...",
		Short: "Check image profiles, reporting every problem at once",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var bad int
			for _, a := range args {
				p, err := image.LoadProfile(profilePath(dist, a))
				if err != nil {
					fmt.Fprintln(e.stderr, err)
					bad++
					continue
				}
				fmt.Fprintf(e.stdout, "%s: ok (%s, %s, formats %s)\n", p.Path, p.Kind, strings.Join(p.Arches, " "), strings.Join(p.Formats, " "))
			}
			if bad > 0 {
				return &ExitError{Code: 1, Silent: true}
			}
			return nil
		},
	}
	c.Flags().StringVar(&dist, "dist", "dist", "the distribution directory (images/)")
	return c
}
