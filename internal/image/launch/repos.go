package launch

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// RepoAddr is where the guest reaches the host's repositories (a guestfwd, like the IMDS).
const RepoAddr = "169.254.169.253:80"

// repoBaseURL is the guest's base URL of a served repository folder: the folder itself
// when it has repodata, else RELEASEVER/BASEARCH below it (out/repos as `nimbus build`
// lays it out).
func repoBaseURL(dir string) (string, error) {
	if _, err := os.Stat(filepath.Join(dir, "repodata", "repomd.xml")); err == nil {
		return "http://" + strings.TrimSuffix(RepoAddr, ":80") + "/", nil
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "*", "*", "repodata", "repomd.xml")); len(m) > 0 {
		return "http://" + strings.TrimSuffix(RepoAddr, ":80") + "/$releasever/$basearch/", nil
	}
	return "", fmt.Errorf("launch: %s is not a repository (no repodata/repomd.xml in it or in RELEASEVER/ARCH below it)", dir)
}

// WithRepo returns user-data that first points the guest's package manager at the
// host's repository (a cloud-config part replacing /etc/yum.repos.d/nimbus.repo) and
// then carries the user's own user-data unchanged, as a MIME multi-part document.
func WithRepo(userData []byte, baseURL string) []byte {
	const boundary = "==NIMBUS-RUN-REPO=="
	var b bytes.Buffer
	fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=%q\nMIME-Version: 1.0\n\n--%s\n", boundary, boundary)
	b.WriteString("Content-Type: text/cloud-config; charset=\"us-ascii\"\n\n#cloud-config\nwrite_files:\n  - path: /etc/yum.repos.d/nimbus.repo\n    permissions: '0644'\n    content: |\n")
	for _, l := range []string{"[nimbus]", "name=Nimbus Linux $releasever - $basearch (the host's repository, via nimbus run)",
		"baseurl=" + baseURL, "enabled=1", "gpgcheck=1", "repo_gpgcheck=0", "gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-nimbus", "metadata_expire=0"} {
		b.WriteString("      " + l + "\n")
	}
	if len(userData) > 0 {
		fmt.Fprintf(&b, "--%s\n", boundary)
		s := string(userData)
		switch {
		case strings.HasPrefix(strings.ToLower(s), "content-type:") || strings.HasPrefix(strings.ToLower(s), "mime-version:"):
			// Already MIME: its own headers head the part.
		case strings.HasPrefix(s, "#cloud-config"):
			b.WriteString("Content-Type: text/cloud-config; charset=\"us-ascii\"\n\n")
		case strings.HasPrefix(s, "#!"):
			b.WriteString("Content-Type: text/x-shellscript; charset=\"us-ascii\"\n\n")
		default:
			b.WriteString("Content-Type: text/plain; charset=\"us-ascii\"\n\n")
		}
		b.WriteString(s)
		if !strings.HasSuffix(s, "\n") {
			b.WriteString("\n")
		}
	}
	fmt.Fprintf(&b, "--%s--\n", boundary)
	return b.Bytes()
}
