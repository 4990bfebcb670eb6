#!/usr/bin/env bash
# nimbus dist update benchmarks (x86_64 by default):
#   check:   the standard set, lists as they are, --dry-run: load and verify the indexes
#            and resolve every locked package of the set against its tracked suites —
#            all the work of a run with nothing new upstream, which returns right there
#            (the committed lock is not at the newest of every suite, so a real run on
#            the standard set would move and rebuild; the true no-op is measured on the
#            web set after step 2) — the daily job's common case (target: under 2 s);
#   refresh: --dry-run with the refresh (apt-get update: network-bound, for scale);
#   peer:    `apt list --upgradable`, apt's own "what is newer" over the same lists;
#   publish: the web set from a new upstream version to a published release: nginx's lock
#            set back to the older version still in bookworm main, so dist update sees the
#            bookworm-security one as new: move the lock, draft the advisory, rebuild
#            nginx/nginx-common/system-release, check the closure, publish the release
#            (target: under 60 s on this 2-core machine).
# It works in a detached git worktree of HEAD (so recipe build times, taken from git, are
# those of a build of this checkout) and removes it at the end; the web set is built
# once first, untimed (the .deb cache and the store warm, as between CI runs), and
# published as the previous release.
#   bench/dist-update.sh [ARCH]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
arch=${1:-x86_64}
debarch=$([ "$arch" = aarch64 ] && echo arm64 || echo amd64)
work=$(mktemp -d)
repo="$work/repo"
git worktree add -q --detach "$repo" HEAD
trap 'git worktree remove --force "$repo"; rm -rf "$work"' EXIT
go build -o "$work/nimbus" ./cmd/nimbus
n="$work/nimbus"
# secs CMD...: wall seconds, and the CPU seconds (user+sys) in $work/cpu; the machine is
# shared, so wall time includes waiting for a core.
secs() {
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
  read -r wall u s <"$work/time"; echo "scale=2; $u+$s" | bc >"$work/cpu"; echo "$wall"
}

cd "$repo"
# Prime: build and publish the web set as the previous release (not timed).
"$n" build --set web --arch "$arch" -o "$work/out" >"$work/prime.log" 2>&1 || { cat "$work/prime.log"; exit 1; }
key="$work/out/keys/nimbus-dev.key"
rv=$(sed -n 's/^version: "\(.*\)"/\1/p' dist/recipes/system-release.yaml)
"$n" release publish --version "$rv" --from "$work/out/repos/$rv" --to "$work/releases" --key "$key" >/dev/null

# 1. The standard set's check against the upstream.
noop=(); noopcpu=()
for i in 1 2 3; do
  noop+=("$(secs "$n" dist update --set standard --arch "$arch" -o "$work/out" --key "$key" --no-refresh --dry-run)"); noopcpu+=("$(cat "$work/cpu")")
done
checked=$(grep -c '^lock: ' "$work/log" || true)
git diff --quiet -- dist || { echo "a dry run changed dist/"; exit 1; }
refresh=$(secs "$n" dist update --set standard --arch "$arch" -o "$work/out" --key "$key" --dry-run)
peer=$(secs apt list --upgradable); peercpu=$(cat "$work/cpu")

# 2. A new upstream version to a published release, web set.
old=$(apt-cache madison nginx | awk -F'|' '$3 ~ /bookworm\/main/ && $3 ~ /'"$debarch"'/ {gsub(/ /,"",$2); print $2; exit}')
[ -n "$old" ] || { echo "no nginx in bookworm main today: cannot set the lock back"; exit 1; }
relock() { # PACKAGE ARCH: the lock line for the old version, from apt's verified lists
  local pkg=$1 a=$2 spec
  spec="$pkg=$old"; [ "$a" != all ] && spec="$pkg:$a=$old"
  local sha size
  sha=$(apt-cache show "$spec" | sed -n 's/^SHA256: //p' | head -1)
  size=$(apt-cache show "$spec" | sed -n 's/^Size: //p' | head -1)
  sed -i "s|^$pkg $a .*|$pkg $a $old bookworm $sha $size|" dist/debian.lock
}
relock nginx "$debarch"
relock nginx-common all
git diff --stat -- dist/debian.lock | tail -1
pub=$(secs "$n" dist update --set web --arch "$arch" -o "$work/out" --key "$key" --no-refresh --publish "$work/releases")
moved=$(grep -c '^lock: ' "$work/log" || true)
summary=$(grep '^dist update:' "$work/log" || true)
published=$(grep '^published release' "$work/log" || true)
adv=$(ls dist/advisories/ | wc -l)
pubcpu=$(cat "$work/cpu")
# 3. Nothing new upstream any more for the web set: the true no-op.
webnoop=$(secs "$n" dist update --set web --arch "$arch" -o "$work/out" --key "$key" --no-refresh --publish "$work/releases"); webnoopcpu=$(cat "$work/cpu")
grep -q 'nothing new upstream' "$work/log" || { echo "the second run was not a no-op:"; cat "$work/log"; exit 1; }

echo "standard set check, $arch (--dry-run --no-refresh, 3 runs): wall ${noop[*]} s, CPU ${noopcpu[*]} s ($checked moves listed)"
echo "  with the refresh (apt-get update, network): ${refresh} s wall"
echo "  peer: apt list --upgradable over the same lists: ${peer} s wall, ${peercpu} s CPU (ratio nimbus/apt, first run, CPU: $(echo "scale=2; ${noopcpu[0]}/$peercpu" | bc))"
echo "new upstream (nginx $old → bookworm-security, and what else moved) to a published release, web set, $arch: ${pub} s wall, ${pubcpu} s CPU"
echo "  $moved lock lines; $summary; $published; $adv advisory files"
echo "no-op dist update --publish, web set, $arch (nothing new, nothing published): ${webnoop} s wall, ${webnoopcpu} s CPU"
