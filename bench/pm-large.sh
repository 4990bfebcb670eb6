#!/usr/bin/env bash
# bench/pm-large.sh: the package manager on a large repository, against dnf 4.14 in the
# same run (issue 18, "memory for 512 MB instances"). The repository is Debian 12's
# archive (testdata/, 63,418 amd64+all packages) written as rpm-md metadata by
# bench/debrepo, its relations mapped as the distribution build maps them
# (distbuild.DebianIndexDeps); only the packages the xfce4 closure can need are real
# .rpm files (small payloads). It is served on 127.0.0.1 and both tools, each with its
# own dnf.conf, reposdir, cache and install root (dnf with --noplugins, rpm's dbpath
# /var/lib/rpm through a private HOME's .rpmmacros), run:
#   1. makecache on an empty root (download + index all metadata)
#   2. install xfce4 (install_weak_deps=False: the Depends closure, ~230 packages)
#      on the root step 1 left (metadata cached)
# Each step: best wall time of $REPEAT runs (fresh roots each run), peak RSS (the largest
# of the runs, /usr/bin/time's maximum resident set size), and the ratios dnf/nimbus.
#
#   bash bench/pm-large.sh                 # REPEAT=3
#   PMLARGE_REPO=out/pm-large bash bench/pm-large.sh   # keep the generated repository
#
# Needs: go, dnf, rpm, python3 (the HTTP server), /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
REPEAT=${REPEAT:-3}
TARGET=${TARGET:-xfce4}
for tool in dnf rpm python3 /usr/bin/time; do
	command -v "$tool" >/dev/null || { echo "bench/pm-large.sh: $tool not found (scripts/setup.sh installs it)" >&2; exit 2; }
done
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
go build -o "$work/nimbus" ./cmd/nimbus
go build -o "$work/debrepo" ./bench/debrepo

repo=${PMLARGE_REPO:-$work/repo}
if [ ! -f "$repo/repodata/repomd.xml" ]; then
	mkdir -p "$repo"
	echo "writing the repository (Debian 12 as rpm-md; a few minutes)..." >&2
	"$work/debrepo" -packages testdata/debian-12.15-bookworm-main-amd64-Packages.xz -o "$repo" -closure "$TARGET" -list "$repo/closure.txt" >&2
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$repo" "$port" >"$work/http.log" 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/repodata/repomd.xml" >/dev/null && break; sleep 0.2; done

mkdir -p "$work/repos.d" "$work/home"
printf '%%_dbpath /var/lib/rpm\n' >"$work/home/.rpmmacros"
printf '[main]\ngpgcheck=0\ninstall_weak_deps=False\nkeepcache=False\n' >"$work/dnf.conf"
printf '[large]\nname=Debian 12 as rpm-md\nbaseurl=http://127.0.0.1:%s/\ngpgcheck=0\n' "$port" >"$work/repos.d/large.repo"
common=(-y -q -c "$work/dnf.conf" "--setopt=reposdir=$work/repos.d" --noplugins --releasever=12)
# /usr/bin/time runs programs: one wrapper per tool, ROOT from the environment.
printf '#!/bin/sh\nexec "%s" %s --installroot "$ROOT" "$@"\n' "$work/nimbus" "${common[*]}" >"$work/nim"
printf '#!/bin/sh\nHOME="%s" exec dnf %s --installroot "$ROOT" --setopt=cachedir="$ROOT/var/cache/dnf" "$@"\n' "$work/home" "${common[*]}" >"$work/dnfc"
chmod +x "$work/nim" "$work/dnfc"

# run TOOL N: fresh root, makecache then install, each timed; prints "mc-s mc-kb in-s in-kb".
run() {
	local tool=$1 n=$2
	export ROOT="$work/root-$tool-$n"
	mkdir -p "$ROOT"
	sync
	/usr/bin/time -f "%e %M" -o "$work/t1" "$work/$tool" makecache >"$work/$tool-mc.out" 2>&1 || { echo "$tool makecache failed:" >&2; tail -5 "$work/$tool-mc.out" >&2; }
	sync
	/usr/bin/time -f "%e %M" -o "$work/t2" "$work/$tool" install "$TARGET" >"$work/$tool-in.out" 2>&1 || { echo "$tool install failed:" >&2; grep -v 'is needed by' "$work/$tool-in.out" | tail -5 >&2; }
	echo "$(tail -n1 "$work/t1") $(tail -n1 "$work/t2")"
}
declare -A best
for i in $(seq "$REPEAT"); do
	for tool in nim dnfc; do
		read -r mt mm it im < <(run "$tool" "$i")
		best[$tool]=$(awk -v p="${best[$tool]:-}" -v mt="$mt" -v mm="$mm" -v it="$it" -v im="$im" 'BEGIN{
			if (p == "") { print mt, mm, it, im; exit }
			split(p, a, " ")
			printf "%s %s %s %s\n", (mt < a[1] ? mt : a[1]), (mm > a[2] ? mm : a[2]), (it < a[3] ? it : a[3]), (im > a[4] ? im : a[4]) }')
	done
done
count() { rpm --root "$1" --dbpath /var/lib/rpm -qa 2>/dev/null | wc -l; }
echo "repository: $(zcat "$repo"/repodata/*-primary.xml.gz | grep -c '<package type="rpm">') packages; install $TARGET with install_weak_deps=False; best of $REPEAT, peak RSS the largest"
awk -v n="${best[nim]}" -v d="${best[dnfc]}" 'BEGIN{
	split(n, a, " "); split(d, b, " ")
	printf "%-28s nimbus %7.2f s %6.1f MB | dnf %7.2f s %6.1f MB | %5.1fx faster, %5.1fx smaller\n", "makecache (63k packages)", a[1], a[2]/1024, b[1], b[2]/1024, b[1]/a[1], b[2]/a[2]
	printf "%-28s nimbus %7.2f s %6.1f MB | dnf %7.2f s %6.1f MB | %5.1fx faster, %5.1fx smaller\n", "install (metadata cached)", a[3], a[4]/1024, b[3], b[4]/1024, b[3]/a[3], b[4]/a[4]
	printf "%-28s nimbus %7.2f s %6.1f MB | dnf %7.2f s %6.1f MB | %5.1fx faster\n", "makecache + install", a[1]+a[3], (a[2]>a[4]?a[2]:a[4])/1024, b[1]+b[3], (b[2]>b[4]?b[2]:b[4])/1024, (b[1]+b[3])/(a[1]+a[3]) }'
echo "installed packages (rpm -qa): nimbus $(count "$work/root-nim-1"), dnf $(count "$work/root-dnfc-1")"
