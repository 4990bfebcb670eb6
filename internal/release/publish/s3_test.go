package publish

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/s3store"
	"github.com/nimbus-linux/nimbus/internal/s3store/s3test"
)

const bucket = "nimbus-releases"

func openStore(t *testing.T, srv *s3test.Server, o s3store.Options) *s3store.Store {
	t.Helper()
	env := srv.Env()
	o.Endpoint = srv.URL
	o.Getenv = func(k string) string { return env[k] }
	o.MaxBackoff = 50 * time.Millisecond
	st, err := s3store.Open(context.Background(), "s3://"+bucket+"/al", o)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func blobPuts(puts []string) int {
	n := 0
	for _, p := range puts {
		if strings.Contains(p, "/blobs/") {
			n++
		}
	}
	return n
}

func mustCheckStore(t *testing.T, st *s3store.Store, wantReleases int) {
	t.Helper()
	missing, checked, err := CheckStore(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	if len(missing) > 0 {
		t.Fatalf("the index points at missing objects: %v", missing)
	}
	// per release and arch: repomd.xml, its signature, 3-4 metadata files, 3 packages
	if checked < wantReleases*8 {
		t.Fatalf("only %d references checked for %d releases", checked, wantReleases)
	}
	t.Logf("%d references from the index checked, none missing", checked)
}

// TestPublishS3 publishes to a real S3-compatible server (versitygw on loopback): two
// releases (the second uploads only its 2 new blobs), dnf 4.14 installs from the
// bucket's HTTP endpoint, a publication cut off midway leaves an index that points only
// at existing objects and resumes, a throttled store and a store without conditional
// puts still get a complete release, and nothing is ever overwritten.
func TestPublishS3(t *testing.T) {
	srv := s3test.Start(t, bucket)
	srv.PublicRead(t, bucket)
	s := signer(t)
	ctx := context.Background()
	var log bytes.Buffer
	st := openStore(t, srv, s3store.Options{Log: &log})
	pub := func(ctx context.Context, st *s3store.Store, v, foo string, at time.Time) (*S3Result, error) {
		return PublishS3(ctx, S3Options{Options: Options{Version: v, From: source(t, v, foo), Signer: s, Time: at}, Store: st, Jobs: 4, Log: &log})
	}
	a, err := pub(ctx, st, vA, "1.0", at)
	if err != nil {
		t.Fatal(err)
	}
	if a.New["x86_64"] != 3 || blobPuts(srv.Proxy.Puts()) != 3 {
		t.Errorf("release A: %d new, %d blob PUTs; want 3, 3", a.New["x86_64"], blobPuts(srv.Proxy.Puts()))
	}
	srv.Proxy.Reset()
	b, err := pub(ctx, st, vB, "2.0", at.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	puts := srv.Proxy.Puts()
	t.Logf("release B: %d PUT requests (%d to blobs/): %d blobs, %d objects written, %d skipped", len(puts), blobPuts(puts), b.Blobs, b.Objects, b.Skipped)
	if b.New["x86_64"] != 2 || blobPuts(puts) != 2 || b.Blobs != 2 {
		t.Errorf("release B: %d new, %d blob PUTs, %d blobs; want 2 (bar's blob is shared)", b.New["x86_64"], blobPuts(puts), b.Blobs)
	}
	mustCheckStore(t, st, 2)
	if _, err := pub(ctx, st, vB, "2.0", at.Add(time.Hour)); err == nil || !strings.Contains(err.Error(), "already published") {
		t.Errorf("publishing %s again: %v", vB, err)
	}

	t.Run("dnf", func(t *testing.T) { dnfFromBucket(t, srv.URL+"/"+bucket+"/al", s) })

	// Cut off after 9 writes (the record, blobs, copies, part of the metadata): the index is untouched and
	// consistent; running again resumes and completes.
	const vC = "2026.11.20261101"
	srcC := source(t, vC, "3.0")
	cctx, cancel := context.WithCancel(ctx)
	srv.Proxy.Reset()
	srv.Proxy.CutAfter(9, cancel)
	_, err = PublishS3(cctx, S3Options{Options: Options{Version: vC, From: srcC, Signer: s, Time: at.Add(2 * time.Hour)}, Store: st, Jobs: 1})
	cancel()
	t.Logf("publication cut off after 9 PUTs: %v", err)
	if err == nil {
		t.Fatal("a publication cut off midway reported success")
	}
	srv.Proxy.Reset()
	mustCheckStore(t, st, 2)
	if x, _ := LoadIndexS3(ctx, st); x.Find(vC) != nil {
		t.Fatal("the index lists a release whose upload was cut off")
	}
	// Resumed with another time: the record's time wins, the metadata is identical.
	c, err := PublishS3(ctx, S3Options{Options: Options{Version: vC, From: srcC, Signer: s, Time: at.Add(5 * time.Hour)}, Store: st, Jobs: 4})
	if err != nil {
		t.Fatal(err)
	}
	if !c.Resumed || c.Skipped == 0 {
		t.Errorf("resumed publication: resumed=%v, %d skipped", c.Resumed, c.Skipped)
	}
	mustCheckStore(t, st, 3)

	// A throttled store: 6 requests answered 503 SlowDown, retried with backoff.
	const vD = "2026.12.20261201"
	srv.Proxy.Reset()
	srv.Proxy.Throttle(6)
	if _, err := pub(ctx, st, vD, "4.0", at.Add(6*time.Hour)); err != nil {
		t.Fatalf("throttled store: %v", err)
	}
	if srv.Proxy.Throttled() < 6 {
		t.Errorf("only %d requests throttled", srv.Proxy.Throttled())
	}
	mustCheckStore(t, st, 4)

	// A store without conditional puts: auto falls back to HEAD checks (and says so);
	// "on" refuses.
	const vE, vF = "2027.1.20270101", "2027.2.20270201"
	srv.Proxy.Reset()
	srv.Proxy.NoConditional(true)
	strict := openStore(t, srv, s3store.Options{Conditional: s3store.CondOn})
	if _, err := pub(ctx, strict, vE, "5.0", at.Add(7*time.Hour)); err == nil || !strings.Contains(err.Error(), "does not support conditional puts") {
		t.Errorf("conditional puts required on a store without them: %v", err)
	}
	mustCheckStore(t, st, 4)
	log.Reset()
	fallback := openStore(t, srv, s3store.Options{Log: &log})
	if _, err := pub(ctx, fallback, vE, "5.0", at.Add(7*time.Hour)); err != nil {
		t.Fatalf("store without conditional puts: %v", err)
	}
	if !strings.Contains(log.String(), "falling back to a HEAD check") {
		t.Errorf("no notice of the fallback:\n%s", log.String())
	}
	mustCheckStore(t, st, 5)
	srv.Proxy.Reset()

	// A half-uploaded release whose objects differ from what is being published (other
	// packages under the same version): refused, index untouched.
	st.PutNew(ctx, vF+"/"+RecordFile, strings.NewReader(`{"version":"`+vF+`","time":"2026-10-01T09:00:00Z"}`), "application/json")
	st.PutNew(ctx, vF+"/x86_64/repodata/repomd.xml", strings.NewReader("<repomd/>"), "application/xml")
	_, err = pub(ctx, st, vF, "6.0", at.Add(9*time.Hour))
	t.Logf("half-uploaded release with other content: %v", err)
	if err == nil || !errors.Is(err, s3store.ErrConflict) {
		t.Errorf("half-uploaded release with other content: %v", err)
	}
	mustCheckStore(t, st, 5)
}

// dnfFromBucket: the real dnf 4.14 installs release A and upgrades to B from the bucket's
// plain HTTP endpoint (anonymous GETs, repo_gpgcheck on).
func dnfFromBucket(t *testing.T, base string, s interface{ ArmoredPublicKey() ([]byte, error) }) {
	dnf, err := exec.LookPath("dnf")
	if err != nil {
		t.Fatal("dnf is not installed; run scripts/setup.sh")
	}
	pub, _ := s.ArmoredPublicKey()
	keyFile := filepath.Join(t.TempDir(), "key.asc")
	os.WriteFile(keyFile, pub, 0o644)
	root, home := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(home, ".rpmmacros"), []byte("%_dbpath /var/lib/rpm\n%__gpg /usr/bin/gpg\n"), 0o644)
	reposd := filepath.Join(t.TempDir(), "repos")
	os.MkdirAll(reposd, 0o755)
	os.WriteFile(filepath.Join(reposd, "nimbus.repo"), []byte("[nimbus]\nname=Nimbus $releasever\nbaseurl="+base+"/$releasever/$basearch/\ngpgcheck=0\nrepo_gpgcheck=1\ngpgkey=file://"+keyFile+"\nmetadata_expire=0\n"), 0o644)
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command(dnf, append([]string{"-y", "--noplugins", "--installroot", root, "--forcearch", "x86_64", "--setopt=reposdir=" + reposd,
			"--setopt=cachedir=" + filepath.Join(root, "cache"), "--setopt=rpmverbosity=error"}, args...)...)
		cmd.Env = append(os.Environ(), "HOME="+home)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("dnf %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	foo := func() string { b, _ := os.ReadFile(filepath.Join(root, "usr/share/foo/version")); return string(b) }
	run("--releasever="+vA, "install", "foo", "bar", "system-release")
	if foo() != "1.0" {
		t.Fatalf("dnf install from %s: foo %q, want 1.0", base, foo())
	}
	run("--releasever="+vB, "upgrade")
	if foo() != "2.0" {
		t.Fatalf("dnf upgrade --releasever=%s: foo %q, want 2.0", vB, foo())
	}
	out, err := exec.Command("rpm", "--root", root, "--dbpath", "/var/lib/rpm", "-q", "foo").CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), "foo-2.0-1") {
		t.Errorf("rpm -q foo in the root: %s %v", out, err)
	}
}

// TestS3BadInput: missing credentials and a missing bucket are named with what to do.
func TestS3BadInput(t *testing.T) {
	srv := s3test.Start(t, bucket)
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_ACCESS_KEY_ID", "")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "")
	t.Setenv("AWS_PROFILE", "")
	empty := func(string) string { return "" }
	_, err := s3store.Open(context.Background(), "s3://"+bucket+"/x", s3store.Options{Endpoint: srv.URL, Getenv: empty})
	if err == nil || !strings.Contains(err.Error(), "no AWS credentials") || !strings.Contains(err.Error(), "AWS_ACCESS_KEY_ID") {
		t.Errorf("without credentials: %v", err)
	}
	env := srv.Env()
	get := func(k string) string { return env[k] }
	_, err = s3store.Open(context.Background(), "s3://no-such-bucket/x", s3store.Options{Endpoint: srv.URL, Getenv: get})
	if err == nil || !strings.Contains(err.Error(), "bucket no-such-bucket does not exist") {
		t.Errorf("missing bucket: %v", err)
	}
	env["AWS_SECRET_ACCESS_KEY"] = "wrong-secret-1234"
	_, err = s3store.Open(context.Background(), "s3://"+bucket+"/x", s3store.Options{Endpoint: srv.URL, Getenv: get})
	if err == nil || !strings.Contains(err.Error(), "denied") {
		t.Errorf("wrong secret: %v", err)
	}
	for _, u := range []string{"http://x/y", "s3://A_B/x", "s3://ok-bucket/../x", "s3://"} {
		if _, _, err := s3store.ParseURL(u); err == nil {
			t.Errorf("ParseURL(%q) accepted", u)
		}
	}
}
