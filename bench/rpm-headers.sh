#!/usr/bin/env bash
# Header reading: `nimbus rpm info --json` vs `rpm -qp --qf` over the same few hundred
# packages, both on one core, best of 3 runs each. Prints headers per second and the ratio.
#   bench/rpm-headers.sh [COUNT]   (default 400 packages)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
n=${1:-400}
work=$(mktemp -d)
trap "rm -rf $work" EXIT

go build -o "$work/nimbus" ./cmd/nimbus

# Packages shaped like a distribution's: 30 files, a dozen dependencies, a changelog.
mkdir -p "$work/desc" "$work/rpms"
for i in $(seq 1 "$n"); do
  {
    printf 'name: bench-pkg-%d\nversion: "1.%d"\nrelease: 1.nm1\narch: x86_64\nsummary: Benchmark package %d\n' "$i" "$i" "$i"
    printf 'description: A package for the header-reading benchmark.\nlicense: MIT\n'
    printf 'requires: ["libc.so.6()(64bit)", "bash >= 5.0", "coreutils", "(a%d or b%d)", "libz.so.1()(64bit)", "glibc >= 2.36", "filesystem"]\n' "$i" "$i"
    printf 'provides: ["bench-api = %d", "libbench%d.so.1()(64bit)"]\n' "$i" "$i"
    printf 'changelog:\n  - {date: 2026-11-01, author: "Bench <b@example.org> - 1.%d-1", text: "- rebuilt"}\n' "$i"
    printf 'files:\n'
    for f in $(seq 1 30); do printf '  - {path: /usr/share/bench-%d/file-%02d.txt, content: "content %d %d\\n"}\n' "$i" "$f" "$i" "$f"; done
  } > "$work/desc/p$i.yaml"
done
SOURCE_DATE_EPOCH=1764000000 "$work/nimbus" rpm pack --compress gzip --level 1 -o "$work/rpms/" "$work"/desc/*.yaml >/dev/null

qf='%{NAME} %{EPOCH} %{VERSION} %{RELEASE} %{ARCH} %{SUMMARY} %{LICENSE} [%{REQUIRENAME} %{REQUIREFLAGS} %{REQUIREVERSION} ][%{PROVIDENAME} ][%{FILENAMES} %{FILEMODES} %{FILESIZES} %{FILEDIGESTS} ]\n'

best() { # best wall time in seconds of 3 runs of "$@"
  local b=""
  for _ in 1 2 3; do
    local s e
    s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N)
    b=$(echo "$e - $s" | bc -l | awk -v b="$b" '{ if (b == "" || $1 < b) print $1; else print b }')
  done
  echo "$b"
}

t_nimbus=$(best taskset -c 0 "$work/nimbus" rpm info --json "$work"/rpms/*.rpm)
t_rpm=$(best taskset -c 0 rpm -qp --nosignature --nodigest --qf "$qf" "$work"/rpms/*.rpm)
awk -v n="$n" -v a="$t_nimbus" -v b="$t_rpm" 'BEGIN {
  printf "packages:                %d\n", n
  printf "nimbus rpm info --json:  %.3f s  (%.0f headers/s, one core, process start included)\n", a, n/a
  printf "rpm -qp --qf:            %.3f s  (%.0f headers/s)\n", b, n/b
  printf "ratio (rpm / nimbus):    %.1fx\n", b/a
}'
echo "in-process, one core (go test -bench; ns/op is per package):"
NIMBUS_BENCH_RPMS="$work/rpms" go test -run '^$' -bench 'ReadHeader' -benchtime 1s -cpu 1 ./internal/rpm/ |
  awk '/^Benchmark/ { printf "  %-28s %8.0f ns/package  %8.0f headers/s\n", $1, $3, 1e9/$3 }'
