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

echo "== build the repositories the real-image boot tests use: x86_64 the workloads-ci set, aarch64 the web set"
# x86_64: the workloads-ci set (standard + nginx + httpd + redis6): TestRepoImage's
# minimal image and `dnf install nginx`, and TestWorkloadsCI's standard
# image with httpd and redis6 (the CI subset of TestWorkloads; the whole extras set is the
# slow job's, scripts/test-workloads.sh). aarch64: the web set (minimal + nginx).
# Incremental (keyed by the recipes' and sources' hashes) and kept between runs; Debian's
# packages come through the apt archive (cached in /var/cache/nimbus-debs).
NIMBUS_IMAGE_REPOS_OUT=${NIMBUS_IMAGE_REPOS_OUT:-/var/cache/nimbus-test/out}
go build -o "$NIMBUS_IMAGE_REPOS_OUT/nimbus" ./cmd/nimbus
"$NIMBUS_IMAGE_REPOS_OUT/nimbus" build --set workloads-ci --arch x86_64 -o "$NIMBUS_IMAGE_REPOS_OUT" | tail -3
"$NIMBUS_IMAGE_REPOS_OUT/nimbus" build --set web --arch aarch64 -o "$NIMBUS_IMAGE_REPOS_OUT" | tail -3
export NIMBUS_IMAGE_REPOS="$NIMBUS_IMAGE_REPOS_OUT/repos" NIMBUS_EXTRAS_REPOS="$NIMBUS_IMAGE_REPOS_OUT/repos"

echo "== go test"
go test -count=1 -timeout 45m ./...

echo "== fuzz (${FUZZTIME:=5s} per target)"
# Every Fuzz* function in the tree gets a short run on top of its seed corpus. Each
# package's fuzzing test binary is built once (go test -c -fuzz) and run once per target
# in the package's directory (its testdata/fuzz corpus), as go test -fuzz runs it: a go
# test -fuzz per target linked the binary again for each of the 80 targets.
# The corpus cache is go test's own: GOCACHE/fuzz/IMPORTPATH/TARGET.
fuzzbin=$(mktemp -d)
trap 'rm -rf "$fuzzbin"' EXIT
fuzz() { # DIR BIN CACHEDIR TARGET
  (cd "$1" && "$2" -test.run='^$' -test.fuzz="^$4\$" -test.fuzztime="$FUZZTIME" -test.fuzzcachedir="$3" -test.paniconexit0)
}
grep -rl --include='*_test.go' '^func Fuzz' internal | xargs -n1 dirname | sort -u | while read -r dir; do
  bin="$fuzzbin/$(echo "$dir" | tr / _).test"
  go test -c -fuzz=. -o "$bin" "./$dir"
  cache="$(go env GOCACHE)/fuzz/$(go list -f '{{.ImportPath}}' "./$dir")"
  for f in $(grep -h '^func Fuzz' "$dir"/*_test.go | sed 's/func \(Fuzz[A-Za-z0-9_]*\).*/\1/'); do
    echo "-- $dir $f"
    log=$(mktemp)
    if ! fuzz "$dir" "$bin" "$cache" "$f" >"$log" 2>&1; then
      # Go's fuzz coordinator can end a run with "context deadline exceeded" and no failing
      # input when the machine is overloaded; that is not a finding, so try once more.
      # A real crasher ("Failing input written to ...") fails at once.
      if grep -q "Failing input written" "$log" || ! grep -q "context deadline exceeded" "$log"; then
        cat "$log"; exit 1
      fi
      echo "   (fuzz coordinator timed out without a finding; running again)"
      fuzz "$dir" "$bin" "$cache" "$f" >"$log" 2>&1 || { cat "$log"; exit 1; }
    fi
    rm -f "$log"
  done
done
echo "all tests passed"
