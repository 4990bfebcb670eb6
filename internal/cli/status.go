//go:build !pmonly

package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/fleet"
	"github.com/nimbus-linux/nimbus/internal/pm"
	"github.com/nimbus-linux/nimbus/internal/s3store"
)

// newStatusCmd is `nimbus status`: the instance's own compliance report.
func newStatusCmd(e *env) *cobra.Command {
	var upload string
	var s3f s3Flags
	c := &cobra.Command{
		Use:   "status [--json] [--upload s3://BUCKET/PREFIX/]",
		Short: "Show this system's patch state: release, pending advisories by severity, last security update, reboot, last automatic run",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			root := e.pm.installRoot
			if root == "" {
				root = "/"
			}
			cfg, err := e.pm.pmConfig(e, e.cmdline)
			if err != nil {
				return err
			}
			pol, err := pm.ReadAutomaticPolicy(root, "")
			if err != nil {
				return err
			}
			o := pm.StatusOptions{Now: time.Now()}
			o.InstanceID, _ = pm.InstanceID(e.ctx, pol, root, e.getenv)
			o.Hostname, _ = os.Hostname()
			if root != "/" {
				o.Hostname = ""
			}
			if newer, cur, err := pm.NewerReleases(e.ctx, cfg); err == nil {
				o.Release = cur
				for i := len(newer) - 1; i >= 0; i-- {
					if !newer[i].IsRecalled() {
						o.AdvisoriesFrom = newer[i].Version
						break
					}
				}
			} else {
				o.Release = pm.InstalledReleasever(e.ctx, root)
			}
			if o.AdvisoriesFrom == "" && o.Release != "" && e.pm.releasever == "" {
				o.AdvisoriesFrom = o.Release
			}
			if st, err := pm.ReadAutomaticStatus(root); err == nil {
				o.LastAutomatic = &fleet.AutomaticRun{Time: st.Time, OK: st.OK, Error: st.Error, FromRelease: st.FromRelease, Health: st.Health, RolledBack: st.RolledBack}
				o.RebootNeeded = st.RebootNeeded
			}
			if root == "/" {
				if boot, err := pm.BootTime(e.getenv); err == nil {
					if names, err := pm.NeedsReboot(e.ctx, cfg, boot); err == nil {
						need := len(names) > 0
						o.RebootNeeded = &need
					}
				}
			}
			r, err := pm.BuildReport(e.ctx, cfg, o)
			if err != nil {
				return dnfError(err)
			}
			if upload != "" {
				st, err := s3f.open(e, upload)
				if err != nil {
					return err
				}
				id := r.InstanceID
				if id == "" {
					id = r.Hostname
				}
				if id == "" || strings.ContainsAny(id, "/\\") {
					return fmt.Errorf("--upload: this system has no instance id to name its report by (set instance_id in [fleet] of %s)", pm.AutomaticConf)
				}
				data, _ := json.MarshalIndent(r, "", "  ")
				if err := st.Put(e.ctx, id+".json", append(data, '\n'), "application/json"); err != nil {
					return err
				}
			}
			if e.pm.asJSON {
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(r)
			}
			return r.WriteTable(e.stdout)
		},
	}
	c.Flags().BoolVar(&e.pm.asJSON, "json", false, "print the report as JSON (what `nimbus fleet report` merges)")
	c.Flags().StringVar(&upload, "upload", "", "also put the report (JSON) at s3://BUCKET/PREFIX/INSTANCE_ID.json")
	s3f.register(c.Flags())
	return c
}

// newFleetCmd is `nimbus fleet report`: many instances' status reports in one view.
func newFleetCmd(e *env) *cobra.Command {
	c := &cobra.Command{Use: "fleet", Short: "Views over many instances' status reports"}
	var asJSON bool
	var s3f s3Flags
	report := &cobra.Command{
		Use:   "report FILE...|DIR|s3://BUCKET/PREFIX/",
		Short: "Merge status reports (files, directories of *.json, or a bucket prefix) into one table or JSON",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var reports []*fleet.Report
			add := func(name string, data []byte) error {
				r, err := fleet.ParseReport(name, data)
				if err != nil {
					return err
				}
				reports = append(reports, r)
				return nil
			}
			for _, a := range args {
				if s3store.IsS3(a) {
					st, err := s3f.open(e, a)
					if err != nil {
						return err
					}
					objs, err := st.List(e.ctx, "")
					if err != nil {
						return err
					}
					for _, o := range objs {
						if !strings.HasSuffix(o.Key, ".json") {
							continue
						}
						data, err := st.Get(e.ctx, o.Key)
						if err != nil {
							return err
						}
						if err := add(st.Where(o.Key), data); err != nil {
							return err
						}
					}
					continue
				}
				files := []string{a}
				if fi, err := os.Stat(a); err == nil && fi.IsDir() {
					files, _ = filepath.Glob(filepath.Join(a, "*.json"))
				}
				for _, f := range files {
					data, err := os.ReadFile(f)
					if err != nil {
						return fmt.Errorf("fleet report: %w", err)
					}
					if err := add(f, data); err != nil {
						return err
					}
				}
			}
			if len(reports) == 0 {
				return fmt.Errorf("fleet report: no reports in %s", strings.Join(args, " "))
			}
			s := fleet.Merge(reports)
			if asJSON {
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(s)
			}
			return s.WriteTable(e.stdout)
		},
	}
	report.Flags().BoolVar(&asJSON, "json", false, "print the merged view as JSON")
	s3f.register(report.Flags())
	c.AddCommand(report)
	return c
}
