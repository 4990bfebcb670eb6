package kmod

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

func TestModuleDB(t *testing.T) {
	mods := []Module{
		ParseModinfoSection("kernel/drivers/net/virtio_net.ko", []byte("license=GPL\x00name=virtio_net\x00depends=net_failover,virtio,virtio_ring\x00alias=virtio:d00000001v*\x00")),
		ParseModinfoSection("kernel/drivers/net/net_failover.ko", []byte("depends=failover\x00name=net_failover\x00")),
		ParseModinfoSection("kernel/net/core/failover.ko", []byte("depends=\x00name=failover\x00")),
		ParseModinfoSection("kernel/drivers/virtio/virtio.ko", []byte("depends=virtio_ring\x00")),
		ParseModinfoSection("kernel/drivers/virtio/virtio_ring.ko", []byte("depends=\x00")),
		ParseModinfoSection("kernel/drivers/virtio/virtio_pci.ko", []byte("depends=virtio,virtio_ring\x00alias=pci:v00001AF4d*sv*sd*bc*sc*i*\x00")),
	}
	idx, err := Generate(mods, nil)
	if err != nil {
		t.Fatal(err)
	}
	var db ModuleDB
	if err := db.ParseModulesDep(bytes.NewReader(idx["modules.dep"])); err != nil {
		t.Fatal(err)
	}
	if err := db.ParseModulesAlias(bytes.NewReader(idx["modules.alias"])); err != nil {
		t.Fatal(err)
	}
	if got := db.Resolve("pci:v00001AF4d00001000sv00001AF4sd00000001bc02sc00i00"); len(got) != 1 || got[0] != "virtio_pci" {
		t.Fatalf("resolve pci: %v", got)
	}
	if got := db.Resolve("virtio-net"); len(got) != 1 || got[0] != "virtio_net" {
		t.Fatalf("resolve by name: %v", got)
	}
	if got := db.Resolve("pci:v00008086d00001000"); got != nil {
		t.Fatalf("resolved unknown device: %v", got)
	}
	order := db.LoadOrder("virtio_net")
	pos := map[string]int{}
	for i, m := range order {
		pos[m] = i
	}
	if len(order) != 5 || !(pos["failover"] < pos["net_failover"] && pos["virtio_ring"] < pos["virtio"] && pos["virtio_net"] == 4) {
		t.Fatalf("load order %q", order)
	}
	if got := db.Closure("virtio_pci", "ext4", "virtio_net"); strings.Join(got, " ") != "virtio_ring virtio virtio_pci failover net_failover virtio_net" {
		t.Fatalf("closure %q", got)
	}
	// A missing dependency is reported when writing the database.
	if _, err := Generate(mods[:1], nil); err == nil {
		t.Fatal("missing dependency not reported")
	}
}

func TestSubsetDep(t *testing.T) {
	var db ModuleDB
	dep := "kernel/a.ko.xz: kernel/c.ko kernel/b.ko.zst\nkernel/b.ko.zst: kernel/c.ko\nkernel/c.ko:\nkernel/d.ko:\n"
	if err := db.ParseModulesDep(strings.NewReader(dep)); err != nil {
		t.Fatal(err)
	}
	got := string(db.SubsetDep(db.Closure("a")))
	want := "kernel/c.ko:\nkernel/b.ko: kernel/c.ko\nkernel/a.ko: kernel/c.ko kernel/b.ko\n"
	if got != want {
		t.Fatalf("got\n%swant\n%s", got, want)
	}
}

func TestPlainPath(t *testing.T) {
	for in, want := range map[string]string{"a/x.ko.xz": "a/x.ko", "a/x.ko.zst": "a/x.ko", "a/x.ko.gz": "a/x.ko",
		"a/x.ko": "a/x.ko", "a/x.gz": "a/x.gz", "modules.dep": "modules.dep"} {
		if got := PlainPath(in); got != want {
			t.Errorf("PlainPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// testKernelModules is the module tree of the test kernel scripts/fetch-test-kernels.sh
// caches (NIMBUS_CACHE, default /var/cache/nimbus-test).
func testKernelModules(t *testing.T) (dir, version string) {
	cache := os.Getenv("NIMBUS_CACHE")
	if cache == "" {
		cache = "/var/cache/nimbus-test"
	}
	ver, err := os.ReadFile(filepath.Join(cache, "amd64/version"))
	if err != nil {
		testfiles.Need(t, fmt.Errorf("no cached test kernel (scripts/fetch-test-kernels.sh): %w", err))
	}
	version = strings.TrimSpace(string(ver))
	return filepath.Join(cache, "amd64/kernel/lib/modules", version), version
}

func TestModinfoFromCachedKernel(t *testing.T) {
	dir, _ := testKernelModules(t)
	data, err := os.ReadFile(filepath.Join(dir, "kernel/drivers/net/virtio_net.ko"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := ReadModinfo("kernel/drivers/net/virtio_net.ko", data)
	if err != nil || m.Name != "virtio_net" || len(m.Aliases) == 0 || len(m.Depends) == 0 || len(m.Needs) == 0 {
		t.Fatalf("%+v %v", m, err)
	}
}

// TestClosureAgainstDepmod takes the closure of the modules a test VM loads from the
// cached test kernel, copies just those into a tree, and compares the index Generate
// writes for them with what kmod's depmod writes for the same tree, byte for byte.
func TestClosureAgainstDepmod(t *testing.T) {
	if _, err := os.Stat(depmod); err != nil {
		testfiles.Need(t, fmt.Errorf("depmod is not installed (apt-get install kmod): %w", err))
	}
	dir, kver := testKernelModules(t)
	files, err := Closure(os.DirFS(dir), "virtio_pci", "virtio_net", "virtio_blk", "virtio-scsi", "nvme", "vfat", "nls_iso8859-1", "no_such_module")
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, f := range files {
		have[f.Name] = true
	}
	for _, n := range []string{"virtio_net", "net_failover", "failover", "virtio_scsi", "scsi_mod", "scsi_common", "fat", "nls_iso8859_1"} {
		if !have[n] {
			t.Errorf("closure lacks %s: %v", n, have)
		}
	}
	idx, err := Generate(Modules(files), nil)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	base := filepath.Join(root, "lib/modules", kver)
	for _, f := range files {
		p := filepath.Join(base, f.Path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := exec.Command(depmod, "-b", root, kver).CombinedOutput(); err != nil {
		t.Fatalf("depmod: %v\n%s", err, out)
	}
	for _, name := range []string{"modules.dep", "modules.alias", "modules.softdep"} {
		want, err := os.ReadFile(filepath.Join(base, name))
		if err != nil {
			t.Fatal(err)
		}
		got := idx[name]
		if name != "modules.softdep" {
			// Without a modules.order depmod lists modules in its hash table's order;
			// each line (a module and its dependencies, in order) must be the same.
			got, want = []byte(strings.Join(sorted(lines(got)), "\n")), []byte(strings.Join(sorted(lines(want)), "\n"))
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from depmod's:\n got %q\nwant %q", name, got, want)
		}
	}
	t.Logf("%d modules: modules.dep, modules.alias and modules.softdep agree with depmod", len(files))
}

func TestClosureDecompresses(t *testing.T) {
	fsys := fstest.MapFS{
		"kernel/x.ko.gz": {Data: []byte("\x1f\x8bnot gzip")},
		"modules.dep":    {Data: []byte("kernel/x.ko.gz:\n")},
	}
	if _, err := Closure(fsys, "x"); err == nil || !strings.Contains(err.Error(), "kernel/x.ko.gz") {
		t.Errorf("a corrupt compressed module: %v", err)
	}
	if files, err := Closure(fsys, "built_in"); err != nil || len(files) != 0 {
		t.Errorf("a built-in module: %v %v", files, err)
	}
}

func FuzzModuleDB(f *testing.F) {
	f.Add([]byte("kernel/a.ko: kernel/b.ko\nkernel/b.ko:\n"), []byte("alias pci:v*d* a\n"), "pci:v1d2")
	f.Fuzz(func(t *testing.T, dep, alias []byte, q string) {
		var db, lazy ModuleDB
		_ = db.ParseModulesDep(bytes.NewReader(dep))
		_ = db.ParseModulesAlias(bytes.NewReader(alias))
		_ = lazy.ParseModulesDep(bytes.NewReader(dep))
		_ = lazy.ParseModulesAliasFirst(bytes.NewReader(alias), []string{"pci", "virtio"})
		got := db.Resolve(q)
		if l := lazy.Resolve(q); !slices.Equal(got, l) {
			t.Fatalf("Resolve(%q): %q, lazily parsed %q", q, got, l)
		}
		for _, m := range got {
			_ = db.LoadOrder(m)
		}
		_ = db.SubsetDep(db.Closure(q))
		_ = ParseModinfoSection(q, dep)
	})
}

// TestResolvePrefix: Resolve's literal-prefix filter keeps exactly the patterns that
// path.Match accepts (wildcards, classes and escapes at any place, and a pattern with
// none).
func TestResolvePrefix(t *testing.T) {
	patterns := []string{
		"pci:v00001AF4d00001000sv*sd00000001bc*sc*i*", "pci:v*d*sv*sd*bc02sc00i*",
		"pci:v00008086d*", "pci:v0000[0-9]AF4d00001000*", "pci:v00001AF4d0000100?sv*",
		`pci:v00001AF4\d*`, "pci:v00001AF4d00001000sv00001AF4sd00000001bc02sc00i00",
		"acpi*:LNRO0005:*", "acpi:PNP0C0C:*",
	}
	var alias strings.Builder
	for i, p := range patterns {
		fmt.Fprintf(&alias, "alias %s mod-%d\n", p, i)
	}
	var db ModuleDB
	if err := db.ParseModulesAlias(strings.NewReader(alias.String())); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"pci:v00001AF4d00001000sv00001AF4sd00000001bc02sc00i00", "pci:v00008086d00002922sv*",
		"pci:v00001AF4d00001005sv00001AF4sd00000004bc00scFFi00", "acpi:LNRO0005:", "acpi:PNP0C0C:",
		"pci:v00001AF4d", "pci:",
	} {
		var want []string
		for i, p := range patterns {
			if ok, _ := path.Match(p, q); ok && bus(p) == bus(q) {
				want = append(want, fmt.Sprintf("mod_%d", i))
			}
		}
		if got := db.Resolve(q); !slices.Equal(got, want) {
			t.Errorf("Resolve(%q) = %q, want %q", q, got, want)
		}
	}
}

// TestResolveLazy: with only the first buses' patterns parsed at once
// (ParseModulesAliasFirst), Resolve answers as after the whole file's parse, for a
// modalias of every pattern, also from goroutines resolving other buses at the same
// time; TestResolveLazyCachedKernel does the same with the cached test kernel's file.
func TestResolveLazy(t *testing.T) {
	checkLazy(t, []byte("alias pci:v00001AF4d00001000sv*sd00000001bc*sc*i* virtio_net\n"+
		"alias virtio:d00000001v* virtio-net\nalias acpi*:PNP0C0C:* button\n"+
		"alias input:b0019v0000p0001e0000-e0,1,k74,ramlsfw evdev\nalias fs-vfat vfat\n"+
		"  alias   cpu:type:x86,ven*fam*mod*:feature:*0016* kvm_intel\n# comment\nalias bad\n"))
}

func TestResolveLazyCachedKernel(t *testing.T) {
	dir, _ := testKernelModules(t)
	fsys := os.DirFS(dir)
	var mods []Module
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !isModule(p) {
			return err
		}
		data, err := ReadModule(fsys, p)
		if err != nil {
			return err
		}
		m, err := ReadModinfo(p, data)
		if err != nil {
			return err
		}
		mods = append(mods, m)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	idx, err := Generate(mods, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(mods) < 100 || len(idx["modules.alias"]) < 10000 {
		t.Fatalf("%d modules, modules.alias of %d bytes", len(mods), len(idx["modules.alias"]))
	}
	checkLazy(t, idx["modules.alias"])
}

func checkLazy(t *testing.T, alias []byte) {
	var eager, lazy ModuleDB
	if err := eager.ParseModulesAlias(bytes.NewReader(alias)); err != nil {
		t.Fatal(err)
	}
	if err := lazy.ParseModulesAliasFirst(bytes.NewReader(alias), []string{"pci", "virtio", "xen", "platform"}); err != nil {
		t.Fatal(err)
	}
	var queries []string
	for _, l := range strings.Split(string(alias), "\n") {
		if f := strings.Fields(l); len(f) == 3 && f[0] == "alias" {
			// The pattern with its wildcards filled, as a device would write it.
			q := strings.NewReplacer("*", "0", "?", "0", "[", "", "]", "").Replace(f[1])
			queries = append(queries, q, f[1])
		}
	}
	if len(queries) < 10 {
		t.Fatalf("only %d queries", len(queries))
	}
	matched := 0
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(queries); i += 4 {
				q := queries[i]
				got, want := lazy.Resolve(q), eager.Resolve(q)
				if !slices.Equal(got, want) {
					t.Errorf("Resolve(%q) = %q, want %q", q, got, want)
				}
				if len(want) > 0 {
					mu.Lock()
					matched++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if matched < len(queries)/4 {
		t.Fatalf("only %d of %d queries matched a pattern: the check says little", matched, len(queries))
	}
}
