package initramfs

import (
	"bytes"
	"errors"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/kmod"
	"github.com/nimbus-linux/nimbus/internal/rpm/cpio"
)

// readNewc reads an archive back with internal/rpm/cpio's reader: name -> "mode:data".
func readNewc(t *testing.T, b []byte) map[string]string {
	t.Helper()
	out := map[string]string{}
	r := cpio.NewReader(bytes.NewReader(b))
	for {
		h, err := r.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		out[h.Name] = strconv.FormatInt(int64(h.Mode), 8) + ":" + string(data)
	}
}

func TestArchive(t *testing.T) {
	build := func() []byte {
		r := &Archive{}
		AddBase(r)
		r.File("init", 0o755, []byte("#!/bin/sh\n"))
		r.Symlink("sbin/init", "/init")
		r.File("etc/deep/dir/file", 0o600, []byte("x"))
		var b bytes.Buffer
		n, err := r.WriteTo(&b)
		if err != nil {
			t.Fatal(err)
		}
		if n != int64(b.Len()) {
			t.Fatalf("WriteTo counted %d bytes, wrote %d", n, b.Len())
		}
		return b.Bytes()
	}
	a, b := build(), build()
	if !bytes.Equal(a, b) {
		t.Fatal("two builds differ")
	}
	if len(a)%4 != 0 {
		t.Fatal("archive not padded")
	}
	ents := readNewc(t, a)
	for name, want := range map[string]string{"init": "100755:#!/bin/sh\n", "sbin/init": "120777:/init",
		"dev/console": "20600:", "etc/deep/dir": "40755:", "etc/deep/dir/file": "100600:x", "tmp": "41777:"} {
		if ents[name] != want {
			t.Errorf("%s: %q, want %q", name, ents[name], want)
		}
	}
	if cpioBin, err := exec.LookPath("cpio"); err == nil {
		cmd := exec.Command(cpioBin, "-t", "--quiet")
		cmd.Stdin = bytes.NewReader(a)
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "etc/deep/dir/file") {
			t.Fatalf("cpio -t: %v\n%s", err, out)
		}
	}
}

func TestAddModules(t *testing.T) {
	files := []kmod.File{
		{Module: kmod.Module{Path: "kernel/a.ko", Name: "a", Depends: []string{"b"}, Aliases: []string{"pci:v1*"}}, Data: []byte("A")},
		{Module: kmod.Module{Path: "kernel/b.ko", Name: "b"}, Data: []byte("B")},
	}
	r := &Archive{}
	if err := AddModules(r, "6.1.0-test", files); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := r.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	ents := readNewc(t, b.Bytes())
	for name, want := range map[string]string{
		"lib/modules/6.1.0-test/kernel/a.ko":     "100644:A",
		"lib/modules/6.1.0-test/modules.dep":     "100644:kernel/a.ko: kernel/b.ko\nkernel/b.ko:\n",
		"lib/modules/6.1.0-test/modules.alias":   "100644:# Aliases extracted from modules themselves.\nalias pci:v1* a\n",
		"lib/modules/6.1.0-test/modules.softdep": "100644:# Soft dependencies extracted from modules themselves.\n",
	} {
		if ents[name] != want {
			t.Errorf("%s: %q, want %q", name, ents[name], want)
		}
	}
	if err := AddModules(r, "6.1.0-test", files[:1]); err == nil {
		t.Error("a module whose dependency is missing was accepted")
	}
}
