#!/usr/bin/env bash
# Peak RSS of a small install (one package with 5 files into an empty root) by how the
# package manager is built, each build RUNS times in turn with dnf 4.14 on the same
# repository (createrepo_c metadata), in the same run:
#   go-build    `go build ./cmd/nimbus` (cgo: libc and ld.so mapped beside it)
#   nimbus      the full CLI as the distribution ships it (static, -trimpath, -s -w)
#   dnf-pmonly  the images' /usr/bin/dnf: the same with -tags pmonly (dist/recipes/dnf.yaml)
# Prints min/mean/max peak RSS per build and the binaries' sizes (docs/pm.md, "The
# package-manager binary").
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
RUNS=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ship() { CGO_ENABLED=0 go build -trimpath -buildvcs=false -ldflags="-s -w -buildid=" "$@"; }
go build -o "$work/go-build/nimbus" ./cmd/nimbus
ship -o "$work/nimbus/nimbus" ./cmd/nimbus
ship -tags pmonly -o "$work/dnf-pmonly/dnf" ./cmd/nimbus

mkdir -p "$work/desc" "$work/repo" "$work/home"
printf '%%_dbpath /var/lib/rpm\n' >"$work/home/.rpmmacros"
{ printf 'name: small\nversion: "1.0"\nrelease: "1"\narch: noarch\nsummary: bench small\nlicense: MIT\nfiles:\n'
  for f in 1 2 3 4 5; do printf '  - {path: /usr/share/small/f%d, content: "small %d\\n"}\n' "$f" "$f"; done
} >"$work/desc/small.yaml"
SOURCE_DATE_EPOCH=1764000000 "$work/nimbus/nimbus" rpm pack -o "$work/repo/" "$work/desc/small.yaml" >/dev/null
createrepo_c -q "$work/repo"
common=(--setopt=reposdir=/dev/null --releasever=1 --nogpgcheck "--repofrompath=b,$work/repo" --repo=b)

one() { # label command...: one install into a fresh root, prints "label KB"
  local label=$1; shift
  rm -rf "$work/root"; mkdir -p "$work/root"; sync
  if ! /usr/bin/time -f %M -o "$work/t" "$@" >/dev/null 2>"$work/err"; then
    echo "bench/pm-rss.sh: $label failed:" >&2; cat "$work/err" >&2; exit 1
  fi
  echo "$label $(tail -n 1 "$work/t")"
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$RUNS"); do
  for b in go-build/nimbus nimbus/nimbus dnf-pmonly/dnf; do
    one "${b%%/*}" "$work/$b" -y -q --installroot "$work/root" "${common[@]}" install small
  done
  one dnf-4.14 env HOME="$work/home" dnf -y -q --installroot "$work/root" --setopt=cachedir="$work/root/var/cache/dnf" "${common[@]}" install small
done | awk '{n[$1]++; s[$1]+=$2; if (!($1 in lo) || $2 < lo[$1]) lo[$1]=$2; if ($2 > hi[$1]) hi[$1]=$2}
  END {for (k in n) printf "%-12s %d runs  peak RSS min %5.1f  mean %5.1f  max %5.1f MB  (dnf 4.14 mean / this: %.1fx)\n", k, n[k], lo[k]/1024, s[k]/n[k]/1024, hi[k]/1024, (s["dnf-4.14"]/n["dnf-4.14"])/(s[k]/n[k])}' | sort
ls -l "$work/go-build/nimbus" "$work/nimbus/nimbus" "$work/dnf-pmonly/dnf" | awk '{printf "  %s: %.1f MB\n", $NF, $5/1048576}' | sed "s|$work/||"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
