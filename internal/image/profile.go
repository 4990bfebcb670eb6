// Package image builds Nimbus Linux images: a pipeline of named stages (resolve, install,
// configure, initramfs, uki, filesystem, disk, convert, sbom, manifest) declared in one
// list in pipeline.go, turning an image profile (dist/images/*.yaml) and package
// repositories into a GPT disk with an EFI system partition holding a unified kernel
// image and an ext4 root, in raw, qcow2, vmdk and vhd, or an OCI image tarball.
package image

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/lazy"

	"gopkg.in/yaml.v3"
)

// Profile is an image profile.
type Profile struct {
	Name        string   `yaml:"name"`
	Description string   `yaml:"description"`
	Kind        string   `yaml:"kind"`     // "disk" (default) or "container"
	Sets        []string `yaml:"sets"`     // package sets from dist/sets
	Packages    []string `yaml:"packages"` // further packages
	Arches      []string `yaml:"arches"`
	RootFS      string   `yaml:"rootfs"` // ext4 (default); xfs is reserved
	Size        string   `yaml:"size"`   // disk size, e.g. "2GiB"; the root grows on first boot
	ESPSize     string   `yaml:"esp_size"`
	Cmdline     string   `yaml:"cmdline"`
	DefaultUser string   `yaml:"default_user"`
	Units       []string `yaml:"units"` // enabled at boot (multi-user.target.wants)
	Timezone    string   `yaml:"timezone"`
	Locale      string   `yaml:"locale"`
	Hostname    string   `yaml:"hostname"`
	Formats     []string `yaml:"formats"`
	// Modules are loaded by the initramfs before the root is mounted, beyond the
	// defaults (virtio_pci, virtio_blk, virtio_scsi, nvme, ena).
	Modules []string `yaml:"modules"`

	Path string `yaml:"-"`
}

// Problems are all the problems of a profile, each with its file and field.
type Problems []string

func (p Problems) Error() string {
	if len(p) == 1 {
		return p[0]
	}
	return fmt.Sprintf("%d problems:\n  %s", len(p), strings.Join(p, "\n  "))
}

// Formats an image can be written in.
var (
	DiskFormats      = []string{"raw", "qcow2", "vmdk", "vhd"}
	ContainerFormats = []string{"oci"}
	Arches           = []string{"x86_64", "aarch64"}
)

var (
	nameRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`) }}
	pkgRE  = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9._+*?-]*$`) }}
	unitRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
		return regexp.MustCompile(`^[A-Za-z0-9@._:-]+\.(service|socket|timer|target|path|mount)$`)
	}}
	tzRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*$`) }}
)

// LoadProfile reads and validates a profile file.
func LoadProfile(path string) (*Profile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseProfile(path, data)
}

// ParseProfile decodes a profile and reports every problem at once.
func ParseProfile(name string, data []byte) (*Profile, error) {
	var p Profile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		return nil, Problems{fmt.Sprintf("%s: %v", name, err)}
	}
	p.Path = name
	p.defaults()
	if errs := p.Validate(); len(errs) > 0 {
		for i := range errs {
			errs[i] = name + ": " + errs[i]
		}
		return nil, errs
	}
	return &p, nil
}

func (p *Profile) defaults() {
	if p.Kind == "" {
		p.Kind = "disk"
	}
	if p.RootFS == "" {
		p.RootFS = "ext4"
	}
	if len(p.Arches) == 0 {
		p.Arches = append([]string{}, Arches...)
	}
	if p.Size == "" && p.Kind == "disk" {
		p.Size = "2GiB"
	}
	if p.ESPSize == "" && p.Kind == "disk" {
		p.ESPSize = "64MiB"
	}
	if p.Timezone == "" {
		p.Timezone = "UTC"
	}
	if p.Locale == "" {
		p.Locale = "C.UTF-8"
	}
	if len(p.Formats) == 0 {
		if p.Kind == "container" {
			p.Formats = []string{"oci"}
		} else {
			p.Formats = []string{"raw"}
		}
	}
}

// Validate returns every problem of p, sorted, each naming its field.
func (p *Profile) Validate() Problems {
	var errs Problems
	bad := func(field, format string, a ...any) { errs = append(errs, field+": "+fmt.Sprintf(format, a...)) }
	if !nameRE.Get().MatchString(p.Name) {
		bad("name", "%q is not an image name (lower case letters, digits, '.', '_', '-')", p.Name)
	}
	if p.Kind != "disk" && p.Kind != "container" {
		bad("kind", "%q: want disk or container", p.Kind)
	}
	if len(p.Sets)+len(p.Packages) == 0 {
		bad("packages", "no packages and no sets: the image would be empty")
	}
	for i, s := range p.Sets {
		if !nameRE.Get().MatchString(s) {
			bad(fmt.Sprintf("sets[%d]", i), "%q is not a set name", s)
		}
	}
	seen := map[string]bool{}
	for i, s := range p.Packages {
		if !pkgRE.Get().MatchString(s) {
			bad(fmt.Sprintf("packages[%d]", i), "%q is not a package name", s)
		} else if seen[s] {
			bad(fmt.Sprintf("packages[%d]", i), "%q listed twice", s)
		}
		seen[s] = true
	}
	for i, a := range p.Arches {
		if !contains(Arches, a) {
			bad(fmt.Sprintf("arches[%d]", i), "%q: want one of %s", a, strings.Join(Arches, ", "))
		}
	}
	if p.RootFS != "ext4" {
		bad("rootfs", "%q: only ext4 is supported (xfs is planned)", p.RootFS)
	}
	allowed := DiskFormats
	if p.Kind == "container" {
		allowed = ContainerFormats
	}
	for i, f := range p.Formats {
		if !contains(allowed, f) {
			bad(fmt.Sprintf("formats[%d]", i), "%q: a %s image is written as %s", f, p.Kind, strings.Join(allowed, ", "))
		}
	}
	if p.Kind != "container" {
		size, err := ParseSize(p.Size)
		if err != nil {
			bad("size", "%v", err)
		}
		esp, err := ParseSize(p.ESPSize)
		if err != nil {
			bad("esp_size", "%v", err)
		} else if esp < 40<<20 {
			bad("esp_size", "%s is below the 40 MiB a FAT32 EFI system partition needs", p.ESPSize)
		}
		if size > 0 && esp > 0 && size < esp+16<<20 {
			bad("size", "%s leaves less than 16 MiB for the root after the %s EFI system partition", p.Size, p.ESPSize)
		}
		if strings.ContainsAny(p.Cmdline, "\n\"") {
			bad("cmdline", "must be one line without double quotes")
		}
	}
	if p.DefaultUser != "" && !regexp.MustCompile(`^[a-z_][a-z0-9_-]{0,31}$`).MatchString(p.DefaultUser) {
		bad("default_user", "%q is not a user name", p.DefaultUser)
	}
	for i, u := range p.Units {
		if !unitRE.Get().MatchString(u) {
			bad(fmt.Sprintf("units[%d]", i), "%q is not a unit name (name.service, .socket, .timer, ...)", u)
		}
	}
	if !tzRE.Get().MatchString(p.Timezone) {
		bad("timezone", "%q is not a time zone name", p.Timezone)
	}
	if strings.ContainsAny(p.Locale, " /\n") || p.Locale == "" {
		bad("locale", "%q is not a locale name", p.Locale)
	}
	if p.Hostname != "" && !regexp.MustCompile(`^[a-z0-9]([a-z0-9.-]{0,62})$`).MatchString(p.Hostname) {
		bad("hostname", "%q is not a host name", p.Hostname)
	}
	for i, m := range p.Modules {
		if !regexp.MustCompile(`^[A-Za-z0-9_-]+$`).MatchString(m) {
			bad(fmt.Sprintf("modules[%d]", i), "%q is not a module name", m)
		}
	}
	sort.Strings(errs)
	return errs
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ParseSize parses "2GiB", "512MiB", "1G" (binary units) or a byte count.
func ParseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suf string
		m   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}} {
		if strings.HasSuffix(s, u.suf) {
			s, mult = strings.TrimSuffix(s, u.suf), u.m
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || n > (1<<44)/mult {
		return 0, fmt.Errorf("%q is not a size (like 2GiB or 512MiB)", s)
	}
	if n*mult%(1<<20) != 0 {
		return 0, fmt.Errorf("%q is not a whole number of MiB", s)
	}
	return n * mult, nil
}

// SetPackages reads the package names of the named sets from dir (dist/sets/NAME.yaml).
func SetPackages(dir string, names []string) ([]string, error) {
	var out []string
	var errs []error
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, n+".yaml"))
		if err != nil {
			errs = append(errs, fmt.Errorf("package set %s: %w", n, err))
			continue
		}
		var s struct {
			Packages []string `yaml:"packages"`
		}
		if err := yaml.Unmarshal(data, &s); err != nil {
			errs = append(errs, fmt.Errorf("package set %s: %w", n, err))
			continue
		}
		out = append(out, s.Packages...) // deps follow from the solver
	}
	return out, errors.Join(errs...)
}
