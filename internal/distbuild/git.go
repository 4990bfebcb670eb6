package distbuild

import (
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/tools"
)

// git runs git in dir and returns its standard output.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command(tools.Git(), args...)
	cmd.Dir = dir
	return cmd.Output()
}

// CommitTime is the committer time of HEAD of the checkout dir is in, or now outside a
// git checkout.
func CommitTime(dir string) time.Time {
	out, err := git(dir, "log", "-1", "--format=%ct")
	if err == nil {
		if n, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64); err == nil {
			return time.Unix(n, 0)
		}
	}
	return time.Now()
}

// RecipeCommitTimes maps each recipe to the committer time of the last commit that
// touched dist/recipes/NAME.yaml or dist/recipes/NAME/, from one `git log` in dist.
// Recipes git does not know (new ones) are left out and use the checkout's time.
func RecipeCommitTimes(dist string) map[string]time.Time {
	out, err := git(dist, "log", "--format=@%ct", "--name-only", "--", "recipes")
	if err != nil {
		return nil
	}
	times := map[string]time.Time{}
	var cur time.Time
	for _, l := range strings.Split(string(out), "\n") {
		if ts, ok := strings.CutPrefix(l, "@"); ok {
			if n, err := strconv.ParseInt(ts, 10, 64); err == nil {
				cur = time.Unix(n, 0).UTC()
			}
			continue
		}
		rest, ok := strings.CutPrefix(l, "dist/recipes/")
		if !ok {
			continue
		}
		name, _, _ := strings.Cut(rest, "/")
		name = strings.TrimSuffix(name, ".yaml")
		if _, seen := times[name]; !seen {
			times[name] = cur // git log lists the newest commit first
		}
	}
	return times
}
