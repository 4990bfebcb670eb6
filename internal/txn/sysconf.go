package txn

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/sysusers"
	"github.com/nimbus-linux/nimbus/internal/tmpfiles"
)

// What systemd's rpm macros make packages do at install, done by the transaction with the
// same libraries nimbus-init uses at boot:
//
//   - `%sysusers_create_package NAME FILE` in %pre: systemd-sysusers creates the accounts of
//     the package's sysusers.d file before its files land, so files owned by those accounts
//     get them. createAccounts reads the package's sysusers.d files from its payload and
//     applies them after %pre, before the files are written.
//   - `%tmpfiles_create FILE` in %post: systemd-tmpfiles --create makes the directories,
//     links and files of the package's tmpfiles.d file (no "!" boot-only lines, nothing
//     removed). createTmpfiles applies the package's installed tmpfiles.d files before %post.
//
// Both only create what is missing, so a reinstall or a rerun after a crash changes
// nothing. A line that cannot be parsed or applied is a warning naming the package, file
// and line; the other lines still apply. Like the scriptlets that carry them, both are
// skipped with Options.NoScripts (rpm --noscripts).

// maxConfSize bounds a sysusers.d file read from a payload.
const maxConfSize = 1 << 20

// confFiles lists the package's regular *.conf files in dirs (root-relative directory
// names), in the order systemd reads them: by file name, then by directory order.
func confFiles(info *rpm.Info, dirs []string) []string {
	rank := map[string]int{}
	for i, d := range dirs {
		rank["/"+d] = i
	}
	var out []string
	for i := range info.Files {
		f := &info.Files[i]
		dir, base := path.Split(path.Clean(f.Path))
		if _, ok := rank[strings.TrimSuffix(dir, "/")]; !ok || !f.IsRegular() || f.IsGhost() || !strings.HasSuffix(base, ".conf") {
			continue
		}
		out = append(out, path.Clean(f.Path))
	}
	sort.SliceStable(out, func(i, j int) bool {
		if bi, bj := path.Base(out[i]), path.Base(out[j]); bi != bj {
			return bi < bj
		}
		return rank[path.Dir(out[i])] < rank[path.Dir(out[j])]
	})
	return out
}

// createAccounts applies the package's sysusers.d files (read from its payload) to the root.
func (r *runner) createAccounts(file string, info *rpm.Info) {
	if r.opts.NoScripts || info == nil {
		return
	}
	paths := confFiles(info, sysusers.Dirs)
	if len(paths) == 0 {
		return
	}
	data, err := payloadFiles(file, paths)
	if err != nil {
		r.opts.Warn(fmt.Sprintf("%s: accounts of its sysusers.d files not created: %v", info.NEVRA(), err))
		return
	}
	var entries []sysusers.Entry
	var problems []error
	for _, p := range paths {
		b, ok := data[p]
		if !ok {
			problems = append(problems, fmt.Errorf("%s: not in the payload", p))
			continue
		}
		es, errs := sysusers.Parse(p, b)
		entries, problems = append(entries, es...), append(problems, errs...)
	}
	res, err := sysusers.Apply(r.root, entries, r.opts.Now())
	if err != nil {
		problems = append(problems, err)
	}
	if res != nil {
		problems = append(problems, res.Errors...)
	}
	for _, e := range problems {
		r.opts.Warn(fmt.Sprintf("%s: sysusers: %v", info.NEVRA(), e))
	}
	r.treeChanged() // the files about to be written may be owned by the new accounts
}

// createTmpfiles applies the package's tmpfiles.d files, as they are now in the root.
func (r *runner) createTmpfiles(info *rpm.Info) {
	if r.opts.NoScripts || info == nil {
		return
	}
	paths := confFiles(info, tmpfiles.Dirs)
	if len(paths) == 0 {
		return
	}
	items, problems := tmpfiles.ReadNamed(r.root.FS(), paths, tmpfiles.DefaultSpecifiers())
	res := tmpfiles.Apply(r.root, items, tmpfiles.Options{})
	r.treeChanged()
	problems = append(problems, res.Errors...)
	for _, e := range problems {
		r.opts.Warn(fmt.Sprintf("%s: tmpfiles: %v", info.NEVRA(), e))
	}
}

// payloadFiles reads the contents of the given files (absolute paths) from a package's
// payload, stopping once it has them all.
func payloadFiles(file string, want []string) (map[string][]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	p, err := rpm.Read(f)
	if err != nil {
		return nil, err
	}
	ar, err := p.OpenPayload()
	if err != nil {
		return nil, err
	}
	defer ar.Close()
	left := map[string]bool{}
	for _, w := range want {
		left[w] = true
	}
	out := map[string][]byte{}
	for len(left) > 0 {
		h, err := ar.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("payload: %w", err)
		}
		name := path.Clean("/" + strings.TrimPrefix(h.Name, "."))
		if !left[name] || h.Size == 0 && h.Nlink > 1 {
			continue // not wanted, or a hard link whose data comes with a later name
		}
		if h.Size > maxConfSize {
			return nil, fmt.Errorf("%s: %d bytes, more than a configuration file may have", name, h.Size)
		}
		b, err := io.ReadAll(io.LimitReader(ar, h.Size))
		if err != nil {
			return nil, fmt.Errorf("payload: %s: %w", name, err)
		}
		out[name] = b
		delete(left, name)
	}
	return out, nil
}
