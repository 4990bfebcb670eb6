package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/nimbus-linux/nimbus/internal/pm"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
	"github.com/nimbus-linux/nimbus/internal/rpmdb"
)

// dnfVersion is the dnf release whose commands, options and output Nimbus follows. `dnf
// --version` prints it on its first line, where tools that choose features by dnf's major
// version (Puppet's dnf provider, shell scripts) read it.
const dnfVersion = pm.DNFVersion

// historyRecordPackages is dnf's default history_record_packages: the packages whose
// installed versions `dnf --version` lists.
var historyRecordPackages = []string{"dnf", "rpm"}

// printVersion prints what `dnf --version` prints: dnf's version, then for each of the
// history_record_packages installed under root its version and install time and its
// packager and build time (dnf's print_versions; times as C's %c in UTC). dnf answers
// before it applies the other options, so it reads the running system's database whatever
// --installroot says; so does Nimbus (root is "/").
func printVersion(ctx context.Context, w io.Writer, root string) error {
	fmt.Fprintln(w, dnfVersion)
	db, err := rpmdb.Open(root, "", rpmdb.Options{})
	if err != nil {
		return nil // no database: dnf prints the version alone
	}
	defer db.Close()
	ctime := func(t int64) string { return time.Unix(t, 0).UTC().Format("Mon Jan _2 15:04:05 2006") }
	first := true
	for _, name := range historyRecordPackages {
		pkgs, err := db.Lookup(ctx, "Name", name)
		if err != nil {
			return err
		}
		for _, p := range pkgs {
			info, err := p.Info()
			if err != nil {
				return err
			}
			if !first {
				fmt.Fprintln(w)
			}
			first = false
			installed, _ := p.Header.Int(tag.Installtime)
			// dnf 4.14 means to leave out a zero epoch, but compares hawkey's integer epoch
			// with the string '0': it always prints one.
			epoch := uint32(0)
			if info.Epoch != nil {
				epoch = *info.Epoch
			}
			evr := fmt.Sprintf("%d:%s-%s", epoch, info.Version, info.Release)
			fmt.Fprintf(w, "  Installed: %s-%s.%s at %s\n", info.Name, evr, info.Arch, ctime(installed))
			fmt.Fprintf(w, "  Built    : %s at %s\n", info.Packager, ctime(int64(info.BuildTime)))
		}
	}
	return nil
}
