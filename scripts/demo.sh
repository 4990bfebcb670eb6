#!/usr/bin/env bash
# The main job: build Nimbus, build the minimal distribution for x86_64 from its recipes
# (Go components from source, the userland from Debian 12's verified archive, every package
# signed), install it into a fresh root with Nimbus's own package manager — answering as
# dnf — and use it; then build the minimal image and boot it under QEMU with user-data.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PATH:/usr/local/go/bin"
out=$(realpath -m "${OUT:-out}")
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
time bin/dnf -y --installroot "$root" --setopt=reposdir=/dev/null --releasever=1 \
  --repofrompath="nimbus,$repo" --repo=nimbus \
  --setopt=nimbus.gpgcheck=1 --setopt="nimbus.gpgkey=file://$key" install $pkgs \
  2>&1 | tail -8 || { echo "install failed"; exit 1; }

echo "== use it"
rpm --root "$root" --dbpath /var/lib/rpm -qa | wc -l | sed 's/^/installed packages (rpm -qa): /'
chroot "$root" /bin/bash -c 'cat /etc/os-release | head -3; ssh -V; id root'
bin/dnf --installroot "$root" history

echo "== build the minimal image from that repository (raw + qcow2)"
time bin/nimbus image build minimal --arch x86_64 --format raw,qcow2 --repo "$repo" -o "$out/images"
ls -la "$out/images"

echo "== boot it under QEMU (UEFI, local IMDSv2) with user-data, until the instance powers itself off"
cat > "$out/user-data" <<'UD'
#!/bin/sh
echo "nimbus-demo: user-data ran on $(hostname) as $(id -un)"
cat /etc/os-release | head -2
nimbusctl poweroff
UD
img=$(ls "$out"/images/*.raw | head -1)
timeout 300 bin/nimbus run "$img" --user-data "$out/user-data" --timeout 240s --ephemeral --console-log "$out/console.log" || true
grep -E "nimbus-demo|ready|provision" "$out/console.log" | head -20
echo "== done: packages in $out/repos, root in $out/root, images in $out/images"
