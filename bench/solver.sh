#!/usr/bin/env bash
# bench/solver.sh: Nimbus's dependency resolver against libsolv's testsolv on
# the same inputs, measured in the same run; prints wall time and peak RSS of
# both and the Nimbus/testsolv ratios (below 1 means Nimbus is faster/smaller).
#
#   bash bench/solver.sh            # all cases
#   ONLY=cache bash bench/solver.sh # some: testcases, realworld, cache, debtext, appstream (comma-separated)
# The data (libsolv's testcases, Debian 12, CentOS Stream 9 AppStream) is the repository's
# testdata/ (testdata/README.md).
#
# Needs: go, /usr/bin/time, libsolv-tools (testsolv, deb2solv), xz, gzip.
set -euo pipefail
cd "$(dirname "$0")/.."
TESTCASES=$PWD/testdata/libsolv-0.7.23-testcases
DEBIAN=$PWD/testdata/debian-12.15-bookworm-main-amd64-Packages.xz
PRIMARY=$(ls "$PWD"/testdata/centos-stream9-appstream/repodata/*-primary.xml.gz)
REPEAT=${REPEAT:-3}
ONLY=${ONLY:-all}
want() { [ "$ONLY" = all ] || [[ ",$ONLY," == *",$1,"* ]]; }

for tool in testsolv deb2solv /usr/bin/time xz; do
	command -v "$tool" >/dev/null || { echo "bench/solver.sh: $tool not found (apt-get install libsolv-tools time xz-utils)" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Built as the distribution ships it (internal/distbuild/gobuild.go): static, -trimpath, no
# symbols (a cgo build maps libc and ld.so beside it: 1.3 MB more of every peak).
CGO_ENABLED=0 go build -trimpath -buildvcs=false -ldflags="-s -w -buildid=" -o "$work/nimbus" ./cmd/nimbus
# bench/solvetc: the same solver and memory settings in a small driver, as testsolv is
# libsolv's; the rows marked "solvetc" compare the solvers without the size of the full
# nimbus command (about 14 MB of its own pages at the peak) in Nimbus's figure.
CGO_ENABLED=0 go build -trimpath -buildvcs=false -ldflags="-s -w -buildid=" -o "$work/solvetc" ./bench/solvetc

# measure CMD...: runs CMD $REPEAT times, prints "best-seconds max-rss-kb".
measure() {
	local best="" rss=0 t m
	for _ in $(seq "$REPEAT"); do
		/usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || true
		read -r t m <"$work/time"
		if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
		[ "$m" -gt "$rss" ] && rss=$m
	done
	echo "$best $rss"
}

# row LABEL "NIMBUS-CMD" "TESTSOLV-CMD"
printf '%-44s %9s %9s %7s %9s %9s %7s\n' case nimbus-s testsolv-s time-x nimbus-MB testsolv-MB rss-x
row() {
	local label=$1 n t
	read -r nt nm < <(measure bash -c "$2")
	read -r tt tm < <(measure bash -c "$3")
	awk -v l="$label" -v nt="$nt" -v tt="$tt" -v nm="$nm" -v tm="$tm" 'BEGIN{
		rt = (tt > 0) ? nt/tt : 0; rm = (tm > 0) ? nm/tm : 0
		printf "%-44s %9.3f %9.3f %7.2f %9.1f %9.1f %7.2f\n", l, nt, tt, rt, nm/1024, tm/1024, rm }'
}

# 1. the libsolv testcases, one process per file for both tools
if want testcases; then
ls "$TESTCASES"/*/*.t >"$work/tcs"
row "libsolv testcases (95 files, 1 proc each)" \
	"while read -r f; do $work/nimbus solver testcase \"\$f\" >/dev/null || true; done <$work/tcs" \
	"while read -r f; do (cd \"\$(dirname \"\$f\")\" && testsolv \"\$(basename \"\$f\")\" >/dev/null) || true; done <$work/tcs"

fi

# 1b. the real-world-style testcases (testdata/solver-testcases: AppStream and Debian 12 in
#     compressed repo files, 140 job sections), one process per file for both tools
if want realworld; then
ls "$PWD"/testdata/solver-testcases/*/*.t >"$work/rw"
row "real-world testcases ($(wc -l <"$work/rw") files, 1 proc each)" \
	"while read -r f; do $work/nimbus solver testcase \"\$f\" >/dev/null || true; done <$work/rw" \
	"while read -r f; do (cd \"\$(dirname \"\$f\")\" && testsolv \"\$(basename \"\$f\")\" >/dev/null) || true; done <$work/rw"

fi

# 2. Debian 12 (63k packages): binary caches (deb2solv's .solv; Nimbus's binary index, the
#    package manager's metadata cache format, from `nimbus solver cache`), then load + solve
#    3 install jobs
xz -dc "$DEBIAN" >"$work/Packages"
jobs="job install name libreoffice
job install name gnome
job install name texlive-full"
if want cache; then
deb2solv -r <"$work/Packages" >"$work/debian.solv"
"$work/nimbus" solver cache --arch amd64 --repo bookworm="$work/Packages" -o "$work/debian.cache" >/dev/null
printf 'repo system 0 empty\nrepo bookworm 0 solv debian.solv\nsystem amd64 deb system\n%s\nresult transaction,problems <inline>\n' "$jobs" >"$work/deb-testsolv.t"
printf 'repo system 0 empty\nrepo bookworm 0 nimbus debian.cache\nsystem amd64 deb system\n%s\n' "$jobs" >"$work/deb-nimbus.t"
row "debian: cache load + 3 installs" \
	"$work/nimbus solver testcase $work/deb-nimbus.t" \
	"cd $work && testsolv -r deb-testsolv.t"
row "  the same, solvetc" \
	"$work/solvetc $work/deb-nimbus.t" \
	"cd $work && testsolv -r deb-testsolv.t"

ls -l "$work/debian.solv" "$work/debian.cache" | awk '{print "  " $NF ": " $5 " bytes"}'
fi

# 3. Debian 12 as one testtags testcase read by both (text parse + solve)
if want debtext || want agreement; then
"$work/nimbus" solver write-testcase --arch amd64 --repo bookworm="$work/Packages" \
	--job "install name libreoffice" --job "install name gnome" --job "install name texlive-full" -o "$work/deb-text.t"
row "debian: testtags text load + 3 installs" \
	"$work/nimbus solver testcase $work/deb-text.t" \
	"testsolv -r $work/deb-text.t"
row "  the same, solvetc" \
	"$work/solvetc $work/deb-text.t" \
	"testsolv -r $work/deb-text.t"

fi

# 4. CentOS Stream 9 AppStream (17.6k packages, BaseOS names stubbed)
if want appstream || want agreement; then
"$work/nimbus" solver write-testcase --arch x86_64 --repo appstream="$PRIMARY" --stub-missing \
	--job "install name nginx" --job "install name postgresql-server" --job "install name firefox" -o "$work/appstream.t"
row "appstream: testtags load + 3 installs" \
	"$work/nimbus solver testcase $work/appstream.t" \
	"testsolv -r $work/appstream.t"
row "  the same, solvetc" \
	"$work/solvetc $work/appstream.t" \
	"testsolv -r $work/appstream.t"

fi

# agreement on the same inputs: how many transaction lines differ
[ "$ONLY" = all ] || exit 0
for t in deb-text appstream; do
	"$work/nimbus" solver testcase -v "$work/$t.t" | grep -E '^(install|erase|upgrade|downgrade) ' | sort >"$work/$t.n" || true
	testsolv -r "$work/$t.t" | grep -E '^(install|erase|upgrade|downgrade) ' | sort >"$work/$t.s" || true
	"$work/solvetc" "$work/$t.t" | grep -E '^(install|erase|upgrade|downgrade) ' | sort >"$work/$t.d" || true
	echo "$t: nimbus $(wc -l <"$work/$t.n") steps, testsolv $(wc -l <"$work/$t.s") steps, $(comm -3 "$work/$t.n" "$work/$t.s" | wc -l) differ; solvetc's $(cmp -s "$work/$t.n" "$work/$t.d" && echo "are nimbus's" || echo "DIFFER from nimbus's")"
done
