package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// benchRepo is bench/pm.sh's repository: small, and big with 50 dependencies (five files
// each), packed by nimbus and indexed by createrepo_c.
func benchRepo(b *testing.B) string {
	b.Helper()
	dir, desc := b.TempDir(), b.TempDir()
	write := func(name string, deps []string) {
		var s strings.Builder
		fmt.Fprintf(&s, "name: %s\nversion: \"1.0\"\nrelease: \"1\"\narch: noarch\nsummary: bench %s\nlicense: MIT\n", name, name)
		if len(deps) > 0 {
			fmt.Fprintf(&s, "requires: [%s]\n", `"`+strings.Join(deps, `", "`)+`"`)
		}
		s.WriteString("files:\n")
		for f := 1; f <= 5; f++ {
			fmt.Fprintf(&s, "  - {path: /usr/share/%s/f%d, content: \"%s %d\\n\"}\n", name, f, name, f)
		}
		if err := os.WriteFile(filepath.Join(desc, name+".yaml"), []byte(s.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	var deps []string
	for i := 1; i <= 50; i++ {
		write(fmt.Sprintf("dep%d", i), nil)
		deps = append(deps, fmt.Sprintf("dep%d", i))
	}
	write("big", deps)
	write("small", nil)
	files, _ := filepath.Glob(filepath.Join(desc, "*.yaml"))
	if _, errs, err := benchCLI(map[string]string{"SOURCE_DATE_EPOCH": "1764000000"}, append([]string{"rpm", "pack", "-o", dir + "/"}, files...)...); err != nil {
		b.Fatalf("rpm pack: %v %s", err, errs)
	}
	if out, err := exec.Command("createrepo_c", "-q", dir).CombinedOutput(); err != nil {
		b.Fatalf("createrepo_c: %v %s", err, out)
	}
	return dir
}

func benchCLI(env map[string]string, args ...string) (string, string, error) {
	var out, errb bytes.Buffer
	err := RunEnv(context.Background(), append([]string{"nimbus"}, args...), strings.NewReader(""), &out, &errb, func(k string) string { return env[k] })
	return out.String(), errb.String(), err
}

// BenchmarkPMInstall50 installs the package with 50 dependencies into an empty root (the
// metadata already cached), in process, for profiling (go test -bench -cpuprofile).
func BenchmarkPMInstall50(b *testing.B) {
	repoDir := benchRepo(b)
	cache := b.TempDir()
	args := func(root string) []string {
		return []string{"-y", "-q", "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1", "--nogpgcheck",
			"--setopt=cachedir=" + cache, "--repofrompath=b," + repoDir, "--repo=b"}
	}
	if _, errs, err := benchCLI(nil, append(args(b.TempDir()), "makecache")...); err != nil {
		b.Fatalf("makecache: %v %s", err, errs)
	}
	var rpmBytes int64
	rpms, _ := filepath.Glob(filepath.Join(repoDir, "*.rpm"))
	for _, f := range rpms {
		if fi, err := os.Stat(f); err == nil && !strings.HasPrefix(filepath.Base(f), "small") {
			rpmBytes += fi.Size()
		}
	}
	var read int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		root := b.TempDir()
		before := readBytes()
		b.StartTimer()
		if _, errs, err := benchCLI(nil, append(args(root), "install", "big")...); err != nil {
			b.Fatalf("install: %v %s", err, errs)
		}
		read += readBytes() - before
	}
	// Bytes the process read (read(2) and pread(2): package files, metadata, the rpmdb),
	// against the bytes of the packages installed: how many times each package is read.
	if read > 0 && rpmBytes > 0 {
		b.ReportMetric(float64(read)/float64(b.N), "read-B/op")
		b.ReportMetric(float64(read)/float64(b.N)/float64(rpmBytes), "reads-of-the-rpms/op")
	}
}

// readBytes is the process's rchar (/proc/self/io): every byte read by read-like system
// calls; 0 where /proc has no io file.
func readBytes() int64 {
	data, err := os.ReadFile("/proc/self/io")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "rchar: "); ok {
			var n int64
			fmt.Sscan(v, &n)
			return n
		}
	}
	return 0
}
