package gpt

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func sample(t *testing.T) *Table {
	t.Helper()
	tb := &Table{Sectors: 64 << 20 / 512, DiskGUID: DeriveGUID("seed", "disk")}
	if _, err := tb.Add(TypeESP, DeriveGUID("seed", "esp"), "ESP", 8<<20); err != nil {
		t.Fatal(err)
	}
	if _, err := tb.Add(TypeRootX86_64, DeriveGUID("seed", "root"), "root-x86-64", 0); err != nil {
		t.Fatal(err)
	}
	return tb
}

func writeDisk(t *testing.T, tb *Table) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "disk.img")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(tb.Sectors * 512); err != nil {
		t.Fatal(err)
	}
	if err := tb.WriteTo(f); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRoundTrip(t *testing.T) {
	tb := sample(t)
	p := writeDisk(t, tb)
	f, _ := os.Open(p)
	defer f.Close()
	got, err := Read(f, tb.Sectors*512, 512)
	if err != nil {
		t.Fatal(err)
	}
	if got.DiskGUID != tb.DiskGUID || len(got.Partitions) != 2 {
		t.Fatalf("got %+v", got)
	}
	for i := range got.Partitions {
		if got.Partitions[i] != tb.Partitions[i] {
			t.Errorf("partition %d: %+v, want %+v", i, got.Partitions[i], tb.Partitions[i])
		}
	}
	if tb.Partitions[0].FirstLBA != 2048 || tb.Partitions[1].FirstLBA != 2048+8<<20/512 {
		t.Errorf("alignment: %+v", tb.Partitions)
	}
}

func TestDeriveGUID(t *testing.T) {
	a, b := DeriveGUID("s", "x"), DeriveGUID("s", "x")
	if a != b || a == DeriveGUID("s", "y") || a[6]>>4 != 4 || a[8]>>6 != 2 {
		t.Errorf("DeriveGUID: %s", a)
	}
	if g := MustParseGUID(a.String()); g != a {
		t.Errorf("parse(%s) = %s", a, g)
	}
}

func TestTooSmall(t *testing.T) {
	tb := &Table{Sectors: 4 << 20 / 512}
	if _, err := tb.Add(TypeESP, GUID{1}, "ESP", 8<<20); err == nil || !strings.Contains(err.Error(), "does not fit") {
		t.Errorf("err = %v", err)
	}
}

// TestReferees checks the written table with sgdisk and sfdisk.
func TestReferees(t *testing.T) {
	tb := sample(t)
	p := writeDisk(t, tb)
	if sg, err := exec.LookPath("sgdisk"); err != nil {
		t.Log("sgdisk not installed")
	} else {
		out, err := exec.Command(sg, "-v", p).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "No problems found") {
			t.Errorf("sgdisk -v: %v\n%s", err, out)
		}
		out, _ = exec.Command(sg, "-p", p).CombinedOutput()
		for _, want := range []string{strings.ToUpper(tb.DiskGUID.String()), "EF00", "ESP", "root-x86-64"} {
			if !strings.Contains(string(out), want) {
				t.Errorf("sgdisk -p lacks %q:\n%s", want, out)
			}
		}
		out, _ = exec.Command(sg, "-i", "2", p).CombinedOutput()
		if !strings.Contains(string(out), strings.ToUpper(TypeRootX86_64.String())) || !strings.Contains(string(out), strings.ToUpper(tb.Partitions[1].GUID.String())) {
			t.Errorf("sgdisk -i 2:\n%s", out)
		}
	}
	if sf, err := exec.LookPath("sfdisk"); err != nil {
		t.Log("sfdisk not installed")
	} else {
		out, err := exec.Command(sf, "--dump", p).CombinedOutput()
		if err != nil {
			t.Fatalf("sfdisk --dump: %v\n%s", err, out)
		}
		s := strings.ToUpper(string(out))
		for _, want := range []string{"LABEL: GPT", strings.ToUpper(tb.DiskGUID.String()), "START=        2048, SIZE=       16384, TYPE=C12A7328-F81F-11D2-BA4B-00A0C93EC93B",
			strings.ToUpper(TypeRootX86_64.String()), strings.ToUpper(tb.Partitions[1].GUID.String())} {
			if !strings.Contains(s, want) {
				t.Errorf("sfdisk --dump lacks %q:\n%s", want, out)
			}
		}
		if strings.Contains(strings.ToLower(string(out)), "warn") {
			t.Errorf("sfdisk warns:\n%s", out)
		}
	}
}

func FuzzRead(f *testing.F) {
	tb := &Table{Sectors: 200, DiskGUID: GUID{1}}
	tb.Partitions = []Partition{{Type: TypeESP, GUID: GUID{2}, Name: "a", FirstLBA: 40, LastLBA: 100}}
	buf := &memDisk{b: make([]byte, 200*512)}
	if err := tb.WriteTo(buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.b[:34*512])
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := Read(bytes.NewReader(data), int64(len(data)), 512)
		if err != nil {
			return
		}
		for _, p := range got.Partitions {
			_ = p.Size(512)
		}
	})
}

type memDisk struct{ b []byte }

func (m *memDisk) WriteAt(p []byte, off int64) (int, error) { return copy(m.b[off:], p), nil }

// TestTypeGUIDs: the partition type GUIDs written as byte literals are their text forms.
func TestTypeGUIDs(t *testing.T) {
	for want, g := range map[string]GUID{
		"c12a7328-f81f-11d2-ba4b-00a0c93ec93b": TypeESP,
		"4f68bce3-e8cd-4db1-96e7-fbcaf984b709": TypeRootX86_64,
		"b921b045-1df0-41c3-af44-4c6f280d3fae": TypeRootAArch64,
		"0fc63daf-8483-4772-8e79-3d69d8477de4": TypeLinuxData,
	} {
		if g != MustParseGUID(want) {
			t.Errorf("%s: got %x", want, g)
		}
	}
}
