package cli

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/nimbus-linux/nimbus/internal/s3store/s3test"
)

// TestReleaseS3: `nimbus release publish --to s3://` (with two mirrors), `release list`,
// `release mirror` to a second bucket, `release check`; nimbus installs release A and
// upgrades to B from the bucket's HTTP endpoint; with metalink= nimbus and the real dnf
// refuse a mirror whose repomd.xml disagrees with the metalink and use the other one;
// with no good mirror nimbus fails naming the metalink; recall and key renewal on S3.
func TestReleaseS3(t *testing.T) {
	srv := s3test.Start(t, "rel-one", "rel-two")
	srv.PublicRead(t, "rel-one")
	srv.PublicRead(t, "rel-two")
	env := srv.Env()
	s3args := []string{"--s3-endpoint", srv.URL}
	keyDir := t.TempDir()
	key := filepath.Join(keyDir, "release")
	mustCLI(t, nil, "key", "generate", "--algorithm", "ed25519", "-o", key)
	http1, http2 := srv.URL+"/rel-one/al", srv.URL+"/rel-two/al"
	now := time.Now().Unix()
	for i, v := range []string{relA, relB} {
		e := maps.Clone(env)
		e["SOURCE_DATE_EPOCH"] = fmt.Sprint(now - int64(2-i)*86400)
		out := mustCLI(t, e, append([]string{"release", "publish", "--version", v, "--from", releasePackages(t, v, fmt.Sprint(i+1)), "--arch", "x86_64",
			"--to", "s3://rel-one/al", "--key", key + ".key", "--mirror", http1, "--mirror", http2}, s3args...)...)
		t.Logf("publish %s: %s", v, out)
		if i == 1 && !strings.Contains(out, "3 packages, 2 new") {
			t.Errorf("publishing %s: %s (bar should be shared)", v, out)
		}
	}
	if out := mustCLI(t, env, append([]string{"release", "list", "s3://rel-one/al"}, s3args...)...); !strings.Contains(out, relA) || !strings.Contains(out, relB) {
		t.Errorf("release list:\n%s", out)
	}
	out := mustCLI(t, env, append([]string{"release", "mirror", "--from", "s3://rel-one/al", "--to", "s3://rel-two/al"}, s3args...)...)
	t.Logf("mirror: %s", out)
	for _, b := range []string{"rel-one", "rel-two"} {
		if out := mustCLI(t, env, append([]string{"release", "check", "s3://" + b + "/al"}, s3args...)...); !strings.Contains(out, "none missing") {
			t.Errorf("check %s: %s", b, out)
		}
	}
	// Packages in the mirror are server-side copies: the blobs' bytes were put once.
	nimbusRoot := func(repo string) *releaseRoot {
		root := t.TempDir()
		os.MkdirAll(filepath.Join(root, "etc/yum.repos.d"), 0o755)
		os.WriteFile(filepath.Join(root, "etc/yum.repos.d/nimbus.repo"), []byte("[nimbus]\nname=Nimbus $releasever\n"+repo+
			"gpgcheck=0\nrepo_gpgcheck=1\ngpgkey=file://"+key+".pub\nrelease_index="+http1+"/index.json\nmetadata_expire=0\n"), 0o644)
		return &releaseRoot{t: t, rel: "", key: key, root: root}
	}
	r := nimbusRoot("baseurl=" + http1 + "/$releasever/$basearch/\n")
	r.must("-y", "--releasever="+relA, "install", "system-release", "foo", "bar")
	if r.version() != "1" {
		t.Fatalf("foo %q after installing release A from %s", r.version(), http1)
	}
	r.must("-y", "--releasever="+relB, "upgrade")
	if r.version() != "2" {
		t.Fatalf("foo %q after upgrading to B from %s", r.version(), http1)
	}

	// Instances upload their status reports to a bucket prefix; fleet report reads it.
	os.MkdirAll(filepath.Join(r.root, "etc/nimbus"), 0o755)
	os.WriteFile(filepath.Join(r.root, "etc/nimbus/automatic.conf"), []byte("[fleet]\ninstance_id = i-0aaa\n"), 0o644)
	if _, errs, err := runCLI(t, env, append([]string{"--installroot", r.root, "status", "--upload", "s3://rel-two/reports/"}, s3args...)...); err != nil {
		t.Fatalf("status --upload: %v %s", err, errs)
	}
	r2 := nimbusRoot("baseurl=" + http2 + "/$releasever/$basearch/\n")
	r2.must("-y", "--releasever="+relA, "install", "system-release", "foo", "bar")
	os.MkdirAll(filepath.Join(r2.root, "etc/nimbus"), 0o755)
	os.WriteFile(filepath.Join(r2.root, "etc/nimbus/automatic.conf"), []byte("[fleet]\ninstance_id = i-0bbb\n"), 0o644)
	if _, errs, err := runCLI(t, env, append([]string{"--installroot", r2.root, "status", "--upload", "s3://rel-two/reports/", "--json"}, s3args...)...); err != nil {
		t.Fatalf("status --upload: %v %s", err, errs)
	}
	out = mustCLI(t, env, append([]string{"fleet", "report", "s3://rel-two/reports/"}, s3args...)...)
	t.Logf("fleet report from the bucket:\n%s", out)
	if !strings.Contains(out, "2 instances: 2 up to date") || !strings.Contains(out, "i-0aaa") || !strings.Contains(out, "i-0bbb") {
		t.Errorf("fleet report from s3:\n%s", out)
	}

	// Mirror one lags: its B/x86_64/repodata/repomd.xml is A's (validly signed, older).
	cl := srv.Client()
	ctx := context.Background()
	get := func(b, k string) []byte {
		o, err := cl.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(k)})
		if err != nil {
			t.Fatal(err)
		}
		defer o.Body.Close()
		var buf bytes.Buffer
		buf.ReadFrom(o.Body)
		return buf.Bytes()
	}
	put := func(b, k string, data []byte) {
		if _, err := cl.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(k), Body: bytes.NewReader(data)}); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"repomd.xml", "repomd.xml.asc"} {
		put("rel-one", "al/"+relB+"/x86_64/repodata/"+f, get("rel-one", "al/"+relA+"/x86_64/repodata/"+f))
	}
	var logs bytes.Buffer
	m := nimbusRoot("metalink=" + http1 + "/$releasever/$basearch/metalink.xml\n")
	o, errs, err := m.pm("-y", "--releasever="+relB, "install", "system-release", "foo", "bar")
	logs.WriteString(o + errs)
	if err != nil {
		t.Fatalf("install with metalink: %v\n%s", err, logs.String())
	}
	if m.version() != "2" || !strings.Contains(logs.String(), "does not match the metalink") {
		t.Errorf("metalink failover: foo %q\n%s", m.version(), logs.String())
	}
	t.Run("dnf", func(t *testing.T) { dnfMetalink(t, http1+"/"+relB+"/x86_64/metalink.xml", key+".pub") })
	// Both mirrors lag: refused.
	for _, f := range []string{"repomd.xml", "repomd.xml.asc"} {
		put("rel-two", "al/"+relB+"/x86_64/repodata/"+f, get("rel-two", "al/"+relA+"/x86_64/repodata/"+f))
	}
	bad := nimbusRoot("metalink=" + http1 + "/$releasever/$basearch/metalink.xml\n")
	_, _, err = bad.pm("-y", "--releasever="+relB, "install", "foo")
	t.Logf("no good mirror: %v", err)
	if err == nil || !strings.Contains(err.Error(), "no mirror of") || !strings.Contains(err.Error(), "metalink.xml") {
		t.Errorf("no good mirror: %v", err)
	}

	// Recall and key renewal on S3.
	out = mustCLI(t, env, append([]string{"release", "recall", "--to", "s3://rel-one/al", "--version", relB, "--reason", "foo 2 is broken", "--key", key + ".key"}, s3args...)...)
	if !strings.Contains(out, "latest is "+relA) {
		t.Errorf("recall on s3: %s", out)
	}
	if out := mustCLI(t, env, append([]string{"release", "keys", "--to", "s3://rel-one/al", "--key", key + ".key"}, s3args...)...); !strings.Contains(out, "index serial 4") {
		t.Errorf("keys on s3: %s", out)
	}
	if out := mustCLI(t, env, append([]string{"release", "list", "s3://rel-one/al"}, s3args...)...); !strings.Contains(out, "RECALLED") {
		t.Errorf("list after recall:\n%s", out)
	}
	if out := r.must("check-release-update", "--refresh"); strings.Contains(out, "dnf upgrade --releasever="+relB) {
		t.Errorf("check-release-update offers the recalled release:\n%s", out)
	}
	// Bad input through the CLI.
	for _, c := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{env, []string{"release", "list", "s3://no-such-bucket/al"}, "bucket no-such-bucket does not exist"},
		{env, []string{"release", "list", "s3://rel-one/nothing"}, "no release index"},
		{env, []string{"release", "mirror", "--from", "s3://rel-one/al", "--to", "/tmp/x"}, "must be s3:// URLs"},
	} {
		_, _, err := runCLI(t, c.env, append(c.args, s3args...)...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.args, err, c.want)
		}
	}
}

// dnfMetalink: the real dnf reads the metalink, refuses the lagging first mirror and
// installs release B's foo from the second.
func dnfMetalink(t *testing.T, metalink, keyFile string) {
	dnf := needTool(t, "dnf")
	root, home := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(home, ".rpmmacros"), []byte("%_dbpath /var/lib/rpm\n%__gpg /usr/bin/gpg\n"), 0o644)
	reposd := filepath.Join(t.TempDir(), "repos")
	os.MkdirAll(reposd, 0o755)
	os.WriteFile(filepath.Join(reposd, "nimbus.repo"), []byte("[nimbus]\nname=Nimbus\nmetalink="+metalink+"\ngpgcheck=0\nrepo_gpgcheck=1\ngpgkey=file://"+keyFile+"\n"), 0o644)
	cmd := exec.Command(dnf, "-y", "--noplugins", "--installroot", root, "--forcearch", "x86_64", "--setopt=reposdir="+reposd,
		"--setopt=cachedir="+filepath.Join(root, "cache"), "--releasever="+relB, "install", "foo")
	cmd.Env = append(os.Environ(), "HOME="+home)
	out, err := cmd.CombinedOutput()
	t.Logf("dnf with the metalink:\n%s", out)
	if err != nil {
		t.Fatalf("dnf install with metalink: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(root, "usr/share/foo/version")); string(b) != "2" {
		t.Errorf("dnf installed foo %q from the metalink's mirrors, want release B's 2", b)
	}
	q, err := exec.Command("rpm", "--root", root, "--dbpath", "/var/lib/rpm", "-q", "foo").CombinedOutput()
	if err != nil || !strings.HasPrefix(string(q), "foo-2-1") {
		t.Errorf("rpm -q foo: %s %v", q, err)
	}
}
