package sqlitemem

import (
	"testing"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// TestLookasideOff: a connection opened after the package's init has no lookaside memory
// (its high-water mark of lookaside slots stays 0 after a schema and a few statements).
func TestLookasideOff(t *testing.T) {
	tls := libc.NewTLS()
	defer tls.Close()
	name, err := libc.CString(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer libc.Xfree(tls, name)
	pdb := new(uintptr) // Go memory the C code writes to: the heap does not move
	if rc := sqlite3.Xsqlite3_open_v2(tls, name, uintptr(unsafe.Pointer(pdb)), sqlite3.SQLITE_OPEN_READWRITE|sqlite3.SQLITE_OPEN_CREATE|sqlite3.SQLITE_OPEN_MEMORY, 0); rc != sqlite3.SQLITE_OK {
		t.Fatalf("open: %d", rc)
	}
	db := *pdb
	defer sqlite3.Xsqlite3_close(tls, db)
	sql, err := libc.CString("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT); CREATE INDEX tb ON t (b); INSERT INTO t (b) VALUES ('x'), ('y'); SELECT count(*) FROM t WHERE b > 'a';")
	if err != nil {
		t.Fatal(err)
	}
	defer libc.Xfree(tls, sql)
	if rc := sqlite3.Xsqlite3_exec(tls, db, sql, 0, 0, 0); rc != sqlite3.SQLITE_OK {
		t.Fatalf("exec: %d", rc)
	}
	st := new([2]int32) // current, high-water mark
	if rc := sqlite3.Xsqlite3_db_status(tls, db, sqlite3.SQLITE_DBSTATUS_LOOKASIDE_USED, uintptr(unsafe.Pointer(&st[0])), uintptr(unsafe.Pointer(&st[1])), 0); rc != sqlite3.SQLITE_OK {
		t.Fatalf("db_status: %d", rc)
	}
	if hi := st[1]; hi != 0 {
		t.Errorf("lookaside slots used: high-water mark %d, want 0", hi)
	}
}
