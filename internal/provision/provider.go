package provision

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/imds"
	"gopkg.in/yaml.v3"
)

// Data is what a provider knows about the instance.
type Data struct {
	Provider         string
	InstanceID       string
	LocalHostname    string
	Region           string
	AvailabilityZone string
	PublicKeys       []string
	UserData         []byte // nil: none
	// Problems are metadata items the provider could not read or parse and left out;
	// the agent logs them and goes on with the rest.
	Problems []error
}

// Provider fetches instance data from one source.
type Provider interface {
	Name() string
	Fetch(ctx context.Context) (*Data, error)
}

// Fetched is a provider whose data was fetched already (PID 1 fetches the metadata as
// soon as the network is up, beside the boot stages the agent also waits for): Fetch
// gives that answer again.
type Fetched struct {
	From Provider // the provider that fetched
	Data *Data
	Err  error
}

// Name implements Provider.
func (f Fetched) Name() string { return f.From.Name() }

// Fetch implements Provider.
func (f Fetched) Fetch(context.Context) (*Data, error) { return f.Data, f.Err }

// AWS reads EC2's instance metadata service (IMDSv2).
type AWS struct{ Client *imds.Client }

// Name implements Provider.
func (AWS) Name() string { return "aws" }

// Fetch implements Provider.
func (a AWS) Fetch(ctx context.Context) (*Data, error) {
	m, err := imds.Fetch(ctx, a.Client)
	a.Client.CloseIdleConnections()
	if err != nil {
		return nil, err
	}
	host := m.LocalHostname
	if host == "" {
		host = m.Hostname
	}
	return &Data{Provider: "aws", InstanceID: m.Identity.InstanceID, LocalHostname: host,
		Region: m.Identity.Region, AvailabilityZone: m.Identity.AvailabilityZone,
		PublicKeys: m.PublicKeys, UserData: m.UserData, Problems: m.Problems}, nil
}

// NoCloud reads a seed directory (meta-data, user-data) and the kernel command line's
// "ds=nocloud;i=ID;h=HOST;s=file:///path/" parameters, which override the seed.
type NoCloud struct {
	// Dir is the seed directory on the host (a mounted cidata volume or a path from s=).
	Dir     string
	Cmdline NoCloudCmdline
}

// Name implements Provider.
func (NoCloud) Name() string { return "nocloud" }

// NoCloudCmdline are the ds=nocloud parameters of a kernel command line.
type NoCloudCmdline struct {
	Present    bool
	InstanceID string
	Hostname   string
	SeedFrom   string // a local path from s=file://...
}

// ParseNoCloudCmdline finds "ds=nocloud[;key=value...]" (also "nocloud-net") among the
// words of a kernel command line. Only file:// seeds are accepted: Nimbus never fetches
// a seed over the network.
func ParseNoCloudCmdline(cmdline string) (NoCloudCmdline, error) {
	var out NoCloudCmdline
	for _, w := range strings.Fields(cmdline) {
		v, ok := strings.CutPrefix(w, "ds=")
		if !ok {
			continue
		}
		fields := strings.Split(v, ";")
		if fields[0] != "nocloud" && fields[0] != "nocloud-net" {
			continue
		}
		out.Present = true
		for _, f := range fields[1:] {
			k, val, _ := strings.Cut(f, "=")
			switch k {
			case "i", "instance-id":
				out.InstanceID = val
			case "h", "local-hostname":
				out.Hostname = val
			case "s", "seedfrom":
				u, err := url.Parse(val)
				if err != nil || (u.Scheme != "file" && u.Scheme != "") {
					return out, fmt.Errorf("nocloud: seed %q: only file:// seeds are supported", val)
				}
				out.SeedFrom = u.Path
			}
		}
	}
	return out, nil
}

// nocloudMeta is the meta-data file of a NoCloud seed.
type nocloudMeta struct {
	InstanceID    string `yaml:"instance-id"`
	LocalHostname string `yaml:"local-hostname"`
	Hostname      string `yaml:"hostname"`
	PublicKeys    any    `yaml:"public-keys"`
}

// ParseNoCloudMeta reads a NoCloud meta-data document; public-keys may be a string, a
// list, or a map of names to keys (or to {openssh-key: ...}).
func ParseNoCloudMeta(b []byte) (*Data, error) {
	var m nocloudMeta
	if err := yaml.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("nocloud meta-data: %w", err)
	}
	d := &Data{Provider: "nocloud", InstanceID: m.InstanceID, LocalHostname: m.LocalHostname}
	if d.LocalHostname == "" {
		d.LocalHostname = m.Hostname
	}
	d.PublicKeys = collectKeys(m.PublicKeys)
	return d, nil
}

func collectKeys(v any) []string {
	switch k := v.(type) {
	case string:
		var out []string
		for _, l := range strings.Split(k, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				out = append(out, l)
			}
		}
		return out
	case []any:
		var out []string
		for _, it := range k {
			out = append(out, collectKeys(it)...)
		}
		return out
	case map[string]any:
		if s, ok := k["openssh-key"]; ok {
			return collectKeys(s)
		}
		var out []string
		for _, it := range k {
			out = append(out, collectKeys(it)...)
		}
		return out
	}
	return nil
}

// Fetch implements Provider.
func (n NoCloud) Fetch(ctx context.Context) (*Data, error) {
	dir := n.Dir
	if n.Cmdline.SeedFrom != "" {
		dir = n.Cmdline.SeedFrom
	}
	d := &Data{Provider: "nocloud"}
	if dir != "" {
		b, err := os.ReadFile(filepath.Join(dir, "meta-data"))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		if err == nil {
			if d, err = ParseNoCloudMeta(b); err != nil {
				return nil, err
			}
		}
		if ud, err := os.ReadFile(filepath.Join(dir, "user-data")); err == nil {
			d.UserData = ud
		}
	}
	if n.Cmdline.InstanceID != "" {
		d.InstanceID = n.Cmdline.InstanceID
	}
	if n.Cmdline.Hostname != "" {
		d.LocalHostname = n.Cmdline.Hostname
	}
	if d.InstanceID == "" {
		return nil, errors.New("nocloud: no instance-id in meta-data or on the kernel command line")
	}
	return d, nil
}
