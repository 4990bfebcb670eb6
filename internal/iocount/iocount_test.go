package iocount

import (
	"bytes"
	"errors"
	"testing"
)

// shortWriter accepts at most max bytes in all, then fails.
type shortWriter struct{ max int }

func (s *shortWriter) Write(p []byte) (int, error) {
	if len(p) > s.max {
		n := s.max
		s.max = 0
		return n, errors.New("full")
	}
	s.max -= len(p)
	return len(p), nil
}

func TestWriterCounts(t *testing.T) {
	tests := []struct {
		name   string
		w      func() *Writer
		writes []string
		want   int64
		err    bool
	}{
		{"empty", func() *Writer { return &Writer{W: &bytes.Buffer{}} }, nil, 0, false},
		{"several", func() *Writer { return &Writer{W: &bytes.Buffer{}} }, []string{"abc", "", "defgh"}, 8, false},
		{"short write counts what went through", func() *Writer { return &Writer{W: &shortWriter{max: 4}} }, []string{"abc", "defgh"}, 4, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := tc.w()
			var err error
			for _, s := range tc.writes {
				if _, e := w.Write([]byte(s)); e != nil {
					err = e
				}
			}
			if w.N != tc.want || (err != nil) != tc.err {
				t.Fatalf("N = %d, err = %v; want %d, error %v", w.N, err, tc.want, tc.err)
			}
		})
	}
}
