package cpio

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func cpioPath(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("cpio")
	if err != nil {
		t.Skip("skipping: GNU cpio is not installed, cannot cross-check with the real tool")
	}
	return p
}

// TestRealCpioReadsOurs pipes an archive we wrote through cpio -t and cpio -i.
func TestRealCpioReadsOurs(t *testing.T) {
	bin := cpioPath(t)
	entries := sample()
	archive := writeArchive(t, entries)

	list := exec.Command(bin, "-t", "--quiet")
	list.Stdin = bytes.NewReader(archive)
	out, err := list.CombinedOutput()
	if err != nil {
		t.Fatalf("cpio -t: %v\n%s", err, out)
	}
	var want []string
	for _, e := range entries {
		want = append(want, e.hdr.Name)
	}
	if got := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("cpio -t listed\n%q\nwant\n%q", got, want)
	}

	// Extract without the device node (mknod needs root).
	var noDev []entry
	for _, e := range entries {
		if e.hdr.Mode&TypeMask != TypeChar {
			noDev = append(noDev, e)
		}
	}
	dir := t.TempDir()
	extract := exec.Command(bin, "-i", "--quiet", "--make-directories", "--no-absolute-filenames", "--preserve-modification-time")
	extract.Dir = dir
	extract.Stdin = bytes.NewReader(writeArchive(t, noDev))
	if out, err := extract.CombinedOutput(); err != nil {
		t.Fatalf("cpio -i: %v\n%s", err, out)
	}
	for _, e := range noDev {
		p := filepath.Join(dir, e.hdr.Name)
		fi, err := os.Lstat(p)
		if err != nil {
			t.Error(err)
			continue
		}
		switch e.hdr.Mode & TypeMask {
		case TypeReg:
			if e.hdr.Nlink > 1 && e.hdr.Size == 0 {
				break // a member of a hard link set; checked below
			}
			if b, err := os.ReadFile(p); err != nil || string(b) != e.data {
				t.Errorf("%s: content %q (%v), want %q", e.hdr.Name, b, err, e.data)
			}
			if fi.Mode().Perm() != os.FileMode(e.hdr.Mode&ModePerm) {
				t.Errorf("%s: mode %v, want %o", e.hdr.Name, fi.Mode(), e.hdr.Mode)
			}
		case TypeLink:
			if target, err := os.Readlink(p); err != nil || target != e.data {
				t.Errorf("%s: link target %q (%v), want %q", e.hdr.Name, target, err, e.data)
			}
		case TypeDir:
			if !fi.IsDir() {
				t.Errorf("%s: not a directory", e.hdr.Name)
			}
		}
	}
	// The hard link set must come out as one inode with the data.
	a, _ := os.Stat(filepath.Join(dir, "usr/bin/a"))
	abc, _ := os.Stat(filepath.Join(dir, "usr/bin/abc"))
	if a == nil || abc == nil || !os.SameFile(a, abc) || a.Size() != 7 {
		t.Errorf("hard links usr/bin/a and usr/bin/abc are not one 7-byte file: %v %v", a, abc)
	}
}

// TestReadRealCpio reads an archive that cpio -o -H newc wrote, hard links
// included (GNU cpio, like rpm, puts the data on the last member).
func TestReadRealCpio(t *testing.T) {
	bin := cpioPath(t)
	dir := t.TempDir()
	mustWrite := func(name, data string, mode os.FileMode) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), mode); err != nil {
			t.Fatal(err)
		}
	}
	mustWrite("etc/motd", "welcome to nimbus\n", 0o644)
	mustWrite("usr/bin/tool", strings.Repeat("\x7fELF", 300), 0o755)
	mustWrite("usr/share/empty", "", 0o600)
	if err := os.Link(filepath.Join(dir, "usr/bin/tool"), filepath.Join(dir, "usr/bin/tool-alias")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("tool", filepath.Join(dir, "usr/bin/sym")); err != nil {
		t.Fatal(err)
	}
	// GNU cpio strips a leading "./"; rpm keeps it. Neither matters here.
	names := []string{"etc", "etc/motd", "usr", "usr/bin", "usr/bin/sym", "usr/bin/tool", "usr/bin/tool-alias", "usr/share", "usr/share/empty"}

	create := exec.Command(bin, "-o", "-H", "newc", "--quiet")
	create.Dir = dir
	create.Stdin = strings.NewReader(strings.Join(names, "\n") + "\n")
	var stderr bytes.Buffer
	create.Stderr = &stderr
	archive, err := create.Output()
	if err != nil {
		t.Fatalf("cpio -o: %v\n%s", err, stderr.Bytes())
	}

	type file struct {
		mode uint32
		data string
		h    Header
	}
	got := map[string]file{}
	r := NewReader(bytes.NewReader(archive))
	for {
		h, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		got[h.Name] = file{h.Mode, string(data), *h}
	}
	var gotNames []string
	for n := range got {
		gotNames = append(gotNames, n)
	}
	sort.Strings(gotNames)
	if strings.Join(gotNames, " ") != strings.Join(names, " ") {
		t.Fatalf("entries %q, want %q", gotNames, names)
	}
	checks := []struct {
		name string
		mode uint32
		data string
	}{
		{"etc", TypeDir | 0o755, ""},
		{"etc/motd", TypeReg | 0o644, "welcome to nimbus\n"},
		{"usr/bin/sym", TypeLink | 0o777, "tool"},
		{"usr/share/empty", TypeReg | 0o600, ""},
	}
	for _, c := range checks {
		if f := got[c.name]; f.mode != c.mode || f.data != c.data {
			t.Errorf("%s: mode %o data %q, want mode %o data %q", c.name, f.mode, f.data, c.mode, c.data)
		}
	}
	tool, alias := got["usr/bin/tool"], got["usr/bin/tool-alias"]
	if tool.h.Ino != alias.h.Ino || tool.h.Nlink != 2 || alias.h.Nlink != 2 {
		t.Errorf("hard links: ino %d/%d nlink %d/%d", tool.h.Ino, alias.h.Ino, tool.h.Nlink, alias.h.Nlink)
	}
	if data := tool.data + alias.data; data != strings.Repeat("\x7fELF", 300) {
		t.Errorf("hard link set carries %d bytes of data, want 1200", len(data))
	}
	if tool.h.Size != 0 && alias.h.Size != 0 {
		t.Errorf("both members of the hard link set carry data (sizes %d, %d)", tool.h.Size, alias.h.Size)
	}
}
