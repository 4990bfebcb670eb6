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
	"path/filepath"
	"runtime"
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
	types, ok := r.hostKeyTypes()
	if !ok {
		return nil
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
