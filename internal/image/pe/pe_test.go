package pe

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

var stubs = []string{"/usr/lib/systemd/boot/efi/linuxx64.efi.stub", "/var/cache/nimbus-test/arm64/sdboot/usr/lib/systemd/boot/efi/linuxaa64.efi.stub"}

func TestAddSections(t *testing.T) {
	found := 0
	for _, p := range stubs {
		stub, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		found++
		t.Run(filepath.Base(p), func(t *testing.T) {
			secs := []Section{{".osrel", []byte("ID=nimbus\n")}, {".cmdline", []byte("console=ttyS0")}, {".initrd", bytes.Repeat([]byte{7}, 5000)}, {".linux", bytes.Repeat([]byte{9}, 70000)}}
			out, err := AddSections(stub, secs)
			if err != nil {
				t.Fatal(err)
			}
			f, err := pe.NewFile(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range secs {
				ps := f.Section(s.Name)
				if ps == nil {
					t.Fatalf("section %s missing", s.Name)
				}
				data, _ := ps.Data()
				if !bytes.Equal(data[:len(s.Data)], s.Data) || ps.VirtualAddress%4096 != 0 || ps.VirtualSize != uint32(len(s.Data)) {
					t.Errorf("section %s: va %#x vsize %d", s.Name, ps.VirtualAddress, ps.VirtualSize)
				}
			}
			again, _ := AddSections(stub, secs)
			if !bytes.Equal(out, again) {
				t.Error("not reproducible")
			}
			if od, err := exec.LookPath("objdump"); err == nil && strings.Contains(p, "x64") {
				tmp := filepath.Join(t.TempDir(), "uki.efi")
				os.WriteFile(tmp, out, 0o644)
				o, err := exec.Command(od, "-h", tmp).CombinedOutput()
				if err != nil || !strings.Contains(string(o), ".linux") || !strings.Contains(string(o), ".osrel") {
					t.Errorf("objdump -h: %v\n%s", err, o)
				}
			}
		})
	}
	if found == 0 {
		testfiles.Need(t, errors.New("no systemd-boot EFI stub installed (apt-get install systemd-boot-efi)"))
	}
}

func TestChecksumMatchesStub(t *testing.T) {
	stub, err := os.ReadFile(stubs[0])
	testfiles.Need(t, err)
	im, err := parse(stub)
	if err != nil {
		t.Fatal(err)
	}
	if want := binary.LittleEndian.Uint32(stub[im.opt+64:]); want != 0 && checksum(stub, im.opt+64) != want {
		t.Errorf("checksum %#x, the linker wrote %#x", checksum(stub, im.opt+64), want)
	}
}

func FuzzAddSections(f *testing.F) {
	if stub, err := os.ReadFile(stubs[0]); err == nil {
		f.Add(stub[:1024])
	}
	f.Add([]byte("MZ"))
	f.Fuzz(func(t *testing.T, b []byte) {
		out, err := AddSections(b, []Section{{".x", []byte("abc")}})
		if err == nil {
			if _, _, err := Sections(out); err != nil {
				t.Fatalf("appended image does not parse: %v", err)
			}
		}
	})
}
