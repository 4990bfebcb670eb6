package rpmdb

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
)

// Cookie is rpm 4.18's rpmdbCookie (rpmts.dbCookie(), what dnf 4.14 records as a
// transaction's rpmdb version in its history): the SHA-256 over the Name index in rpm's
// iteration order, each key's bytes followed by the header numbers of its packages as
// native-endian (little-endian on every platform nimbus builds for) 32-bit integers. Any
// install, erase or reinstall changes it, so dnf can tell whether the rpmdb changed outside
// it since the last transaction it knows of.
func (db *DB) Cookie(ctx context.Context) (string, error) {
	h := sha256.New()
	if db.sql == nil {
		return hex.EncodeToString(h.Sum(nil)), nil // no database: rpm iterates nothing
	}
	// rpm's sqlite backend walks the distinct keys in key order, and a key's rows in the
	// order of the table (rowid)
	rows, err := db.sql.QueryContext(ctx, "SELECT key, hnum FROM Name ORDER BY key, rowid")
	if err != nil {
		return "", fmt.Errorf("rpmdb %s: %w", db.path, err)
	}
	defer rows.Close()
	last, first := "", true
	var buf [4]byte
	for rows.Next() {
		var key []byte
		var n int64
		if err := rows.Scan(&key, &n); err != nil {
			return "", fmt.Errorf("rpmdb %s: %w", db.path, err)
		}
		if first || string(key) != last {
			h.Write(key)
			last, first = string(key), false
		}
		binary.LittleEndian.PutUint32(buf[:], uint32(n))
		h.Write(buf[:])
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("rpmdb %s: %w", db.path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
