//go:build !pmonly

package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/repo"
)

// queryJSON is one package of `nimbus repo query --json`.
type queryJSON struct {
	Name     string `json:"name"`
	Epoch    string `json:"epoch"`
	Version  string `json:"version"`
	Release  string `json:"release"`
	Arch     string `json:"arch"`
	NEVRA    string `json:"nevra"`
	Location string `json:"location"`
	Checksum struct {
		Type  string `json:"type"`
		Value string `json:"value"`
	} `json:"checksum"`
	Size int64 `json:"size"`
}

func newRepoQueryCmd(e *env) *cobra.Command {
	var asJSON, refresh bool
	var spec, arch, cacheDir string
	c := &cobra.Command{
		Use:   "query [--json] --repo PATH_OR_URL [--arch A] [PATTERN...]",
		Short: "List the packages of a repository, like dnf repoquery --available",
		RunE: func(cmd *cobra.Command, args []string) error {
			if spec == "" {
				return fmt.Errorf("--repo PATH_OR_URL is required")
			}
			r, err := repo.FromPath("query," + spec)
			if err != nil {
				return err
			}
			if cacheDir == "" {
				tmp, err := os.MkdirTemp("", "nimbus-query-")
				if err != nil {
					return err
				}
				defer os.RemoveAll(tmp)
				cacheDir = tmp
			}
			f := repo.NewFetcher(repo.DefaultMain())
			if isTerminal(e.stderr) {
				f.Progress = repo.NewProgress(e.stderr, "metadata", -1)
				defer f.Progress.Done()
			}
			opts := repo.Options{CacheDir: cacheDir, Refresh: refresh, Fetcher: f}
			x, _, err := repo.Load(e.ctx, r, opts)
			var re *repo.RefreshError
			if errors.As(err, &re) {
				fmt.Fprintln(e.stderr, "warning:", err)
			} else if err != nil {
				return err
			}
			hits := repo.Query(x, arch, args)
			if !asJSON {
				var b strings.Builder
				for _, i := range hits {
					b.WriteString(repo.FullNEVRA(x, i))
					b.WriteByte('\n')
				}
				_, err := fmt.Fprint(e.stdout, b.String())
				return err
			}
			out := make([]queryJSON, 0, len(hits))
			for _, i := range hits {
				p := x.Package(i)
				q := queryJSON{Name: p.Name, Epoch: p.Epoch, Version: p.Version, Release: p.Release, Arch: p.Arch,
					NEVRA: repo.FullNEVRA(x, i), Location: p.Location, Size: p.Size}
				q.Checksum.Type, q.Checksum.Value = p.ChecksumType, p.Checksum
				out = append(out, q)
			}
			enc := json.NewEncoder(e.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(out)
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON objects with location and checksum")
	c.Flags().StringVar(&spec, "repo", "", "repository directory or URL (file://, http://, https://)")
	c.Flags().StringVar(&arch, "arch", "", "only packages of this architecture")
	c.Flags().StringVar(&cacheDir, "cachedir", "", "keep the downloaded metadata and binary index here (default: a temporary directory)")
	c.Flags().BoolVar(&refresh, "refresh", false, "download the metadata even if the cache is current")
	return c
}
