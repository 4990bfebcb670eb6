package distbuild

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// tree lists every path under dir with its mode and content, to tell whether a run
// changed anything.
func tree(t *testing.T, dir string) string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		st, _ := os.Lstat(p)
		b := []byte{}
		if st.Mode().IsRegular() {
			b, _ = os.ReadFile(p)
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, rel+" "+st.Mode().String()+" "+string(b))
		return nil
	})
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// TestMariaDBPrepareDBDirTwice: issue 16's first-start helper of mariadb.service
// (ExecStartPre, every start): the first run of an instance makes the system tables;
// the second changes nothing and does not run the installer again; a non-empty data
// directory without system tables is refused by name, untouched.
func TestMariaDBPrepareDBDirTwice(t *testing.T) {
	helper, err := filepath.Abs("../../dist/recipes/mariadb-server/mariadb-prepare-db-dir")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	datadir, calls := filepath.Join(dir, "mysql-data"), filepath.Join(dir, "calls")
	fake := filepath.Join(dir, "mariadb-install-db")
	// The stand-in for mariadb-install-db: counts its runs, makes mysql/ in --datadir.
	if err := os.WriteFile(fake, []byte("#!/bin/sh\necho \"$*\" >> "+calls+"\nfor a; do case $a in --datadir=*) mkdir -p \"${a#--datadir=}/mysql\"; echo tables > \"${a#--datadir=}/mysql/user.frm\";; esac; done\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	run := func() (string, error) {
		c := exec.Command("/bin/sh", helper)
		c.Env = append(os.Environ(), "MARIADB_DATADIR="+datadir, "MARIADB_INSTALL_DB="+fake)
		out, err := c.CombinedOutput()
		return string(out), err
	}
	if err := os.Mkdir(datadir, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := run(); err != nil || !strings.Contains(out, "MariaDB system tables created in "+datadir) {
		t.Fatalf("first run: %v\n%s", err, out)
	}
	before := tree(t, dir)
	if out, err := run(); err != nil || out != "" {
		t.Fatalf("second run: %v %q", err, out)
	}
	if after := tree(t, dir); after != before {
		t.Errorf("second run changed:\n%s\nwas:\n%s", after, before)
	}
	if b, _ := os.ReadFile(calls); strings.Count(string(b), "\n") != 1 || !strings.Contains(string(b), "--datadir="+datadir) {
		t.Errorf("installer runs: %q", b)
	}

	// Something else in an empty-looking data directory: refused, nothing touched.
	os.RemoveAll(datadir)
	os.Mkdir(datadir, 0o755)
	os.WriteFile(filepath.Join(datadir, "ibdata1"), []byte("x"), 0o644)
	before = tree(t, dir)
	if out, err := run(); err == nil || !strings.Contains(out, datadir+" is not empty but has no system tables") {
		t.Errorf("non-empty data directory: %v %q", err, out)
	}
	if after := tree(t, dir); after != before {
		t.Errorf("refused run changed:\n%s", after)
	}
}

// TestPostgresqlSetupInitdbTwice: `postgresql-setup --initdb` on an instance that has
// its cluster (the second run) changes nothing and says so with exit 1, as Amazon Linux's
// helper does. (The first run, initdb as postgres, is TestWorkloads' in the guest.)
func TestPostgresqlSetupInitdbTwice(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("postgresql-setup refuses to run as a user; its second-run path is reached as root")
	}
	helper, err := filepath.Abs("../../dist/recipes/postgresql-15/postgresql-setup")
	if err != nil {
		t.Fatal(err)
	}
	pgdata := filepath.Join(t.TempDir(), "data")
	os.MkdirAll(filepath.Join(pgdata, "base"), 0o700)
	os.WriteFile(filepath.Join(pgdata, "PG_VERSION"), []byte("15\n"), 0o600)
	before := tree(t, filepath.Dir(pgdata))
	c := exec.Command("/bin/sh", helper, "--initdb")
	c.Env = append(os.Environ(), "PGDATA="+pgdata)
	out, err := c.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || !strings.Contains(string(out), `Data directory "`+pgdata+`" is not empty!`) {
		t.Errorf("second --initdb: %v %q", err, out)
	}
	if after := tree(t, filepath.Dir(pgdata)); after != before {
		t.Errorf("second --initdb changed:\n%s", after)
	}
}
