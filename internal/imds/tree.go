package imds

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
)

// tree is the metadata as EC2 lays it out: leaves are documents, every prefix ending in
// "/" is a directory whose listing names its children (subdirectories with a trailing "/").
type tree map[string]string

// buildTree turns an instance description into the paths EC2 serves below /latest/.
func buildTree(in *Instance) tree {
	t := tree{}
	md := "meta-data/"
	t[md+"ami-id"] = in.AMIID
	t[md+"instance-id"] = in.InstanceID
	t[md+"instance-type"] = in.InstanceType
	t[md+"hostname"] = in.Hostname
	t[md+"local-hostname"] = in.LocalHostname
	t[md+"local-ipv4"] = in.LocalIPv4
	t[md+"mac"] = in.MAC
	t[md+"placement/region"] = in.Region
	t[md+"placement/availability-zone"] = in.AvailabilityZone
	t[md+"services/domain"] = "amazonaws.com"
	t[md+"services/partition"] = "aws"
	if in.PublicIPv4 != "" {
		t[md+"public-ipv4"] = in.PublicIPv4
	}
	mac := md + "network/interfaces/macs/" + in.MAC + "/"
	t[mac+"mac"] = in.MAC
	t[mac+"local-ipv4s"] = in.LocalIPv4
	t[mac+"device-number"] = "0"
	for i, k := range in.PublicKeys {
		t[md+"public-keys/"+strconv.Itoa(i)+"/openssh-key"] = k.OpenSSHKey
	}
	if in.IAM != nil {
		cred, _ := json.MarshalIndent(map[string]string{
			"Code":            "Success",
			"LastUpdated":     "2026-01-01T00:00:00Z",
			"Type":            "AWS-HMAC",
			"AccessKeyId":     in.IAM.AccessKeyID,
			"SecretAccessKey": in.IAM.SecretAccessKey,
			"Token":           in.IAM.Token,
			"Expiration":      in.IAM.Expiration,
		}, "", "  ")
		t[md+"iam/security-credentials/"+in.IAM.Role] = string(cred)
		info, _ := json.MarshalIndent(map[string]string{
			"Code":               "Success",
			"LastUpdated":        "2026-01-01T00:00:00Z",
			"InstanceProfileArn": "arn:aws:iam::" + in.AccountID + ":instance-profile/" + in.IAM.Role,
			"InstanceProfileId":  "AIPA0000000000000000",
		}, "", "  ")
		t[md+"iam/info"] = string(info)
	}
	if in.MetadataTags {
		for k, v := range in.Tags {
			t[md+"tags/instance/"+k] = v
		}
	}
	doc, _ := json.MarshalIndent(map[string]any{
		"accountId":        in.AccountID,
		"architecture":     in.Architecture,
		"availabilityZone": in.AvailabilityZone,
		"imageId":          in.AMIID,
		"instanceId":       in.InstanceID,
		"instanceType":     in.InstanceType,
		"privateIp":        in.LocalIPv4,
		"region":           in.Region,
		"version":          "2017-09-30",
		"pendingTime":      "2026-01-01T00:00:00Z",
	}, "", "  ")
	t["dynamic/instance-identity/document"] = string(doc)
	if in.UserData != nil {
		t["user-data"] = *in.UserData
	}
	return t
}

// lookup answers a path below /latest/: a leaf's content, or a directory listing.
// The public-keys directory lists "0=name" like EC2. ok is false for absent paths.
func (t tree) lookup(p string, in *Instance) (string, bool) {
	if v, ok := t[p]; ok && !strings.HasSuffix(p, "/") {
		return v, true
	}
	dir := p
	if dir != "" && !strings.HasSuffix(dir, "/") {
		dir += "/"
	}
	if dir == "meta-data/public-keys/" && len(in.PublicKeys) > 0 {
		var lines []string
		for i, k := range in.PublicKeys {
			lines = append(lines, strconv.Itoa(i)+"="+k.Name)
		}
		return strings.Join(lines, "\n"), true
	}
	seen := map[string]bool{}
	for k := range t {
		if !strings.HasPrefix(k, dir) {
			continue
		}
		rest := k[len(dir):]
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			rest = rest[:i+1]
		}
		seen[rest] = true
	}
	if len(seen) == 0 {
		return "", false
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, "\n"), true
}
