// Package release is the pure model of Nimbus releases: release versions
// (YEAR.MINOR.YYYYMMDD, ordered numerically field by field), the signed release index
// (which versions exist, their notes and arches, when the index expires, which signing keys
// are active and which are revoked) and the questions a client asks of it
// (check-release-update). It touches no OS state: callers hand it bytes, keyrings and the
// current time. Publishing and the client's on-disk state live in internal/release/publish
// and internal/repo.
package release
