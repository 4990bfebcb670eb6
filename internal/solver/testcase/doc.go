// Package testcase reads and writes libsolv's testcase format (the ".t"
// files of libsolv's test suite: repos in testtags form, system, solver
// and pool flags, jobs and expected results) and runs such files against
// Nimbus's solver, comparing transactions the way testsolv does.
package testcase
