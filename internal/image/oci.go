package image

import (
	"archive/tar"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"syscall"
	"time"

	"github.com/nimbus-linux/nimbus/internal/arch"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// writeOCI writes the staging root as a one-layer OCI image in an OCI image layout,
// archived as a tar file (what `podman load` and `docker load` read), reproducibly. The
// same archive is also a docker-archive: its manifest.json names the layout's config and
// layer blobs, which is what Docker before 25 (Debian 12's 20.10) loads.
func writeOCI(b *Build, out string) error {
	layerPath := filepath.Join(b.work, "layer.tar")
	if err := tarTree(b.Root, layerPath, b.Time, true); err != nil {
		return fmt.Errorf("layer: %w", err)
	}
	layer, err := tarball.LayerFromFile(layerPath, tarball.WithMediaType(types.OCILayer))
	if err != nil {
		return err
	}
	img, err := mutate.Append(mutate.MediaType(empty.Image, types.OCIManifestSchema1), mutate.Addendum{
		Layer: layer, MediaType: types.OCILayer,
		History: v1.History{Created: v1.Time{Time: b.Time}, CreatedBy: "nimbus image build " + b.Profile.Name},
	})
	if err != nil {
		return err
	}
	img = mutate.ConfigMediaType(img, types.OCIConfigJSON)
	cf, err := img.ConfigFile()
	if err != nil {
		return err
	}
	cf = cf.DeepCopy()
	cf.Architecture, cf.OS = arch.DebianName(b.Arch), "linux"
	if b.Arch == "aarch64" {
		cf.Variant = "v8"
	}
	cf.Created = v1.Time{Time: b.Time}
	cf.Config.Env = []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=" + b.Profile.Locale}
	cf.Config.Cmd = []string{"/bin/sh"}
	cf.Config.Labels = map[string]string{"org.opencontainers.image.title": "Nimbus Linux " + b.Profile.Name, "org.opencontainers.image.version": b.Releasever}
	img, err = mutate.ConfigFile(img, cf)
	if err != nil {
		return err
	}
	dir := filepath.Join(b.work, "oci")
	lp, err := layout.Write(dir, empty.Index)
	if err != nil {
		return err
	}
	tag := b.Releasever
	if tag == "" {
		tag = "latest"
	}
	if err := lp.AppendImage(img, layout.WithAnnotations(map[string]string{"org.opencontainers.image.ref.name": "nimbus/" + b.Profile.Name + ":" + tag})); err != nil {
		return err
	}
	if err := writeDockerManifest(dir, img, "nimbus/"+b.Profile.Name+":"+tag); err != nil {
		return err
	}
	if err := tarTree(dir, out, b.Time, false); err != nil {
		return err
	}
	dg, _ := img.Digest()
	b.note = "image " + dg.String()
	return nil
}

// dockerManifest is one entry of a docker-archive's manifest.json (docker save's format).
type dockerManifest struct {
	Config   string
	RepoTags []string
	Layers   []string
}

// writeDockerManifest adds manifest.json to the OCI layout in dir, pointing at the blobs
// the layout already holds (as Docker 25+'s docker save writes both in one archive).
func writeDockerManifest(dir string, img v1.Image, tag string) error {
	cfg, err := img.ConfigName()
	if err != nil {
		return err
	}
	layers, err := img.Layers()
	if err != nil {
		return err
	}
	m := dockerManifest{Config: "blobs/" + cfg.Algorithm + "/" + cfg.Hex, RepoTags: []string{tag}}
	for _, l := range layers {
		d, err := l.Digest()
		if err != nil {
			return err
		}
		m.Layers = append(m.Layers, "blobs/"+d.Algorithm+"/"+d.Hex)
	}
	for _, p := range append([]string{m.Config}, m.Layers...) {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			return fmt.Errorf("docker manifest: blob %s not in the layout: %w", p, err)
		}
	}
	data, err := json.Marshal([]dockerManifest{m})
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "manifest.json"), data, 0o644)
}

// tarTree archives the tree under root into out: entries sorted by name, times set to t,
// owners numeric from the files (the staging root's, not the builder's names), hard
// links kept. withSpecial keeps device nodes (a root file system); /proc, /sys and /dev
// contents are never archived.
func tarTree(root, out string, t time.Time, withSpecial bool) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	tw := tar.NewWriter(f)
	links := map[[2]uint64]string{}
	var paths []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != root {
			paths = append(paths, p)
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() && withSpecial && (rel == "proc" || rel == "sys" || rel == "dev") {
			paths = append(paths[:len(paths)-1], p)
			return filepath.SkipDir
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(paths)
	for _, p := range paths {
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		target := ""
		if fi.Mode()&fs.ModeSymlink != 0 {
			if target, err = os.Readlink(p); err != nil {
				return err
			}
		}
		if !withSpecial && !fi.Mode().IsRegular() && !fi.IsDir() {
			continue
		}
		h, err := tar.FileInfoHeader(fi, target)
		if err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		h.Name = filepath.ToSlash(rel)
		if fi.IsDir() {
			h.Name += "/"
		}
		h.ModTime, h.AccessTime, h.ChangeTime = t, time.Time{}, time.Time{}
		h.Uname, h.Gname = "", ""
		h.Format = tar.FormatPAX
		if st, ok := fi.Sys().(*syscall.Stat_t); ok {
			h.Uid, h.Gid = int(st.Uid), int(st.Gid)
			if !withSpecial {
				h.Uid, h.Gid = 0, 0
			}
			if fi.Mode().IsRegular() && st.Nlink > 1 {
				key := [2]uint64{uint64(st.Dev), st.Ino}
				if first, ok := links[key]; ok {
					h.Typeflag, h.Linkname, h.Size = tar.TypeLink, first, 0
				} else {
					links[key] = h.Name
				}
			}
		}
		h.PAXRecords = nil
		if err := tw.WriteHeader(h); err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		if h.Typeflag == tar.TypeReg {
			src, err := os.Open(p)
			if err != nil {
				return err
			}
			_, err = io.Copy(tw, src)
			src.Close()
			if err != nil {
				return err
			}
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return f.Close()
}
