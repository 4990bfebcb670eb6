package rpmdb

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/pkgdesc"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/unpack"
)

// The real rpm is the referee: scripts/setup.sh installs it; its absence fails the test.
func rpmBin(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("rpm")
	if err != nil {
		t.Fatal("rpm is not installed; run scripts/setup.sh")
	}
	return p
}

func rpmCmd(t *testing.T, root string, args ...string) (string, error) {
	t.Helper()
	base := []string{"--define", "_buildshell /bin/bash", "--root", root, "--dbpath", DefaultPath}
	out, err := exec.Command(rpmBin(t), append(base, args...)...).CombinedOutput()
	return string(out), err
}

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// examplePackages packs the repository's examples into dir and returns their paths.
func examplePackages(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	for _, ex := range []string{"hello/hello.yaml", "motd/motd.yaml"} {
		path := filepath.Join(repoRoot(), "examples", ex)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		desc, err := pkgdesc.Parse(path, data)
		if err != nil {
			t.Fatal(err)
		}
		info, src, err := desc.Build(os.DirFS(filepath.Dir(path)), pkgdesc.Options{BuildTime: time.Unix(1764000000, 0), Clamp: true})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := rpm.Write(&buf, info, src, rpm.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, info.NEVRA()+".rpm")
		if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, file)
	}
	return out
}

// installMinimal unpacks a package into root and records it, as the transaction layer will
// (without scriptlets): enough for rpm -V to judge the database and the files together.
func installMinimal(t *testing.T, db *DB, root, file string) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := rpm.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	info, err := rpm.FromHeader(p.Header)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := unpack.Extract(file, p, info, root); err != nil {
		t.Fatal(err)
	}
	blob, err := HeaderBlob(p, InstallData{Time: 1764000100, TID: 1764000100, Color: 3})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tx, err := db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Add(ctx, blob); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// TestRPMReadsNimbusDatabase: a root Nimbus installed is queried and verified by rpm.
func TestRPMReadsNimbusDatabase(t *testing.T) {
	root := t.TempDir()
	pkgs := examplePackages(t, t.TempDir())
	db, err := Open(root, "", Options{Write: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkgs {
		installMinimal(t, db, root, p)
	}
	db.Close()

	out, err := rpmCmd(t, root, "-qa", "--qf", "%{NEVRA}\n")
	if err != nil {
		t.Fatalf("rpm -qa: %v\n%s", err, out)
	}
	if got := sortedLines(out); got != "hello-1.2.0-1.nm1.noarch\nnimbus-motd-2026.11-1.noarch" {
		t.Errorf("rpm -qa = %q", got)
	}
	if out, err := rpmCmd(t, root, "-qf", "/usr/bin/hello"); err != nil || strings.TrimSpace(out) != "hello-1.2.0-1.nm1.noarch" {
		t.Errorf("rpm -qf: %v %q", err, out)
	}
	if out, err := rpmCmd(t, root, "-q", "--whatprovides", "greeter"); err != nil || strings.TrimSpace(out) != "hello-1.2.0-1.nm1.noarch" {
		t.Errorf("rpm -q --whatprovides: %v %q", err, out)
	}
	if out, err := rpmCmd(t, root, "-q", "--whatrequires", "coreutils"); err != nil || strings.TrimSpace(out) != "hello-1.2.0-1.nm1.noarch" {
		t.Errorf("rpm -q --whatrequires: %v %q", err, out)
	}
	if out, err := rpmCmd(t, root, "-ql", "hello"); err != nil || !strings.Contains(out, "/etc/hello/hello.conf") {
		t.Errorf("rpm -ql: %v %q", err, out)
	}
	if out, err := rpmCmd(t, root, "-qi", "nimbus-motd"); err != nil || !strings.Contains(out, "Install Date") {
		t.Errorf("rpm -qi: %v %q", err, out)
	}
	if out, err := rpmCmd(t, root, "-Va", "--nodeps"); err != nil || strings.TrimSpace(out) != "" {
		t.Errorf("rpm -Va: %v\n%s", err, out)
	}
	// rpm's own database check finds nothing wrong.
	if out, err := rpmCmd(t, root, "--verifydb"); err != nil {
		t.Errorf("rpm --verifydb: %v %s", err, out)
	}
	// And rpm can change a Nimbus database: erase one package.
	if out, err := rpmCmd(t, root, "-e", "--nodeps", "--noscripts", "nimbus-motd"); err != nil {
		t.Fatalf("rpm -e: %v %s", err, out)
	}
	if _, err := os.Stat(filepath.Join(root, "usr/share/nimbus-motd/banner.txt")); !os.IsNotExist(err) {
		t.Errorf("rpm -e left the file: %v", err)
	}
}

// TestNimbusReadsRPMDatabase: a root rpm installed is read, looked up and changed by Nimbus.
func TestNimbusReadsRPMDatabase(t *testing.T) {
	root := t.TempDir()
	pkgs := examplePackages(t, t.TempDir())
	if out, err := rpmCmd(t, root, append([]string{"-i", "--nodeps", "--noscripts", "--nosignature"}, pkgs...)...); err != nil {
		t.Fatalf("rpm -i: %v %s", err, out)
	}
	ctx := context.Background()
	db, err := Open(root, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	all, err := db.All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range all {
		info, err := p.Info()
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, info.NEVRA())
		if _, ok := p.Header.Int(1008); !ok {
			t.Errorf("%s: no INSTALLTIME", info.Name)
		}
	}
	sort.Strings(names)
	if strings.Join(names, " ") != "hello-1.2.0-1.nm1.noarch nimbus-motd-2026.11-1.noarch" {
		t.Errorf("packages = %v", names)
	}
	for _, q := range []struct{ table, key, want string }{
		{"Name", "hello", "hello"},
		{"Providename", "greeter", "hello"},
		{"Basenames", "banner.txt", "nimbus-motd"},
		{"Requirename", "coreutils", "hello"},
		{"Recommendname", "bash-completion", "hello"},
	} {
		got, err := db.Lookup(ctx, q.table, q.key)
		if err != nil || len(got) != 1 || got[0].Header.String(1000) != q.want {
			t.Errorf("Lookup(%s, %s) = %v, %v", q.table, q.key, len(got), err)
		}
	}
	db.Close()

	// Nimbus removes one; rpm agrees and its database stays consistent.
	db, err = Open(root, "", Options{Write: true})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := db.Lookup(ctx, "Name", "hello")
	tx, _ := db.Begin(ctx)
	if err := tx.Remove(ctx, got[0].Num); err != nil {
		t.Fatal(err)
	}
	tx.Commit()
	db.Close()
	if out, err := rpmCmd(t, root, "-qa", "--qf", "%{NAME}\n"); err != nil || strings.TrimSpace(out) != "nimbus-motd" {
		t.Errorf("rpm -qa after removal: %v %q", err, out)
	}
	if out, err := rpmCmd(t, root, "-q", "--whatprovides", "greeter"); err == nil {
		t.Errorf("index rows of the removed package remain: %s", out)
	}
}

// TestIndexRowsMatchRPM compares every index row Nimbus writes with the rows rpm writes for
// the same packages (except Installtid, whose key is the install time).
func TestIndexRowsMatchRPM(t *testing.T) {
	sqlite, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Fatal("sqlite3 is not installed; run scripts/setup.sh")
	}
	pkgs := examplePackages(t, t.TempDir())
	theirs, ours := t.TempDir(), t.TempDir()
	if out, err := rpmCmd(t, theirs, append([]string{"-i", "--nodeps", "--noscripts", "--nosignature", "--justdb"}, pkgs...)...); err != nil {
		t.Fatalf("rpm -i: %v %s", err, out)
	}
	db, err := Open(ours, "", Options{Write: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkgs {
		installMinimal(t, db, ours, p)
	}
	db.Close()
	dump := func(root string) string {
		var b strings.Builder
		for _, ix := range indexes {
			if ix.table == "Installtid" {
				continue
			}
			q := "SELECT '" + ix.table + "', hex(key), (SELECT blob FROM Packages p WHERE p.hnum = i.hnum) IS NOT NULL, idx FROM '" + ix.table + "' i ORDER BY 2, 4"
			out, err := exec.Command(sqlite, filepath.Join(root, DefaultPath, FileName), q).CombinedOutput()
			if err != nil {
				t.Fatalf("sqlite3: %v %s", err, out)
			}
			b.Write(out)
		}
		return b.String()
	}
	if a, b := dump(theirs), dump(ours); a != b {
		t.Errorf("index rows differ:\nrpm:\n%s\nnimbus:\n%s", a, b)
	}
	out, err := exec.Command(sqlite, filepath.Join(ours, DefaultPath, FileName), ".schema").CombinedOutput()
	if err != nil {
		t.Fatal(err)
	}
	want, _ := exec.Command(sqlite, filepath.Join(theirs, DefaultPath, FileName), ".schema").CombinedOutput()
	// sqlite_stat1 (and sqlite_stat4 with the Go driver's build) appear when sqlite's PRAGMA optimize decides to analyze, which depends
	// on the queries a connection ran; it is planner statistics, not schema rpm relies on.
	stat := func(b []byte) string {
		var keep []string
		for _, l := range strings.Split(string(b), "\n") {
			if !strings.HasPrefix(l, "CREATE TABLE sqlite_stat") {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	if stat(out) != stat(want) {
		t.Errorf("schema differs:\nrpm:\n%s\nnimbus:\n%s", want, out)
	}
}

// TestLockAcrossProcesses runs this test binary as a second process that tries to take the
// writer lock while the first one holds it.
func TestLockAcrossProcesses(t *testing.T) {
	if dir := os.Getenv("NIMBUS_RPMDB_LOCK_CHILD"); dir != "" {
		_, err := Open(dir, "", Options{Write: true, LockWait: 200 * time.Millisecond})
		if errors.Is(err, ErrLocked) {
			os.Exit(3)
		}
		os.Exit(0)
	}
	root := t.TempDir()
	a, err := Open(root, "", Options{Write: true})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockAcrossProcesses$")
	cmd.Env = append(os.Environ(), "NIMBUS_RPMDB_LOCK_CHILD="+root)
	err = cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 3 {
		t.Fatalf("second writer while locked: %v, want ErrLocked (exit 3)", err)
	}
	a.Close()
	cmd = exec.Command(os.Args[0], "-test.run=^TestLockAcrossProcesses$")
	cmd.Env = append(os.Environ(), "NIMBUS_RPMDB_LOCK_CHILD="+root)
	if err := cmd.Run(); err != nil {
		t.Fatalf("second writer after release: %v", err)
	}
}

func TestCorruptBlobIsReported(t *testing.T) {
	root := t.TempDir()
	db, err := Open(root, "", Options{Write: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.sql.Exec("INSERT INTO Packages (blob) VALUES (?)", []byte("garbage")); err != nil {
		t.Fatal(err)
	}
	if _, err := db.All(context.Background()); err == nil || !strings.Contains(err.Error(), "package 1") {
		t.Fatalf("err = %v, want it to name package 1", err)
	}
}

func sortedLines(s string) string {
	l := strings.Fields(s)
	sort.Strings(l)
	return strings.Join(l, "\n")
}

// asNobody runs cmd as an unprivileged user: uid/gid 65534 when the test runs as root,
// else the caller itself (the database directory is then made read-only for it).
func asNobody(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if os.Getuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
}

// TestNonRootReaders: a database Nimbus wrote (as root, in a directory only root may write)
// is read by an unprivileged rpm and an unprivileged Nimbus without writing anything, as
// rpm 4.18 makes it possible: its writers keep the WAL and shared-memory files on close
// (SQLITE_FCNTL_PERSIST_WAL, "necessary to support non-privileged readers"), so a reader
// that cannot create them still opens the database.
func TestNonRootReaders(t *testing.T) {
	if dir := os.Getenv("NIMBUS_RPMDB_READER_CHILD"); dir != "" {
		db, err := Open(dir, "", Options{})
		if err != nil {
			fmt.Println(err)
			os.Exit(2)
		}
		defer db.Close()
		all, err := db.All(context.Background())
		if err != nil {
			fmt.Println(err)
			os.Exit(2)
		}
		for _, p := range all {
			info, err := p.Info()
			if err != nil {
				fmt.Println(err)
				os.Exit(2)
			}
			fmt.Println(info.Name)
		}
		os.Exit(0)
	}
	base := t.TempDir()
	root := filepath.Join(base, "root")
	pkgs := examplePackages(t, t.TempDir())
	db, err := Open(root, "", Options{Write: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkgs {
		installMinimal(t, db, root, p)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, DefaultPath)
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(filepath.Join(dir, FileName+suffix)); err != nil {
			t.Errorf("after a writer closed: %v (rpm keeps it for non-root readers)", err)
		}
	}
	// Every directory on the way is traversable, none writable by the reader.
	for d := dir; ; d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o555); err != nil {
			t.Fatal(err)
		}
		if d == filepath.Dir(base) { // the test's own temporary directory
			break
		}
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	want := "hello\nnimbus-motd"
	cmd := exec.Command(rpmBin(t), "--dbpath", dir, "-qa", "--qf", "%{NAME}\n")
	asNobody(t, cmd)
	out, err := cmd.CombinedOutput()
	if err != nil || sortedLines(string(out)) != want {
		t.Errorf("rpm -qa as an unprivileged user: %v\n%s", err, out)
	}
	// The test binary sits in a directory only its owner may enter; the reader runs a copy.
	self := filepath.Join(t.TempDir(), "rpmdb.test")
	data, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(self, data, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Dir(self), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd = exec.Command(self, "-test.run=^TestNonRootReaders$")
	cmd.Env = append(os.Environ(), "NIMBUS_RPMDB_READER_CHILD="+root)
	asNobody(t, cmd)
	out, err = cmd.CombinedOutput()
	if err != nil || sortedLines(string(out)) != want {
		t.Errorf("Nimbus reading as an unprivileged user: %v\n%s", err, out)
	}
}
