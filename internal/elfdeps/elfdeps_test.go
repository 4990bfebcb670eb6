package elfdeps

import (
	"bytes"
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const referee = "/usr/lib/rpm/elfdeps"

// refereeFiles picks ELF executables and libraries of this machine: a spread of
// binaries, versioned libraries (libc, libssl), and objects without a soname.
func refereeFiles(t *testing.T) []string {
	var files []string
	for _, pattern := range []string{
		"/usr/bin/*", "/usr/sbin/*",
		"/usr/lib/x86_64-linux-gnu/*.so*", "/usr/lib/aarch64-linux-gnu/*.so*",
		"/usr/lib/x86_64-linux-gnu/*/*.so*",
	} {
		m, _ := filepath.Glob(pattern)
		for _, f := range m {
			fi, err := os.Lstat(f)
			if err != nil || !fi.Mode().IsRegular() {
				continue
			}
			b := make([]byte, 4)
			fh, err := os.Open(f)
			if err != nil {
				continue
			}
			_, _ = fh.Read(b)
			fh.Close()
			if IsELF(b) {
				files = append(files, f)
			}
		}
	}
	// aarch64 objects: unpack a few cached arm64 .debs (the build's cache) when there.
	if debs, _ := filepath.Glob("/var/cache/nimbus-debs/*_arm64.deb"); len(debs) > 0 {
		if _, err := exec.LookPath("dpkg-deb"); err == nil {
			dir := t.TempDir()
			for i, d := range debs {
				if i%3 == 0 {
					_ = exec.Command("dpkg-deb", "-x", d, dir).Run()
				}
			}
			_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
				if err == nil && d.Type().IsRegular() && !strings.HasSuffix(p, ".ko") {
					if b, err := os.ReadFile(p); err == nil && IsELF(b) {
						files = append(files, p)
					}
				}
				return nil
			})
		}
	}
	// Every 4th file keeps the test quick while covering hundreds of objects.
	var picked []string
	for i, f := range files {
		if i%4 == 0 || strings.Contains(f, "libc.so") || strings.Contains(f, "libssl") {
			picked = append(picked, f)
		}
	}
	return picked
}

func runReferee(t *testing.T, file, flag string) []string {
	cmd := exec.Command(referee, flag)
	cmd.Stdin = strings.NewReader(file + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s %s: %v", referee, flag, file, err)
	}
	var deps []string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if l != "" && !slices.Contains(deps, l) {
			deps = append(deps, l)
		}
	}
	return deps
}

// TestAgainstRPM compares Analyze with rpm's own elfdeps on real files.
func TestAgainstRPM(t *testing.T) {
	if _, err := os.Stat(referee); err != nil {
		t.Skipf("rpm's elfdeps not installed (%v); apt-get install rpm", err)
	}
	files := refereeFiles(t)
	if len(files) < 50 {
		t.Fatalf("only %d ELF files found to compare", len(files))
	}
	versioned := 0
	for _, f := range files {
		fi, _ := os.Stat(f)
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Analyze(fh, f, fi.Mode()&0o111 != 0)
		fh.Close()
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		wantP, wantR := runReferee(t, f, "--provides"), runReferee(t, f, "--requires")
		if !slices.Equal(got.Provides, wantP) {
			t.Errorf("%s provides:\n got %q\nwant %q", f, got.Provides, wantP)
		}
		if !slices.Equal(got.Requires, wantR) {
			t.Errorf("%s requires:\n got %q\nwant %q", f, got.Requires, wantR)
		}
		for _, r := range got.Requires {
			if strings.Contains(r, "(GLIBC_") {
				versioned++
				break
			}
		}
	}
	if versioned == 0 {
		t.Errorf("no file with a versioned requirement compared")
	}
	arm := 0
	for _, f := range files {
		if ef, err := elf.Open(f); err == nil {
			if ef.Machine == elf.EM_AARCH64 {
				arm++
			}
			ef.Close()
		}
	}
	t.Logf("compared %d files (%d aarch64) with %s (%d with symbol-version requires)", len(files), arm, referee, versioned)
}

func TestForms(t *testing.T) {
	f, err := os.Open("/usr/lib/x86_64-linux-gnu/libc.so.6")
	if err != nil {
		t.Skip("no x86_64 libc here")
	}
	defer f.Close()
	d, err := Analyze(f, "/usr/lib/x86_64-linux-gnu/libc.so.6", true)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"libc.so.6()(64bit)", "libc.so.6(GLIBC_2.34)(64bit)", "libc.so.6(GLIBC_2.2.5)(64bit)"} {
		if !slices.Contains(d.Provides, want) {
			t.Errorf("libc provides lack %s", want)
		}
	}
}

func TestNotELF(t *testing.T) {
	_, err := Analyze(bytes.NewReader([]byte("#!/bin/sh\n")), "x", true)
	if err == nil {
		t.Fatal("no error for a shell script")
	}
}

// FuzzAnalyze: imported packages carry arbitrary ELF files; none may panic the reader.
func FuzzAnalyze(f *testing.F) {
	for _, p := range []string{"/usr/bin/true", "/usr/lib/x86_64-linux-gnu/libz.so.1"} {
		if b, err := os.ReadFile(p); err == nil && len(b) < 1<<20 {
			f.Add(b)
		}
	}
	f.Add([]byte("\x7fELF\x02\x01\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Analyze(bytes.NewReader(data), "fuzz", true)
	})
}
