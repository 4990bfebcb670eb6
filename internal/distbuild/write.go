package distbuild

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/pkgdesc"
	"github.com/nimbus-linux/nimbus/internal/rpm"
)

// writeRPM packs one output into dir/NEVRA.rpm atomically and returns the file name.
func writeRPM(o *Output, dir string, buildTime time.Time, opts rpm.WriteOptions) (string, *rpm.Info, error) {
	info, src, err := o.Desc.Build(o.FS, pkgdesc.Options{BuildTime: buildTime, Clamp: true})
	if err != nil {
		return "", nil, fmt.Errorf("package %s: %w", o.Desc.Name, err)
	}
	// Mark Requires(pre): pkgdesc lists them as plain requires.
	pre := map[string]bool{}
	for _, s := range o.PreRequires {
		pre[s] = true
	}
	for i, d := range info.Requires {
		if pre[d.String()] && d.Flags&dep.Interp == 0 {
			info.Requires[i].Flags |= dep.ScriptPre
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", nil, err
	}
	name := info.NEVRA() + ".rpm"
	err = fsutil.WriteFileAtomic(filepath.Join(dir, name), 0o644, func(f *os.File) error {
		return rpm.Write(f, info, src, opts)
	})
	if err != nil {
		return "", nil, fmt.Errorf("writing %s: %w", name, err)
	}
	return name, info, nil
}
