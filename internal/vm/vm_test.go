package vm

import (
	"bytes"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// readNewc is a minimal newc reader for checking the writer.
func readNewc(t *testing.T, b []byte) map[string]string {
	t.Helper()
	out := map[string]string{}
	off := 0
	align := func(n int) int { return (n + 3) &^ 3 }
	for {
		if off+110 > len(b) || string(b[off:off+6]) != "070701" {
			t.Fatalf("bad header at %d", off)
		}
		field := func(i int) int {
			v, err := strconv.ParseUint(string(b[off+6+8*i:off+14+8*i]), 16, 32)
			if err != nil {
				t.Fatal(err)
			}
			return int(v)
		}
		mode, size, namesize := field(1), field(6), field(11)
		name := string(b[off+110 : off+110+namesize-1])
		off = align(off + 110 + namesize)
		data := string(b[off : off+size])
		off = align(off + size)
		if name == "TRAILER!!!" {
			return out
		}
		out[name] = strconv.FormatInt(int64(mode), 8) + ":" + data
	}
}

func TestInitramfs(t *testing.T) {
	build := func() []byte {
		r := &Initramfs{}
		AddBase(r)
		r.File("init", 0o755, []byte("#!/bin/sh\n"))
		r.Symlink("sbin/init", "/init")
		r.File("etc/deep/dir/file", 0o600, []byte("x"))
		var b bytes.Buffer
		if _, err := r.WriteTo(&b); err != nil {
			t.Fatal(err)
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
	if cpio, err := exec.LookPath("cpio"); err == nil {
		cmd := exec.Command(cpio, "-t", "--quiet")
		cmd.Stdin = bytes.NewReader(a)
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "etc/deep/dir/file") {
			t.Fatalf("cpio -t: %v\n%s", err, out)
		}
	}
}

func TestArgsAlwaysRestricted(t *testing.T) {
	c := &Config{Arch: "arm64", Kernel: "k", Net: "169.254.169.0/24",
		GuestFwd: map[string]string{"169.254.169.254:80": "relay --to 127.0.0.1:1"}, HostFwd: map[int]int{2222: 22}}
	bin, args, err := c.Args()
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Join(args, " ")
	if bin != QemuARM64 || !strings.Contains(line, "user,id=n0,restrict=on,net=169.254.169.0/24") ||
		!strings.Contains(line, "hostfwd=tcp:127.0.0.1:2222-:22") || !strings.Contains(line, "-cpu cortex-a57") ||
		!strings.Contains(line, "console=ttyAMA0") {
		t.Fatalf("%s %s", bin, line)
	}
	c.GuestFwd = map[string]string{"1.2.3.4:80": "a,b"}
	if _, _, err := c.Args(); err == nil {
		t.Fatal("comma in guestfwd command accepted")
	}
	if _, _, err := (&Config{Arch: "mips"}).Args(); err == nil {
		t.Fatal("unknown arch accepted")
	}
}

// A guest reboot ends QEMU only when asked (the boot tests); `nimbus run` keeps it.
func TestArgsReboot(t *testing.T) {
	for _, reboot := range []bool{false, true} {
		_, args, err := (&Config{Arch: "amd64", Kernel: "k", Reboot: reboot}).Args()
		if err != nil {
			t.Fatal(err)
		}
		if has := strings.Contains(strings.Join(args, " "), "-no-reboot"); has == reboot {
			t.Errorf("Reboot=%v: args %q", reboot, args)
		}
	}
}
