#!/usr/bin/env bash
# Installs what building and testing Nimbus needs on Debian 12: Go (expected at
# /usr/local/go or on PATH) and the real peers the tests use as referees.
# Idempotent and quick when everything is present. Needs root (or sudo) to install.
set -euo pipefail

# Debian packages the tests need: rpm (rpm, rpmbuild, rpm2cpio), cpio, gnupg (gpg),
# the compressors, and what later subsystems' tests use (QEMU, kernels: see below).
PKGS=(rpm cpio docker.io gnupg sqlite3 zstd xz-utils libcap2-bin createrepo-c dnf dnf-plugins-core libsolv-tools busybox-static qemu-system-x86 qemu-system-arm qemu-utils gdisk e2fsprogs dosfstools mtools kmod debian-archive-keyring gcc bc ovmf qemu-efi-aarch64 systemd-boot-efi fdisk binutils openssh-client curl dpkg-dev systemd zchunk python3-pyftpdlib mmdebstrap)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export PATH="$PATH:/usr/local/go/bin"
if ! command -v go >/dev/null; then
  echo "setup: Go is not installed (expected /usr/local/go/bin/go); install Go 1.26 from https://go.dev/dl/" >&2
  exit 1
fi

# Kernels and busybox for the QEMU boot tests (Debian packages fetched with apt-get download).
if [ -x scripts/fetch-test-kernels.sh ]; then
  scripts/fetch-test-kernels.sh
fi

# versitygw (Apache-2.0), the S3-compatible server the object-storage tests run on
# loopback (internal/s3store/s3test finds it in $(go env GOPATH)/bin).
VERSITYGW_VERSION=v1.8.0
VERSITYGW="$(go env GOPATH)/bin/versitygw"
if ! { [ -x "$VERSITYGW" ] && go version -m "$VERSITYGW" | grep -q "mod.*github.com/versity/versitygw.*$VERSITYGW_VERSION"; }; then
  echo "setup: installing versitygw $VERSITYGW_VERSION" >&2
  go install "github.com/versity/versitygw/cmd/versitygw@$VERSITYGW_VERSION"
fi
