package image_test

import (
	"archive/tar"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/validate"
)

const containerProfile = `name: devcontainer
kind: container
packages: [busybox]
formats: [oci]
`

// untar extracts a tar file into dir (regular files, dirs, symlinks).
func untar(t *testing.T, r io.Reader, dir string) {
	t.Helper()
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, h.Name)
		if !strings.HasPrefix(p, dir) {
			t.Fatalf("entry %s escapes", h.Name)
		}
		switch h.Typeflag {
		case tar.TypeDir:
			os.MkdirAll(p, 0o755)
		case tar.TypeSymlink:
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.Symlink(h.Linkname, p)
		case tar.TypeReg:
			os.MkdirAll(filepath.Dir(p), 0o755)
			b, _ := io.ReadAll(tr)
			os.WriteFile(p, b, os.FileMode(h.Mode)&0o7777)
		}
	}
}

// TestOCI builds the container image twice (same bytes), validates its structure with
// go-containerregistry and runs a command in a chroot of its root file system.
func TestOCI(t *testing.T) {
	var tars [][]byte
	var dirs []string
	for i := 0; i < 2; i++ {
		d := t.TempDir()
		b := devContainerBuild(t, d)
		data, err := os.ReadFile(filepath.Join(d, b.Name()+".oci.tar"))
		if err != nil {
			t.Fatal(err)
		}
		tars, dirs = append(tars, data), append(dirs, d)
	}
	if !bytes.Equal(tars[0], tars[1]) {
		t.Fatal("two builds of the OCI tarball differ")
	}
	lay := filepath.Join(dirs[0], "layout")
	untar(t, bytes.NewReader(tars[0]), lay)
	idx, err := layout.ImageIndexFromPath(lay)
	if err != nil {
		t.Fatal(err)
	}
	if err := validate.Index(idx); err != nil {
		t.Fatalf("validate: %v", err)
	}
	im, err := idx.IndexManifest()
	if err != nil || len(im.Manifests) != 1 || im.Manifests[0].Annotations["org.opencontainers.image.ref.name"] != "nimbus/devcontainer:2026" {
		t.Fatalf("index: %+v %v", im, err)
	}
	img, err := idx.Image(im.Manifests[0].Digest)
	if err != nil {
		t.Fatal(err)
	}
	cf, _ := img.ConfigFile()
	if cf.Architecture != "amd64" || cf.OS != "linux" || cf.Created.Unix() != 1767225600 {
		t.Errorf("config: %s/%s %v", cf.OS, cf.Architecture, cf.Created)
	}
	// The same archive read as a docker-archive (manifest.json, what Docker 20.10's
	// docker load reads) gives the same image: config and layer.
	tag, err := name.NewTag("nimbus/devcontainer:2026")
	if err != nil {
		t.Fatal(err)
	}
	dimg, err := tarball.ImageFromPath(filepath.Join(dirs[0], "devcontainer-x86_64.oci.tar"), &tag)
	if err != nil {
		entries, _ := os.ReadDir(dirs[0])
		t.Fatalf("docker-archive: %v (%v)", err, entries)
	}
	if err := validate.Image(dimg); err != nil {
		t.Fatalf("docker-archive validate: %v", err)
	}
	c1, _ := img.ConfigName()
	c2, _ := dimg.ConfigName()
	dl, _ := dimg.Layers()
	if c1 != c2 || len(dl) != 1 {
		t.Fatalf("docker-archive config %v, OCI config %v, %d layers", c2, c1, len(dl))
	}
	layers, _ := img.Layers()
	if d1, _ := layers[0].DiffID(); true {
		if d2, _ := dl[0].DiffID(); d1 != d2 {
			t.Fatalf("docker-archive layer %v, OCI layer %v", d2, d1)
		}
	}
	if len(layers) != 1 {
		t.Fatalf("%d layers", len(layers))
	}
	rc, err := layers[0].Uncompressed()
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(dirs[0], "rootfs")
	untar(t, rc, root)
	rc.Close()
	if os.Getuid() != 0 {
		t.Skip("chroot needs root")
	}
	out, err := exec.Command("chroot", root, "/bin/sh", "-c", "echo hello from $(cat /etc/os-release | grep ^ID=)").CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "hello from ID=nimbus" {
		t.Errorf("chroot: %v %q", err, out)
	}
}
