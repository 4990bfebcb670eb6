package provision

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/sysusers"
)

// sysusers creates the system accounts the root's sysusers.d files declare and lacks
// (internal/sysusers, as systemd-sysusers). nimbus-init does the same in a boot stage of
// its own; this stage covers `nimbus-init provision` run on a root by hand. Bad lines are
// reported, the rest applied.
func (r *run) sysusers(ctx context.Context) error {
	a := r.a
	entries, errs := sysusers.Read(os.DirFS(a.Root))
	if len(entries) == 0 && len(errs) == 0 {
		return nil
	}
	root, err := os.OpenRoot(a.Root)
	if err != nil {
		return err
	}
	defer root.Close()
	res, err := sysusers.Apply(root, entries, time.Now())
	if err != nil {
		return err
	}
	if len(res.Created) > 0 {
		a.logf("sysusers.d: created %s", strings.Join(res.Created, ", "))
	}
	errs = append(errs, res.Errors...)
	if len(errs) > 0 {
		msgs := make([]string, len(errs))
		for i, e := range errs {
			msgs[i] = e.Error()
		}
		return fmt.Errorf("sysusers.d: %s", strings.Join(msgs, "; "))
	}
	return nil
}
