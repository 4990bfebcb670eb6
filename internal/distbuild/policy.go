package distbuild

import (
	"bytes"
	"path"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/lazy"
	"github.com/nimbus-linux/nimbus/internal/pkgdesc"
)

// The global import policy: what Nimbus does instead of running Debian's maintainer
// scripts, and how Debian's relations and layout map to Nimbus's.

// droppedDeps are Debian packages whose job Nimbus does differently, so relations on
// them are removed: debconf (no interactive configuration), init-system-helpers,
// runit-helper and lsb-base (nimbus-init handles services), dpkg, install-info, ucf
// and adduser (only used by maintainer scripts, which are not run; system users come
// from recipes), usrmerge/usr-is-merged (Nimbus's filesystem package is merged).
var droppedDeps = lazy.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{
		"debconf": true, "debconf-2.0": true, "cdebconf": true, "init-system-helpers": true,
		"runit-helper": true, "lsb-base": true, "dpkg": true, "install-info": true, "ucf": true,
		"adduser": true, "usrmerge": true, "usr-is-merged": true, "sysvinit-utils": true,
		"initramfs-tools": true, "linux-initramfs-tool": true, "linux-base": true,
		"systemd-sysv": true, "libpam-systemd": true,
	}
}}

// alNames are Amazon Linux 2023 package names that mean the same as a Debian package;
// the imported package provides them (versioned with its own EVR).
var alNames = lazy.Value[map[string][]string]{New: func() map[string][]string {
	return map[string][]string{
		"libc6": {"glibc"}, "libc-bin": {"glibc-common"}, "libssl3": {"openssl-libs"}, "openssl": {"openssl"},
		"zlib1g": {"zlib"}, "libstdc++6": {"libstdc++"}, "libgcc-s1": {"libgcc"},
		"openssh-client": {"openssh-clients", "openssh"}, "iproute2": {"iproute"}, "procps": {"procps-ng"},
		"libncursesw6": {"ncurses-libs"}, "libtinfo6": {"ncurses-libs"}, "ncurses-base": {"ncurses-base"},
		"xz-utils": {"xz"}, "liblzma5": {"xz-libs"}, "libzstd1": {"libzstd"}, "libcurl4": {"libcurl"},
		"vim": {"vim-enhanced"}, "libpam0g": {"pam"}, "libselinux1": {"libselinux"}, "libaudit1": {"audit-libs"},
		"libcap2": {"libcap"}, "libacl1": {"libacl"}, "libattr1": {"libattr"}, "libgmp10": {"gmp"},
		"libpcre2-8-0": {"pcre2"}, "libsystemd0": {"systemd-libs"}, "libkrb5-3": {"krb5-libs"},
		"libffi8": {"libffi"}, "libexpat1": {"expat"}, "libsqlite3-0": {"sqlite-libs"}, "libreadline8": {"readline"},
		"libcrypt1": {"libxcrypt"}, "libcom-err2": {"libcom_err"}, "libkeyutils1": {"keyutils-libs"},
		"libblkid1": {"libblkid"}, "libmount1": {"libmount"}, "libuuid1": {"libuuid"}, "libsmartcols1": {"libsmartcols"},
		"libfdisk1": {"libfdisk"}, "passwd": {"shadow-utils"}, "cron": {"cronie"}, "apache2": {"httpd"},
		"apache2-bin": {"httpd-core"}, "apache2-utils": {"httpd-tools"}, "apache2-data": {"httpd-filesystem"},
		"redis-server": {"redis", "redis6"}, "redis-tools": {"redis6-cli"}, "docker.io": {"docker"},
		"openjdk-17-jre-headless": {"java-17-openjdk-headless", "java-17-amazon-corretto-headless", "java-17-headless", "java-headless", "jre-headless", "java"},
		"postgresql-15":           {"postgresql15-server"}, "postgresql-client-15": {"postgresql15"},
		"mariadb-server": {"mariadb105-server", "mariadb-server"}, "mariadb-client": {"mariadb105", "mariadb"},
		"golang": {"golang"}, "nodejs": {"nodejs"}, "npm": {"nodejs-npm"}, "python3-venv": {"python3-venv"}, "bsdutils": {"util-linux-core"},
		"rpm": {"rpm"}, "librpm9": {"rpm-libs"}, "rpm2cpio": {"rpm2cpio"}, "libmagic1": {"file-libs"},
		"python3": {"python3"}, "libpython3.11": {"python3-libs"}, "linux-image-cloud-amd64": {"kernel"},
		"ca-certificates": {"ca-certificates"}, "libelf1": {"elfutils-libelf"}, "libjson-c5": {"json-c"},
	}
}}

// extraProvides are capabilities Fedora-family packages provide explicitly:
// glibc provides rtld(GNU_HASH), which rpm's ELF generator requires of every object
// with only a GNU hash table.
var extraProvides = lazy.Value[map[string][]string]{New: func() map[string][]string {
	return map[string][]string{"libc6": {"rtld(GNU_HASH)"}}
}}

// extraPreRequires order the base of the system first, as Fedora's glibc does with
// Requires(pre): basesystem: everything links libc, so everything is installed after
// filesystem (whose /bin -> usr/bin link scriptlet interpreters need) and setup
// (whose /etc/passwd and /etc/group file owners need).
var extraPreRequires = lazy.Value[map[string][]string]{New: func() map[string][]string {
	return map[string][]string{"libc6": {"filesystem", "setup"}}
}}

// libraryDirs are the file trigger prefixes of the directories that hold shared libraries:
// Fedora's glibc set (/lib, /usr/lib, /lib64, /usr/lib64), which with merged /usr covers the
// Debian multiarch directories of both architectures, libraries placed in /usr/lib itself
// (a trusted directory of the dynamic loader) and /usr/lib64 with the loader's link. rpm
// matches a prefix against a file's directory with its slash, so "/usr/lib/" sets a trigger
// off for /usr/lib/x and anything below it, never for /usr/libexec.
var libraryDirs = []string{"/lib/", "/usr/lib/", "/lib64/", "/usr/lib64/"}

// packageFileTriggers are file triggers a package gets. The package owning ldconfig
// (libc-bin, which provides glibc-common) refreshes /etc/ld.so.cache once per transaction that
// installed or erased files in a library directory, as Fedora's glibc does with
// %transfiletriggerin/%transfiletriggerpostun, instead of an ldconfig scriptlet in every
// library package (Debian's libc-bin gets the same from its dpkg trigger).
var packageFileTriggers = lazy.Value[map[string][]pkgdesc.FileTrigger]{New: func() map[string][]pkgdesc.FileTrigger {
	return map[string][]pkgdesc.FileTrigger{
		"libc-bin": {
			{Kind: "transfiletriggerin", Prefixes: libraryDirs, Body: "/usr/sbin/ldconfig"},
			{Kind: "transfiletriggerpostun", Prefixes: libraryDirs, Body: "/usr/sbin/ldconfig"},
		},
	}
}}

// packageHooks do, at build time, what a few packages' maintainer scripts do at
// install time, where the result depends only on the package's own files.
var packageHooks = lazy.Value[map[string]func([]*node) []*node]{New: func() map[string]func([]*node) []*node {
	return map[string]func([]*node) []*node{
		"ca-certificates": caBundle,
		"libpam-runtime":  pamHook,
		"openssh-server":  sshdConfigHook,
	}
}}

// caBundle does what update-ca-certificates does on first install: every certificate
// of /usr/share/ca-certificates enabled in /etc/ca-certificates.conf, concatenated into
// /etc/ssl/certs/ca-certificates.crt, with a NAME.pem link per certificate, plus the
// path Amazon Linux and RHEL programs use (/etc/pki/tls/certs/ca-bundle.crt).
// (The OpenSSL subject-hash links are not made; `update-ca-certificates` makes them.)
func caBundle(nodes []*node) []*node {
	var certs []*node
	for _, n := range nodes {
		if strings.HasPrefix(n.Path, "/usr/share/ca-certificates/") && strings.HasSuffix(n.Path, ".crt") && n.isRegular() {
			certs = append(certs, n)
		}
	}
	sort.Slice(certs, func(i, j int) bool { return certs[i].Path < certs[j].Path })
	var bundle, conf bytes.Buffer
	conf.WriteString("# Generated by the Nimbus build: every certificate is enabled.\n")
	for _, c := range certs {
		rel := strings.TrimPrefix(c.Path, "/usr/share/ca-certificates/")
		conf.WriteString(rel + "\n")
		bundle.Write(c.Data)
		if !bytes.HasSuffix(c.Data, []byte("\n")) {
			bundle.WriteByte('\n')
		}
		name := strings.ReplaceAll(path.Base(rel), ",", "_")
		name = strings.TrimSuffix(name, ".crt") + ".pem"
		nodes = append(nodes, &node{Path: "/etc/ssl/certs/" + name, Mode: modeSymlink | 0o777, User: "root", Group: "root", Link: c.Path})
	}
	return append(nodes,
		&node{Path: "/etc/ssl/certs/ca-certificates.crt", Mode: modeRegular | 0o644, User: "root", Group: "root", Data: bundle.Bytes()},
		&node{Path: "/etc/ca-certificates.conf", Mode: modeRegular | 0o644, User: "root", Group: "root", Data: conf.Bytes(), Config: true},
		&node{Path: "/etc/pki/tls/certs/ca-bundle.crt", Mode: modeSymlink | 0o777, User: "root", Group: "root", Link: "../../../ssl/certs/ca-certificates.crt"},
		&node{Path: "/etc/pki/tls/cert.pem", Mode: modeSymlink | 0o777, User: "root", Group: "root", Link: "../../ssl/certs/ca-certificates.crt"},
	)
}

// droppedDocs are removed from every imported package (documentation, manuals,
// translations and lintian overrides), except the copyright files, which the
// licences require to travel with the binaries.
var droppedDocs = []string{
	"/usr/share/doc/**", "/usr/share/man/**", "/usr/share/info/**", "/usr/share/lintian/**",
	"/usr/share/locale/**", "/usr/share/bug/**", "/usr/share/doc-base/**",
}

var keptDocs = []string{"/usr/share/doc/*/copyright"}

// mergedDirs are the top-level directories the filesystem package makes symlinks into
// /usr (the merged-/usr layout of Debian 12 installs and of Amazon Linux); an imported
// package's files under them are moved to /usr.
var mergedDirs = lazy.Value[map[string]string]{New: func() map[string]string {
	return map[string]string{"/bin": "/usr/bin", "/sbin": "/usr/sbin", "/lib": "/usr/lib", "/lib64": "/usr/lib64"}
}}

// mergedPath maps a path under /bin, /sbin, /lib or /lib64 to its /usr location.
func mergedPath(p string) (string, bool) {
	for from, to := range mergedDirs.Get() {
		if p == from {
			return to, true
		}
		if strings.HasPrefix(p, from+"/") {
			return to + p[len(from):], true
		}
	}
	return p, false
}

// systemDirs are owned by the filesystem package; imported packages do not own them.
// Made at the first use, not at every nimbus process's init.
var systemDirs = lazy.Value[map[string]bool]{New: func() map[string]bool {
	m := map[string]bool{}
	for _, d := range []string{"/boot", "/dev", "/etc", "/etc/default", "/etc/opt", "/etc/skel", "/etc/ssl", "/etc/pki",
		"/etc/profile.d", "/etc/ld.so.conf.d", "/etc/security", "/etc/systemd", "/etc/systemd/system", "/etc/yum.repos.d", "/etc/dnf",
		"/etc/cron.d", "/etc/cron.daily", "/etc/logrotate.d", "/etc/sudoers.d", "/etc/init.d", "/etc/default",
		"/home", "/media", "/mnt", "/opt", "/proc", "/root", "/run", "/srv", "/sys", "/tmp",
		"/usr", "/usr/bin", "/usr/sbin", "/usr/lib", "/usr/lib64", "/usr/libexec", "/usr/include", "/usr/share",
		"/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib/modules", "/usr/lib/systemd", "/usr/lib/systemd/system",
		"/usr/lib/sysusers.d", "/usr/lib/tmpfiles.d", "/usr/lib/systemd/system-preset", "/usr/local", "/usr/local/bin", "/usr/local/lib",
		"/usr/local/sbin", "/usr/local/share", "/usr/share/doc", "/usr/share/man", "/usr/share/info", "/usr/share/locale",
		"/usr/share/licenses", "/usr/share/pixmaps", "/usr/share/applications", "/usr/share/zoneinfo", "/usr/src",
		"/var", "/var/cache", "/var/lib", "/var/lib/misc", "/var/local", "/var/log", "/var/opt", "/var/spool", "/var/tmp", "/var/mail",
		"/var/run", "/var/lock", "/var/backups", "/usr/lib/python3", "/usr/lib/python3/dist-packages", "/etc/apt", "/usr/games",
	} {
		m[d] = true
	}
	return m
}}
