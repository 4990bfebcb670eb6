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

// KeyEntry is one line of the meta-data/public-keys/ listing.
type KeyEntry struct {
	Index int
	Name  string // "" when the listing gives none
}

// maxKeys bounds the listing: EC2 launches with one key; a listing of more than this
// many is not metadata but an attack on the client.
const maxKeys = 1024

// ParseKeyList decodes the public-keys listing in the forms EC2 and its mocks use:
// "0=name" (EC2), "0/" (a directory entry, as AWS's metadata mock and other clouds list
// it) and "0". Each index is kept once, in order. Lines that are none of these are left
// out and reported together in the error, which is then non-nil while the entries that
// parsed are still returned: one bad line must not cost the other keys.
func ParseKeyList(b []byte) ([]KeyEntry, error) {
	var out []KeyEntry
	var bad []string
	seen := map[int]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" {
			continue
		}
		idx, name, _ := strings.Cut(line, "=")
		idx = strings.TrimSuffix(idx, "/")
		n, err := strconv.Atoi(idx)
		if err != nil || n < 0 || n >= maxKeys || idx != strconv.Itoa(n) || strings.ContainsAny(name, "/\x00") {
			if len(bad) < 5 {
				bad = append(bad, fmt.Sprintf("%q", line))
			}
			continue
		}
		if seen[n] || len(out) >= maxKeys {
			continue
		}
		seen[n] = true
		out = append(out, KeyEntry{Index: n, Name: name})
	}
	if len(bad) > 0 {
		return out, fmt.Errorf("imds: public-keys listing: ignored line(s) %s (want N=name, N/ or N)", strings.Join(bad, ", "))
	}
	return out, nil
}

// Metadata is what first boot needs from the service.
type Metadata struct {
	Identity      Identity
	Hostname      string
	LocalHostname string
	PublicKeys    []string
	// UserData is nil when the instance has none (404) or it could not be read.
	UserData []byte
	// Problems are the items that could not be read or parsed: each is left out and
	// the rest is still used (first boot logs them).
	Problems []error
}

// firstKeyPath is the launch key of an instance started with a key pair (EC2 lists it as
// index 0): asked with the first items, before the list that names it is read.
const firstKeyPath = "meta-data/public-keys/0/openssh-key"

// item is one metadata path's answer.
type item struct {
	b   []byte
	err error
}

// Fetch collects Metadata with c. Only the instance id is required (from the identity
// document, else meta-data/instance-id); any other item that is absent, unreadable or
// malformed is left out and recorded in Problems (absent optional items, a 404, are
// not problems), so that one bad item never costs the hostname, the keys or user-data.
//
// The session token is fetched first; then the identity document, user-data, the key
// list, the host names and the key at index 0 (the index EC2 gives the key pair an
// instance is started with: asked before the list that names it is read), then the other
// keys the list names, if any. They are asked one after the other on the client's one
// kept-alive connection (Client's transport: MaxConnsPerHost 1): under `nimbus run` each
// new connection is a relay process QEMU starts on the host, and six at once took 70 ms
// of a first boot against 35 ms for six requests on one connection (docs/init.md); on
// EC2 a request is well under a millisecond either way.
func Fetch(ctx context.Context, c *Client) (*Metadata, error) {
	m := &Metadata{}
	problem := func(item string, err error) {
		m.Problems = append(m.Problems, fmt.Errorf("%s: %w", item, err))
	}
	// The token once, so that the parallel requests share it (an error here is met again,
	// and reported, by the requests below).
	_, _ = c.Token(ctx)
	paths := []string{"dynamic/instance-identity/document", "user-data", "meta-data/public-keys/",
		"meta-data/hostname", "meta-data/local-hostname", firstKeyPath}
	got := getAll(ctx, c, paths)
	doc, err := got[0].b, got[0].err
	if err == nil {
		var id *Identity
		if id, err = ParseIdentity(doc); err == nil {
			m.Identity = *id
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		problem("dynamic/instance-identity/document", err)
		iid, ierr := c.GetString(ctx, "meta-data/instance-id")
		if ierr != nil || strings.TrimSpace(iid) == "" {
			return nil, fmt.Errorf("imds: no instance id: identity document: %v; meta-data/instance-id: %v", err, ierr)
		}
		m.Identity.InstanceID = strings.TrimSpace(iid)
	}
	optional := func(i int) string {
		if err := got[i].err; err != nil && !errors.Is(err, ErrNotFound) {
			problem(paths[i], err)
		}
		return strings.TrimSpace(string(got[i].b))
	}
	m.Hostname = optional(3)
	m.LocalHostname = optional(4)
	list, err := got[2].b, got[2].err
	switch {
	case errors.Is(err, ErrNotFound):
	case err != nil:
		problem("meta-data/public-keys/", err)
	default:
		entries, err := ParseKeyList(list)
		if err != nil {
			problem("meta-data/public-keys/", err)
		}
		keyPaths := make([]string, len(entries))
		var rest []string // not asked yet
		for i, e := range entries {
			keyPaths[i] = fmt.Sprintf("meta-data/public-keys/%d/openssh-key", e.Index)
			if keyPaths[i] != firstKeyPath {
				rest = append(rest, keyPaths[i])
			}
		}
		more := getAll(ctx, c, rest)
		keys := make([]item, len(entries))
		for i := range keys {
			if keyPaths[i] == firstKeyPath {
				keys[i] = got[5]
			} else {
				keys[i], more = more[0], more[1:]
			}
		}
		for i, k := range keys {
			if k.err != nil {
				problem(keyPaths[i], k.err)
				continue
			}
			if s := strings.TrimSpace(string(k.b)); s != "" {
				m.PublicKeys = append(m.PublicKeys, s)
			}
		}
	}
	ud, err := got[1].b, got[1].err
	switch {
	case errors.Is(err, ErrNotFound):
	case err != nil:
		problem("user-data", err)
	default:
		m.UserData = ud
	}
	return m, nil
}

// getAll gets paths one after the other; the answers are in the order of paths.
func getAll(ctx context.Context, c *Client, paths []string) []item {
	out := make([]item, len(paths))
	for i, p := range paths {
		b, err := c.Get(ctx, p)
		out[i] = item{b, err}
	}
	return out
}
