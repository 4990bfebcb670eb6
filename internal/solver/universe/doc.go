// Package universe loads large package universes into a solver pool for
// tests and benchmarks: Debian's Packages index (deb822 stanzas) and an
// rpm-md primary.xml. The primary reader is a benchmark input only; the
// package manager reads repository metadata through the repomd package.
package universe
