package provision

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// hostKeyFiles lists /etc/ssh/ssh_host_* under root with their contents.
func hostKeyFiles(t *testing.T, root string) map[string]string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(root, "etc/ssh/ssh_host_*"))
	out := map[string]string{}
	for _, f := range m {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = string(b)
	}
	return out
}

func keyNames(m map[string]string) []string {
	var n []string
	for k := range m {
		n = append(n, k)
	}
	slices.Sort(n)
	return n
}

// earlyRun runs the early phase as PID 1 does after EarlyHostKeys, recording the host key
// files at the moment EarlySSH is called (what an sshd started then would serve).
func earlyRun(t *testing.T, root, userData string) (atSSH map[string]string, called bool, log string) {
	t.Helper()
	p, _ := testProvider(t, userData)
	var buf bytes.Buffer
	var mu sync.Mutex
	a := &Agent{Root: root, Sys: &recSys{root: root, chowns: map[string][2]int{}}, Provider: p, Log: &buf}
	a.EarlySSH = func() {
		mu.Lock()
		defer mu.Unlock()
		if called {
			t.Error("EarlySSH called twice")
		}
		called = true
		atSSH = hostKeyFiles(t, root)
	}
	s := a.Begin()
	if err := s.Early(context.Background()); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	mu.Lock()
	defer mu.Unlock()
	return atSSH, called, buf.String()
}

func TestEarlyHostKeysKeptWithoutHostKeyConfig(t *testing.T) {
	root := newRoot(t)
	made, err := EarlyHostKeys(root)
	if err != nil || !slices.Equal(made, DefaultHostKeyTypes) {
		t.Fatalf("EarlyHostKeys: %v %v", made, err)
	}
	early := hostKeyFiles(t, root)
	if got := keyNames(early); !slices.Equal(got, []string{"ssh_host_ecdsa_key", "ssh_host_ecdsa_key.pub", "ssh_host_ed25519_key", "ssh_host_ed25519_key.pub"}) {
		t.Fatalf("early keys %v", got)
	}
	if made, _ := EarlyHostKeys(root); len(made) != 0 {
		t.Fatalf("a second call made %v", made)
	}
	atSSH, called, log := earlyRun(t, root, "#cloud-config\nhostname: h\nwrite_files:\n  - path: /etc/motd\n    content: hi\n")
	if !called {
		t.Fatalf("EarlySSH not called\n%s", log)
	}
	final := hostKeyFiles(t, root)
	if !mapsEqual(early, final) || !mapsEqual(atSSH, final) {
		t.Fatalf("host keys changed: early %v, at sshd's start %v, final %v", keyNames(early), keyNames(atSSH), keyNames(final))
	}
	if _, err := os.Stat(filepath.Join(root, "home/ec2-user/.ssh/authorized_keys")); err != nil {
		t.Fatalf("users stage: %v", err)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func TestUserDataHostKeysReplaceEarlyOnes(t *testing.T) {
	priv, pub, err := GenerateHostKey("ed25519", "given")
	if err != nil {
		t.Fatal(err)
	}
	indent := func(b []byte) string {
		return "    " + strings.ReplaceAll(strings.TrimRight(string(b), "\n"), "\n", "\n    ") + "\n"
	}
	ud := "#cloud-config\nssh_keys:\n  ed25519_private: |\n" + indent(priv) + "  ed25519_public: " + strings.TrimSpace(string(pub)) + "\n"
	root := newRoot(t)
	if _, err := EarlyHostKeys(root); err != nil {
		t.Fatal(err)
	}
	atSSH, called, log := earlyRun(t, root, ud)
	if !called {
		t.Fatalf("EarlySSH not called\n%s", log)
	}
	final := hostKeyFiles(t, root)
	want := map[string]string{"ssh_host_ed25519_key": string(priv), "ssh_host_ed25519_key.pub": string(pub)}
	if !mapsEqual(final, want) {
		t.Fatalf("final host keys %v, want exactly the given ed25519 pair\n%s", keyNames(final), log)
	}
	if !mapsEqual(atSSH, want) {
		t.Fatalf("sshd would have started with %v", keyNames(atSSH))
	}
	for f, perm := range map[string]os.FileMode{"ssh_host_ed25519_key": 0o600, "ssh_host_ed25519_key.pub": 0o644} {
		if st, err := os.Stat(filepath.Join(root, "etc/ssh", f)); err != nil || st.Mode().Perm() != perm {
			t.Errorf("%s: %v %v", f, st, err)
		}
	}
	// A second boot of the instance (per-instance stage done) keeps them and makes none.
	atSSH, _, log = earlyRun(t, root, ud)
	if !mapsEqual(hostKeyFiles(t, root), want) || !mapsEqual(atSSH, want) {
		t.Fatalf("second boot changed the host keys: %v\n%s", keyNames(hostKeyFiles(t, root)), log)
	}
}

func TestGenKeyTypesExact(t *testing.T) {
	root := newRoot(t)
	if _, err := EarlyHostKeys(root); err != nil {
		t.Fatal(err)
	}
	early := hostKeyFiles(t, root)
	atSSH, called, log := earlyRun(t, root, "#cloud-config\nssh_genkeytypes: [ed25519]\n")
	final := hostKeyFiles(t, root)
	if got := keyNames(final); !slices.Equal(got, []string{"ssh_host_ed25519_key", "ssh_host_ed25519_key.pub"}) {
		t.Fatalf("host keys %v, want ed25519 only\n%s", got, log)
	}
	if final["ssh_host_ed25519_key"] != early["ssh_host_ed25519_key"] {
		t.Error("the listed type's early key was replaced")
	}
	if !called || !mapsEqual(atSSH, final) {
		t.Fatalf("EarlySSH %v with %v", called, keyNames(atSSH))
	}
}

func TestDeleteKeysReplacesImageKeys(t *testing.T) {
	root := newRoot(t)
	if _, err := EarlyHostKeys(root); err != nil { // stands for keys baked into an image
		t.Fatal(err)
	}
	before := hostKeyFiles(t, root)
	atSSH, _, log := earlyRun(t, root, "#cloud-config\nssh_deletekeys: true\n")
	final := hostKeyFiles(t, root)
	if !slices.Equal(keyNames(final), keyNames(before)) {
		t.Fatalf("host keys %v\n%s", keyNames(final), log)
	}
	for k, v := range before {
		if final[k] == v {
			t.Errorf("%s kept although ssh_deletekeys is true", k)
		}
	}
	if !mapsEqual(atSSH, final) {
		t.Fatal("sshd would have started with other keys than the final ones")
	}
}

func TestSSHWaitsWhenUserDataMayChangeItsConfig(t *testing.T) {
	for _, ud := range []string{
		"#cloud-config\nbootcmd: [\"true\"]\n",
		"#cloud-config\nwrite_files:\n  - path: /etc/ssh/sshd_config.d/50-x.conf\n    content: \"Port 2222\\n\"\n",
		"#cloud-config\nwrite_files:\n  - path: /etc/ssh/sshd_config\n    content: \"PasswordAuthentication no\\n\"\n",
		"#cloud-config\nmounts:\n  - [/dev/vdb, /etc/ssh]\n",
		"#cloud-config\nwrite_files:\n  - path: /etc/default/ssh\n    content: \"SSHD_OPTS=-4\\n\"\n", // the unit's EnvironmentFile
	} {
		root := newRoot(t)
		if _, err := EarlyHostKeys(root); err != nil {
			t.Fatal(err)
		}
		_, called, log := earlyRun(t, root, ud)
		if called {
			t.Errorf("EarlySSH called for %q", ud)
		}
		if !strings.Contains(log, "sshd starts after provisioning") {
			t.Errorf("no reason logged for %q:\n%s", ud, log)
		}
	}
	// A deferred write under /etc/ssh runs after the services in either case.
	root := newRoot(t)
	_, called, log := earlyRun(t, root, "#cloud-config\nwrite_files:\n  - path: /etc/ssh/x\n    content: y\n    defer: true\n")
	if !called {
		t.Errorf("EarlySSH not called with a deferred write_files\n%s", log)
	}
}

func TestSSHKeysParse(t *testing.T) {
	c, err := ParseCloudConfig([]byte("#cloud-config\nssh_deletekeys: false\nssh_keys:\n  rsa_private: a\n  ecdsa_public: b\n  rsa_certificate: c\n  bogus: d\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.SSHDeleteKeys == nil || *c.SSHDeleteKeys || len(c.SSHKeys) != 2 || c.SSHKeys["rsa_private"] != "a" || c.SSHKeys["ecdsa_public"] != "b" {
		t.Fatalf("%+v %v", c.SSHKeys, c.SSHDeleteKeys)
	}
	if len(c.Warnings) != 2 {
		t.Fatalf("warnings %v", c.Warnings)
	}
	if slices.Contains(c.Unknown, "ssh_keys") || slices.Contains(c.Unknown, "ssh_deletekeys") {
		t.Fatalf("unknown %v", c.Unknown)
	}
}
