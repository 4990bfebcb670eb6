// Package fsutil holds the few file-system habits every Nimbus writer shares: files are
// written to a temporary name in the target's directory, synced, and renamed into place,
// so a crash leaves either the old file or the new one, never half of one.
package fsutil

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteFileAtomic creates name with perm by calling write on a temporary file beside it,
// then syncing and renaming it. On any error the temporary file is removed.
func WriteFileAtomic(name string, perm os.FileMode, write func(*os.File) error) error {
	return writeFileAtomic(name, perm, true, write)
}

// WriteFileRenamed is WriteFileAtomic without the sync: a kill (the kernel keeps every
// write) still leaves the old file or the new one, but a power failure can leave the new
// name with data that never reached the disk (empty, zeros or stale blocks). Only for
// files whose readers detect that (a checksum over the whole file) and rebuild them: the
// metadata cache's index. It saves a sync, which on a busy disk waits behind the other
// writers' I/O.
func WriteFileRenamed(name string, perm os.FileMode, write func(*os.File) error) error {
	return writeFileAtomic(name, perm, false, write)
}

func writeFileAtomic(name string, perm os.FileMode, sync bool, write func(*os.File) error) (err error) {
	dir, base := filepath.Split(name)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = write(f); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err = f.Chmod(perm); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if sync {
		if err = f.Sync(); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err = os.Rename(f.Name(), name); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

// CopyFile copies the contents of src to dst (created or truncated, mode 0666 before umask).
func CopyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
