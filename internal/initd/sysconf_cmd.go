//go:build linux

package initd

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/sysusers"
	"github.com/nimbus-linux/nimbus/internal/tmpfiles"
	"github.com/nimbus-linux/nimbus/internal/units"
)

// Exit codes of systemd-tmpfiles and systemd-sysusers (sysexits.h).
const (
	exitDataErr   = 65 // a configuration line could not be used
	exitCantCreat = 73 // something could not be created
)

// sysconfArgs are the options systemd-tmpfiles and systemd-sysusers share in packages'
// scriptlets (Fedora's %sysusers_create_package and %tmpfiles_create_package macros,
// Debian's dh_installtmpfiles and dh_installsysusers snippets).
type sysconfArgs struct {
	root                    string
	create, remove, boot    bool
	replace                 string
	prefixes, excludePrefix []string
	files                   []string
	stdin                   bool
}

func parseSysconfArgs(cmd string, args []string, tmpfilesOpts bool) (*sysconfArgs, error) {
	a := &sysconfArgs{root: "/"}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		name, val, hasVal := strings.Cut(arg, "=")
		next := func() (string, error) {
			if hasVal {
				return val, nil
			}
			if i+1 >= len(args) {
				return "", fmt.Errorf("%s: %s needs a value", cmd, name)
			}
			i++
			return args[i], nil
		}
		var err error
		switch {
		case name == "--root":
			a.root, err = next()
		case name == "--replace":
			a.replace, err = next()
		case tmpfilesOpts && name == "--create":
			a.create = true
		case tmpfilesOpts && name == "--remove":
			a.remove = true
		case tmpfilesOpts && name == "--boot":
			a.boot = true
		case tmpfilesOpts && name == "--prefix":
			var p string
			p, err = next()
			a.prefixes = append(a.prefixes, p)
		case tmpfilesOpts && name == "--exclude-prefix":
			var p string
			p, err = next()
			a.excludePrefix = append(a.excludePrefix, p)
		case tmpfilesOpts && arg == "-E":
			a.excludePrefix = append(a.excludePrefix, "/dev", "/proc", "/run", "/sys")
		case tmpfilesOpts && (arg == "--graceful" || arg == "--no-pager"):
		case arg == "-":
			a.stdin = true
		case strings.HasPrefix(arg, "-"):
			return nil, fmt.Errorf("%s: unsupported option %s", cmd, arg)
		default:
			a.files = append(a.files, arg)
		}
		if err != nil {
			return nil, err
		}
	}
	return a, nil
}

// report prints errors to stderr and picks the exit status.
func report(cmd string, stderr io.Writer, parseErrs, applyErrs []error) error {
	for _, e := range append(parseErrs, applyErrs...) {
		fmt.Fprintf(stderr, "%s: %v\n", cmd, e)
	}
	switch {
	case len(applyErrs) > 0:
		return &units.ExitError{Code: exitCantCreat, Silent: true}
	case len(parseErrs) > 0:
		return &units.ExitError{Code: exitDataErr, Silent: true}
	}
	return nil
}

// tmpfilesCmd is `systemd-tmpfiles [--create] [--remove] [--boot] [--root=DIR]
// [--prefix=P] [--exclude-prefix=P] [-E] [--replace=PATH] [CONFIG...|-]`, so that the
// scriptlets packages carry for systemd work on Nimbus (internal/tmpfiles does the work).
func tmpfilesCmd(args []string, stdin io.Reader, stderr io.Writer) error {
	const cmd = "systemd-tmpfiles"
	a, err := parseSysconfArgs(cmd, args, true)
	if err != nil {
		return &units.ExitError{Code: 1, Err: err}
	}
	if !a.create && !a.remove {
		return &units.ExitError{Code: 1, Err: fmt.Errorf("%s: give --create and/or --remove (--clean is not supported)", cmd)}
	}
	fsys := os.DirFS(a.root)
	spec := hostSpecifiers(a.root)
	var items []tmpfiles.Item
	var perrs []error
	switch {
	case a.stdin:
		b, err := io.ReadAll(stdin)
		if err != nil {
			return err
		}
		name := a.replace
		if name == "" {
			name = "<stdin>"
		}
		if a.replace != "" { // the package's file as it will be: the others' lines plus stdin's
			all, errs := tmpfiles.Read(fsys, nil, spec)
			perrs = append(perrs, errs...)
			for _, it := range all {
				if it.File != a.replace {
					items = append(items, it)
				}
			}
		}
		more, errs := tmpfiles.Parse(name, b, spec)
		items, perrs = append(items, more...), append(perrs, errs...)
	case len(a.files) > 0:
		items, perrs = tmpfiles.ReadNamed(fsys, a.files, spec)
	default:
		items, perrs = tmpfiles.Read(fsys, nil, spec)
	}
	var kept []tmpfiles.Item
	for _, it := range items {
		if prefixed(it.Path, a.prefixes, true) && !prefixed(it.Path, a.excludePrefix, false) {
			kept = append(kept, it)
		}
	}
	root, err := os.OpenRoot(a.root)
	if err != nil {
		return err
	}
	defer root.Close()
	res := tmpfiles.Apply(root, kept, tmpfiles.Options{Boot: a.boot, Remove: a.remove})
	return report(cmd, stderr, perrs, res.Errors)
}

// prefixed reports whether p is under one of prefixes (empty: whether none were given is
// the answer, emptyMeans).
func prefixed(p string, prefixes []string, emptyMeans bool) bool {
	if len(prefixes) == 0 {
		return emptyMeans
	}
	for _, x := range prefixes {
		x = strings.TrimSuffix(x, "/")
		if p == x || strings.HasPrefix(p, x+"/") {
			return true
		}
	}
	return false
}

// sysusersCmd is `systemd-sysusers [--root=DIR] [--replace=PATH] [CONFIG...|-]`
// (internal/sysusers does the work).
func sysusersCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	const cmd = "systemd-sysusers"
	a, err := parseSysconfArgs(cmd, args, false)
	if err != nil {
		return &units.ExitError{Code: 1, Err: err}
	}
	fsys := os.DirFS(a.root)
	var entries []sysusers.Entry
	var perrs []error
	switch {
	case a.stdin:
		b, err := io.ReadAll(stdin)
		if err != nil {
			return err
		}
		name := a.replace
		if name == "" {
			name = "<stdin>"
		}
		if a.replace != "" {
			all, errs := sysusers.Read(fsys)
			perrs = append(perrs, errs...)
			for _, e := range all {
				if e.File != a.replace {
					entries = append(entries, e)
				}
			}
		}
		more, errs := sysusers.Parse(name, b)
		entries, perrs = append(entries, more...), append(perrs, errs...)
	case len(a.files) > 0:
		entries, perrs = sysusers.ReadNamed(fsys, a.files)
	default:
		entries, perrs = sysusers.Read(fsys)
	}
	root, err := os.OpenRoot(a.root)
	if err != nil {
		return err
	}
	defer root.Close()
	res, err := sysusers.Apply(root, entries, time.Now())
	if err != nil {
		return err
	}
	for _, c := range res.Created {
		fmt.Fprintf(stdout, "Created %s.\n", c)
	}
	return report(cmd, stderr, perrs, res.Errors)
}

// hostSpecifiers are tmpfiles.d's specifiers for the system at root.
func hostSpecifiers(root string) tmpfiles.Specifiers {
	spec := tmpfiles.DefaultSpecifiers()
	h := units.ReadHost(os.DirFS(root), runtime.GOARCH)
	for k, v := range map[byte]string{'m': h.MachineID, 'b': h.BootID, 'H': h.Hostname, 'v': h.KernelRelease, 'a': h.Arch,
		'o': h.OSRelease["ID"], 'w': h.OSRelease["VERSION_ID"], 'B': h.OSRelease["BUILD_ID"], 'W': h.OSRelease["VARIANT_ID"]} {
		spec[k] = v
	}
	spec['l'], _, _ = strings.Cut(h.Hostname, ".")
	return spec
}
