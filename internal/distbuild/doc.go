// Package distbuild turns the distribution's recipes (internal/recipe) into signed RPM
// packages: the go builder compiles this repository's commands, the files builder
// packages a recipe's folder, and the Debian importer takes a pinned Debian 12 binary
// package, verified end to end (apt subpackage), and converts it under the global
// policy (policy.go). Every builder produces pkgdesc.Package values — the single model
// of a package to write — which rpm.Write packs. Builder runs them incrementally
// (content-hashed inputs), in parallel and reproducibly, and checks that the result is
// closed under dependencies.
package distbuild
