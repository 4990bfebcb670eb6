// Package solver is Nimbus's dependency resolver: a pool of packages with
// interned names and a provides index, rules in libsolv's classes (package,
// job, update, feature, infarch, dup, best, choice, learnt), a CDCL core with
// watched literals, and dnf's decision policy on top of it. It is pure: it
// touches no OS state, and callers hand it packages and jobs in memory.
package solver
