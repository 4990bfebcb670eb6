// Package dep models rpm dependencies (Requires, Provides, Conflicts, ...)
// as package headers store them, name + flags + version, and parses and
// evaluates rich (boolean) dependencies exactly as rpm 4.18 accepts them.
//
// The package is pure: it touches no OS state.
package dep
