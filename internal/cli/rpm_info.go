//go:build !pmonly

package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
	"github.com/nimbus-linux/nimbus/internal/sign"
)

func newRPMInfoCmd(e *env) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "info [--json] FILE.rpm...",
		Short: "Show everything a package's header says (like rpm -qip plus its lists)",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			out := bufio.NewWriterSize(e.stdout, 64<<10)
			defer out.Flush()
			for _, name := range args {
				info, sig, err := readInfo(name)
				if err != nil {
					return err
				}
				if asJSON {
					if err := writeInfoJSON(out, info, sig); err != nil {
						return err
					}
					continue
				}
				writeInfoText(out, info, sig)
			}
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON object per package, one per line")
	return c
}

// sigInfo is what the signature header says about who signed the package.
type sigInfo struct {
	Algorithm string `json:"algorithm"`
	KeyID     string `json:"keyid"`
}

func readInfo(name string) (*rpm.Info, *sigInfo, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	p, err := rpm.ReadHeaders(f)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	info, err := rpm.FromHeader(p.Header)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	var si *sigInfo
	for _, st := range []struct {
		t    tag.Tag
		algo string
	}{{tag.SigRSA, "RSA/SHA256"}, {tag.SigDSA, "DSA/EdDSA"}} {
		if b := p.Signature.Bin(st.t); b != nil {
			id, err := sign.ParseSignatureKeyID(b)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: signature: %w", name, err)
			}
			si = &sigInfo{Algorithm: st.algo, KeyID: fmt.Sprintf("%016x", id)}
		}
	}
	return info, si, nil
}

// depJSON is a dependency as JSON: the header triple plus its printed form.
type depJSON struct {
	Name    string `json:"name"`
	Flags   uint32 `json:"flags"`
	Version string `json:"version"`
	Text    string `json:"text"`
}

func depsJSON(ds []dep.Dep) []depJSON {
	out := make([]depJSON, len(ds))
	for i, d := range ds {
		out[i] = depJSON{d.Name, uint32(d.Flags), d.Version, d.String()}
	}
	return out
}

func writeInfoJSON(w io.Writer, info *rpm.Info, si *sigInfo) error {
	type fileJSON struct {
		rpm.File
		FlagNames string `json:"flagnames,omitempty"`
	}
	files := make([]fileJSON, len(info.Files))
	for i, f := range info.Files {
		files[i] = fileJSON{f, f.Flags.String()}
	}
	obj := struct {
		*rpm.Info
		NEVRA       string     `json:"nevra"`
		Requires    []depJSON  `json:"requires"`
		Provides    []depJSON  `json:"provides"`
		Conflicts   []depJSON  `json:"conflicts"`
		Obsoletes   []depJSON  `json:"obsoletes"`
		Recommends  []depJSON  `json:"recommends"`
		Suggests    []depJSON  `json:"suggests"`
		Supplements []depJSON  `json:"supplements"`
		Enhances    []depJSON  `json:"enhances"`
		Files       []fileJSON `json:"files"`
		Signature   *sigInfo   `json:"signature"`
	}{
		Info: info, NEVRA: info.NEVRA(),
		Requires: depsJSON(info.Requires), Provides: depsJSON(info.Provides),
		Conflicts: depsJSON(info.Conflicts), Obsoletes: depsJSON(info.Obsoletes),
		Recommends: depsJSON(info.Recommends), Suggests: depsJSON(info.Suggests),
		Supplements: depsJSON(info.Supplements), Enhances: depsJSON(info.Enhances),
		Files: files, Signature: si,
	}
	// One object per line (JSON Lines), so several packages stream to jq or a script.
	return json.NewEncoder(w).Encode(obj)
}

func writeInfoText(w io.Writer, info *rpm.Info, si *sigInfo) {
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', 0)
	epoch := "(none)"
	if info.Epoch != nil {
		epoch = fmt.Sprint(*info.Epoch)
	}
	sig := "(none)"
	if si != nil {
		sig = si.Algorithm + ", Key ID " + si.KeyID
	}
	rows := [][2]string{
		{"Name", info.Name}, {"Epoch", epoch}, {"Version", info.Version}, {"Release", info.Release},
		{"Architecture", info.Arch}, {"Size", fmt.Sprint(info.Size)}, {"License", info.License},
		{"Signature", sig}, {"Source RPM", info.SourceRPM},
		{"Build Date", time.Unix(int64(info.BuildTime), 0).UTC().Format(time.RFC1123)},
		{"Build Host", info.BuildHost}, {"Vendor", info.Vendor}, {"Packager", info.Packager},
		{"URL", info.URL}, {"Group", info.Group}, {"Payload", info.PayloadCompressor + " " + info.PayloadFlags},
		{"Summary", info.Summary},
	}
	for _, r := range rows {
		if r[1] == "" {
			r[1] = "(none)"
		}
		fmt.Fprintf(tw, "%s\t: %s\n", r[0], r[1])
	}
	tw.Flush()
	fmt.Fprintf(w, "Description :\n%s\n", info.Desc)
	for _, k := range []dep.Kind{dep.Requires, dep.Provides, dep.Conflicts, dep.Obsoletes, dep.Recommends, dep.Suggests, dep.Supplements, dep.Enhances} {
		ds := *info.Deps(k)
		if len(ds) == 0 {
			continue
		}
		fmt.Fprintf(w, "%s:\n", k)
		for _, d := range ds {
			fmt.Fprintf(w, "  %s\n", d)
		}
	}
	for _, s := range info.Scripts {
		fmt.Fprintf(w, "%s scriptlet (using %s):\n%s\n", s.Kind, strings.Join(s.Interp, " "), indent(s.Body))
	}
	if len(info.Files) > 0 {
		fmt.Fprintf(w, "Files:\n")
		tw = tabwriter.NewWriter(w, 0, 0, 1, ' ', 0)
		for _, f := range info.Files {
			name := f.Path
			if f.LinkTo != "" {
				name += " -> " + f.LinkTo
			}
			if fl := f.Flags.String(); fl != "" {
				name += " [" + fl + "]"
			}
			if f.Caps != "" {
				name += " (" + f.Caps + ")"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%d\t%s\n", modeString(f.Mode), f.User, f.Group, f.Size, name)
		}
		tw.Flush()
	}
	for _, c := range info.Changelog {
		fmt.Fprintf(w, "* %s %s\n%s\n", time.Unix(int64(c.Time), 0).UTC().Format("Mon Jan 02 2006"), c.Name, c.Text)
	}
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(s, "\n", "\n  ")
}

// modeString renders st_mode like ls -l.
func modeString(m uint32) string {
	t := "-"
	switch m & rpm.ModeType {
	case rpm.ModeDir:
		t = "d"
	case rpm.ModeSymlink:
		t = "l"
	case rpm.ModeChar:
		t = "c"
	case rpm.ModeBlock:
		t = "b"
	case rpm.ModeFIFO:
		t = "p"
	case rpm.ModeSocket:
		t = "s"
	}
	const rwx = "rwxrwxrwx"
	b := []byte(t)
	for i := 0; i < 9; i++ {
		if m&(1<<uint(8-i)) != 0 {
			b = append(b, rwx[i])
		} else {
			b = append(b, '-')
		}
	}
	if m&0o4000 != 0 {
		b[3] = map[bool]byte{true: 's', false: 'S'}[b[3] == 'x']
	}
	if m&0o2000 != 0 {
		b[6] = map[bool]byte{true: 's', false: 'S'}[b[6] == 'x']
	}
	if m&0o1000 != 0 {
		b[9] = map[bool]byte{true: 't', false: 'T'}[b[9] == 'x']
	}
	return string(b)
}
