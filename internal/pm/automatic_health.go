package pm

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/imds"
	"github.com/nimbus-linux/nimbus/internal/release"
	"github.com/nimbus-linux/nimbus/internal/units"
)

// automaticSeed is the instance's rollout seed: from automatic.conf's instance_id, else
// the instance id IMDS gives (on the running system only), else UnknownSeed (the last
// wave).
func automaticSeed(ctx context.Context, o AutomaticOptions, root string) int {
	id, err := InstanceID(ctx, o.Policy, root, o.Getenv)
	if err != nil {
		o.Logf("no instance id (%v): this instance takes releases in their last rollout wave", err)
	}
	if id == "" {
		return release.UnknownSeed
	}
	return release.Seed(id)
}

// InstanceID is automatic.conf's instance_id, else (on the running system) IMDS's (at
// NIMBUS_IMDS_ENDPOINT when getenv has it).
func InstanceID(ctx context.Context, pol release.Automatic, root string, getenv func(string) string) (string, error) {
	if pol.InstanceID != "" {
		return pol.InstanceID, nil
	}
	if root != "/" {
		return "", errors.New("set instance_id in [fleet] of " + AutomaticConf + " for an install root")
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	c := &imds.Client{Endpoint: getenv("NIMBUS_IMDS_ENDPOINT"), Attempts: 2}
	got, err := c.GetString(ctx, "meta-data/instance-id")
	if err != nil {
		return "", fmt.Errorf("IMDS: %w", err)
	}
	return strings.TrimSpace(got), nil
}

// automaticHealth checks the system after an automatic update: the units that were
// active before are active again (on the running system, through nimbus-init's control
// socket) and the optional health_command exits 0 (run in the root's directory with
// NIMBUS_ROOT set; on an install root it checks the root, not the host).
func automaticHealth(ctx context.Context, pol release.Automatic, root string, activeBefore []string, logf func(string, ...any)) error {
	if pol.CheckUnits && root == "/" && len(activeBefore) > 0 {
		if err := unitsActiveAgain(ctx, activeBefore); err != nil {
			return err
		}
	} else if pol.CheckUnits {
		logf("unit check skipped: no service manager running for this root")
	}
	if pol.HealthCommand == "" {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "/bin/sh", "-c", pol.HealthCommand)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "NIMBUS_ROOT="+root)
	out, err := cmd.CombinedOutput()
	if err != nil {
		msg := strings.TrimSpace(string(out))
		if len(msg) > 500 {
			msg = msg[len(msg)-500:]
		}
		return fmt.Errorf("health_command %q: %v: %s", pol.HealthCommand, err, msg)
	}
	return nil
}

// activeUnits lists the units active now (nil when there is no service manager here).
func activeUnits(ctx context.Context, root string) []string {
	if root != "/" {
		return nil
	}
	if _, err := os.Stat(units.DefaultControlSocket); err != nil {
		return nil
	}
	resp, err := units.Call(ctx, units.DefaultControlSocket, units.Request{Verb: "list-units"})
	if err != nil {
		return nil
	}
	var out []string
	for _, u := range resp.Units {
		if u.State == units.Active {
			out = append(out, u.Name)
		}
	}
	return out
}

// unitsActiveAgain waits up to a minute for the units active before the update to be
// active again.
func unitsActiveAgain(ctx context.Context, before []string) error {
	deadline := time.Now().Add(time.Minute)
	for {
		now := map[string]bool{}
		for _, u := range activeUnits(ctx, "/") {
			now[u] = true
		}
		var down []string
		for _, u := range before {
			if !now[u] {
				down = append(down, u)
			}
		}
		if len(down) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			sort.Strings(down)
			return errors.New("units active before the update are not active after it: " + strings.Join(down, ", "))
		}
		time.Sleep(2 * time.Second)
	}
}
