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
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"golang.org/x/crypto/ssh"
)

// DefaultHostKeyTypes are generated when cloud-config has no ssh_genkeytypes (cloud-init's
// default list).
var DefaultHostKeyTypes = []string{"rsa", "ecdsa", "ed25519"}

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

// hostKeys generates the missing /etc/ssh/ssh_host_*_key pairs, in parallel, when the
// image has an /etc/ssh (no sshd, no host keys).
func (r *run) hostKeys(ctx context.Context) error {
	dir := r.a.path("etc/ssh")
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		r.a.logf("ssh-host-keys: no /etc/ssh, skipped")
		return nil
	}
	types := r.cfg.SSHGenKeyTypes
	if types == nil {
		types = DefaultHostKeyTypes
	}
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
			priv, pub, err := GenerateHostKey(t, comment)
			if err == nil {
				err = os.WriteFile(p, priv, 0o600)
			}
			if err == nil {
				err = os.WriteFile(p+".pub", pub, 0o644)
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
