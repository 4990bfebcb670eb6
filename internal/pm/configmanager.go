package pm

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/lazy"
	"github.com/nimbus-linux/nimbus/internal/repo"
)

// dnf config-manager (dnf-plugins-core 4.3's config_manager.py), for the install root.
// Unlike dnf, which writes the host's reposdir when the install root has none, every file
// it writes is inside the install root, through os.Root: nothing outside the root changes.

// rootRel is p (a host path) relative to the install root, or an error when p is outside it.
func (b *Base) rootRel(p string) (string, error) {
	rel, err := filepath.Rel(b.cfg.Root, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, "../") || filepath.IsAbs(rel) {
		return "", fmt.Errorf("%s is outside the install root %s: not changed", p, b.cfg.Root)
	}
	return rel, nil
}

// AddRepo is config-manager --add-repo: a URL ending in .repo is fetched (file://, a plain
// path, http(s) and ftp) and kept under its own name in the reposdir; any other URL becomes
// a repository of its own ("[id] name=created by dnf config-manager from URL baseurl=URL
// enabled=1", the id made from the URL as dnf makes it). The reposdir is the first of
// reposdir in the install root that exists, else the first one, created. It returns the
// file written.
func (b *Base) AddRepo(ctx context.Context, u, prog string) (string, error) {
	if pu, err := url.Parse(u); err != nil || pu.Scheme == "" {
		abs, err := filepath.Abs(u)
		if err != nil {
			return "", err
		}
		u = "file://" + abs
	}
	rt, err := os.OpenRoot(b.cfg.Root)
	if err != nil {
		return "", fmt.Errorf("install root: %w", err)
	}
	defer rt.Close()
	// The first reposdir that exists in the root, else the first one, created; looked up
	// through os.Root, so one that is a symlink out of the root is refused.
	dir := ""
	for _, d := range b.Main.ReposDir {
		rel := strings.TrimPrefix(filepath.Clean(d), "/")
		fi, err := rt.Stat(rel)
		if err == nil && fi.IsDir() {
			dir = rel
			break
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("reposdir %s of %s: %w (it must be a directory inside the install root)", d, b.cfg.Root, err)
		}
	}
	if dir == "" {
		if len(b.Main.ReposDir) == 0 {
			return "", fmt.Errorf("reposdir is empty: nowhere to add %s", u)
		}
		dir = strings.TrimPrefix(filepath.Clean(b.Main.ReposDir[0]), "/")
		if err := rt.MkdirAll(dir, 0o755); err != nil {
			return "", fmt.Errorf("creating %s in %s: %w", dir, b.cfg.Root, err)
		}
	}
	var name string
	var data []byte
	if strings.HasSuffix(u, ".repo") {
		name = path.Base(u)
		if data, err = b.fetchSmall(ctx, u); err != nil {
			return "", fmt.Errorf("adding repo from %s: %w", u, err)
		}
	} else {
		id := sanitizeURLToFS(u)
		name = id + ".repo"
		data = []byte(fmt.Sprintf("[%s]\nname=created by %s config-manager from %s\nbaseurl=%s\nenabled=1\n", id, prog, u, u))
	}
	dest := path.Join(dir, name)
	if err := repo.WriteFileIn(rt, dest, 0o644, data); err != nil {
		return "", err
	}
	return filepath.Join(b.cfg.Root, dest), nil
}

// fetchSmall reads a .repo file from a URL (at most 1 MiB): file:// and paths from the
// host, as dnf reads them, the rest through the repository fetcher.
func (b *Base) fetchSmall(ctx context.Context, u string) ([]byte, error) {
	pu, err := url.Parse(u)
	if err != nil {
		return nil, err
	}
	if pu.Scheme == "file" {
		return os.ReadFile(pu.Path)
	}
	tmp, err := os.MkdirTemp("", "nimbus-add-repo-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	i := strings.LastIndexByte(u, '/')
	dest := filepath.Join(tmp, "f.repo")
	if err := b.fetcher().Fetch(ctx, repo.Request{Repo: "config-manager", Mirrors: []string{u[:i+1]}, Path: u[i+1:], Dest: dest, Size: -1, MaxSize: 1 << 20}); err != nil {
		return nil, err
	}
	return os.ReadFile(dest)
}

// SetRepoOptions is config-manager --save/--set-enabled/--set-disabled for repositories:
// each repository matching one of pats (ids or globs; with none, those the per-repository
// setopts name) gets enabled=1/0 (enabled non-nil) and its --setopt=ID.KEY=VALUE options
// written into its .repo file. A pattern that matches nothing is dnf's "No matching repo to
// modify" error, before anything is written.
func (b *Base) SetRepoOptions(pats []string, enabled *bool, repoSetopts map[string]map[string]string, save bool) ([]string, error) {
	repos, err := b.ConfiguredRepos()
	if err != nil {
		return nil, err
	}
	matches := func(p, id string) bool { ok, _ := path.Match(p, id); return ok }
	var chosen []*repo.Repo
	var missing []string
	add := func(p string, take bool) {
		found := false
		for _, r := range repos {
			if matches(p, r.ID) {
				found = true
				if take && !slices.Contains(chosen, r) {
					chosen = append(chosen, r)
				}
			}
		}
		if !found {
			missing = append(missing, p)
		}
	}
	for _, p := range pats {
		add(p, true)
	}
	for p := range repoSetopts {
		add(p, len(pats) == 0)
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, fmt.Errorf("No matching repo to modify: %s.", strings.Join(missing, ", "))
	}
	sort.Slice(chosen, func(i, j int) bool { return chosen[i].ID < chosen[j].ID })
	if enabled != nil {
		save = true
	}
	rt, err := os.OpenRoot(b.cfg.Root)
	if err != nil {
		return nil, fmt.Errorf("install root: %w", err)
	}
	defer rt.Close()
	var changed []string
	for _, r := range chosen {
		values := map[string]string{}
		var keys []string
		if enabled != nil {
			values["enabled"] = map[bool]string{true: "1", false: "0"}[*enabled]
			keys = append(keys, "enabled")
		}
		var pk []string
		for p := range repoSetopts {
			if matches(p, r.ID) {
				pk = append(pk, p)
			}
		}
		sort.Strings(pk)
		for _, p := range pk {
			var ks []string
			for k := range repoSetopts[p] {
				ks = append(ks, k)
			}
			sort.Strings(ks)
			for _, k := range ks {
				if _, ok := values[k]; !ok {
					keys = append(keys, k)
				}
				values[k] = repoSetopts[p][k]
			}
		}
		if !save || len(values) == 0 {
			continue
		}
		if r.Source == "" || r.Source == "--repofrompath" {
			return changed, fmt.Errorf("repository %s comes from the command line (--repofrompath): no file to change", r.ID)
		}
		file := r.Source // "FILE:LINE"
		if i := strings.LastIndexByte(file, ':'); i > 0 && strings.Trim(file[i+1:], "0123456789") == "" {
			file = file[:i]
		}
		rel, err := b.rootRel(file)
		if err != nil {
			return changed, fmt.Errorf("repository %s: %w", r.ID, err)
		}
		if err := repo.SetOptions(rt, rel, r.ID, keys, values); err != nil {
			return changed, fmt.Errorf("repository %s: %w", r.ID, err)
		}
		changed = append(changed, r.ID)
	}
	return changed, nil
}

// SaveMainOptions is config-manager --save with [main] setopts: they are written into
// dnf.conf's [main] (the one the command read), which must be inside the install root.
func (b *Base) SaveMainOptions(setopts map[string]string) error {
	if len(setopts) == 0 {
		return nil
	}
	file := b.cfg.configPath()
	rel, err := b.rootRel(file)
	if err != nil {
		return err
	}
	rt, err := os.OpenRoot(b.cfg.Root)
	if err != nil {
		return fmt.Errorf("install root: %w", err)
	}
	defer rt.Close()
	var keys []string
	for k := range setopts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return repo.SetOptions(rt, rel, "main", keys, setopts)
}

// Variables are the substitutions dnf expands in .repo files ($arch, $basearch,
// $releasever and those of /etc/dnf/vars), for config-manager --dump-variables.
func (b *Base) Variables() (repo.Vars, error) {
	vars := repo.NewVars(b.cfg.Arch, b.releasever())
	varDir, err := b.cfg.inRoot("/etc/dnf/vars")
	if err != nil {
		return nil, err
	}
	if err := vars.LoadVarDirs(varDir); err != nil {
		return nil, err
	}
	vars["releasever"] = b.releasever()
	return vars, nil
}

// sanitizeREs are config_manager.py's RE_SCHEME, RE_SLASH, RE_BEGIN, RE_FINAL and its
// allowed characters, compiled when first used (no start-up cost for other commands).
var sanitizeREs = lazy.Value[[5]*regexp.Regexp]{New: func() [5]*regexp.Regexp {
	return [5]*regexp.Regexp{
		regexp.MustCompile(`^\w+:/*(\w+:|www\.)?`),
		regexp.MustCompile(`[?/:&#|~*\[\]()'\\]+`),
		regexp.MustCompile(`^[,.]*`),
		regexp.MustCompile(`[,.]*$`),
		regexp.MustCompile(`[^abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-]`),
	}
}}

// sanitizeURLToFS is config_manager.py's sanitize_url_to_fs: a repository id and file name
// made from a URL (scheme and separators dropped, long ones cut with a SHA-256).
func sanitizeURLToFS(u string) string {
	re := sanitizeREs.Get()
	u = re[0].ReplaceAllString(u, "")
	u = re[1].ReplaceAllString(u, "_")
	u = re[2].ReplaceAllString(u, "")
	u = re[3].ReplaceAllString(u, "")
	if len(u) > 250 {
		parts := strings.Split(u[:185], "_")
		last := 185 - len(parts[len(parts)-1])
		sum := sha256.Sum256([]byte(u[last:]))
		u = u[:last] + "_" + hex.EncodeToString(sum[:])
	}
	return re[4].ReplaceAllString(u, "")
}
