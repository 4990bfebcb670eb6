package fat

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

func sample() *Volume {
	v := &Volume{Size: 40 << 20, Label: "ESP", ID: 0x12345678, Time: time.Date(2025, 1, 2, 3, 4, 6, 0, time.UTC)}
	big := bytes.Repeat([]byte("0123456789abcdef"), 70000) // > 1 MiB, many clusters
	must(v.AddFile("EFI/BOOT/BOOTX64.EFI", big))
	must(v.AddFile("EFI/Linux/nimbus-1.0-long-name.efi", []byte("hello\n")))
	must(v.AddFile("loader/entries.srel", []byte("type1\n")))
	must(v.AddDir("EFI/empty"))
	for i := 0; i < 40; i++ { // a directory larger than one cluster
		must(v.AddFile("many/file-number-"+string(rune('a'+i%26))+string(rune('a'+i/26))+".txt", []byte{byte(i)}))
	}
	return v
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

type mem struct{ b []byte }

func (m *mem) WriteAt(p []byte, off int64) (int, error) { return copy(m.b[off:], p), nil }

func write(t *testing.T, v *Volume) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "esp.img")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(v.Size); err != nil {
		t.Fatal(err)
	}
	if err := v.WriteTo(f); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReproducible(t *testing.T) {
	a, b := &mem{make([]byte, 40<<20)}, &mem{make([]byte, 40<<20)}
	must(sample().WriteTo(a))
	must(sample().WriteTo(b))
	if !bytes.Equal(a.b, b.b) {
		t.Fatal("two writes differ")
	}
}

func TestTooSmall(t *testing.T) {
	v := &Volume{Size: 8 << 20}
	if err := v.WriteTo(&mem{make([]byte, 8<<20)}); err == nil || !strings.Contains(err.Error(), "65525") {
		t.Errorf("err = %v", err)
	}
	v = &Volume{Size: 40 << 20}
	must(v.AddFile("BIG", make([]byte, 41<<20)))
	if err := v.WriteTo(&mem{make([]byte, 40<<20)}); err == nil || !strings.Contains(err.Error(), "clusters") {
		t.Errorf("err = %v", err)
	}
}

func TestShortNames(t *testing.T) {
	for in, want := range map[string]string{"BOOTX64.EFI": "BOOTX64 EFI", "EFI": "EFI        "} {
		got, ok := shortName(in)
		if !ok || string(got) != want {
			t.Errorf("shortName(%q) = %q %v", in, got, ok)
		}
	}
	for _, in := range []string{"Linux", "a.b.c", "toolongname.efi", "x.efix"} {
		if _, ok := shortName(in); ok {
			t.Errorf("shortName(%q) accepted", in)
		}
	}
	used := map[string]bool{}
	a := uniqueShort("nimbus-1.0-long-name.efi", used)
	used[string(a)] = true
	b := uniqueShort("nimbus-1.0-long-other.efi", used)
	if string(a) != "NIMBUS~1EFI" || string(b) != "NIMBUS~2EFI" {
		t.Errorf("short names %q %q", a, b)
	}
}

// TestReferees runs fsck.fat (dosfstools) and mtools over the volume.
func TestReferees(t *testing.T) {
	v := sample()
	p := write(t, v)
	fsck := testfiles.Tool(t, "fsck.fat", "dosfstools")
	if out, err := exec.Command(fsck, "-n", "-v", p).CombinedOutput(); err != nil || strings.Contains(string(out), "differ") {
		t.Errorf("fsck.fat -n: %v\n%s", err, out)
	}
	mtype := testfiles.Tool(t, "mtype", "mtools")
	env := append(os.Environ(), "MTOOLS_SKIP_CHECK=1")
	for name, want := range map[string][]byte{
		"::/EFI/BOOT/BOOTX64.EFI":               bytes.Repeat([]byte("0123456789abcdef"), 70000),
		"::/EFI/Linux/nimbus-1.0-long-name.efi": []byte("hello\n"),
		"::/loader/entries.srel":                []byte("type1\n"),
		"::/many/file-number-nb.txt":            {39},
	} {
		cmd := exec.Command(mtype, "-i", p, name)
		cmd.Env = env
		out, err := cmd.Output()
		if err != nil || !bytes.Equal(out, want) {
			t.Errorf("mtype %s: %v, %d bytes, want %d", name, err, len(out), len(want))
		}
	}
	cmd := exec.Command(filepath.Join(filepath.Dir(mtype), "mdir"), "-i", p, "::/EFI")
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Linux") || !strings.Contains(string(out), "ESP") {
		t.Errorf("mdir: %v\n%s", err, out)
	}
}
