package provision

import (
	"context"
	"io"
)

// System is the OS work provisioning needs beyond files under the root: PID 1 implements
// it for real; tests use a recorder.
type System interface {
	// SetHostname sets the kernel's host name.
	SetHostname(name string) error
	// Run runs argv (argv[0] a host path) with extra environment, output to out.
	Run(ctx context.Context, argv []string, env []string, out io.Writer) error
	// Chown changes the owner of a host path.
	Chown(path string, uid, gid int) error
	// GrowRoot grows the root partition and file system to the end of its disk,
	// reporting what it did ("" when there was nothing to do).
	GrowRoot(ctx context.Context) (string, error)
	// MountAll mounts the /etc/fstab entries that are not mounted yet.
	MountAll(ctx context.Context) error
}
