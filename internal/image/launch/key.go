package launch

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"fmt"
	"os"
	"strings"

	"golang.org/x/crypto/ssh"
)

// LaunchKey returns the OpenSSH public key of the launch key pair at path (private key)
// and path+".pub", generating an ed25519 pair when there is none, like EC2's key pairs.
func LaunchKey(path string) (string, error) {
	if pub, err := os.ReadFile(path + ".pub"); err == nil {
		if _, err := os.Stat(path); err == nil {
			return strings.TrimSpace(string(pub)), nil
		}
	}
	pk, sk, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return "", err
	}
	block, err := ssh.MarshalPrivateKey(sk, "nimbus launch key")
	if err != nil {
		return "", err
	}
	sp, err := ssh.NewPublicKey(pk)
	if err != nil {
		return "", err
	}
	pub := strings.TrimSpace(string(ssh.MarshalAuthorizedKey(sp))) + " nimbus-launch-key"
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		return "", fmt.Errorf("writing the launch key: %w", err)
	}
	if err := os.WriteFile(path+".pub", []byte(pub+"\n"), 0o644); err != nil {
		return "", err
	}
	return pub, nil
}
