package provision

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"gopkg.in/yaml.v3"
)

// SystemConfigPath is the distribution's first-boot defaults below the root, as
// cloud-init's /etc/cloud/cloud.cfg: `nimbus image build` writes the profile's
// default_user there.
const SystemConfigPath = "etc/nimbus/cloud.cfg"

// builtinDefaultUser is Amazon Linux's default user, used when the image names none.
func builtinDefaultUser(name string) User {
	return User{Name: name, Gecos: "EC2 Default User", Groups: []string{"adm", "wheel", "systemd-journal"},
		Sudo: []string{"ALL=(ALL) NOPASSWD:ALL"}, LockPasswd: true}
}

// ParseSystemConfig reads the default user of a system config: `default_user:` (or
// cloud-init's `system_info: {default_user: ...}`), a mapping with the fields of a
// cloud-config `users:` entry (name, gecos, groups, sudo, shell, homedir, primary_group,
// lock_passwd, uid, system), or just a name. It returns nil when the file names none.
func ParseSystemConfig(b []byte) (*User, error) {
	var doc map[string]yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(b)).Decode(&doc); err != nil {
		if err.Error() == "EOF" {
			return nil, nil
		}
		return nil, err
	}
	n, ok := doc["default_user"]
	if !ok {
		si, ok := doc["system_info"]
		if !ok {
			return nil, nil
		}
		var inner map[string]yaml.Node
		if err := si.Decode(&inner); err != nil {
			return nil, fmt.Errorf("system_info (line %d): %w", si.Line, err)
		}
		if n, ok = inner["default_user"]; !ok {
			return nil, nil
		}
	}
	switch n.Kind {
	case yaml.ScalarNode, yaml.MappingNode:
	default:
		return nil, fmt.Errorf("default_user (line %d): want a name or a mapping", n.Line)
	}
	c := &CloudConfig{}
	if n.Kind == yaml.ScalarNode && n.Value == "default" {
		return nil, fmt.Errorf("default_user (line %d): \"default\" is not a user name", n.Line)
	}
	if err := c.users(&yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{&n}}); err != nil {
		return nil, fmt.Errorf("default_user (line %d): %w", n.Line, err)
	}
	if len(c.Users) != 1 || !validName(c.Users[0].Name) {
		return nil, fmt.Errorf("default_user (line %d): not a valid user", n.Line)
	}
	u := c.Users[0]
	if u.Gecos == "" {
		u.Gecos = "EC2 Default User"
	}
	return &u, nil
}

func validName(s string) bool {
	if s == "" || len(s) > 32 || s[0] == '-' || s[0] == '.' {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '.') {
			return false
		}
	}
	return true
}

// defaultUser is the user the `default` entry of users: stands for: the Agent's
// DefaultUser name when the caller set one, else the system config's default_user,
// else ec2-user.
func (a *Agent) defaultUser() User {
	if a.DefaultUser != "" {
		return builtinDefaultUser(a.DefaultUser)
	}
	b, err := os.ReadFile(a.path(SystemConfigPath))
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			a.logf("/%s: %v; default user ec2-user", SystemConfigPath, err)
		}
		return builtinDefaultUser("ec2-user")
	}
	u, err := ParseSystemConfig(b)
	if err != nil {
		a.logf("/%s: %v; default user ec2-user", SystemConfigPath, err)
		return builtinDefaultUser("ec2-user")
	}
	if u == nil {
		return builtinDefaultUser("ec2-user")
	}
	a.logf("default user %s (from /%s)", u.Name, SystemConfigPath)
	return *u
}
