package imds

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Identity is the instance identity document (dynamic/instance-identity/document).
type Identity struct {
	AccountID        string `json:"accountId"`
	Architecture     string `json:"architecture"`
	AvailabilityZone string `json:"availabilityZone"`
	ImageID          string `json:"imageId"`
	InstanceID       string `json:"instanceId"`
	InstanceType     string `json:"instanceType"`
	PrivateIP        string `json:"privateIp"`
	Region           string `json:"region"`
}

// ParseIdentity decodes an instance identity document; an instance id is required.
func ParseIdentity(b []byte) (*Identity, error) {
	var id Identity
	if err := json.Unmarshal(b, &id); err != nil {
		return nil, fmt.Errorf("imds: identity document: %w", err)
	}
	if id.InstanceID == "" {
		return nil, errors.New("imds: identity document: no instanceId")
	}
	return &id, nil
}

// KeyEntry is one line of the meta-data/public-keys/ listing ("0=name").
type KeyEntry struct {
	Index int
	Name  string
}

// ParseKeyList decodes the public-keys listing. Malformed lines are errors.
func ParseKeyList(b []byte) ([]KeyEntry, error) {
	var out []KeyEntry
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		idx, name, ok := strings.Cut(line, "=")
		n, err := strconv.Atoi(idx)
		if !ok || err != nil || n < 0 || n > 1<<16 {
			return nil, fmt.Errorf("imds: public-keys listing: bad line %q", line)
		}
		out = append(out, KeyEntry{Index: n, Name: name})
	}
	return out, nil
}

// Metadata is what first boot needs from the service.
type Metadata struct {
	Identity      Identity
	Hostname      string
	LocalHostname string
	PublicKeys    []string
	// UserData is nil when the instance has none (404).
	UserData []byte
}

// Fetch collects Metadata with c. Absent optional items (keys, user-data) are not errors.
func Fetch(ctx context.Context, c *Client) (*Metadata, error) {
	doc, err := c.Get(ctx, "dynamic/instance-identity/document")
	if err != nil {
		return nil, err
	}
	id, err := ParseIdentity(doc)
	if err != nil {
		return nil, err
	}
	m := &Metadata{Identity: *id}
	if m.Hostname, err = c.GetString(ctx, "meta-data/hostname"); err != nil && !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	if m.LocalHostname, err = c.GetString(ctx, "meta-data/local-hostname"); err != nil && !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	list, err := c.Get(ctx, "meta-data/public-keys/")
	switch {
	case errors.Is(err, ErrNotFound):
	case err != nil:
		return nil, err
	default:
		entries, err := ParseKeyList(list)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			k, err := c.GetString(ctx, fmt.Sprintf("meta-data/public-keys/%d/openssh-key", e.Index))
			if err != nil {
				return nil, err
			}
			m.PublicKeys = append(m.PublicKeys, k)
		}
	}
	ud, err := c.Get(ctx, "user-data")
	switch {
	case errors.Is(err, ErrNotFound):
	case err != nil:
		return nil, err
	default:
		m.UserData = ud
	}
	return m, nil
}
