// Package archtest holds tests about the shape of the code base itself: which packages may
// import which (the pure core never reaches the operating system or the edges).
package archtest
