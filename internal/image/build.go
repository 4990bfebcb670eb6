package image

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/nimbus-linux/nimbus/internal/image/gpt"
)

// Options are the inputs of one image build.
type Options struct {
	Profile *Profile
	Arch    string   // x86_64 or aarch64
	Formats []string // nil: the profile's
	OutDir  string
	// Repos are "id,path" local repositories (dnf's --repofrompath) to install from.
	Repos      []string
	Releasever string
	NoGPGCheck bool
	SetsDir    string    // where the profile's package sets are (dist/sets)
	Time       time.Time // every timestamp in the image (SOURCE_DATE_EPOCH)
	// Seed derives the disk, partition and file system identities; the same seed and
	// inputs give the same bytes. Default: profile name, arch and release.
	Seed string
	// Dev builds the root from a kernel cache and local binaries instead of packages,
	// for development while the distribution's packages are not built.
	Dev *DevSource
	// InitramfsBusybox is a busybox-static for the image's architecture, the rescue
	// shell of the initramfs when the early init cannot find or mount the root (the
	// image's own busybox serves when it has one; without either there is no shell).
	InitramfsBusybox string
	Tools            Tools
	Log              io.Writer
}

// Output is one file an image build wrote.
type Output struct {
	Format string `json:"format"`
	Path   string `json:"path"` // base name, in OutDir
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Build is the state an image build carries from stage to stage.
type Build struct {
	Options
	Timings []Timing
	Outputs []Output

	work  string // scratch folder inside OutDir, removed at the end
	Root  string // the staging root
	tmpfs string // the scratch tmpfs this build mounted and has not unmounted yet, or "" (scratch.go)
	// StagedOnTmpfs says the staging root was a tmpfs (scratch.go), for tests and -v.
	StagedOnTmpfs bool
	Packages      []PackageInfo
	plan          installPlan

	KernelVersion string
	kernelImage   string   // path of the kernel in the staging root
	initrd        []byte   // the initramfs (newc cpio)
	initModules   []string // modules loaded by the initramfs, in load order
	uki           []byte
	cmdline       string
	table         *gpt.Table // the disk's partitions (ESP, root)
	espSize       int64
	rootSize      int64
	diskSize      int64
	rawPath       string   // the raw disk: in the output folder, or on the scratch tmpfs (RawOnTmpfs)
	RawOnTmpfs    bool     // the raw disk was assembled on the scratch tmpfs (disk.go), for tests and -v
	created       []string // output files, removed when the build fails

	Identity Identity
	note     string
}

// Identity are the derived identifiers of the image.
type Identity struct {
	DiskGUID, ESPGUID, RootGUID string
	RootFSUUID, HashSeed        string
	ESPVolumeID                 uint32
}

// PackageInfo is one package of the image, for the SBOM.
type PackageInfo struct {
	Name, Version, Release, Arch, License, URL, Summary string
	Epoch                                               int
	SHA256                                              string // of the package file, when known
}

// NEVRA is name-[epoch:]version-release.arch.
func (p PackageInfo) NEVRA() string {
	e := ""
	if p.Epoch > 0 {
		e = fmt.Sprintf("%d:", p.Epoch)
	}
	return fmt.Sprintf("%s-%s%s-%s.%s", p.Name, e, p.Version, p.Release, p.Arch)
}

// NewBuild checks the options and returns a build ready to Run.
func NewBuild(o Options) (*Build, error) {
	if o.Profile == nil {
		return nil, fmt.Errorf("image: no profile")
	}
	if !contains(Arches, o.Arch) {
		return nil, fmt.Errorf("image: architecture %q: want x86_64 or aarch64", o.Arch)
	}
	if !contains(o.Profile.Arches, o.Arch) {
		return nil, fmt.Errorf("image: profile %s is not built for %s (arches: %v)", o.Profile.Name, o.Arch, o.Profile.Arches)
	}
	if len(o.Formats) == 0 {
		o.Formats = o.Profile.Formats
	}
	allowed := DiskFormats
	if o.Profile.Kind == "container" {
		allowed = ContainerFormats
	}
	var formats []string
	for _, f := range o.Formats {
		if !contains(allowed, f) {
			return nil, fmt.Errorf("image: format %q: a %s image is written as %v", f, o.Profile.Kind, allowed)
		}
		if !contains(formats, f) {
			formats = append(formats, f)
		}
	}
	o.Formats = formats
	if o.OutDir == "" {
		return nil, fmt.Errorf("image: no output folder")
	}
	if o.Seed == "" {
		o.Seed = o.Profile.Name + "/" + o.Arch + "/" + o.Releasever
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.Time.IsZero() {
		o.Time = time.Unix(0, 0).UTC()
	}
	b := &Build{Options: o}
	b.deriveIdentity()
	return b, nil
}

// Name is the base name of the outputs: PROFILE-ARCH.
func (b *Build) Name() string { return b.Profile.Name + "-" + b.Arch }

func (b *Build) prepare() error {
	if err := os.MkdirAll(b.OutDir, 0o755); err != nil {
		return err
	}
	b.cleanStale(b.OutDir) // a crashed build's scratch folder and staging tmpfs (scratch.go)
	w, err := os.MkdirTemp(b.OutDir, ".work-")
	if err != nil {
		return err
	}
	b.work = w
	if err := writeOwner(w); err != nil {
		b.logf("scratch folder %s: no owner file (a crash would leave it for good): %v", w, err)
	}
	return b.mountStaging()
}

// cleanup removes the scratch folder, and the outputs when the build failed.
func (b *Build) cleanup(failed bool) {
	b.unmountStaging()
	if b.work != "" && os.Getenv("NIMBUS_IMAGE_KEEP") == "" {
		_ = os.RemoveAll(b.work)
	} else if b.work != "" {
		_ = os.Remove(filepath.Join(b.work, ownerFile)) // kept on purpose: not stale
	}
	if failed {
		for _, p := range b.created {
			_ = os.Remove(p)
		}
		b.Outputs = nil
	}
}

// out returns the path of an output file and remembers it for clean-up.
func (b *Build) out(name string) string {
	p := filepath.Join(b.OutDir, name)
	b.created = append(b.created, p)
	return p
}

func (b *Build) logf(format string, a ...any) { fmt.Fprintf(b.Log, format+"\n", a...) }
