// Package iocount counts the bytes that pass through a writer: the size of an archive, a
// payload or an image file, computed while it is written instead of by a second pass. It is
// pure (see internal/archtest): it only wraps an io.Writer it is given.
package iocount

import "io"

// Writer passes what it is given on to W and counts in N the bytes W accepted.
type Writer struct {
	W io.Writer
	N int64
}

// Write implements io.Writer.
func (c *Writer) Write(p []byte) (int, error) {
	n, err := c.W.Write(p)
	c.N += int64(n)
	return n, err
}
