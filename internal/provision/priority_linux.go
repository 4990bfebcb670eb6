package provision

import "golang.org/x/sys/unix"

// lowerThreadPriority gives the calling OS thread the lowest CPU priority (nice 19):
// on Linux the nice value is per thread.
func lowerThreadPriority() { _ = unix.Setpriority(unix.PRIO_PROCESS, unix.Gettid(), 19) }
