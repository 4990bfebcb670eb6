// Package evr parses and compares rpm epoch:version-release strings and
// decides whether two versioned dependency ranges overlap, with the exact
// semantics of rpm 4.18 (rpmio/rpmvercmp.c and rpmio/rpmver.c).
//
// The package is pure: it touches no OS state.
package evr
