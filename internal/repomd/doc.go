// Package repomd reads and writes rpm-md repository metadata the way createrepo_c writes it
// and dnf reads it: repomd.xml (the index), primary.xml (packages and dependencies),
// filelists.xml, other.xml (changelogs) and updateinfo.xml (advisories), compressed with
// gzip, xz or zstd.
//
// The readers of primary, filelists and other stream: they tokenize with a small
// allocation-free XML scanner and hand one package at a time to a callback, so memory does
// not grow with the document. Unknown elements and attributes are skipped; what matters is
// strict (a package without a name or checksum is an error carrying its line and offset).
// repomd.xml and updateinfo.xml are small and use encoding/xml.
//
// The package is pure: it works on io.Reader and io.Writer and touches no OS state.
package repomd
