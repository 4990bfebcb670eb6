package distbuild

import (
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/recipe"
)

// buildFiles packages files from the recipe's folder. Modes come from the recipe's
// file entries (a checkout only keeps the execute bit, so files under root are 0644,
// or 0755 when executable); owners default to root.
//
// A file whose src is "@distribution-key" gets the public key the build signs with,
// so nimbus-repos always ships the key its packages verify against.
func buildFiles(r *recipe.Recipe, dir fs.FS, arch string, publicKey []byte) ([]*Output, error) {
	f := r.Source.Files
	byPath := map[string]*node{}
	var order []string
	put := func(n *node) {
		if _, ok := byPath[n.Path]; !ok {
			order = append(order, n.Path)
		}
		byPath[n.Path] = n
	}
	own := func(u, g string) (string, string) {
		if u == "" {
			u = firstNonEmpty(f.Owner, "root")
		}
		if g == "" {
			g = firstNonEmpty(f.Group, "root")
		}
		return u, g
	}
	if f.Root != "" {
		root := path.Clean(f.Root)
		err := fs.WalkDir(dir, root, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("source.files.root: %w", err)
			}
			if name == root {
				return nil
			}
			p := "/" + strings.TrimPrefix(name, root+"/")
			u, g := own("", "")
			n := &node{Path: p, User: u, Group: g}
			info, err := d.Info()
			if err != nil {
				return err
			}
			switch {
			case d.IsDir():
				return nil // directories are owned only when listed with dir: true
			case info.Mode()&fs.ModeSymlink != 0:
				t, err := fs.ReadLink(dir, name)
				if err != nil {
					return err
				}
				n.Mode, n.Link = modeSymlink|0o777, t
			case info.Mode().IsRegular():
				n.Mode = modeRegular | 0o644
				if info.Mode()&0o111 != 0 {
					n.Mode = modeRegular | 0o755
				}
				if n.Data, err = fs.ReadFile(dir, name); err != nil {
					return err
				}
			default:
				return fmt.Errorf("source.files.root: %s is not a file, directory or symlink", name)
			}
			put(n)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for i, e := range f.Files {
		field := fmt.Sprintf("source.files.files[%d] (%s)", i, e.Path)
		n, ok := byPath[e.Path]
		if !ok || e.Src != "" || e.Content != "" || e.Symlink != "" || e.Dir {
			n = &node{Path: e.Path}
			switch {
			case e.Dir:
				n.Mode = modeDir | 0o755
			case e.Symlink != "":
				n.Mode, n.Link = modeSymlink|0o777, e.Symlink
			case e.Content != "":
				n.Mode, n.Data = modeRegular|0o644, []byte(e.Content)
			case e.Src == "@distribution-key":
				if len(publicKey) == 0 {
					return nil, fmt.Errorf("%s: no distribution key given to the build", field)
				}
				n.Mode, n.Data = modeRegular|0o644, publicKey
			case e.Src != "":
				data, err := fs.ReadFile(dir, path.Clean(e.Src))
				if err != nil {
					return nil, fmt.Errorf("%s: %w", field, err)
				}
				n.Mode, n.Data = modeRegular|0o644, data
			default:
				return nil, fmt.Errorf("%s: not under root, and no src, content, symlink or dir says what it is", field)
			}
			put(n)
		}
		if e.Mode != "" {
			m, _ := strconv.ParseUint(e.Mode, 8, 32)
			n.Mode = n.Mode&0o170000 | uint32(m)
		}
		n.User, n.Group = own(e.Owner, e.Group)
		if e.Config != "" {
			n.Config = true
		}
	}
	nodes := make([]*node, 0, len(order))
	for _, p := range order {
		n := byPath[p]
		if n.User == "" {
			n.User, n.Group = own("", "")
		}
		nodes = append(nodes, n)
	}
	m := meta{Name: r.Name, Summary: r.Summary, Description: r.Description, License: r.License, URL: r.URL,
		EVR: recipe.EVR{Epoch: r.Epoch, Version: r.Version, Release: r.Release}, Arch: arch}
	return assemble(r, m, nodes, newDeps(), nil, nil)
}
