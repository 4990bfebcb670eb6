package release

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Automatic is the policy of automatic updates (/etc/nimbus/automatic.conf), in the shape
// of dnf-automatic's automatic.conf:
//
//	[commands]
//	upgrade_type = security              # security (default) or default (everything)
//	apply_updates = yes                  # no: only report what would be applied
//	security_from_newer_releases = no    # yes: take security fixes from the newest release
//	                                     # without moving the system to it
//	[reboot]
//	reboot = never                       # never (default) or when-needed
//	reboot_command = nimbusctl reboot
//	[fleet]
//	instance_id = i-0123456789abcdef0    # default: the instance id from IMDS
//	health_command = /usr/local/bin/check # run after applying; non-zero rolls back
//	check_units = yes                    # units active before must be active after
type Automatic struct {
	UpgradeType       string
	ApplyUpdates      bool
	FromNewerReleases bool
	Reboot            string
	RebootCommand     string
	// Fleet: the rollout seed's source and the health checks after applying.
	InstanceID    string
	HealthCommand string
	CheckUnits    bool
}

// DefaultAutomatic is the policy without a file: apply security advisories of the
// installed release, never reboot.
func DefaultAutomatic() Automatic {
	return Automatic{UpgradeType: "security", ApplyUpdates: true, Reboot: "never", RebootCommand: "nimbusctl reboot", CheckUnits: true}
}

// ParseAutomatic reads automatic.conf; every problem names the file, line and key.
func ParseAutomatic(r io.Reader, file string) (Automatic, error) {
	a := DefaultAutomatic()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), 64<<10)
	section, n := "", 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		if line[0] == '[' {
			if !strings.HasSuffix(line, "]") {
				return a, fmt.Errorf("%s:%d: bad section header %q", file, n, line)
			}
			section = strings.TrimSpace(line[1 : len(line)-1])
			if section != "commands" && section != "reboot" && section != "emitters" && section != "fleet" {
				return a, fmt.Errorf("%s:%d: unknown section [%s] (want [commands], [reboot] or [fleet])", file, n, section)
			}
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return a, fmt.Errorf("%s:%d: expected key = value, got %q", file, n, line)
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if i := strings.Index(v, " #"); i >= 0 {
			v = strings.TrimSpace(v[:i])
		}
		bad := func(want string) error {
			return fmt.Errorf("%s:%d: [%s] %s = %q: want %s", file, n, section, k, v, want)
		}
		switch section + "." + k {
		case "commands.upgrade_type":
			if v != "security" && v != "default" {
				return a, bad("security or default")
			}
			a.UpgradeType = v
		case "commands.apply_updates", "commands.security_from_newer_releases":
			b, ok := boolValue(v)
			if !ok {
				return a, bad("yes or no")
			}
			if k == "apply_updates" {
				a.ApplyUpdates = b
			} else {
				a.FromNewerReleases = b
			}
		case "commands.download_updates", "commands.random_sleep", "commands.network_online_timeout", "emitters.emit_via", "emitters.system_name":
			// dnf-automatic keys without effect here (the timer does the random delay).
		case "reboot.reboot":
			if v != "never" && v != "when-needed" {
				return a, bad("never or when-needed")
			}
			a.Reboot = v
		case "reboot.reboot_command":
			if v == "" {
				return a, bad("a command")
			}
			a.RebootCommand = strings.Trim(v, `"'`)
		case "fleet.instance_id":
			if v == "" || strings.ContainsAny(v, " \t") {
				return a, bad("an instance id without spaces")
			}
			a.InstanceID = v
		case "fleet.health_command":
			a.HealthCommand = strings.Trim(v, `"'`)
		case "fleet.check_units":
			b, ok := boolValue(v)
			if !ok {
				return a, bad("yes or no")
			}
			a.CheckUnits = b
		default:
			return a, fmt.Errorf("%s:%d: unknown key %s in [%s]", file, n, k, section)
		}
	}
	if err := sc.Err(); err != nil {
		return a, fmt.Errorf("reading %s: %w", file, err)
	}
	return a, nil
}

func boolValue(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "1", "yes", "true", "on":
		return true, true
	case "0", "no", "false", "off":
		return false, true
	}
	return false, false
}
