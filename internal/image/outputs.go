package image

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/lazy"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sys/unix"

	"github.com/nimbus-linux/nimbus/internal/image/convert"
	"github.com/nimbus-linux/nimbus/internal/image/gpt"
	"github.com/nimbus-linux/nimbus/internal/iocount"
)

// stageConvert writes the requested formats from the raw disk (qcow2, streamOptimized
// vmdk and fixed vhd, all written in Go; the raw file stays only when asked for), or the
// OCI tarball of a container image.
func stageConvert(ctx context.Context, b *Build) error {
	if b.Profile.Kind == "container" {
		p := b.out(b.Name() + ".oci.tar")
		if err := writeOCI(b, p); err != nil {
			return err
		}
		return b.addOutput("oci", p)
	}
	// The conversions run side by side, each hashing its own output; the outputs are
	// listed in the order of the formats. With qcow2 asked for, the raw disk's SHA-256
	// (of all its bytes, holes as zeros: what sha256sum prints) comes from the qcow2
	// writer's one read of the raw disk, not from a pass of its own. A raw disk staged
	// on the scratch tmpfs (disk.go) is written to the output folder here, its data
	// only, beside the hashing; without raw asked for it is never written out.
	outs := make([]Output, len(b.Formats))
	rawAt := slices.Index(b.Formats, "raw")
	teeRaw := rawAt >= 0 && contains(b.Formats, "qcow2")
	st, err := os.Stat(b.rawPath)
	if err != nil {
		return err
	}
	var rawSum string
	var g errgroup.Group
	if rawAt >= 0 && b.RawOnTmpfs && !teeRaw { // hashed beside its copy
		g.Go(func() (err error) {
			rawSum, _, err = fileSHA256(b.rawPath)
			return err
		})
	}
	for i, f := range b.Formats {
		p := b.out(b.Name() + "." + f)
		g.Go(func() error {
			if f == "raw" {
				if b.RawOnTmpfs {
					if err := convert.CopySparse(b.rawPath, p); err != nil {
						return fmt.Errorf("raw: %w", err)
					}
				} else if !teeRaw {
					sum, _, err := fileSHA256(p)
					rawSum = sum
					return err
				}
				return nil
			}
			if f == "qcow2" { // streamed: hashed as it is written, never read back
				var rawHash hash.Hash
				if teeRaw {
					rawHash = sha256.New()
				}
				sum, size, err := writeHashed(p, func(w io.Writer) error {
					if rawHash == nil {
						return convert.Qcow2To(b.rawPath, w)
					}
					return convert.Qcow2Tee(b.rawPath, w, rawHash)
				})
				if err != nil {
					return fmt.Errorf("%s: %w", f, err)
				}
				outs[i] = Output{Format: f, Path: filepath.Base(p), Size: size, SHA256: sum}
				if teeRaw {
					rawSum = hex.EncodeToString(rawHash.Sum(nil))
				}
				return nil
			}
			if err := b.convertOne(ctx, f, p); err != nil {
				return fmt.Errorf("%s: %w", f, err)
			}
			sum, size, err := fileSHA256(p)
			outs[i] = Output{Format: f, Path: filepath.Base(p), Size: size, SHA256: sum}
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if rawAt >= 0 {
		outs[rawAt] = Output{Format: "raw", Path: b.Name() + ".raw", Size: st.Size(), SHA256: rawSum}
	}
	b.Outputs = append(b.Outputs, outs...)
	if rawAt < 0 && !b.RawOnTmpfs {
		_ = os.Remove(b.rawPath)
	}
	b.note = strings.Join(b.Formats, ", ")
	return nil
}

func (b *Build) convertOne(ctx context.Context, f, p string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	switch f {
	case "raw":
		return nil // written by the disk stage
	case "qcow2":
		return convert.Qcow2(b.rawPath, p)
	case "vmdk":
		cid := gpt.DeriveGUID(b.Seed, "vmdk-cid")
		return convert.VMDK(b.rawPath, p, uint32(cid[0])<<24|uint32(cid[1])<<16|uint32(cid[2])<<8|uint32(cid[3]))
	case "vhd":
		return convert.VHD(b.rawPath, p, gpt.DeriveGUID(b.Seed, "vhd"), b.Time)
	}
	return fmt.Errorf("unknown format %q", f)
}

func (b *Build) addOutput(format, p string) error {
	sum, size, err := fileSHA256(p)
	if err != nil {
		return err
	}
	b.Outputs = append(b.Outputs, Output{Format: format, Path: filepath.Base(p), Size: size, SHA256: sum})
	return nil
}

// writeHashed creates the file p with what write writes, and returns its SHA-256 and
// size, computed on the way.
func writeHashed(p string, write func(io.Writer) error) (string, int64, error) {
	f, err := os.Create(p)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	cw := &iocount.Writer{W: io.MultiWriter(f, h)}
	if err := write(cw); err != nil {
		return "", 0, err
	}
	if err := f.Close(); err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), cw.N, nil
}

// fileSHA256 hashes a file; the holes of a sparse file are hashed from a buffer of
// zeros instead of being read (a 2 GiB disk image is mostly holes).
func fileSHA256(p string) (string, int64, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", 0, err
	}
	h := sha256.New()
	zeros := make([]byte, 1<<20)
	size := st.Size()
	var pos int64
	for pos < size {
		data, err := unix.Seek(int(f.Fd()), pos, unix.SEEK_DATA)
		if err != nil {
			data = size // ENXIO: a hole up to the end; other errors: read it all below
			if !errors.Is(err, unix.ENXIO) {
				data = pos
			}
		}
		for pos < data { // the hole
			n := min(int64(len(zeros)), data-pos)
			h.Write(zeros[:n])
			pos += n
		}
		if pos >= size {
			break
		}
		hole, err := unix.Seek(int(f.Fd()), pos, unix.SEEK_HOLE)
		if err != nil {
			hole = size
		}
		if _, err := f.Seek(pos, io.SeekStart); err != nil {
			return "", 0, err
		}
		n, err := io.Copy(h, io.LimitReader(f, hole-pos))
		if err != nil {
			return "", 0, err
		}
		if n != hole-pos {
			return "", 0, fmt.Errorf("%s changed while hashing", p)
		}
		pos = hole
	}
	return hex.EncodeToString(h.Sum(nil)), size, nil
}

var spdxLicense = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9.+-]+( (AND|OR|WITH) [A-Za-z0-9.+-]+)*$`) }}

// stageSBOM writes an SPDX 2.3 JSON document listing every package of the image.
func stageSBOM(ctx context.Context, b *Build) error {
	type ref struct {
		Category string `json:"referenceCategory"`
		Type     string `json:"referenceType"`
		Locator  string `json:"referenceLocator"`
	}
	type pkg struct {
		Name             string `json:"name"`
		SPDXID           string `json:"SPDXID"`
		Version          string `json:"versionInfo,omitempty"`
		Supplier         string `json:"supplier"`
		Download         string `json:"downloadLocation"`
		FilesAnalyzed    bool   `json:"filesAnalyzed"`
		LicenseConcluded string `json:"licenseConcluded"`
		LicenseDeclared  string `json:"licenseDeclared"`
		Copyright        string `json:"copyrightText"`
		Summary          string `json:"summary,omitempty"`
		Homepage         string `json:"homepage,omitempty"`
		Refs             []ref  `json:"externalRefs,omitempty"`
	}
	type rel struct {
		A    string `json:"spdxElementId"`
		Type string `json:"relationshipType"`
		B    string `json:"relatedSpdxElement"`
	}
	imageID := "SPDXRef-Image"
	pkgs := []pkg{{Name: b.Name(), SPDXID: imageID, Version: b.Releasever, Supplier: "Organization: Nimbus Linux", Download: "NOASSERTION",
		LicenseConcluded: "NOASSERTION", LicenseDeclared: "NOASSERTION", Copyright: "NOASSERTION", Summary: b.Profile.Description}}
	rels := []rel{{"SPDXRef-DOCUMENT", "DESCRIBES", imageID}}
	for i, p := range b.Packages {
		id := fmt.Sprintf("SPDXRef-Package-%d-%s", i, regexp.MustCompile(`[^A-Za-z0-9.-]`).ReplaceAllString(p.Name, "-"))
		lic := "NOASSERTION"
		if spdxLicense.Get().MatchString(p.License) {
			lic = p.License
		}
		ver := p.Version + "-" + p.Release
		if p.Epoch > 0 {
			ver = fmt.Sprintf("%d:%s", p.Epoch, ver)
		}
		purl := fmt.Sprintf("pkg:rpm/nimbus/%s@%s?arch=%s", p.Name, strings.ReplaceAll(p.Version+"-"+p.Release, "+", "%2B"), p.Arch)
		if p.Epoch > 0 {
			purl += fmt.Sprintf("&epoch=%d", p.Epoch)
		}
		homepage := ""
		if strings.HasPrefix(p.URL, "http") {
			homepage = p.URL
		}
		pkgs = append(pkgs, pkg{Name: p.Name, SPDXID: id, Version: ver, Supplier: "Organization: Nimbus Linux", Download: "NOASSERTION",
			LicenseConcluded: "NOASSERTION", LicenseDeclared: lic, Copyright: "NOASSERTION", Summary: p.Summary, Homepage: homepage,
			Refs: []ref{{"PACKAGE-MANAGER", "purl", purl}}})
		rels = append(rels, rel{imageID, "CONTAINS", id})
	}
	doc := map[string]any{
		"spdxVersion":       "SPDX-2.3",
		"dataLicense":       "CC0-1.0",
		"SPDXID":            "SPDXRef-DOCUMENT",
		"name":              b.Name(),
		"documentNamespace": "https://github.com/nimbus-linux/nimbus/spdx/" + b.Name() + "-" + gpt.DeriveGUID(b.Seed, "spdx").String(),
		"creationInfo":      map[string]any{"created": b.Time.UTC().Format("2006-01-02T15:04:05Z"), "creators": []string{"Tool: nimbus-image-build"}},
		"packages":          pkgs,
		"relationships":     rels,
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	p := b.out(b.Name() + ".spdx.json")
	if err := os.WriteFile(p, append(data, '\n'), 0o644); err != nil {
		return err
	}
	b.note = fmt.Sprintf("%d packages", len(b.Packages))
	return b.addOutput("spdx", p)
}

// Manifest describes a built image; it is reproducible (no build timings in it).
type Manifest struct {
	Image      string   `json:"image"`
	Profile    string   `json:"profile"`
	Arch       string   `json:"arch"`
	Releasever string   `json:"releasever,omitempty"`
	Time       string   `json:"source_date"`
	Kernel     string   `json:"kernel,omitempty"`
	Cmdline    string   `json:"cmdline,omitempty"`
	Identity   Identity `json:"identity"`
	Packages   int      `json:"packages"`
	Outputs    []Output `json:"outputs"`
}

func stageManifest(ctx context.Context, b *Build) error {
	m := Manifest{Image: b.Name(), Profile: b.Profile.Name, Arch: b.Arch, Releasever: b.Releasever,
		Time: b.Time.UTC().Format("2006-01-02T15:04:05Z"), Kernel: b.KernelVersion, Identity: b.Identity,
		Packages: len(b.Packages), Outputs: b.Outputs}
	m.Cmdline = b.cmdline
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	p := b.out(b.Name() + ".manifest.json")
	if err := os.WriteFile(p, append(data, '\n'), 0o644); err != nil {
		return err
	}
	b.note = fmt.Sprintf("%d outputs", len(b.Outputs))
	return nil
}

// ReadManifest reads an image's manifest (for `nimbus run`).
func ReadManifest(p string) (*Manifest, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return &m, nil
}
