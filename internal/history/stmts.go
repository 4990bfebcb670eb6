package history

import (
	"context"
	"database/sql"
)

// stmts prepares each statement of a database transaction once: a transaction records a
// row or more per package, and database/sql's ExecContext on a query string prepares
// (parses and plans) it again on every call — for a 51-package install, ~300 prepares,
// a tenth of the command's CPU.
type stmts struct {
	tx *sql.Tx
	m  map[string]*sql.Stmt
}

func newStmts(tx *sql.Tx) *stmts { return &stmts{tx: tx, m: map[string]*sql.Stmt{}} }

func (s *stmts) get(ctx context.Context, q string) (*sql.Stmt, error) {
	if st := s.m[q]; st != nil {
		return st, nil
	}
	st, err := s.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	s.m[q] = st
	return st, nil
}

// ExecContext runs q with args through its prepared statement.
func (s *stmts) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	st, err := s.get(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// QueryRowScan runs q with args and scans its first row into dest (sql.ErrNoRows when
// there is none).
func (s *stmts) QueryRowScan(ctx context.Context, q string, args []any, dest ...any) error {
	st, err := s.get(ctx, q)
	if err != nil {
		return err
	}
	return st.QueryRowContext(ctx, args...).Scan(dest...)
}

// close closes the prepared statements (before the transaction commits).
func (s *stmts) close() {
	for _, st := range s.m {
		st.Close()
	}
}
