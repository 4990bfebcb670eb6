package image

import (
	"context"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/txn"
)

// ldconfigOnce runs the image's scriptlets through next, except that a %posttrans
// scriptlet that only refreshes the dynamic linker's cache is not run again right after
// the same scriptlet ran and succeeded. Every imported library package carries one
// (`if [ -x /usr/sbin/ldconfig ]; then /usr/sbin/ldconfig; fi`, distbuild's stand-in for
// Debian's ldconfig trigger), so a minimal image ran ldconfig 55 times in a row, each a
// chrooted shell, a scan of the library folders and an fsync of ld.so.cache: about 90 ms
// apiece on a busy host. %posttrans runs once every package's files are in, so between two
// consecutive posttrans scriptlets nothing changes the root, and ldconfig run again on the
// same root writes the same cache: skipping the repeats changes nothing but the time
// (Fedora's glibc gets the same effect with one %transfiletriggerin per transaction).
// A different scriptlet in between, or a failure, makes the next one run.
type ldconfigOnce struct {
	next    txn.Runner
	last    string // the ldconfig scriptlet that ran last and succeeded; "" otherwise
	skipped int
}

func (r *ldconfigOnce) Run(ctx context.Context, root string, s txn.Script) error {
	key := ""
	if s.Kind == rpm.PostTrans && onlyLdconfig(s) {
		key = strings.Join(s.Interp, " ") + "\x00" + s.Body
	}
	if key != "" && key == r.last {
		r.skipped++
		return nil
	}
	err := r.next.Run(ctx, root, s)
	r.last = ""
	if err == nil {
		r.last = key
	}
	return err
}

// onlyLdconfig reports whether a scriptlet only runs ldconfig: `-p /sbin/ldconfig` with no
// body, or a shell body that is nothing but an ldconfig call.
func onlyLdconfig(s txn.Script) bool {
	body := strings.TrimSpace(s.Body)
	if len(s.Interp) == 1 && (s.Interp[0] == "/sbin/ldconfig" || s.Interp[0] == "/usr/sbin/ldconfig") {
		return body == ""
	}
	if len(s.Interp) > 1 || (len(s.Interp) == 1 && s.Interp[0] != "/bin/sh" && s.Interp[0] != "/usr/bin/sh") {
		return false
	}
	switch body {
	case "if [ -x /usr/sbin/ldconfig ]; then /usr/sbin/ldconfig; fi", "/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig":
		return true
	}
	return false
}
