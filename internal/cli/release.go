//go:build !pmonly

package cli

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/pm"
	"github.com/nimbus-linux/nimbus/internal/release"
	"github.com/nimbus-linux/nimbus/internal/release/publish"
	"github.com/nimbus-linux/nimbus/internal/sign"
	"github.com/nimbus-linux/nimbus/internal/sourcedate"
)

// newReleaseCmd is `nimbus release`: publishing releases and managing the index's keys.
func newReleaseCmd(e *env) *cobra.Command {
	c := &cobra.Command{Use: "release", Short: "Publish immutable releases and manage the signed release index"}
	c.AddCommand(newReleasePublishCmd(e), newReleaseKeysCmd(e), newReleaseListCmd(e), newReleaseRecallCmd(e),
		newReleaseMirrorCmd(e), newReleaseCheckCmd(e))
	return c
}

func loadSignerFile(keyFile string) (*sign.Signer, error) {
	if keyFile == "" {
		return nil, errors.New("--key: the signing key (armored private key) is required")
	}
	b, err := os.ReadFile(keyFile)
	if err != nil {
		return nil, fmt.Errorf("--key: %w", err)
	}
	s, err := sign.LoadSigner(b)
	if err != nil {
		return nil, fmt.Errorf("--key %s: %w", keyFile, err)
	}
	return s, nil
}

func newReleasePublishCmd(e *env) *cobra.Command {
	var version, from, to, arch, keyFile, notes, updateinfo string
	var validFor time.Duration
	var s3f s3Flags
	var mirrors []string
	var rollout string
	c := &cobra.Command{
		Use:   "publish --version YEAR.MINOR.YYYYMMDD --from REPO_DIR --to RELEASES_DIR|s3://BUCKET/PREFIX --key KEY",
		Short: "Publish an immutable release snapshot (blobs shared between releases) and sign the release index",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := loadSignerFile(keyFile)
			if err != nil {
				return err
			}
			at, _, err := sourcedate.BuildTime(e.getenv, time.Now)
			if err != nil {
				return err
			}
			o := publish.Options{Version: version, From: from, Arch: arch, To: to, Notes: notes, Signer: s, Time: at, ValidFor: validFor, Mirrors: mirrors}
			if rollout != "" {
				if o.Rollout, err = release.ParseRollout(rollout); err != nil {
					return fmt.Errorf("--rollout: %w", err)
				}
			}
			if updateinfo != "" {
				o.Updateinfo = func(a string) ([]byte, error) {
					p := updateinfo
					if strings.Contains(p, "{arch}") {
						p = strings.ReplaceAll(p, "{arch}", a)
					}
					return os.ReadFile(p)
				}
			}
			t, err := s3f.target(e, to)
			if err != nil {
				return err
			}
			res, err := t.Publish(e.ctx, o)
			if err != nil {
				return err
			}
			for _, a := range res.Arches {
				fmt.Fprintf(e.stdout, "%s/%s: %d packages, %d new\n", res.Version, a, res.Packages[a], res.New[a])
			}
			fmt.Fprintf(e.stdout, "release %s published in %s (%s; index serial %d, expires %s)\n",
				res.Version, to, res.Written, res.Index.Serial, res.Index.Expires.Format(time.RFC3339))
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&version, "version", "", "release version YEAR.MINOR.YYYYMMDD")
	f.StringVar(&from, "from", "", "repository directory: ARCH/ subdirectories, or one arch's packages with --arch")
	f.StringVar(&to, "to", "", "releases directory, or s3://BUCKET/PREFIX")
	s3f.register(f)
	f.StringVar(&rollout, "rollout", "", "rollout waves START=PERCENT%,... from the release's date (e.g. 0s=5%,24h=50%,48h=100%); default: everywhere at once")
	f.StringArrayVar(&mirrors, "mirror", nil, "base URL of a copy of the releases tree (repeat, preferred first): writes ARCH/metalink.xml and ARCH/mirrorlist")
	f.StringVar(&arch, "arch", "", "arch of --from when it holds one arch (or: publish only this arch)")
	f.StringVar(&keyFile, "key", "", "armored private signing key")
	f.StringVar(&notes, "notes", "", "release notes (text or URL)")
	f.StringVar(&updateinfo, "updateinfo", "", "updateinfo.xml to publish with each arch ({arch} is replaced)")
	f.DurationVar(&validFor, "valid-for", 30*24*time.Hour, "how long the signed index stays valid")
	for _, n := range []string{"version", "from", "to"} {
		c.MarkFlagRequired(n)
	}
	return c
}

func newReleaseKeysCmd(e *env) *cobra.Command {
	var to, keyFile, reason string
	var add, revoke []string
	var validFor time.Duration
	var s3f s3Flags
	c := &cobra.Command{
		Use:   "keys --to RELEASES_DIR --key KEY [--add PUBKEY]... [--revoke FINGERPRINT]...",
		Short: "Rotate or revoke repository signing keys in the release index (and re-sign it; with no change it renews the expiry)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := loadSignerFile(keyFile)
			if err != nil {
				return err
			}
			at, _, err := sourcedate.BuildTime(e.getenv, time.Now)
			if err != nil {
				return err
			}
			ch := publish.KeyChange{Revoke: revoke, Reason: reason}
			for _, p := range add {
				b, err := os.ReadFile(p)
				if err != nil {
					return fmt.Errorf("--add: %w", err)
				}
				ch.Add = append(ch.Add, b)
			}
			change := func(dir string) (*release.Index, error) { return publish.ChangeKeys(dir, s, ch, at, validFor) }
			x, err := onIndex(e, &s3f, to, s, change)
			if err != nil {
				return err
			}
			printKeys(e, x)
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&to, "to", "", "releases directory, or s3://BUCKET/PREFIX")
	s3f.register(f)
	f.StringVar(&keyFile, "key", "", "armored private key signing the index (an active key)")
	f.StringArrayVar(&add, "add", nil, "armored public key to list as active")
	f.StringArrayVar(&revoke, "revoke", nil, "fingerprint (or 16-digit key id) to revoke")
	f.StringVar(&reason, "reason", "", "why the keys are revoked")
	f.DurationVar(&validFor, "valid-for", 30*24*time.Hour, "how long the signed index stays valid")
	c.MarkFlagRequired("to")
	return c
}

func newReleaseRecallCmd(e *env) *cobra.Command {
	var to, keyFile, version, reason string
	var validFor time.Duration
	var s3f s3Flags
	c := &cobra.Command{
		Use:   "recall --to RELEASES_DIR --version V --reason TEXT --key KEY",
		Short: "Mark a published release recalled in the signed index (latest skips it; upgrading to it needs --allowrecalled)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := loadSignerFile(keyFile)
			if err != nil {
				return err
			}
			at, _, err := sourcedate.BuildTime(e.getenv, time.Now)
			if err != nil {
				return err
			}
			change := func(dir string) (*release.Index, error) {
				return publish.Recall(publish.RecallOptions{Dir: dir, Version: version, Reason: reason, Signer: s, Time: at, ValidFor: validFor})
			}
			x, err := onIndex(e, &s3f, to, s, change)
			if err != nil {
				return err
			}
			latest := "none"
			if l := x.Latest(""); l != nil {
				latest = l.Version
			}
			fmt.Fprintf(e.stdout, "release %s recalled (%s); latest is %s; index serial %d\n", version, reason, latest, x.Serial)
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&to, "to", "", "releases directory, or s3://BUCKET/PREFIX")
	s3f.register(f)
	f.StringVar(&keyFile, "key", "", "armored private key signing the index (an active key)")
	f.StringVar(&version, "version", "", "the release to recall")
	f.StringVar(&reason, "reason", "", "why (clients show it)")
	f.DurationVar(&validFor, "valid-for", 30*24*time.Hour, "how long the signed index stays valid")
	for _, n := range []string{"to", "version", "reason"} {
		c.MarkFlagRequired(n)
	}
	return c
}

func printKeys(e *env, x *release.Index) {
	for _, k := range x.Keys {
		line := fmt.Sprintf("%s %s added %s", k.Fingerprint, k.Status, k.Added.Format(time.DateOnly))
		if k.Status == release.KeyRevoked {
			line += fmt.Sprintf(" revoked %s %s", k.Revoked.Format(time.DateOnly), k.Reason)
		}
		fmt.Fprintln(e.stdout, strings.TrimSpace(line))
	}
	fmt.Fprintf(e.stdout, "index serial %d, expires %s\n", x.Serial, x.Expires.Format(time.RFC3339))
}

func newReleaseListCmd(e *env) *cobra.Command {
	var s3f s3Flags
	c := &cobra.Command{
		Use:   "list RELEASES_DIR|s3://BUCKET/PREFIX",
		Short: "List the releases of a releases directory, oldest first (the index's signature is checked)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := s3f.target(e, args[0])
			if err != nil {
				return err
			}
			x, err := t.LoadIndex(e.ctx)
			if err != nil {
				return err
			}
			for _, r := range x.Releases {
				line := fmt.Sprintf("%-20s %s %s", r.Version, r.Date.Format(time.DateOnly), strings.Join(r.Arches, ","))
				if r.IsRecalled() {
					line += fmt.Sprintf(" RECALLED %s: %s", r.Recalled.At.Format(time.DateOnly), r.Recalled.Reason)
				}
				fmt.Fprintln(e.stdout, line)
			}
			printKeys(e, x)
			return nil
		},
	}
	s3f.register(c.Flags())
	return c
}

// onIndex applies a change of the index to a releases directory or an s3:// store.
func onIndex(e *env, s3f *s3Flags, to string, s *sign.Signer, change func(dir string) (*release.Index, error)) (*release.Index, error) {
	t, err := s3f.target(e, to)
	if err != nil {
		return nil, err
	}
	return t.UpdateIndex(e.ctx, s, change)
}

// newCheckReleaseUpdateCmd is Amazon Linux's `dnf check-release-update`.
func newCheckReleaseUpdateCmd(e *env) *cobra.Command {
	var latestOnly, versionOnly bool
	c := &cobra.Command{
		Use:   "check-release-update [--refresh] [--latest-only] [--version-only]",
		Short: "Tell whether newer releases than the installed one exist (from the signed release index)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := e.pm.pmConfig(e, e.cmdline)
			if err != nil {
				return err
			}
			newer, _, err := pm.NewerReleases(e.ctx, cfg)
			if err != nil {
				return dnfError(err)
			}
			var good []release.Entry // what one may move to
			for _, r := range newer {
				if !r.IsRecalled() {
					good = append(good, r)
				}
			}
			if latestOnly {
				if len(good) > 0 {
					good = good[len(good)-1:]
				}
				newer = good
			}
			if versionOnly {
				for i := len(good) - 1; i >= 0; i-- {
					fmt.Fprintln(e.stdout, good[i].Version)
				}
				return nil
			}
			if len(newer) == 0 {
				return nil
			}
			w := e.stdout
			if len(good) > 0 {
				fmt.Fprintln(w, "WARNING:")
				fmt.Fprintln(w, "  A newer release of \"Nimbus Linux\" is available.")
				fmt.Fprintln(w)
			}
			fmt.Fprintln(w, "  Available Versions:")
			fmt.Fprintln(w)
			for i := len(newer) - 1; i >= 0; i-- {
				r := newer[i]
				if r.IsRecalled() {
					fmt.Fprintf(w, "  Version %s: RECALLED on %s\n", r.Version, r.Recalled.At.Format(time.DateOnly))
					fmt.Fprintf(w, "    Reason: %s\n", r.Recalled.Reason)
					fmt.Fprintf(w, "    Do not upgrade to this release.\n\n")
					continue
				}
				fmt.Fprintf(w, "  Version %s:\n", r.Version)
				fmt.Fprintf(w, "    Run the following command to upgrade to %s:\n\n", r.Version)
				fmt.Fprintf(w, "      dnf upgrade --releasever=%s\n\n", r.Version)
				if r.Notes != "" {
					fmt.Fprintf(w, "    Release notes:\n     %s\n\n", r.Notes)
				}
			}
			return nil
		},
	}
	c.Flags().BoolVar(&latestOnly, "latest-only", false, "show only the newest release")
	c.Flags().BoolVar(&versionOnly, "version-only", false, "print only version numbers")
	return c
}
