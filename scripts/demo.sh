#!/usr/bin/env bash
# The main job, for now: build nimbus, make a signing key, pack the example packages,
# show what `nimbus rpm info` says of them, and let the real rpm check them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PATH:/usr/local/go/bin"
out=${OUT:-out}
mkdir -p "$out"

echo "== build"
CGO_ENABLED=0 go build -trimpath -o bin/nimbus ./cmd/nimbus
ls -l bin/nimbus

echo "== signing key ($out/dev.key, $out/dev.pub)"
[ -f "$out/dev.key" ] || bin/nimbus key generate --algorithm ed25519 --name "Nimbus Demo" -o "$out/dev" >/dev/null

echo "== pack examples/*/*.yaml"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
bin/nimbus rpm pack --sign "$out/dev.key" -o "$out/rpms/" examples/*/*.yaml

for p in "$out"/rpms/*.rpm; do
  echo
  echo "== nimbus rpm info $p"
  bin/nimbus rpm info "$p"
done

echo
echo "== nimbus rpm verify (digests and signature)"
bin/nimbus rpm verify --keyring "$out/dev.pub" "$out"/rpms/*.rpm

echo
echo "== the real rpm checks them too (rpm -K after importing the key)"
db=$(mktemp -d)
rpm --dbpath "$db" --define "__gpg /usr/bin/gpg" --import "$out/dev.pub"
rpm --dbpath "$db" -K "$out"/rpms/*.rpm
rm -rf "$db"
