package publish

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/release"
	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/s3store"
)

// CheckStore lists the store and follows every reference from the signed index down:
// each listed release's ARCH/repodata/repomd.xml (and its signature), every metadata
// file repomd.xml names (present, of the size it says), and every package location in
// primary. It returns what is missing (nil: the index points only at objects that
// exist) and the number of references checked.
func CheckStore(ctx context.Context, st *s3store.Store) (missing []string, checked int, err error) {
	x, err := LoadIndexS3(ctx, st)
	if err != nil {
		return nil, 0, err
	}
	return checkWithIndex(ctx, st, x)
}

// checkWithIndex is CheckStore with the index given (one not yet published there).
func checkWithIndex(ctx context.Context, st *s3store.Store, x *release.Index) (missing []string, checked int, err error) {
	objs, err := st.List(ctx, "")
	if err != nil {
		return nil, 0, err
	}
	size := map[string]int64{}
	for _, o := range objs {
		size[o.Key] = o.Size
	}
	need := func(key string, sz int64) bool {
		checked++
		got, ok := size[key]
		if !ok || (sz >= 0 && got != sz) {
			missing = append(missing, key)
			return false
		}
		return true
	}
	for _, r := range x.Releases {
		for _, arch := range r.Arches {
			base := r.Version + "/" + arch + "/"
			if !need(base+"repodata/repomd.xml", -1) || !need(base+"repodata/repomd.xml.asc", -1) {
				continue
			}
			data, err := st.Get(ctx, base+"repodata/repomd.xml")
			if err != nil {
				return nil, checked, err
			}
			md, err := repomd.ParseRepomd(bytes.NewReader(data))
			if err != nil {
				return nil, checked, fmt.Errorf("%s: %w", st.Where(base+"repodata/repomd.xml"), err)
			}
			for _, d := range md.Data {
				if err := repomd.CheckLocation(d.Location); err != nil {
					return nil, checked, fmt.Errorf("%s: %w", st.Where(base+"repodata/repomd.xml"), err)
				}
				if !need(base+d.Location, d.Size) || d.Type != "primary" {
					continue
				}
				raw, err := st.Get(ctx, base+d.Location)
				if err != nil {
					return nil, checked, err
				}
				rc, _, err := repomd.Decompress(bytes.NewReader(raw), 1<<30)
				if err != nil {
					return nil, checked, fmt.Errorf("%s: %w", st.Where(base+d.Location), err)
				}
				err = repomd.ReadPrimary(rc, func(p *repomd.Package) error {
					need(base+p.Location, p.SizePackage)
					return nil
				})
				rc.Close()
				if err != nil {
					return nil, checked, fmt.Errorf("%s: %w", st.Where(base+d.Location), err)
				}
			}
		}
	}
	sort.Strings(missing)
	return missing, checked, nil
}

// MissingError formats CheckStore's findings.
func MissingError(st *s3store.Store, missing []string) error {
	if len(missing) == 0 {
		return nil
	}
	return fmt.Errorf("%s: the release index refers to %d missing objects: %s", st.URL, len(missing), strings.Join(missing, ", "))
}
