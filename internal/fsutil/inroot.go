package fsutil

import (
	"fmt"
	"path/filepath"

	securejoin "github.com/cyphar/filepath-securejoin"
)

// InRoot is path p of the install root root as a program chrooted into root would find it:
// every symlink among p's components that exists is followed with root as "/" (an absolute
// target is taken inside root, ".." stops at root), so the path returned never leaves root.
// It is for the state kept in an install root that is opened by name (the rpmdb, the
// history, dnf's cache and the trust state): a root whose /var/lib/rpm is a symlink to
// /usr/lib/sysimage/rpm (Fedora's layout, absolute) finds the root's directory, and one
// whose /var/cache is a symlink to a host directory does not write there. Components that
// do not exist yet are taken as they are (they are created inside root). A symlink that
// changes after the call is not seen: the install root is not shared with a hostile writer
// while a command runs. The running system (root "/") is returned unchanged.
func InRoot(root, p string) (string, error) {
	if root == "" || root == "/" {
		return filepath.Join("/", p), nil
	}
	q, err := securejoin.SecureJoin(root, p)
	if err != nil {
		return "", fmt.Errorf("install root %s: resolving %s inside it: %w", root, p, err)
	}
	return q, nil
}
