#!/usr/bin/env bash
# Runs every Nimbus test: set-up of the peer tools, vet, the Go tests (unit, interop with the
# real rpm/gpg/cpio, QEMU boots) and a short run of each fuzz target.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PATH:/usr/local/go/bin"

echo "== go vet"
go vet ./...
# The images' /usr/bin/dnf is cmd/nimbus built with -tags pmonly (dist/recipes/dnf.yaml).
go vet -tags pmonly ./cmd/nimbus

echo "== build the web set (minimal + nginx) for both arches: the repositories the real-image boot tests use"
# Incremental (keyed by the recipes' and sources' hashes) and kept between runs; Debian's
# packages come through the apt archive (cached in /var/cache/nimbus-debs).
NIMBUS_IMAGE_REPOS_OUT=${NIMBUS_IMAGE_REPOS_OUT:-/var/cache/nimbus-test/out}
go build -o "$NIMBUS_IMAGE_REPOS_OUT/nimbus" ./cmd/nimbus
"$NIMBUS_IMAGE_REPOS_OUT/nimbus" build --set web --arch x86_64 --arch aarch64 -o "$NIMBUS_IMAGE_REPOS_OUT" | tail -3
export NIMBUS_IMAGE_REPOS="$NIMBUS_IMAGE_REPOS_OUT/repos"

echo "== go test"
go test -count=1 -timeout 45m ./...

echo "== fuzz (${FUZZTIME:=5s} per target)"
# Every Fuzz* function in the tree gets a short run on top of its seed corpus.
grep -rl --include='*_test.go' '^func Fuzz' internal | xargs -n1 dirname | sort -u | while read -r dir; do
  for f in $(grep -h '^func Fuzz' "$dir"/*_test.go | sed 's/func \(Fuzz[A-Za-z0-9_]*\).*/\1/'); do
    echo "-- $dir $f"
    log=$(mktemp)
    if ! go test -run='^$' -fuzz="^$f\$" -fuzztime="$FUZZTIME" "./$dir" >"$log" 2>&1; then
      # Go's fuzz coordinator can end a run with "context deadline exceeded" and no failing
      # input when the machine is overloaded; that is not a finding, so try once more.
      # A real crasher ("Failing input written to ...") fails at once.
      if grep -q "Failing input written" "$log" || ! grep -q "context deadline exceeded" "$log"; then
        cat "$log"; exit 1
      fi
      echo "   (fuzz coordinator timed out without a finding; running again)"
      go test -run='^$' -fuzz="^$f\$" -fuzztime="$FUZZTIME" "./$dir" >"$log" 2>&1 || { cat "$log"; exit 1; }
    fi
    rm -f "$log"
  done
done
echo "all tests passed"
