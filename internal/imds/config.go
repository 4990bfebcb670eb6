// Package imds implements the EC2 instance metadata service, version 2: a client that
// guests use at first boot and a faithful server that tests and local runs use in its place.
package imds

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"
)

// Instance describes one instance as the metadata service reports it. Its YAML form is the
// configuration file of `nimbus imds serve --config`.
type Instance struct {
	InstanceID       string            `yaml:"instance-id"`
	InstanceType     string            `yaml:"instance-type"`
	AMIID            string            `yaml:"ami-id"`
	Hostname         string            `yaml:"hostname"`
	LocalHostname    string            `yaml:"local-hostname"`
	LocalIPv4        string            `yaml:"local-ipv4"`
	PublicIPv4       string            `yaml:"public-ipv4"`
	MAC              string            `yaml:"mac"`
	Region           string            `yaml:"region"`
	AvailabilityZone string            `yaml:"availability-zone"`
	AccountID        string            `yaml:"account-id"`
	Architecture     string            `yaml:"architecture"`
	PublicKeys       []PublicKey       `yaml:"public-keys"`
	IAM              *IAMRole          `yaml:"iam"`
	Tags             map[string]string `yaml:"tags"`
	// MetadataTags exposes Tags under meta-data/tags/instance (EC2's InstanceMetadataTags=enabled).
	MetadataTags bool `yaml:"instance-metadata-tags"`
	// HTTPTokens is "required" (IMDSv2 only, the default) or "optional" (IMDSv1 also answered).
	HTTPTokens string `yaml:"http-tokens"`
	// UserData is served verbatim at /latest/user-data; UserDataFile is read relative to the
	// configuration file. Neither set means 404, as on EC2.
	UserData     *string `yaml:"user-data"`
	UserDataFile string  `yaml:"user-data-file"`
}

// PublicKey is one launch key pair.
type PublicKey struct {
	Name       string `yaml:"name"`
	OpenSSHKey string `yaml:"openssh-key"`
}

// IAMRole is the instance profile role with its temporary credentials.
type IAMRole struct {
	Role            string `yaml:"role"`
	AccessKeyID     string `yaml:"access-key-id"`
	SecretAccessKey string `yaml:"secret-access-key"`
	Token           string `yaml:"token"`
	Expiration      string `yaml:"expiration"`
}

// ConfigError reports an invalid instance configuration.
type ConfigError struct {
	Field string
	Msg   string
}

func (e *ConfigError) Error() string { return "imds config: " + e.Field + ": " + e.Msg }

// ParseInstance reads an instance description from YAML. base is the directory that
// user-data-file is relative to ("" means the current directory); fsys reads that file.
func ParseInstance(r io.Reader, base string, readFile func(string) ([]byte, error)) (*Instance, error) {
	var in Instance
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	if err := dec.Decode(&in); err != nil && err != io.EOF {
		return nil, fmt.Errorf("imds config: %w", err)
	}
	if in.UserDataFile != "" {
		if in.UserData != nil {
			return nil, &ConfigError{"user-data-file", "set together with user-data"}
		}
		p := in.UserDataFile
		if !filepath.IsAbs(p) {
			p = filepath.Join(base, p)
		}
		if readFile == nil {
			readFile = os.ReadFile
		}
		b, err := readFile(p)
		if err != nil {
			return nil, fmt.Errorf("imds config: user-data-file: %w", err)
		}
		s := string(b)
		in.UserData = &s
	}
	if err := in.fill(); err != nil {
		return nil, err
	}
	return &in, nil
}

// LoadInstance reads an instance description from a YAML file.
func LoadInstance(path string) (*Instance, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("imds config: %w", err)
	}
	defer f.Close()
	return ParseInstance(f, filepath.Dir(path), os.ReadFile)
}

// fill validates the description and supplies EC2-like defaults for what is left out.
func (in *Instance) fill() error {
	if in.InstanceID == "" {
		in.InstanceID = "i-0123456789abcdef0"
	}
	switch in.HTTPTokens {
	case "":
		in.HTTPTokens = "required"
	case "required", "optional":
	default:
		return &ConfigError{"http-tokens", fmt.Sprintf("%q is neither required nor optional", in.HTTPTokens)}
	}
	if in.Region == "" {
		in.Region = "us-east-1"
	}
	if in.AvailabilityZone == "" {
		in.AvailabilityZone = in.Region + "a"
	}
	if in.InstanceType == "" {
		in.InstanceType = "t3.micro"
	}
	if in.AMIID == "" {
		in.AMIID = "ami-00000000000000000"
	}
	if in.LocalIPv4 == "" {
		in.LocalIPv4 = "169.254.169.15"
	}
	if in.LocalHostname == "" {
		in.LocalHostname = in.Hostname
	}
	if in.Hostname == "" {
		in.Hostname = in.LocalHostname
	}
	if in.MAC == "" {
		in.MAC = "52:54:00:12:34:56"
	}
	if in.AccountID == "" {
		in.AccountID = "123456789012"
	}
	if in.Architecture == "" {
		in.Architecture = "x86_64"
	}
	for i, k := range in.PublicKeys {
		if k.OpenSSHKey == "" {
			return &ConfigError{fmt.Sprintf("public-keys[%d].openssh-key", i), "empty"}
		}
		if k.Name == "" {
			in.PublicKeys[i].Name = fmt.Sprintf("key-%d", i)
		}
	}
	if in.IAM != nil && in.IAM.Role == "" {
		return &ConfigError{"iam.role", "empty"}
	}
	return nil
}
