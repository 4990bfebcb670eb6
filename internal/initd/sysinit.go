//go:build linux

package initd

import (
	"context"
	"os"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/sysusers"
	"github.com/nimbus-linux/nimbus/internal/tmpfiles"
	"github.com/nimbus-linux/nimbus/internal/units"
)

// builtinTmpfiles is what systemd's own tmpfiles.d files provide that packaged services
// rely on, for images without systemd: legacy.conf's /run/lock with the /var/lock link
// (Debian's mode 1777: lock files of non-root daemons) and /run/lock/subsys. A file of
// the same name in a tmpfiles.d directory replaces it.
var builtinTmpfiles = map[string]string{
	"legacy.conf": "d /run/lock 1777 root root -\nd /run/lock/subsys 0755 root root -\nL /var/lock - - - - ../run/lock\n",
}

// stageSysusers creates the system accounts sysusers.d declares and /etc lacks, as
// systemd-sysusers.service does before the services (and independent of provisioning).
func (in *Init) stageSysusers(ctx context.Context) error {
	entries, errs := sysusers.Read(os.DirFS("/"))
	root, err := os.OpenRoot("/")
	if err != nil {
		return err
	}
	defer root.Close()
	res, err := sysusers.Apply(root, entries, time.Now())
	if err != nil {
		return err
	}
	errs = append(errs, res.Errors...)
	for _, e := range errs {
		in.logf("sysusers.d: %v", e)
	}
	setNote(ctx, "%d entries, %d created", len(entries), len(res.Created))
	if len(res.Created) > 0 {
		in.logf("sysusers.d: created %s", strings.Join(res.Created, ", "))
	}
	return nil
}

// stageTmpfiles applies tmpfiles.d as systemd-tmpfiles-setup.service does
// (--create --remove --boot); bad lines are logged with file and line, the rest applied.
func (in *Init) stageTmpfiles(ctx context.Context) error {
	items, errs := tmpfiles.Read(os.DirFS("/"), builtinTmpfiles, hostSpecifiers("/"))
	root, err := os.OpenRoot("/")
	if err != nil {
		return err
	}
	defer root.Close()
	res := tmpfiles.Apply(root, items, tmpfiles.Options{Boot: true, Remove: true})
	for _, e := range append(errs, res.Errors...) {
		in.logf("tmpfiles.d: %v", e)
	}
	if len(res.Skipped) > 0 && in.debug {
		in.logf("tmpfiles.d: not applied (attributes and ACLs): %s", strings.Join(res.Skipped, ", "))
	}
	setNote(ctx, "%d lines, %d failed", len(items), len(res.Errors))
	return nil
}

// stageGenerators runs the system generators into /run/systemd/generator{,.early,.late}
// before the supervisor loads any unit.
func (in *Init) stageGenerators(ctx context.Context) error {
	names, err := units.RunGenerators(ctx, in.Reaper, "/")
	setNote(ctx, "%d generators", len(names))
	return err
}
