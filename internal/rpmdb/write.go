package rpmdb

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
)

// Txn is a set of changes applied atomically (one sqlite transaction).
type Txn struct {
	db    *DB
	tx    *sql.Tx
	stmts map[string]*sql.Stmt // prepared once per transaction (closed with it)
}

// exec runs a statement, preparing it the first time this transaction uses it: a batch of
// packages then parses each index insert once instead of once per row.
func (t *Txn) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// stmt is query prepared, once per transaction.
func (t *Txn) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	st := t.stmts[query]
	if st == nil {
		var err error
		if st, err = t.tx.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
		if t.stmts == nil {
			t.stmts = map[string]*sql.Stmt{}
		}
		t.stmts[query] = st
	}
	return st, nil
}

// Begin starts a change. The database must have been opened for writing.
func (db *DB) Begin(ctx context.Context) (*Txn, error) {
	if !db.writable {
		return nil, fmt.Errorf("rpmdb %s: opened read-only", db.path)
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("rpmdb %s: %w", db.path, err)
	}
	return &Txn{db: db, tx: tx}, nil
}

// Commit makes the changes durable; Rollback drops them.
func (t *Txn) Commit() error   { return t.tx.Commit() }
func (t *Txn) Rollback() error { return t.tx.Rollback() }

// HasSha1header reports whether a package with this SHA1HEADER is in the database, as this
// transaction sees it (its own uncommitted changes included). While a Txn is open the DB's
// own queries wait for it (one connection), so a writer asks through the Txn.
func (t *Txn) HasSha1header(ctx context.Context, sha1 string) (bool, error) {
	var n int
	err := t.tx.QueryRowContext(ctx, "SELECT count(*) FROM 'Sha1header' WHERE key = ?", sha1).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("rpmdb %s: %w", t.db.path, err)
	}
	return n > 0, nil
}

// Sha1headerNums returns the database numbers of the packages with this SHA1HEADER, as this
// transaction sees it. A reinstall briefly has two rows with the same SHA1HEADER: the new one
// and the one it replaces.
func (t *Txn) Sha1headerNums(ctx context.Context, sha1 string) ([]int64, error) {
	st, err := t.stmt(ctx, "SELECT hnum FROM 'Sha1header' WHERE key = ?") // once per package of a batch
	if err != nil {
		return nil, fmt.Errorf("rpmdb %s: %w", t.db.path, err)
	}
	rows, err := st.QueryContext(ctx, sha1)
	if err != nil {
		return nil, fmt.Errorf("rpmdb %s: %w", t.db.path, err)
	}
	defer rows.Close()
	var nums []int64
	for rows.Next() {
		var n int64
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("rpmdb %s: %w", t.db.path, err)
		}
		nums = append(nums, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("rpmdb %s: %w", t.db.path, err)
	}
	return nums, nil
}

// InstallData is what rpm records about an installation, outside the package's signed header.
type InstallData struct {
	Time  uint32 // INSTALLTIME
	TID   uint32 // INSTALLTID: the transaction id (its start time)
	Color uint32 // INSTALLCOLOR: the transaction color (3 on x86_64 and aarch64 multilib, else 0)
	// FileStates has one RPMFILE_STATE_* byte per file (0 normal, 1 replaced, 2 not installed,
	// 3 netshared, 4 wrong color); nil means all normal.
	FileStates []byte
}

// File states (RPMFILE_STATE_*).
const (
	FileNormal       = 0
	FileReplaced     = 1
	FileNotInstalled = 2
)

// HeaderBlob builds the blob rpm stores for an installed package: the package's main header
// with the signature header's digests and signature and the install data appended outside
// the immutable region, as rpm 4.18 does.
func HeaderBlob(pkg *rpm.Package, d InstallData) ([]byte, error) {
	b := rpm.NewHeaderBuilder()
	sig := pkg.Signature
	if v, ok := sig.Int(tag.SigSize); ok {
		b.Int32(tag.Sigsize, uint32(v))
	}
	if v, ok := sig.Int(tag.SigLongSize); ok {
		b.Int64(tag.Longsigsize, uint64(v))
	}
	if v := sig.Bin(tag.SigMD5); v != nil {
		b.Bin(tag.Sigmd5, v)
	}
	if v := sig.String(tag.SigSHA1); v != "" {
		b.String(tag.Sha1header, v)
	}
	if v := sig.String(tag.SigSHA256); v != "" {
		b.String(tag.Sha256header, v)
	}
	if v := sig.Bin(tag.SigDSA); v != nil {
		b.Bin(tag.Dsaheader, v)
	}
	if v := sig.Bin(tag.SigRSA); v != nil {
		b.Bin(tag.Rsaheader, v)
	}
	if v, ok := sig.Int(tag.SigPayloadSize); ok {
		b.Int32(tag.Archivesize, uint32(v))
	}
	if v, ok := sig.Int(tag.SigLongArchiveSize); ok {
		b.Int64(tag.Longarchivesize, uint64(v))
	}
	b.Int32(tag.Installtime, d.Time)
	b.Int32(tag.Installcolor, d.Color)
	b.Int32(tag.Installtid, d.TID)
	nfiles := pkg.Header.Count(tag.Basenames)
	if nfiles == 0 {
		nfiles = pkg.Header.Count(tag.Oldfilenames)
	}
	if nfiles > 0 {
		states := d.FileStates
		if states == nil {
			states = make([]byte, nfiles)
		}
		if len(states) != nfiles {
			return nil, fmt.Errorf("%d file states for %d files", len(states), nfiles)
		}
		b.Char(tag.Filestates, states)
	}
	return b.AppendEntries(pkg.Header.Blob())
}

// Add records an installed package and returns its database number.
func (t *Txn) Add(ctx context.Context, blob []byte) (int64, error) {
	h, err := rpm.ParseHeaderBlob(blob)
	if err != nil {
		return 0, fmt.Errorf("rpmdb: adding a package: %w", err)
	}
	res, err := t.exec(ctx, "INSERT INTO Packages (blob) VALUES (?)", blob)
	if err != nil {
		return 0, fmt.Errorf("rpmdb %s: adding %s: %w", t.db.path, h.String(tag.Name), err)
	}
	num, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	for _, ix := range indexes {
		for _, k := range indexKeys(h, ix) {
			if _, err := t.exec(ctx, "INSERT INTO '"+ix.table+"' (key, hnum, idx) VALUES (?, ?, ?)", k.key, num, k.idx); err != nil {
				return 0, fmt.Errorf("rpmdb %s: indexing %s in %s: %w", t.db.path, h.String(tag.Name), ix.table, err)
			}
		}
	}
	return num, nil
}

// Remove deletes an installed package and its index rows.
func (t *Txn) Remove(ctx context.Context, num int64) error {
	for _, ix := range indexes {
		if _, err := t.exec(ctx, "DELETE FROM '"+ix.table+"' WHERE hnum = ?", num); err != nil {
			return fmt.Errorf("rpmdb %s: removing package %d from %s: %w", t.db.path, num, ix.table, err)
		}
	}
	res, err := t.exec(ctx, "DELETE FROM Packages WHERE hnum = ?", num)
	if err != nil {
		return fmt.Errorf("rpmdb %s: removing package %d: %w", t.db.path, num, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("rpmdb %s: no package %d", t.db.path, num)
	}
	return nil
}

type keyRow struct {
	key any // string or []byte
	idx int
}

// indexKeys lists the rows rpm writes into one index table for a header (rpmdb.c's
// indexPut): one row per array element with its position; rich dependencies are indexed
// both whole and by every package name inside them; Requirename leaves out requirements that
// matter only at install time (rpmlib(), pre/post/pretrans/posttrans-only), as rpm does.
func indexKeys(h *rpm.Header, ix index) []keyRow {
	var rows []keyRow
	switch h.TypeOf(ix.tag) {
	case tag.TypeNull:
		if ix.tag == tag.Group {
			return []keyRow{{"Unknown", 0}} // rpm's legacy behaviour for a package without a group
		}
		return nil
	case tag.TypeBin:
		return []keyRow{{h.Bin(ix.tag), 0}}
	case tag.TypeInt32:
		for i, v := range h.Ints(ix.tag) {
			// Integer keys are stored in host byte order (little-endian on x86_64 and aarch64).
			b := make([]byte, 4)
			binary.LittleEndian.PutUint32(b, uint32(v))
			rows = append(rows, keyRow{b, i})
		}
		return rows
	case tag.TypeString, tag.TypeI18NString:
		return []keyRow{{h.String(ix.tag), 0}}
	}
	var flags []int64
	if ix.tag == tag.Requirename {
		flags = h.Ints(tag.Requireflags)
	}
	rich := richIndexed[ix.tag]
	for i, s := range h.Strings(ix.tag) {
		if flags != nil && i < len(flags) && installOnly(dep.Flags(flags[i])) {
			continue
		}
		rows = append(rows, keyRow{s, i})
		if rich && len(s) > 0 && s[0] == '(' {
			for _, name := range richKeys(s) {
				rows = append(rows, keyRow{name, i})
			}
		}
	}
	return rows
}

// richIndexed are the dependency tags whose rich dependencies rpm also indexes by the names
// inside them.
var richIndexed = map[tag.Tag]bool{
	tag.Requirename: true, tag.Conflictname: true, tag.Suggestname: true,
	tag.Supplementname: true, tag.Recommendname: true, tag.Enhancename: true,
}

// richKeys lists the names rpm indexes for a rich dependency (rpmdb.c updateRichDep): every
// package name in it, except rpmlib() ones; names in the condition of an if/unless are
// prefixed with '!' (a negated condition flips back), and an else branch adds the condition's
// names once more with the prefix inverted. Sorted, without duplicates.
func richKeys(s string) []string {
	r, err := dep.ParseRich(s)
	if err != nil {
		return nil // rpm indexes only the whole string when it cannot parse the expression
	}
	var names []string // each starts with ' ' (plain) or '!' (negated)
	var walk func(r *dep.Rich, neg bool)
	walk = func(r *dep.Rich, neg bool) {
		switch r.Op {
		case dep.RichAtom:
			if !strings.HasPrefix(r.Atom.Name, "rpmlib(") {
				p := " "
				if neg {
					p = "!"
				}
				names = append(names, p+r.Atom.Name)
			}
		case dep.RichIf, dep.RichUnless:
			walk(r.Args[0], neg)
			start := len(names)
			walk(r.Args[1], !neg)
			if len(r.Args) > 2 {
				for _, n := range names[start:] {
					if n[0] == ' ' {
						names = append(names, "!"+n[1:])
					} else {
						names = append(names, " "+n[1:])
					}
				}
				walk(r.Args[2], neg)
			}
		default:
			for _, a := range r.Args {
				walk(a, neg)
			}
		}
	}
	walk(r, false)
	sort.Strings(names)
	var out []string
	for i, n := range names {
		if i > 0 && names[i-1] == n {
			continue
		}
		out = append(out, strings.TrimPrefix(n, " "))
	}
	return out
}

// installOnly is rpm's isInstallPreReq(f) && !isErasePreReq(f).
func installOnly(f dep.Flags) bool {
	const install = dep.ScriptPre | dep.ScriptPost | dep.Rpmlib | dep.Keyring | dep.Pretrans | dep.Posttrans
	const erase = dep.ScriptPreun | dep.ScriptPostun
	return f&install != 0 && f&erase == 0
}
