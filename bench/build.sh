#!/usr/bin/env bash
# Build benchmarks for the minimal set (x86_64):
#   cold: an empty output directory (every recipe built: .debs converted, Go commands
#         compiled, everything compressed and signed); the .deb cache and Go's build
#         cache stay warm, as they are between CI runs (downloads are not timed);
#   warm: the same output directory again, nothing changed (every recipe reused,
#         closure checked, repository re-published) — this should take seconds;
#   peer: for scale, createrepo_c over the same packages, the one step of a
#         traditional pipeline whose output we also produce.
#   bench/build.sh [ARCH]   (default x86_64)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
arch=${1:-x86_64}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/nimbus" ./cmd/nimbus
export SOURCE_DATE_EPOCH=1790000000

# Prime the .deb cache (not timed), generating the key the runs share.
"$work/nimbus" build --arch "$arch" -o "$work/prime" --no-publish >/dev/null 2>&1
key="$work/prime/keys/nimbus-dev.key"

secs() { local t0 t1; t0=$(date +%s%N); "$@" >"$work/log" 2>&1; t1=$(date +%s%N); echo "scale=2; ($t1-$t0)/1000000000" | bc; }

cold=$(secs "$work/nimbus" build --arch "$arch" -o "$work/out" --key "$key")
warm=$(secs "$work/nimbus" build --arch "$arch" -o "$work/out" --key "$key")
summary=$(grep '^build:' "$work/log" || true)
n=$(ls "$work/out/repos"/*/"$arch"/Packages/*.rpm | wc -l)
size=$(du -sm "$work/out/repos"/*/"$arch"/Packages | cut -f1)
peer=na
if command -v createrepo_c >/dev/null; then
  cp -r "$work/out/repos"/*/"$arch"/Packages "$work/peer"
  peer=$(secs createrepo_c --no-database "$work/peer")
fi
echo "minimal set, $arch: $n packages, $size MB"
echo "cold build:  ${cold}s"
echo "warm build:  ${warm}s   ($summary)"
echo "createrepo_c alone on the same packages: ${peer}s"
echo "warm/cold ratio: $(echo "scale=3; $warm/$cold" | bc)"
