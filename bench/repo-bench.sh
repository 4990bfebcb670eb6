#!/usr/bin/env bash
# Repository benchmarks, each side by side with its peer in the same run (best of 3, wall
# time and peak RSS from /usr/bin/time):
#   1. cold load of the CentOS Stream 9 AppStream primary (17,649 packages):
#      `nimbus repo query` with an empty cache (verify, parse, build and write the binary
#      index) vs `dnf makecache` and vs libsolv's `rpmmd2solv` (parse and write a .solv);
#   2. warm load: `nimbus repo query` from the binary index vs `testsolv` loading the
#      equivalent .solv;
#   3. `nimbus repo create` vs `createrepo_c --no-database` on COUNT generated packages.
#   bench/repo-bench.sh [COUNT]   (default 2000 packages)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
n=${1:-2000}
data=$PWD/testdata/centos-stream9-appstream  # testdata/README.md
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for tool in dnf rpmmd2solv testsolv createrepo_c; do
  command -v "$tool" >/dev/null || { echo "missing peer: $tool" >&2; exit 1; }
done
go build -o "$work/nimbus" ./cmd/nimbus
primary=$(ls "$data"/repodata/*-primary.xml.gz)

# best CMD...: prints "seconds maxrss_kb" of the fastest of 5 runs (wall time from date
# in nanoseconds, peak RSS from /usr/bin/time); $PREP runs before each.
best() {
  local b="" m=""
  for _ in 1 2 3 4 5; do
    eval "${PREP:-true}"
    local t0 t1 s k
    t0=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    t1=$(date +%s%N)
    s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b-a)/1e9 }')
    k=$(tail -1 "$work/time")
    if [ -z "$b" ] || awk -v s="$s" -v b="$b" 'BEGIN{exit !(s<b)}'; then b=$s; m=$k; fi
  done
  echo "$b $m"
}
row() { # label seconds kb
  printf "  %-44s %6.3f s %7.1f MB\n" "$1" "$2" "$(echo "$3/1024" | bc -l)"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a/b }'; }

echo "1. cold load of AppStream primary.xml.gz (17,649 packages)"
read -r t_cold m_cold < <(PREP="rm -rf $work/qc" best "$work/nimbus" repo query --repo "$data" --cachedir "$work/qc" no-such-package)
read -r t_dnf m_dnf < <(PREP="rm -rf $work/dc $work/root" best dnf -q --installroot="$work/root" --setopt=reposdir=/dev/null --setopt=cachedir="$work/dc" \
  --releasever=1 --nogpgcheck --repofrompath=a,"$data" --repo=a makecache)
read -r t_solv m_solv < <(best sh -c "zcat '$primary' | rpmmd2solv > '$work/a.solv'")
row "nimbus repo query (empty cache)" "$t_cold" "$m_cold"
row "dnf makecache" "$t_dnf" "$m_dnf"
row "zcat | rpmmd2solv" "$t_solv" "$m_solv"
echo "  speed: $(ratio "$t_dnf" "$t_cold")x dnf makecache, $(ratio "$t_solv" "$t_cold")x rpmmd2solv (target >= 3x);" \
  "peak RSS: $(ratio "$m_cold" "$m_solv") of rpmmd2solv's (target <= 0.5)"

echo "2. warm load from the binary cache"
zcat "$primary" | rpmmd2solv >"$work/a.solv"
# testsolv resolves repository files relative to the testcase's directory.
printf 'repo appstream 0 solv a.solv\nsystem x86_64 rpm\n' >"$work/load.tc"
"$work/nimbus" repo query --repo "$data" --cachedir "$work/qc" no-such-package >/dev/null
read -r t_warm m_warm < <(best "$work/nimbus" repo query --repo "$data" --cachedir "$work/qc" no-such-package)
read -r t_ts m_ts < <(best testsolv "$work/load.tc")
row "nimbus repo query (warm cache)" "$t_warm" "$m_warm"
row "testsolv (load .solv)" "$t_ts" "$m_ts"
echo "  time: $(ratio "$t_warm" "$t_ts") of testsolv's (target <= 1); peak RSS: $(ratio "$m_warm" "$m_ts") of testsolv's"
echo "  in-process (go test -bench):"
go test -run '^$' -bench 'LoadAppStream' -benchtime 5x ./internal/repo/cache/ |
  awk '/^Benchmark/ { printf "    %-34s %8.1f ms\n", $1, $3/1e6 }'

echo "3. repo create on $n generated packages"
mkdir -p "$work/desc" "$work/rpms"
for i in $(seq 1 "$n"); do
  {
    printf 'name: bench-pkg-%d\nversion: "1.%d"\nrelease: 1.nm1\narch: x86_64\nsummary: Benchmark package %d\n' "$i" "$i" "$i"
    printf 'description: A package for the repository benchmark.\nlicense: MIT\n'
    printf 'requires: ["libc.so.6()(64bit)", "bash >= 5.0", "coreutils", "(a%d or b%d)"]\n' "$i" "$i"
    printf 'provides: ["bench-api = %d"]\n' "$i"
    printf 'changelog:\n  - {date: 2026-11-01, author: "Bench <b@example.org> - 1.%d-1", text: "- rebuilt"}\n' "$i"
    printf 'files:\n'
    for f in $(seq 1 10); do printf '  - {path: /usr/share/bench-%d/file-%02d.txt, content: "content %d %d\\n"}\n' "$i" "$f" "$i" "$f"; done
  } >"$work/desc/p$i.yaml"
done
SOURCE_DATE_EPOCH=1764000000 "$work/nimbus" rpm pack --compress gzip --level 1 -o "$work/rpms/" "$work"/desc/*.yaml >/dev/null
read -r t_cr m_cr < <(PREP="rm -rf $work/rpms/repodata" best createrepo_c -q --no-database "$work/rpms")
read -r t_nc m_nc < <(PREP="rm -rf $work/rpms/repodata" best "$work/nimbus" repo create "$work/rpms")
row "nimbus repo create" "$t_nc" "$m_nc"
row "createrepo_c --no-database" "$t_cr" "$m_cr"
echo "  speed: $(ratio "$t_cr" "$t_nc")x createrepo_c"
