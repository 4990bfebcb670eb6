package provision

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"strings"
	"testing"
)

func gz(t testing.TB, s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

const mimeUserData = `Content-Type: multipart/mixed; boundary="==BOUNDARY=="
MIME-Version: 1.0

--==BOUNDARY==
Content-Type: text/cloud-config; charset="us-ascii"
MIME-Version: 1.0
Content-Transfer-Encoding: 7bit
Content-Disposition: attachment; filename="cloud-config.txt"

#cloud-config
runcmd:
  - echo one

--==BOUNDARY==
Content-Type: text/x-shellscript; charset="us-ascii"
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="hello.sh"

` + "IyEvYmluL3NoCmVjaG8gaGVsbG8K" + `

--==BOUNDARY==
Content-Type: text/plain
Content-Transfer-Encoding: quoted-printable

#cloud-config
hostname: from-q=
p
--==BOUNDARY==--
`

func TestSplitUserData(t *testing.T) {
	parts, err := SplitUserData([]byte(mimeUserData))
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) != 3 {
		t.Fatalf("%d parts: %+v", len(parts), parts)
	}
	if parts[0].Kind != KindCloudConfig || parts[1].Kind != KindScript || parts[1].Filename != "hello.sh" ||
		string(parts[1].Body) != "#!/bin/sh\necho hello\n" || parts[2].Kind != KindCloudConfig || !strings.Contains(string(parts[2].Body), "from-qp") {
		t.Fatalf("parts %+v", parts)
	}
	// The whole payload gzipped, as EC2 users do to fit 16 KiB.
	parts, err = SplitUserData(gz(t, mimeUserData))
	if err != nil || len(parts) != 3 {
		t.Fatalf("gzip: %v %d", err, len(parts))
	}
	for _, tc := range []struct {
		in   string
		kind string
	}{{"#!/bin/bash\necho", KindScript}, {"#cloud-config\n{}", KindCloudConfig}, {"#cloud-boothook\necho", KindBoothook},
		{"#include\nhttp://x", KindInclude}, {"just text", KindUnknown}} {
		p, err := SplitUserData([]byte(tc.in))
		if err != nil || len(p) != 1 || p[0].Kind != tc.kind {
			t.Errorf("%q: %v %+v", tc.in, err, p)
		}
	}
	if p, err := SplitUserData([]byte("  \n")); err != nil || p != nil {
		t.Errorf("empty: %v %v", p, err)
	}
	nested := "Content-Type: multipart/mixed; boundary=a\n\n--a\nContent-Type: application/x-gzip\nContent-Transfer-Encoding: base64\n\n" +
		base64.StdEncoding.EncodeToString(gz(t, "#!/bin/sh\necho gz\n")) + "\n--a--\n"
	p, err := SplitUserData([]byte(nested))
	if err != nil || len(p) != 1 || p[0].Kind != KindScript {
		t.Fatalf("gzip part: %v %+v", err, p)
	}
	if _, err := SplitUserData([]byte{0x1f, 0x8b, 0, 0}); err == nil {
		t.Fatal("broken gzip accepted")
	}
}

func TestParseCloudConfig(t *testing.T) {
	c, err := ParseCloudConfig([]byte(`#cloud-config
hostname: web-1
fqdn: web-1.example.com
users:
  - default
  - name: alice
    groups: [wheel, docker]
    sudo: ALL=(ALL) NOPASSWD:ALL
    shell: /bin/sh
    ssh_authorized_keys: [ssh-ed25519 AAAA alice]
ssh_authorized_keys:
  - ssh-ed25519 BBBB extra
write_files:
  - path: /etc/motd
    content: hello
    permissions: '0600'
    owner: alice:alice
  - path: /etc/x.b64
    encoding: b64
    content: aGk=
    append: true
bootcmd: [echo boot]
runcmd:
  - [touch, /tmp/a b]
  - echo two
packages: [htop, [nginx, 1.24]]
package_update: true
timezone: Europe/Paris
growpart: {mode: "off"}
mounts: [[/dev/vdb, /data]]
apt: {primary: x}
snap: {}
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Hostname != "web-1" || c.FQDN != "web-1.example.com" || !c.DefaultUser || len(c.Users) != 1 {
		t.Fatalf("%+v", c)
	}
	u := c.Users[0]
	if u.Name != "alice" || len(u.Groups) != 2 || u.Sudo[0] != "ALL=(ALL) NOPASSWD:ALL" || !u.LockPasswd || len(u.SSHAuthorizedKeys) != 1 {
		t.Fatalf("user %+v", u)
	}
	if len(c.WriteFiles) != 2 || c.WriteFiles[0].Permissions != 0o600 || c.WriteFiles[1].Permissions != 0o644 || !c.WriteFiles[1].Append {
		t.Fatalf("write_files %+v", c.WriteFiles)
	}
	if len(c.RunCmd) != 2 || c.RunCmd[0].Argv[1] != "/tmp/a b" || c.RunCmd[1].Shell != "echo two" {
		t.Fatalf("runcmd %+v", c.RunCmd)
	}
	if strings.Join(c.Packages, ",") != "htop,nginx-1.24" || !c.PackageUpdate || c.Timezone != "Europe/Paris" || c.GrowpartMode != "off" {
		t.Fatalf("%+v", c)
	}
	if strings.Join(c.Unknown, ",") != "apt,snap" {
		t.Fatalf("unknown %q", c.Unknown)
	}
	if s := shellScript(c.RunCmd); s != "#!/bin/sh\ntouch '/tmp/a b'\necho two\n" {
		t.Fatalf("script %q", s)
	}
	// Type errors of known keys are warnings, not failures; bad YAML is an error.
	c, err = ParseCloudConfig([]byte("#cloud-config\nruncmd: {a: 1}\nhostname: ok\n"))
	if err != nil || len(c.Warnings) != 1 || c.Hostname != "ok" {
		t.Fatalf("warnings: %v %+v", err, c)
	}
	if _, err := ParseCloudConfig([]byte("#cloud-config\n: : :\n  - [")); err == nil {
		t.Fatal("bad YAML accepted")
	}
}

func TestDecodeContent(t *testing.T) {
	enc := base64.StdEncoding.EncodeToString(gz(t, "zipped"))
	for _, tc := range []struct{ content, enc, want string }{
		{"plain", "", "plain"}, {"cGxhaW4=", "b64", "plain"}, {enc, "gz+b64", "zipped"}, {enc, "gzip+base64", "zipped"},
	} {
		got, err := DecodeContent(tc.content, tc.enc)
		if err != nil || string(got) != tc.want {
			t.Errorf("%s: %q %v", tc.enc, got, err)
		}
	}
}

func TestNoCloudParsing(t *testing.T) {
	c, err := ParseNoCloudCmdline("console=ttyS0 ds=nocloud;i=iid-1;h=box;s=file:///seed/ quiet")
	if err != nil || !c.Present || c.InstanceID != "iid-1" || c.Hostname != "box" || c.SeedFrom != "/seed/" {
		t.Fatalf("%+v %v", c, err)
	}
	if _, err := ParseNoCloudCmdline("ds=nocloud;s=http://example.com/"); err == nil {
		t.Fatal("network seed accepted")
	}
	d, err := ParseNoCloudMeta([]byte("instance-id: i-9\nlocal-hostname: h\npublic-keys:\n  k1: ssh-ed25519 AAA a\n"))
	if err != nil || d.InstanceID != "i-9" || len(d.PublicKeys) != 1 {
		t.Fatalf("%+v %v", d, err)
	}
}
