package provision

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// CloudConfig is the subset of cloud-init's #cloud-config that EC2 users rely on.
type CloudConfig struct {
	Hostname          string
	FQDN              string
	PreferFQDN        bool
	Users             []User
	DefaultUser       bool // "default" listed in users (or users absent)
	SSHAuthorizedKeys []string
	SSHGenKeyTypes    []string
	// SSHKeys are host keys given by user-data (cloud-init's ssh_keys: rsa_private,
	// ed25519_public, ecdsa_certificate, ...), by key name.
	SSHKeys map[string]string
	// SSHDeleteKeys is ssh_deletekeys (nil: not set).
	SSHDeleteKeys   *bool
	WriteFiles      []WriteFile
	BootCmd         []Cmd
	RunCmd          []Cmd
	Packages        []string
	PackageUpdate   bool
	PackageUpgrade  bool
	Timezone        string
	GrowpartMode    string // "auto" (default), "off"
	GrowpartDevices []string
	ResizeRootfs    *bool
	Mounts          [][]string
	FinalMessage    string
	// Unknown lists keys that are not implemented, reported by the agent, never fatal.
	Unknown []string
	// Warnings are values that were ignored because of their type.
	Warnings []string
}

// User is one entry of users:.
type User struct {
	Name              string
	Gecos             string
	Groups            []string
	Sudo              []string
	Shell             string
	Homedir           string
	PrimaryGroup      string
	LockPasswd        bool
	SSHAuthorizedKeys []string
	System            bool
	UID               int
}

// WriteFile is one entry of write_files:.
type WriteFile struct {
	Path        string
	Content     string
	Encoding    string
	Permissions uint32
	Owner       string
	Append      bool
	Defer       bool
}

// Cmd is a bootcmd/runcmd entry: a string for the shell, or an argv list.
type Cmd struct {
	Shell string
	Argv  []string
}

// ConfigError is malformed #cloud-config YAML (a type error of a known key is a warning).
type ConfigError struct{ Err error }

func (e *ConfigError) Error() string { return "cloud-config: " + e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

// known keys that are accepted and deliberately not acted on (their defaults are Nimbus's).
var acceptedNoop = map[string]bool{
	"manage_etc_hosts": true, "disable_root": true, "ssh_pwauth": true,
	"preserve_hostname": true, "locale": true, "output": true, "datasource": true, "datasource_list": true,
	"repo_upgrade": true, "repo_update": true, "cloud_init_modules": true, "cloud_config_modules": true,
	"cloud_final_modules": true, "system_info": true, "merge_how": true, "merge_type": true,
}

// ParseCloudConfig reads one #cloud-config document.
func ParseCloudConfig(b []byte) (*CloudConfig, error) {
	c := &CloudConfig{DefaultUser: true}
	if err := c.Merge(b); err != nil {
		return nil, err
	}
	return c, nil
}

// Merge applies another #cloud-config document on top of c: scalars are replaced, the
// lists runcmd, bootcmd, write_files, users, packages, ssh_authorized_keys and mounts are
// appended (what users of several MIME parts expect; cloud-init's default would replace).
func (c *CloudConfig) Merge(b []byte) error {
	var doc map[string]yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&doc); err != nil {
		if err.Error() == "EOF" {
			return nil
		}
		return &ConfigError{err}
	}
	keys := make([]string, 0, len(doc))
	for k := range doc {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		n := doc[k]
		if err := c.apply(k, &n); err != nil {
			c.Warnings = append(c.Warnings, fmt.Sprintf("%s (line %d): %v", k, n.Line, err))
		}
	}
	return nil
}

func (c *CloudConfig) apply(k string, n *yaml.Node) error {
	switch k {
	case "hostname":
		return n.Decode(&c.Hostname)
	case "fqdn":
		return n.Decode(&c.FQDN)
	case "prefer_fqdn_over_hostname":
		return n.Decode(&c.PreferFQDN)
	case "ssh_authorized_keys":
		l, err := strList(n)
		c.SSHAuthorizedKeys = append(c.SSHAuthorizedKeys, l...)
		return err
	case "ssh_genkeytypes":
		l, err := strList(n)
		c.SSHGenKeyTypes = l
		return err
	case "ssh_keys":
		var m map[string]string
		if err := n.Decode(&m); err != nil {
			return err
		}
		if c.SSHKeys == nil {
			c.SSHKeys = map[string]string{}
		}
		for k, v := range m {
			if hostKeyFile(k) == "" {
				c.Warnings = append(c.Warnings, fmt.Sprintf("ssh_keys: %q not taken (TYPE_private and TYPE_public are; no certificates)", k))
				continue
			}
			c.SSHKeys[k] = v
		}
	case "ssh_deletekeys":
		var b bool
		if err := n.Decode(&b); err != nil {
			return err
		}
		c.SSHDeleteKeys = &b
	case "users":
		return c.users(n)
	case "write_files":
		return c.writeFiles(n)
	case "bootcmd":
		l, err := cmdList(n)
		c.BootCmd = append(c.BootCmd, l...)
		return err
	case "runcmd":
		l, err := cmdList(n)
		c.RunCmd = append(c.RunCmd, l...)
		return err
	case "packages":
		if n.Kind != yaml.SequenceNode {
			return fmt.Errorf("not a list")
		}
		for _, it := range n.Content {
			if it.Kind == yaml.SequenceNode && len(it.Content) == 2 {
				c.Packages = append(c.Packages, it.Content[0].Value+"-"+it.Content[1].Value)
			} else {
				c.Packages = append(c.Packages, it.Value)
			}
		}
	case "package_update", "apt_update":
		return n.Decode(&c.PackageUpdate)
	case "package_upgrade", "apt_upgrade":
		return n.Decode(&c.PackageUpgrade)
	case "timezone":
		return n.Decode(&c.Timezone)
	case "growpart":
		var g struct {
			Mode    any      `yaml:"mode"`
			Devices []string `yaml:"devices"`
		}
		if err := n.Decode(&g); err != nil {
			return err
		}
		switch v := g.Mode.(type) {
		case bool:
			if !v {
				c.GrowpartMode = "off"
			}
		case string:
			c.GrowpartMode = v
		}
		c.GrowpartDevices = g.Devices
	case "resize_rootfs":
		var v any
		if err := n.Decode(&v); err != nil {
			return err
		}
		b := !(v == false || v == "false" || v == "False")
		c.ResizeRootfs = &b
	case "mounts":
		var m [][]any
		if err := n.Decode(&m); err != nil {
			return err
		}
		for _, row := range m {
			var r []string
			for _, f := range row {
				if f == nil {
					r = append(r, "")
				} else {
					r = append(r, fmt.Sprint(f))
				}
			}
			c.Mounts = append(c.Mounts, r)
		}
	case "final_message":
		return n.Decode(&c.FinalMessage)
	default:
		if !acceptedNoop[k] {
			c.Unknown = append(c.Unknown, k)
		}
	}
	return nil
}

func strList(n *yaml.Node) ([]string, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Value == "" {
			return nil, nil
		}
		return []string{n.Value}, nil
	case yaml.SequenceNode:
		var out []string
		for _, it := range n.Content {
			if it.Kind != yaml.ScalarNode {
				return out, fmt.Errorf("list item at line %d is not a string", it.Line)
			}
			out = append(out, it.Value)
		}
		return out, nil
	}
	return nil, fmt.Errorf("neither a string nor a list")
}

func cmdList(n *yaml.Node) ([]Cmd, error) {
	if n.Kind == yaml.ScalarNode {
		return []Cmd{{Shell: n.Value}}, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("not a list")
	}
	var out []Cmd
	for _, it := range n.Content {
		switch it.Kind {
		case yaml.ScalarNode:
			out = append(out, Cmd{Shell: it.Value})
		case yaml.SequenceNode:
			argv, err := strList(it)
			if err != nil {
				return out, err
			}
			if len(argv) > 0 {
				out = append(out, Cmd{Argv: argv})
			}
		default:
			return out, fmt.Errorf("command at line %d is neither a string nor a list", it.Line)
		}
	}
	return out, nil
}

func (c *CloudConfig) users(n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		if n.Kind == yaml.ScalarNode && n.Value == "default" {
			c.DefaultUser = true
			return nil
		}
		return fmt.Errorf("not a list")
	}
	c.DefaultUser = false
	for _, it := range n.Content {
		if it.Kind == yaml.ScalarNode {
			if it.Value == "default" {
				c.DefaultUser = true
			} else {
				c.Users = append(c.Users, User{Name: it.Value, LockPasswd: true})
			}
			continue
		}
		var raw struct {
			Name         string    `yaml:"name"`
			Gecos        string    `yaml:"gecos"`
			Groups       yaml.Node `yaml:"groups"`
			Sudo         yaml.Node `yaml:"sudo"`
			Shell        string    `yaml:"shell"`
			Homedir      string    `yaml:"homedir"`
			PrimaryGroup string    `yaml:"primary_group"`
			LockPasswd   *bool     `yaml:"lock_passwd"`
			Keys         []string  `yaml:"ssh_authorized_keys"`
			System       bool      `yaml:"system"`
			UID          any       `yaml:"uid"`
		}
		if err := it.Decode(&raw); err != nil {
			return err
		}
		if raw.Name == "" {
			return fmt.Errorf("user at line %d has no name", it.Line)
		}
		u := User{Name: raw.Name, Gecos: raw.Gecos, Shell: raw.Shell, Homedir: raw.Homedir,
			PrimaryGroup: raw.PrimaryGroup, LockPasswd: true, SSHAuthorizedKeys: raw.Keys, System: raw.System}
		if raw.LockPasswd != nil {
			u.LockPasswd = *raw.LockPasswd
		}
		switch v := raw.UID.(type) {
		case int:
			u.UID = v
		case string:
			u.UID, _ = strconv.Atoi(v)
		}
		if raw.Groups.Kind == yaml.ScalarNode {
			for _, g := range strings.Split(raw.Groups.Value, ",") {
				if g = strings.TrimSpace(g); g != "" {
					u.Groups = append(u.Groups, g)
				}
			}
		} else if raw.Groups.Kind == yaml.SequenceNode {
			u.Groups, _ = strList(&raw.Groups)
		}
		if raw.Sudo.Kind == yaml.ScalarNode && raw.Sudo.Tag != "!!bool" && raw.Sudo.Value != "" && raw.Sudo.Value != "null" {
			u.Sudo = []string{raw.Sudo.Value}
		} else if raw.Sudo.Kind == yaml.SequenceNode {
			u.Sudo, _ = strList(&raw.Sudo)
		}
		c.Users = append(c.Users, u)
	}
	return nil
}

func (c *CloudConfig) writeFiles(n *yaml.Node) error {
	var raw []struct {
		Path        string `yaml:"path"`
		Content     string `yaml:"content"`
		Encoding    string `yaml:"encoding"`
		Permissions any    `yaml:"permissions"`
		Owner       string `yaml:"owner"`
		Append      bool   `yaml:"append"`
		Defer       bool   `yaml:"defer"`
	}
	if err := n.Decode(&raw); err != nil {
		return err
	}
	for i, r := range raw {
		if r.Path == "" {
			return fmt.Errorf("write_files[%d] has no path", i)
		}
		w := WriteFile{Path: r.Path, Content: r.Content, Encoding: r.Encoding, Owner: r.Owner, Append: r.Append, Defer: r.Defer, Permissions: 0o644}
		switch v := r.Permissions.(type) {
		case string:
			p, err := strconv.ParseUint(strings.TrimPrefix(v, "0o"), 8, 32)
			if err != nil || p > 0o7777 {
				return fmt.Errorf("write_files[%d].permissions %q", i, v)
			}
			w.Permissions = uint32(p)
		case int: // YAML reads an unquoted 0644 as the octal number it is
			if v < 0 || v > 0o7777 {
				return fmt.Errorf("write_files[%d].permissions %d", i, v)
			}
			w.Permissions = uint32(v)
		}
		switch strings.ToLower(w.Encoding) {
		case "", "text/plain", "b64", "base64", "gz", "gzip", "gz+b64", "gz+base64", "gzip+b64", "gzip+base64":
		default:
			return fmt.Errorf("write_files[%d].encoding %q", i, w.Encoding)
		}
		c.WriteFiles = append(c.WriteFiles, w)
	}
	return nil
}
