#!/usr/bin/env bash
# reposync against dnf 4.14 with dnf-plugins-core 4.3's reposync plugin (loaded alone), same
# repository served on 127.0.0.1 by one python3 http.server (threaded), same machine:
#   1. a full mirror into an empty directory (packages + --download-metadata)
#   2. the same again over the finished mirror (every package checked, all [SKIPPED])
# The repository is $REPO or the prebuilt x86_64 set in /var/cache/nimbus-test/out/repos.
# nimbus is the package-manager binary (-tags pmonly, as the images ship /usr/bin/dnf).
# Runs alternate dnf and nimbus, 3 each; best wall time and the peak RSS of that run, then
# dnf/nimbus. Both check every package's checksum; dnf's librepo also prints progress.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
REPO=${REPO:-$(dirname "$(find /var/cache/nimbus-test/out/repos -path '*x86_64/repodata/repomd.xml' | head -1)")/..}
[ -f "$REPO/repodata/repomd.xml" ] || { echo "no repository at $REPO" >&2; exit 1; }
work=$(mktemp -d)
srv=""
trap '[ -n "$srv" ] && kill "$srv"; rm -rf "$work"' EXIT
CGO_ENABLED=0 go build -trimpath -buildvcs=false -ldflags="-s -w -buildid=" -tags pmonly -o "$work/dnf-nimbus" ./cmd/nimbus
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m http.server -b 127.0.0.1 -d "$REPO" "$port" >/dev/null 2>&1 &
srv=$!
for i in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/repodata/repomd.xml" >/dev/null && break; sleep 0.1; done
mkdir -p "$work/home"
printf '%%_dbpath /var/lib/rpm\n' > "$work/home/.rpmmacros"
printf '[main]\ngpgcheck=0\n' > "$work/dnf.conf"
common="-c $work/dnf.conf --setopt=reposdir=/dev/null --releasever=1 --repofrompath=r,http://127.0.0.1:$port/"
# /usr/bin/time runs programs: one wrapper per tool (root and cache of their own)
printf '#!/bin/sh\nexec "%s" -q --installroot "%s/nroot" --setopt=cachedir="%s/nroot/cache" %s reposync "$@"\n' "$work/dnf-nimbus" "$work" "$work" "$common" > "$work/nim"
printf '#!/bin/sh\nHOME="%s" exec dnf -q --disableplugin="*" --enableplugin=reposync --installroot "%s/droot" --setopt=cachedir="%s/droot/cache" %s reposync "$@"\n' "$work/home" "$work" "$work" "$common" > "$work/dnf"
chmod +x "$work/nim" "$work/dnf"
row() { # label fresh(1|0)
  local label=$1 fresh=$2
  declare -A best rss
  for i in 1 2 3; do
    for tool in dnf nim; do
      if [ "$fresh" = 1 ]; then rm -rf "$work/dest-$tool"; fi
      mkdir -p "$work/dest-$tool"
      sync
      /usr/bin/time -f "%e %M" -o "$work/t" "$work/$tool" -p "$work/dest-$tool" --download-metadata >/dev/null 2>"$work/err" || { echo "$tool failed:"; cat "$work/err"; exit 1; }
      read -r s m < "$work/t"
      if [ -z "${best[$tool]:-}" ] || awk -v a="$s" -v b="${best[$tool]}" 'BEGIN{exit !(a<b)}'; then best[$tool]=$s; rss[$tool]=$m; fi
    done
  done
  awk -v l="$label" -v ns="${best[nim]}" -v nm="${rss[nim]}" -v ds="${best[dnf]}" -v dm="${rss[dnf]}" 'BEGIN {
    printf "%-34s nimbus %6.2f s %6.1f MB | dnf %6.2f s %6.1f MB | %4.1fx faster, %4.1fx smaller\n", l, ns, nm/1024, ds, dm/1024, ds/ns, dm/nm }'
}
n=$(find "$REPO" -name '*.rpm' | wc -l); size=$(du -sm "$REPO" | cut -f1)
echo "reposync of $n packages ($size MB) from http://127.0.0.1 (load: $(cut -d' ' -f1-3 /proc/loadavg))"
row "full mirror (+ metadata)" 1
row "again (all already there)" 0
diff -r "$work/dest-nim" "$work/dest-dnf" >/dev/null && echo "the two mirrors are identical (diff -r)" || echo "THE MIRRORS DIFFER"
