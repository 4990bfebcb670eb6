package pm

import (
	"context"
	"os"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/solver"
)

// LastMakecache is the file in the cache directory whose modification time records the
// last `makecache --timer` run (dnf's persistor: CACHEDIR/last_makecache).
const LastMakecache = "last_makecache"

// MakecacheOptions are makecache's own options.
type MakecacheOptions struct {
	// Timer is --timer (dnf-makecache.timer's run): skipped when metadata_timer_sync is 0
	// or less, on battery power, or when the last timer run is more recent than
	// metadata_timer_sync; a repository whose metadata expires within that period is
	// refreshed now; the run's time is recorded.
	Timer bool
	// PowerSupplyDir is where AC power is read (/sys/class/power_supply; tests).
	PowerSupplyDir string
}

// MakecacheResult says whether the cache was made, and if not why (dnf's words).
type MakecacheResult struct {
	Created bool
	Skipped string
}

// Makecache downloads and indexes the metadata of the enabled repositories, as dnf
// makecache does (metadata not yet expired is kept; Config.Refresh forces a download).
// Unlike Open it reads no rpmdb and builds no solver pool, and no index is loaded: each
// repository's index is streamed to the cache as its primary is parsed (holding only the
// string pool, repo.Prepare), so the peak memory is that of indexing one repository's
// primary.
func Makecache(ctx context.Context, cfg Config, mo MakecacheOptions) (MakecacheResult, error) {
	cfg.defaults()
	b := &Base{cfg: cfg, Installed: map[solver.ID]*InstalledPkg{}}
	if err := b.loadConfig(); err != nil {
		return MakecacheResult{}, err
	}
	period := b.Main.MetadataTimerSync
	if mo.Timer {
		if skip := b.timerSkip(period, mo.PowerSupplyDir); skip != "" {
			return MakecacheResult{Skipped: skip}, nil
		}
	}
	repos, err := b.ConfiguredRepos()
	if err != nil {
		return MakecacheResult{}, err
	}
	opts := b.repoOptions()
	var ignored []string
	defer func() { b.logIgnored(ignored) }()
	enabled := 0
	for _, r := range repos {
		if !r.Enabled {
			continue
		}
		enabled++
		if mo.Timer && r.MetadataExpire >= 0 {
			// dnf expires a repository whose metadata would expire within the period
			r.MetadataExpire = max(r.MetadataExpire-period, 0)
		}
		if _, _, err := b.loadRepo(ctx, r, opts, false); err != nil {
			if r.SkipIfUnavailable {
				b.Log("Error: %v", err)
				ignored = append(ignored, r.ID)
				continue
			}
			return MakecacheResult{}, err
		}
	}
	if enabled == 0 {
		return MakecacheResult{Skipped: `There are no enabled repositories in "` + strings.Join(b.Main.ReposDir, `", "`) + `".`}, nil
	}
	if mo.Timer {
		b.touchLastMakecache()
	}
	return MakecacheResult{Created: true}, nil
}

// timerSkip is why a timer run does nothing now ("" when it runs), as dnf's update_cache.
func (b *Base) timerSkip(period time.Duration, psDir string) string {
	if onBattery(psDir) {
		return "Metadata timer caching disabled when running on a battery."
	}
	if period <= 0 {
		return "Metadata timer caching disabled."
	}
	fi, err := os.Stat(b.Main.CacheDir + "/" + LastMakecache)
	if err != nil {
		b.Log("Failed determining last makecache time.")
		return ""
	}
	if age := b.cfg.Now().Sub(fi.ModTime()); age < period {
		return "Metadata cache refreshed recently."
	}
	return ""
}

// touchLastMakecache records a timer run (through os.Root on the cache directory).
func (b *Base) touchLastMakecache() {
	rt, err := os.OpenRoot(b.Main.CacheDir)
	if err != nil {
		b.Log("Failed storing last makecache time.")
		return
	}
	defer rt.Close()
	f, err := rt.OpenFile(LastMakecache, os.O_WRONLY|os.O_CREATE, 0o644)
	if err == nil {
		f.Close()
		now := b.cfg.Now()
		err = rt.Chtimes(LastMakecache, now, now)
	}
	if err != nil {
		b.Log("Failed storing last makecache time.")
	}
}

// onBattery is dnf's on_ac_power() == False: the first power supply named AC* says it is
// offline. No such supply (a cloud instance) is not a battery.
func onBattery(dir string) bool {
	if dir == "" {
		dir = "/sys/class/power_supply"
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), "AC") {
			data, err := os.ReadFile(dir + "/" + e.Name() + "/online")
			return err == nil && strings.TrimSpace(string(data)) == "0"
		}
	}
	return false
}
