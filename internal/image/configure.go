package image

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// stageConfigure makes the installed tree an image: os-release when no package wrote
// one, fstab by UUID, an empty machine-id (first boot fills it), host name, time zone,
// locale, the default user's settings for the first-boot agent, enabled units, and no
// caches, logs or package-manager leftovers.
func stageConfigure(ctx context.Context, b *Build) error {
	t := tree{root: b.Root}
	p := b.Profile
	if !exists(b.rootPath("etc/os-release")) && !exists(b.rootPath("usr/lib/os-release")) {
		t.file("usr/lib/os-release", []byte(b.osRelease()), 0o644)
		t.symlink("etc/os-release", "../usr/lib/os-release")
	}
	if p.Kind == "disk" {
		id := b.Identity.ESPVolumeID
		t.file("etc/fstab", []byte(fmt.Sprintf("# /etc/fstab: written by nimbus image build\nUUID=%s / ext4 defaults,noatime 0 1\nUUID=%04X-%04X /boot/efi vfat umask=0077,nofail 0 2\n",
			b.Identity.RootFSUUID, id>>16, id&0xffff)), 0o644)
		t.dir("boot/efi", 0o700)
	}
	t.file("etc/machine-id", nil, 0o444)
	host := p.Hostname
	if host == "" {
		host = "localhost"
	}
	t.file("etc/hostname", []byte(host+"\n"), 0o644)
	if !exists(b.rootPath("etc/hosts")) {
		t.file("etc/hosts", []byte("127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n"), 0o644)
	}
	t.symlink("etc/localtime", "../usr/share/zoneinfo/"+p.Timezone)
	t.file("etc/locale.conf", []byte("LANG="+p.Locale+"\n"), 0o644)
	if p.DefaultUser != "" {
		// Read by the first-boot agent: the user EC2 puts the launch key on.
		t.file("etc/nimbus/cloud.cfg", []byte(fmt.Sprintf("# written by nimbus image build\ndefault_user:\n  name: %s\n  groups: [wheel, adm]\n  sudo: \"ALL=(ALL) NOPASSWD:ALL\"\n  shell: /bin/bash\n", p.DefaultUser)), 0o644)
	}
	for _, u := range p.Units {
		file, err := b.findUnit(u)
		if err != nil && b.Dev != nil {
			b.logf("configure: %v (skipped in a development root)", err)
			continue
		} else if err != nil {
			return err
		}
		real := filepath.Base(file)
		t.dir("etc/systemd/system/multi-user.target.wants", 0o755)
		t.symlink("etc/systemd/system/multi-user.target.wants/"+real, "/"+file)
		if real != u { // enabled by an alias (sshd.service is Debian's ssh.service)
			t.symlink("etc/systemd/system/"+u, "/"+file)
		}
	}
	if t.err != nil {
		return t.err
	}
	// Leftovers: package caches, logs, the build's temporary files.
	for _, d := range []string{"var/cache/dnf", "var/log", "var/tmp", "tmp"} {
		if err := emptyDir(b.rootPath(d)); err != nil {
			return err
		}
	}
	// ldconfig's aux-cache records inode numbers and change times of the build host.
	_ = os.Remove(b.rootPath("var/cache/ldconfig/aux-cache"))
	for _, f := range []string{"etc/ssh/ssh_host_rsa_key", "etc/ssh/ssh_host_ecdsa_key", "etc/ssh/ssh_host_ed25519_key", "var/lib/nimbus/random-seed"} {
		_ = os.Remove(b.rootPath(f))
		_ = os.Remove(b.rootPath(f + ".pub"))
	}
	b.note = fmt.Sprintf("hostname %s, tz %s, %d units", host, p.Timezone, len(p.Units))
	return nil
}

func (b *Build) osRelease() string {
	v := b.Releasever
	if v == "" {
		v = "dev"
	}
	return fmt.Sprintf("NAME=\"Nimbus Linux\"\nID=nimbus\nID_LIKE=\"fedora amzn\"\nVERSION=\"%s\"\nVERSION_ID=\"%s\"\nPRETTY_NAME=\"Nimbus Linux %s\"\nVARIANT_ID=%s\nHOME_URL=\"https://github.com/nimbus-linux/nimbus\"\n",
		v, v, v, b.Profile.Name)
}

// emptyDir removes what is inside dir (which may not exist), keeping dir.
func emptyDir(dir string) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		return err
	}
	for _, e := range ents {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

func exists(p string) bool { _, err := os.Lstat(p); return err == nil }

// treeSize sums the sizes of regular files under root and counts entries.
func treeSize(root string) (size int64, n int, err error) {
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		n++
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			size += info.Size()
		}
		return nil
	})
	return
}

// readRootFile reads a file of the staging root following symbolic links inside it
// (an absolute link target is taken relative to the root, never the host).
func (b *Build) readRootFile(p string) ([]byte, error) {
	for i := 0; i < 16; i++ {
		full := b.rootPath(p)
		fi, err := os.Lstat(full)
		if err != nil {
			return nil, err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			return os.ReadFile(full)
		}
		t, err := os.Readlink(full)
		if err != nil {
			return nil, err
		}
		if strings.HasPrefix(t, "/") {
			p = t
		} else {
			p = filepath.Join(filepath.Dir(p), t)
		}
	}
	return nil, fmt.Errorf("%s: too many levels of symbolic links", p)
}

// unitDirs are where unit files are looked up in the image, in systemd's order.
var unitDirs = []string{"etc/systemd/system", "usr/lib/systemd/system", "lib/systemd/system"}

// findUnit returns the image path (relative) of unit name: its file, or the file of a
// unit that declares it as Alias= in its [Install] section.
func (b *Build) findUnit(name string) (string, error) {
	for _, d := range unitDirs {
		if p := d + "/" + name; exists(b.rootPath(p)) {
			return p, nil
		}
	}
	for _, d := range unitDirs {
		ents, _ := os.ReadDir(b.rootPath(d))
		for _, e := range ents {
			data, err := os.ReadFile(b.rootPath(d + "/" + e.Name()))
			if err != nil {
				continue
			}
			for _, l := range strings.Split(string(data), "\n") {
				if v, ok := strings.CutPrefix(strings.TrimSpace(l), "Alias="); ok {
					for _, a := range strings.Fields(v) {
						if a == name {
							return d + "/" + e.Name(), nil
						}
					}
				}
			}
		}
	}
	return "", fmt.Errorf("unit %s is not in the image (no file and no Alias= in %s): install its package or fix units in %s",
		name, strings.Join(unitDirs, ", "), b.Profile.Path)
}
