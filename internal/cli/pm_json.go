package cli

import (
	"encoding/json"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/pm"
)

// runPlanJSON is runPlan with --json: no table and no question; the transaction runs only
// with -y (without it, --json is a dry run that exits 0); then the plan is printed as one
// JSON document (pm.JSONPlan, docs/pm.md) with "executed" telling whether it ran.
func runPlanJSON(cmd *cobra.Command, e *env, f *pmFlags, plan *pm.Plan) error {
	doc := plan.JSON(cmd.Name())
	if f.assumeYes && !f.assumeNo && !plan.Empty() {
		if _, err := plan.Run(e.ctx, nil); err != nil {
			return err
		}
		doc.Executed = !f.downloadOnly
	}
	return writeJSON(e, doc)
}

func writeJSON(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// jsonPackages is the document of list/info/repoquery --json.
type jsonPackages struct {
	Version  int              `json:"version"`
	Packages []pm.JSONPackage `json:"packages"`
}

// jsonList is the document of list --json: one array per section asked for.
type jsonList struct {
	Version   int               `json:"version"`
	Installed *[]pm.JSONPackage `json:"installed,omitempty"`
	Available *[]pm.JSONPackage `json:"available,omitempty"`
	Upgrades  *[]pm.JSONPackage `json:"upgrades,omitempty"`
}

func jsonLines(ls []pm.PkgLine) *[]pm.JSONPackage {
	out := make([]pm.JSONPackage, 0, len(ls))
	for _, l := range ls {
		out = append(out, l.JSON())
	}
	return &out
}
