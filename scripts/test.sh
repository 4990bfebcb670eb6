#!/usr/bin/env bash
# Runs every Nimbus test: set-up of the peer tools, vet, the Go tests (unit, interop with the
# real rpm/gpg/cpio, QEMU boots) and a short run of each fuzz target.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PATH:/usr/local/go/bin"

echo "== go vet"
go vet ./...

echo "== go test"
go test -count=1 -timeout 20m ./...

echo "== fuzz (${FUZZTIME:=5s} per target)"
# Every Fuzz* function in the tree gets a short run on top of its seed corpus.
grep -rl --include='*_test.go' '^func Fuzz' internal | xargs -n1 dirname | sort -u | while read -r dir; do
  for f in $(grep -h '^func Fuzz' "$dir"/*_test.go | sed 's/func \(Fuzz[A-Za-z0-9_]*\).*/\1/'); do
    echo "-- $dir $f"
    go test -run='^$' -fuzz="^$f\$" -fuzztime="$FUZZTIME" "./$dir" >/tmp/nimbus-fuzz.log 2>&1 || { cat /tmp/nimbus-fuzz.log; exit 1; }
  done
done
echo "all tests passed"
