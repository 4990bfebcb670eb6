#!/usr/bin/env bash
# The main job: build Nimbus, build the minimal distribution for x86_64 from its recipes
# (Go components from source, the userland from Debian 12's verified archive, every package
# signed), install it into a fresh root with Nimbus's own package manager — answering as
# dnf — and use it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PATH:/usr/local/go/bin"
out=${OUT:-out}
mkdir -p "$out"

echo "== build nimbus"
CGO_ENABLED=0 go build -trimpath -o bin/nimbus ./cmd/nimbus
ln -sf nimbus bin/dnf

echo "== build the minimal set (x86_64), signed repository under $out/repos"
bin/nimbus build --set minimal --arch x86_64 -o "$out"
repo=$(ls -d "$out"/repos/*/x86_64 | head -1)
key=$(ls "$out"/keys/*.pub | head -1)

pkgs=$(awk '/^packages:/{f=1} f{print} f&&/\]/{exit}' dist/sets/minimal.yaml | sed 's/packages://' | tr -d '[],')
echo "== install it with 'dnf' (nimbus) into $out/root, checking every signature"
root="$out/root"
rm -rf "$root"
mkdir -p "$root"
time bin/dnf -y --installroot "$PWD/$root" --setopt=reposdir=/dev/null --releasever=1 \
  --repofrompath="nimbus,$PWD/$repo" --repo=nimbus \
  --setopt=nimbus.gpgcheck=1 --setopt="nimbus.gpgkey=file://$PWD/$key" install $pkgs \
  2>&1 | tail -8 || { echo "install failed"; exit 1; }

echo "== use it"
rpm --root "$PWD/$root" --dbpath /var/lib/rpm -qa | wc -l | sed 's/^/installed packages (rpm -qa): /'
chroot "$root" /bin/bash -c 'cat /etc/os-release | head -3; ssh -V; id root'
bin/dnf --installroot "$PWD/$root" history
