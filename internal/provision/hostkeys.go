package provision

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/nimbus-linux/nimbus/internal/fsutil"

	"golang.org/x/crypto/ssh"
)

// DefaultHostKeyTypes are generated when cloud-config has no ssh_genkeytypes: Amazon
// Linux 2023's default (its cloud.cfg; "ssh_genkeytypes: [ed25519, ecdsa, rsa]" in
// user-data adds an RSA key, as there). Without RSA no 3072-bit prime search (1-4 s of
// a vCPU under TCG) runs beside the first logins.
var DefaultHostKeyTypes = []string{"ed25519", "ecdsa"}

// GenerateHostKey makes one SSH host key pair: the private key in OpenSSH format and the
// public key line.
func GenerateHostKey(kind, comment string) (priv, pub []byte, err error) {
	var k crypto.Signer
	switch kind {
	case "rsa":
		k, err = rsa.GenerateKey(rand.Reader, 3072)
	case "ecdsa":
		k, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case "ed25519":
		_, k, err = ed25519.GenerateKey(rand.Reader)
	default:
		return nil, nil, fmt.Errorf("unknown host key type %q", kind)
	}
	if err != nil {
		return nil, nil, err
	}
	blk, err := ssh.MarshalPrivateKey(k, comment)
	if err != nil {
		return nil, nil, err
	}
	sp, err := ssh.NewPublicKey(k.Public())
	if err != nil {
		return nil, nil, err
	}
	line := ssh.MarshalAuthorizedKey(sp)
	if comment != "" {
		line = append(line[:len(line)-1], []byte(" "+comment+"\n")...)
	}
	return pem.EncodeToMemory(blk), line, nil
}

// slowHostKey says whether generating a key type takes long enough to hold back the
// boot: RSA 3072 costs 1-4 s under QEMU's TCG (prime search), ed25519 and ecdsa a few
// milliseconds.
func slowHostKey(kind string) bool { return kind == "rsa" }

// hostKeys generates the missing /etc/ssh/ssh_host_*_key pairs of the fast types, in
// parallel, when the image has an /etc/ssh (no sshd, no host keys). The slow RSA key is
// left to hostKeysDeferred, a late stage, so that sshd starts with ed25519 and ecdsa
// keys (it logs that the RSA key is missing and serves the others; each connection's
// re-executed sshd loads the host keys again, so RSA is offered once it exists). When
// no other key would exist, RSA is generated here: sshd refuses to start without keys.
func (r *run) hostKeys(ctx context.Context) error {
	err := r.hostKeysMissing()
	if err == nil { // else sshd starts after provisioning, as before
		r.earlySSH()
	}
	return err
}

func (r *run) hostKeysMissing() error {
	types, ok := r.hostKeyTypes()
	if !ok {
		return nil
	}
	if len(r.cfg.SSHKeys) > 0 {
		// As cloud-init: keys given in user-data are the keys, none are generated; but
		// sshd does not start without a private key, so the defaults are made then.
		if r.anyHostKey() {
			return nil
		}
		r.a.logf("ssh-host-keys: ssh_keys gave no private key, generating %s", strings.Join(DefaultHostKeyTypes, ", "))
		types = DefaultHostKeyTypes
	}
	var now, later []string
	for _, t := range types {
		if slowHostKey(t) {
			later = append(later, t)
		} else {
			now = append(now, t)
		}
	}
	if len(later) > 0 && len(now) == 0 && !r.anyHostKey() {
		now, later = later, nil
	}
	r.deferredKeys = later
	if len(later) > 0 {
		r.a.logf("ssh-host-keys: %s deferred until after the services start", strings.Join(later, ", "))
	}
	return r.genHostKeys(now, false)
}

// hostKeysDeferred generates the slow host keys that hostKeys left, on a thread of the
// lowest CPU priority so that it does not slow logins and user-data down.
func (r *run) hostKeysDeferred(ctx context.Context) error {
	if len(r.deferredKeys) == 0 {
		return nil
	}
	return r.genHostKeys(r.deferredKeys, true)
}

// hostKeyTypes lists the key types to have, or false when the image has no /etc/ssh.
func (r *run) hostKeyTypes() ([]string, bool) {
	dir := r.a.path("etc/ssh")
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		r.a.logf("ssh-host-keys: no /etc/ssh, skipped")
		return nil, false
	}
	if r.cfg.SSHGenKeyTypes != nil {
		return r.cfg.SSHGenKeyTypes, true
	}
	return DefaultHostKeyTypes, true
}

// anyHostKey says whether some /etc/ssh/ssh_host_*_key exists already.
func (r *run) anyHostKey() bool {
	m, _ := filepath.Glob(r.a.path("etc/ssh/ssh_host_*_key"))
	return len(m) > 0
}

// genHostKeys writes the missing keys of types, each in its own goroutine (on a
// low-priority thread when background is set). The public key is written first and each
// file atomically, so that sshd never reads half a key.
func (r *run) genHostKeys(types []string, background bool) error {
	dir := r.a.path("etc/ssh")
	comment := "root@" + r.hostname
	var wg sync.WaitGroup
	errs := make([]error, len(types))
	for i, t := range types {
		p := filepath.Join(dir, "ssh_host_"+t+"_key")
		if _, err := os.Stat(p); err == nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if background {
				runtime.LockOSThread() // never unlocked: the thread ends with the goroutine
				lowerThreadPriority()
			}
			priv, pub, err := GenerateHostKey(t, comment)
			if err == nil {
				err = writeKeyFile(p+".pub", 0o644, pub)
			}
			if err == nil {
				err = writeKeyFile(p, 0o600, priv)
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

func writeKeyFile(p string, perm os.FileMode, b []byte) error {
	return fsutil.WriteFileAtomic(p, perm, func(f *os.File) error {
		_, err := f.Write(b)
		return err
	})
}

// hostKeyFile maps a name of cloud-config's ssh_keys (rsa_private, ed25519_public, ...)
// to its file in /etc/ssh, "" when it names none (certificates are not taken: sshd would
// also need a HostCertificate line).
func hostKeyFile(name string) string {
	t, kind, ok := strings.Cut(name, "_")
	if !ok {
		return ""
	}
	switch t {
	case "rsa", "ecdsa", "ed25519", "dsa":
	default:
		return ""
	}
	switch kind {
	case "private":
		return "ssh_host_" + t + "_key"
	case "public":
		return "ssh_host_" + t + "_key.pub"
	}
	return ""
}

// hostKeysConfig applies, once per instance, what the cloud-config says about host keys,
// before any sshd can serve them: ssh_deletekeys: true removes every host key; ssh_keys
// (unless ssh_deletekeys is false) replaces them all with the given ones; ssh_genkeytypes
// removes the keys of the types it does not list (the keys PID 1 made before the
// metadata, and an image's own). Then sshd serves exactly the keys asked for. Without
// any of the three keys nothing is touched (Nimbus, unlike cloud-init, does not delete
// the image's keys by default).
func (r *run) hostKeysConfig(ctx context.Context) error {
	c := r.cfg
	delAll := c.SSHDeleteKeys != nil && *c.SSHDeleteKeys
	if len(c.SSHKeys) > 0 && c.SSHDeleteKeys == nil {
		delAll = true
	}
	if !delAll && len(c.SSHKeys) == 0 && c.SSHGenKeyTypes == nil {
		return nil
	}
	dir := r.a.path("etc/ssh")
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		r.a.logf("ssh-host-keys-config: no /etc/ssh, skipped")
		return nil
	}
	keep := map[string]bool{}
	if !delAll && c.SSHGenKeyTypes != nil && len(c.SSHKeys) == 0 {
		for _, t := range c.SSHGenKeyTypes {
			keep[t] = true
		}
	}
	var errs []error
	if delAll || c.SSHGenKeyTypes != nil && len(c.SSHKeys) == 0 {
		files, _ := filepath.Glob(filepath.Join(dir, "ssh_host_*_key*"))
		for _, f := range files {
			t := strings.TrimPrefix(filepath.Base(f), "ssh_host_")
			t, _, _ = strings.Cut(t, "_key")
			if delAll || !keep[t] {
				if err := os.Remove(f); err != nil && !os.IsNotExist(err) {
					errs = append(errs, err)
				} else {
					r.a.logf("ssh-host-keys-config: removed %s", filepath.Base(f))
				}
			}
		}
	}
	// Public keys first, then the private ones, each file atomically.
	names := make([]string, 0, len(c.SSHKeys))
	for k := range c.SSHKeys {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool {
		pi, pj := strings.HasSuffix(names[i], "_public"), strings.HasSuffix(names[j], "_public")
		if pi != pj {
			return pi
		}
		return names[i] < names[j]
	})
	for _, k := range names {
		f := hostKeyFile(k)
		perm := os.FileMode(0o600)
		if strings.HasSuffix(f, ".pub") {
			perm = 0o644
		}
		v := c.SSHKeys[k]
		if !strings.HasSuffix(v, "\n") {
			v += "\n"
		}
		if err := writeKeyFile(filepath.Join(dir, f), perm, []byte(v)); err != nil {
			errs = append(errs, err)
		} else {
			r.a.logf("ssh-host-keys-config: wrote %s from ssh_keys", f)
		}
	}
	return errors.Join(errs...)
}

// EarlyHostKeys makes the default host key types' pairs under root when /etc/ssh exists
// and has no host key at all: PID 1 calls it beside the first boot stages, before the
// network, so that the keys are there when the metadata comes. The agent's
// ssh-host-keys-config stage then removes or replaces them when the user-data asks for
// other keys, before any sshd starts. It returns the types made.
func EarlyHostKeys(root string) ([]string, error) {
	dir := filepath.Join(root, "etc/ssh")
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, nil
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "ssh_host_*_key")); len(m) > 0 {
		return nil, nil
	}
	r := &run{a: &Agent{Root: root}, hostname: "localhost"}
	return DefaultHostKeyTypes, r.genHostKeys(DefaultHostKeyTypes, false)
}

// earlySSH tells PID 1 (Agent.EarlySSH) that sshd may start now, beside the users and
// files stages, when nothing the cloud-config does before them can change what sshd's
// listening process reads when it starts (its configuration under /etc/ssh): no bootcmd
// or boothook, no write_files (not deferred) under /etc/ssh, no mounts. The host keys are
// final at this point (ssh-host-keys-config ran). A client that connects before the users
// stage wrote its key is refused (authorized_keys are read per connection and only ever
// appended to), never let in with another key.
func (r *run) earlySSH() {
	if r.a.EarlySSH == nil {
		return
	}
	if why := r.sshdWaits(); why != "" {
		r.a.logf("ssh-host-keys: sshd starts after provisioning (%s)", why)
		return
	}
	r.a.EarlySSH()
}

// sshdWaits says why sshd must wait for the whole early provisioning ("": it need not).
func (r *run) sshdWaits() string {
	c := r.cfg
	if c == nil {
		return "no cloud-config"
	}
	if len(r.boothook) > 0 || len(c.BootCmd) > 0 {
		return "bootcmd"
	}
	for _, w := range c.WriteFiles {
		p := path.Clean("/" + w.Path)
		if !w.Defer && (p == "/etc" || p == "/etc/ssh" || strings.HasPrefix(p, "/etc/ssh/") || p == "/etc/default" || p == "/etc/default/ssh") {
			return "write_files " + p
		}
	}
	if len(c.Mounts) > 0 {
		return "mounts"
	}
	return ""
}
