package launch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/provision"
)

// TestWithRepo checks the wrapped user-data with the first-boot agent's own parser.
func TestWithRepo(t *testing.T) {
	for _, ud := range []string{"", "#!/bin/sh\necho hi\n", "#cloud-config\nruncmd: [[echo, hi]]\n",
		"Content-Type: multipart/mixed; boundary=\"XX\"\nMIME-Version: 1.0\n\n--XX\nContent-Type: text/x-shellscript\n\n#!/bin/sh\necho inner\n--XX--\n"} {
		parts, err := provision.SplitUserData(WithRepo([]byte(ud), "http://169.254.169.253/$releasever/$basearch/"))
		if err != nil {
			t.Fatalf("%q: %v", ud, err)
		}
		if len(parts) == 0 || parts[0].Kind != provision.KindCloudConfig || !strings.Contains(string(parts[0].Body), "baseurl=http://169.254.169.253/$releasever/$basearch/") {
			t.Fatalf("%q: first part %+v", ud, parts)
		}
		cfg, err := provision.ParseCloudConfig(parts[0].Body)
		if err != nil || len(cfg.Unknown) != 0 {
			t.Errorf("repo cloud-config: %v %v", err, cfg)
		}
		want := 1
		if ud != "" {
			want = 2
		}
		if len(parts) != want {
			t.Errorf("%q: %d parts", ud, len(parts))
		}
	}
}

func TestRepoBaseURL(t *testing.T) {
	d := t.TempDir()
	if _, err := repoBaseURL(d); err == nil {
		t.Error("empty folder accepted")
	}
	os.MkdirAll(filepath.Join(d, "2026/x86_64/repodata"), 0o755)
	os.WriteFile(filepath.Join(d, "2026/x86_64/repodata/repomd.xml"), []byte("<repomd/>"), 0o644)
	if u, err := repoBaseURL(d); err != nil || !strings.HasSuffix(u, "/$releasever/$basearch/") {
		t.Errorf("%q %v", u, err)
	}
	if u, err := repoBaseURL(filepath.Join(d, "2026/x86_64")); err != nil || u != "http://169.254.169.253/" {
		t.Errorf("%q %v", u, err)
	}
}

func TestFormatOf(t *testing.T) {
	for in, want := range map[string]string{"a.raw": "raw", "a.QCOW2": "qcow2", "a.vmdk": "vmdk", "a.vhd": "vpc"} {
		if got, err := FormatOf(in); err != nil || got != want {
			t.Errorf("FormatOf(%s) = %s %v", in, got, err)
		}
	}
	if _, err := FormatOf("a.iso"); err == nil {
		t.Error("iso accepted")
	}
}
