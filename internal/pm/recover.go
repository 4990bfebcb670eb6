package pm

import (
	"context"
	"fmt"

	"github.com/nimbus-linux/nimbus/internal/txn"
)

// Recover finishes a transaction a crash interrupted on the root. Every command that
// changes a root calls it before it opens the root and solves: the request is then solved
// against the recovered state (never against a half-done one whose plan would name
// packages the recovery just replaced), and a root with nothing else to do is repaired
// too. It says what it does on the log (stderr). It does nothing, and takes no lock, when
// no journal is there.
func Recover(ctx context.Context, cfg Config) (*txn.Result, error) {
	cfg.defaults()
	if !txn.Pending(cfg.Root) {
		return &txn.Result{}, nil
	}
	fmt.Fprintf(cfg.Log, "Finishing the transaction interrupted on %s before anything else.\n", cfg.Root)
	res, err := txn.Recover(ctx, txn.Options{Root: cfg.Root, Runner: cfg.runner(), Now: cfg.Now, NoScripts: cfg.NoScripts,
		Warn: func(s string) { fmt.Fprintf(cfg.Log, "warning: %s\n", s) }})
	if err != nil {
		return res, fmt.Errorf("finishing the interrupted transaction on %s: %w", cfg.Root, err)
	}
	if res.Recovered {
		fmt.Fprintf(cfg.Log, "The interrupted transaction is finished (%d installed, %d removed).\n", len(res.Installed), len(res.Erased))
	}
	return res, nil
}

// runner is the scriptlet runner of the configuration: scriptlet output goes to
// ScriptOutput, bounded per scriptlet.
func (c *Config) runner() txn.Runner {
	return txn.ChrootRunner{Output: c.ScriptOutput}
}
