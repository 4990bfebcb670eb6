package rpmdb

import (
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
)

// The schema is exactly the one rpm 4.18's sqlite backend (lib/backend/sqlite.c) creates, so
// rpm opens a Nimbus database without migrating it and Nimbus opens rpm's:
//
//	Packages(hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)
//	<Index>(key TEXT|BLOB NOT NULL, hnum INTEGER NOT NULL, idx INTEGER NOT NULL,
//	        FOREIGN KEY (hnum) REFERENCES 'Packages'(hnum))
//	<Index>_key_idx ON (key), and for most indexes <Index>_hnum_idx ON (hnum)
//
// blob is the package's header without its magic, with the installation entries appended
// outside the immutable region. Each index row maps one value of the header's tag (key) to
// the package (hnum) and the value's position in the tag's array (idx).

// index describes one of rpm's index tables.
type index struct {
	table   string
	tag     tag.Tag
	blobKey bool // key column holds raw bytes (BLOB), not TEXT
	hnumIdx bool // rpm also indexes the hnum column
}

// indexes are rpm 4.18's index tables, in the order rpm creates them.
var indexes = []index{
	{"Name", tag.Name, false, false},
	{"Basenames", tag.Basenames, false, true},
	{"Group", tag.Group, false, false},
	{"Requirename", tag.Requirename, false, true},
	{"Providename", tag.Providename, false, true},
	{"Conflictname", tag.Conflictname, false, true},
	{"Obsoletename", tag.Obsoletename, false, true},
	{"Triggername", tag.Triggername, false, true},
	{"Dirnames", tag.Dirnames, false, true},
	{"Installtid", tag.Installtid, true, false},
	{"Sigmd5", tag.Sigmd5, true, false},
	{"Sha1header", tag.Sha1header, false, false},
	{"Filetriggername", tag.Filetriggername, false, true},
	{"Transfiletriggername", tag.Transfiletriggername, false, true},
	{"Recommendname", tag.Recommendname, false, true},
	{"Suggestname", tag.Suggestname, false, true},
	{"Supplementname", tag.Supplementname, false, true},
	{"Enhancename", tag.Enhancename, false, true},
}

// tableSchema returns the statements that create one table and its indexes, worded as rpm
// words them (sqlite keeps the text, and `.schema` shows it).
func tableSchema(table string) []string {
	if table == "Packages" {
		return []string{"CREATE TABLE IF NOT EXISTS 'Packages' (hnum INTEGER PRIMARY KEY AUTOINCREMENT,blob BLOB NOT NULL)"}
	}
	for _, ix := range indexes {
		if ix.table != table {
			continue
		}
		kt := "TEXT"
		if ix.blobKey {
			kt = "BLOB"
		}
		s := []string{"CREATE TABLE IF NOT EXISTS '" + ix.table + "' (key '" + kt + "' NOT NULL, hnum INTEGER NOT NULL, idx INTEGER NOT NULL, FOREIGN KEY (hnum) REFERENCES 'Packages'(hnum))"}
		if !ix.blobKey {
			s = append(s, "CREATE INDEX '"+ix.table+"_key_idx' ON '"+ix.table+"'(key ASC)")
		}
		if ix.hnumIdx {
			s = append(s, "CREATE INDEX '"+ix.table+"_hnum_idx' ON '"+ix.table+"'(hnum ASC)")
		}
		return s
	}
	return nil
}

// tables lists every table rpm keeps, Packages first.
func tables() []string {
	t := []string{"Packages"}
	for _, ix := range indexes {
		t = append(t, ix.table)
	}
	return t
}
