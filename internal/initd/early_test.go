package initd

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

func TestParseRootSpec(t *testing.T) {
	for in, want := range map[string]RootSpec{
		"UUID=ABCDEF01-0000-4000-8000-000000000001": {"UUID", "abcdef01-0000-4000-8000-000000000001"},
		"LABEL=root":                  {"LABEL", "root"},
		"PARTUUID=4F68BCE3-E8CD-4DB1": {"PARTUUID", "4f68bce3-e8cd-4db1"},
		"PARTLABEL=root-x86-64":       {"PARTLABEL", "root-x86-64"},
		"/dev/nvme0n1p2":              {"path", "/dev/nvme0n1p2"},
		"/dev/disk/by-uuid/1234":      {"UUID", "1234"},
		"/dev/disk/by-label/ROOT":     {"LABEL", "ROOT"},
	} {
		got, err := ParseRootSpec(in)
		if err != nil || got != want {
			t.Errorf("ParseRootSpec(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "UUID=", "FOO=bar", "vda2", "/dev/../etc/passwd", "PARTUUID=x/PARTNROFF=1", "nfs:1.2.3.4:/x"} {
		if _, err := ParseRootSpec(bad); err == nil {
			t.Errorf("ParseRootSpec(%q): no error", bad)
		}
	}
}

func TestParseEarlyConfig(t *testing.T) {
	c, err := ParseEarlyConfig(ParseCmdline("root=UUID=AB ro quiet rw rootfstype=ext4,xfs rootflags=noatime,discard init=/usr/sbin/nimbus-init rootwait=5 nimbus.on_failure=reboot"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Root != (RootSpec{"UUID", "ab"}) || c.ReadOnly || strings.Join(c.FSTypes, ",") != "ext4,xfs" ||
		strings.Join(c.Options, ",") != "noatime,discard" || c.Init != "/usr/sbin/nimbus-init" || c.Wait != 5*time.Second || !c.OnFailureReboot {
		t.Fatalf("%+v", c)
	}
	c, err = ParseEarlyConfig(ParseCmdline("root=/dev/vda2 rootwait"))
	if err != nil || !c.ReadOnly || c.Wait != DefaultRootWait || c.Init != "" {
		t.Fatalf("defaults: %+v %v", c, err)
	}
	for _, bad := range []string{"quiet", "root=LABEL=x init=sbin/init", "root=LABEL=x rootdelay=soon", "root=LABEL=x rootwait=0"} {
		if _, err := ParseEarlyConfig(ParseCmdline(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestGPTPartitions(t *testing.T) {
	sgdisk := testfiles.Tool(t, "sgdisk", "gdisk")
	img := filepath.Join(t.TempDir(), "disk.img")
	if err := os.WriteFile(img, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(img, 16<<20); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(sgdisk, "-n", "1:2048:+4M", "-c", "1:esp", "-u", "1:0FC63DAF-8483-4772-8E79-3D69D8477DE4",
		"-n", "2:0:0", "-c", "2:root-x86-64", "-u", "2:4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709", img).CombinedOutput()
	if err != nil {
		t.Fatalf("sgdisk: %v\n%s", err, out)
	}
	f, err := os.Open(img)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	parts, err := GPTPartitions(f, 512)
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) != 2 || parts[1] != [2]string{"0fc63daf-8483-4772-8e79-3d69d8477de4", "esp"} ||
		parts[2] != [2]string{"4f68bce3-e8cd-4db1-96e7-fbcaf984b709", "root-x86-64"} {
		t.Fatalf("%v", parts)
	}
	if _, err := GPTPartitions(bytes.NewReader(make([]byte, 4096)), 512); err == nil {
		t.Fatal("zeros: no error")
	}
}

func FuzzGPTPartitions(f *testing.F) {
	hdr := make([]byte, 2048)
	copy(hdr[512:], "EFI PART")
	hdr[512+72] = 2
	hdr[512+80] = 4
	hdr[512+84] = 128
	f.Add(hdr, 512)
	f.Fuzz(func(t *testing.T, b []byte, ss int) {
		_, _ = GPTPartitions(bytes.NewReader(b), ss)
	})
}

func FuzzEarlyConfig(f *testing.F) {
	f.Add("root=UUID=x ro rw rootflags=a,b rootwait=3 init=/sbin/init")
	f.Add("root=/dev/disk/by-partuuid/abc rootfstype=,")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseEarlyConfig(ParseCmdline(s))
		if err == nil && (c.Root.Value == "" || c.Wait <= 0) {
			t.Fatalf("accepted %q as %+v", s, c)
		}
	})
}

// The Go build ID note is found in a Go executable (this test binary has one, as go test
// links with a build ID) and equals what `go tool buildid` reads; malformed or truncated
// notes give "" without a panic.
func TestGoBuildID(t *testing.T) {
	f, err := os.Open("/proc/self/exe")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	id := goBuildID(f)
	if id == "" || !strings.Contains(id, "/") {
		t.Fatalf("build ID of the test binary: %q", id)
	}
	if out, err := exec.Command("go", "tool", "buildid", "/proc/"+strconv.Itoa(os.Getpid())+"/exe").Output(); err == nil {
		if got := strings.TrimSpace(string(out)); got != id {
			t.Errorf("goBuildID %q, go tool buildid %q", id, got)
		}
	}
	note := func(name string, typ uint32, desc string) []byte {
		b := binary.LittleEndian.AppendUint32(nil, uint32(len(name)))
		b = binary.LittleEndian.AppendUint32(b, uint32(len(desc)))
		b = binary.LittleEndian.AppendUint32(b, typ)
		b = append(b, name...)
		for len(b)%4 != 0 {
			b = append(b, 0)
		}
		b = append(b, desc...)
		for len(b)%4 != 0 {
			b = append(b, 0)
		}
		return b
	}
	notes := append(note("GNU\x00", 3, "0123456789abcdefghij"), note("Go\x00", 4, "abc123")...)
	if got := noteGoBuildID(notes, binary.LittleEndian); got != "abc123" {
		t.Errorf("noteGoBuildID = %q, want abc123", got)
	}
	for i := range notes {
		if got := noteGoBuildID(notes[:i], binary.LittleEndian); got != "" && got != "abc123" {
			t.Errorf("truncated at %d: %q", i, got)
		}
	}
	bad := binary.LittleEndian.AppendUint32(nil, 0xffffffff)
	bad = binary.LittleEndian.AppendUint32(bad, 0xffffffff)
	bad = binary.LittleEndian.AppendUint32(bad, 4)
	if got := noteGoBuildID(append(bad, "Go\x00\x00"...), binary.LittleEndian); got != "" {
		t.Errorf("oversized note: %q", got)
	}
	if goBuildID(strings.NewReader("not an ELF file")) != "" {
		t.Error("a non-ELF file has a build ID")
	}
}
