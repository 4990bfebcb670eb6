#!/usr/bin/env bash
# The package manager against dnf 4, same repository (createrepo_c metadata), same machine:
#   1. install one small package into an empty root
#   2. install a package with 50 dependencies into an empty root, on an idle disk and on a
#      busy one (another process overwriting a 64 MiB file with O_DIRECT writes and an fsync
#      after each pass, for the whole measurement of both tools: every fsync and cache flush
#      then waits behind its writes)
#   3. no-op upgrade on the populated root
#   4. check-update against CentOS Stream 9 AppStream's metadata (17,649 packages; metadata
#      only, from testdata/ or $APPSTREAM) on a root with 300 older versions of its
#      packages installed, with a warm and a cold metadata cache
# nimbus here is the images' /usr/bin/dnf (the package-manager binary, -tags pmonly).
# Each row: $REPEAT (default 5) runs of each tool, alternated (nimbus, dnf, then dnf, nimbus,
# ...), so both see the same minutes of the machine and the disk; the median wall time and
# the median peak RSS of each tool's runs, then the ratio dnf/nimbus. (It was the best of 3
# runs of one tool, then 3 of the other: on a 40-70 ms command the best of 3 moved by 1.5x
# between runs of the same code, and whatever the machine did during one tool's three runs
# counted for that tool alone.) Before each run (untimed) the previous root is moved aside
# (see run1), the setup runs and the file systems are synced.
# dnf runs with --noplugins (and its own cachedir and HOME): the host's dnf plugins are not
# part of the peer (dnf-plugins-core's "local" plugin, enabled on this machine, copied every
# installed package into /var/lib/dnf/plugins/local and ran createrepo_c on it after each
# transaction: ~0.1 s of a 0.45 s 50-dependency install).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
work=$(mktemp -d)
trap "rm -rf $work" EXIT
# ext4 without a journal (this machine's) skips every inode freed in the last 60-360 s when it
# allocates one, one buffer lookup each, and allocates in the group of the parent directory:
# files other processes deleted under /tmp (another session's go test, the previous run of
# this script's cleanup) then slowed every file either tool creates, by up to half of a
# nimbus run (perf: find_inode_bit/recently_deleted). With the "top of directory hierarchy"
# flag on $work, each new root directory is placed as a top-level one (Orlov: a group with
# above-average free inodes), away from that churn; both tools alike. Best effort.
chattr +T "$work" 2>/dev/null || true
# Both binaries built as the distribution ships them (internal/distbuild/gobuild.go): static,
# -trimpath, no symbols. The package-manager rows run the images' /usr/bin/dnf, the nimbus
# CLI built with -tags pmonly (dist/recipes/dnf.yaml), called as dnf; the full nimbus (every
# builder and image tool linked) is measured once more on the small install for comparison.
ship() { CGO_ENABLED=0 go build -trimpath -buildvcs=false -ldflags="-s -w -buildid=" "$@"; }
ship -o "$work/nimbus" ./cmd/nimbus
mkdir -p "$work/pm"
ship -tags pmonly -o "$work/pm/dnf" ./cmd/nimbus

mkdir -p "$work/desc" "$work/repo" "$work/home"
printf '%%_dbpath /var/lib/rpm\n' > "$work/home/.rpmmacros"
pkg() { # name requires...
  local n=$1; shift
  { printf 'name: %s\nversion: "1.0"\nrelease: "1"\narch: noarch\nsummary: bench %s\nlicense: MIT\n' "$n" "$n"
    [ $# -gt 0 ] && printf 'requires: [%s]\n' "$(printf '"%s",' "$@" | sed 's/,$//')"
    printf 'files:\n'; for f in 1 2 3 4 5; do printf '  - {path: /usr/share/%s/f%d, content: "%s %d\\n"}\n' "$n" "$f" "$n" "$f"; done
  } > "$work/desc/$n.yaml"
}
pkg small
deps=(); for i in $(seq 1 50); do pkg "dep$i"; deps+=("dep$i"); done
pkg big "${deps[@]}"
SOURCE_DATE_EPOCH=1764000000 "$work/nimbus" rpm pack -o "$work/repo/" "$work"/desc/*.yaml >/dev/null
createrepo_c -q "$work/repo"

common=(--setopt=reposdir=/dev/null --releasever=1 --nogpgcheck "--repofrompath=b,$work/repo" --repo=b)
REPEAT=${REPEAT:-5}
run1() { # setup command... : one timed run; sets t (s), m (KiB), rc
  # The previous root is moved aside, not deleted (the trap deletes everything at the
  # end): ext4 without a journal skips inodes freed in the last seconds when it allocates
  # new ones, one lookup each, so deleting a root before every run made each file the
  # next tool creates cost a scan past the freed inodes (half the time of a 50-package
  # install, for both tools alike; seen with perf in __ext4_new_inode/recently_deleted).
  local setup=$1; shift
  [ -e "$work/root" ] && mv "$work/root" "$(mktemp -d -p "$work" old.XXXXXX)/"
  mkdir -p "$work/root"
  [ -n "$setup" ] && eval "$setup"
  sync # untimed: write back what the setup and the previous run left dirty
  local s e
  rc=0
  s=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || rc=$?
  e=$(date +%s.%N)
  m=$(tail -n 1 "$work/t") # after "Command exited with non-zero status 100"
  t=$(echo "$e - $s" | bc -l)
}
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
pair() { # label nimbus-setup dnf-setup nimbus-command dnf-command args...
  # prints the report line: median time and median peak RSS of each tool's $REPEAT runs
  local label=$1 sn=$2 sd=$3 cn=$4 cd=$5; shift 5
  local tn=() td=() mn=() md=() fn="" fd="" i who
  for i in $(seq 1 "$REPEAT"); do
    for who in $([ $((i % 2)) = 1 ] && echo n d || echo d n); do
      if [ "$who" = n ]; then run1 "$sn" "$cn" "$@"; else run1 "$sd" "$cd" "$@"; fi
      # 100 is check-update's "updates exist"; anything else is a failed run, reported as
      # such (a failing command is fast and small: its figures must not pass for a result).
      if [ "$rc" != 0 ] && [ "$rc" != 100 ]; then
        if [ "$who" = n ]; then
          [ -n "$fn" ] || sed 's/^/    /' "$work/err" | tail -n 2 >&2; fn=FAILED
        else
          [ -n "$fd" ] || sed 's/^/    /' "$work/err" | tail -n 2 >&2; fd=FAILED
        fi
      fi
      if [ "$who" = n ]; then tn+=("$t"); mn+=("$m"); else td+=("$t"); md+=("$m"); fi
    done
  done
  report "$label" "$(median "${tn[@]}") $(median "${mn[@]}") $fn" "$(median "${td[@]}") $(median "${md[@]}") $fd"
}
# /usr/bin/time runs programs, not shell functions: two small wrappers.
printf '#!/bin/sh\nexec "%s" -y -q --installroot "%s" %s "$@"\n' "$work/pm/dnf" "$work/root" "${common[*]}" > "$work/nim"
printf '#!/bin/sh\nexec "%s" -y -q --installroot "%s" %s "$@"\n' "$work/nimbus" "$work/root" "${common[*]}" > "$work/nimfull"
printf '#!/bin/sh\nHOME="%s" exec dnf --noplugins -y -q --installroot "%s" --setopt=cachedir="%s" %s "$@"\n' "$work/home" "$work/root" "$work/root/var/cache/dnf" "${common[*]}" > "$work/dnfc"
chmod +x "$work/nim" "$work/nimfull" "$work/dnfc"
nim="$work/nim"; dnfc="$work/dnfc"

report() { # label "t m" "t m"
  awk -v l="$1" -v n="$2" -v d="$3" 'BEGIN {
    split(n, a, " "); split(d, b, " ");
    if (a[3] != "" || b[3] != "") { printf "%-40s FAILED: nimbus %s, dnf %s (their stderr above)\n", l, (a[3] != "" ? "failed" : "ok"), (b[3] != "" ? "failed" : "ok"); exit }
    printf "%-40s nimbus %6.3f s %6.1f MB | dnf %6.3f s %6.1f MB | %4.1fx faster, %4.1fx smaller\n", l, a[1], a[2]/1024, b[1], b[2]/1024, b[1]/a[1], b[2]/a[2] }'
}
pair "install 1 small package (empty root)" "" "" "$nim" "$dnfc" install small
pair "the same, full nimbus binary" "" "" "$work/nimfull" "$dnfc" install small
ls -l "$work/pm/dnf" "$work/nimbus" | awk '{printf "  %s: %.1f MB\n", $NF, $5/1048576}'
pair "install 1 package + 50 deps (empty root)" "" "" "$nim" "$dnfc" install big
# The busy disk: a writer in the background, stopped by its PID (a flag file ends its loop
# after the current pass, at most one 64 MiB write).
busy_start() {
  touch "$work/busy.on"
  ( while [ -e "$work/busy.on" ]; do
      dd if=/dev/zero of="$work/busy.dat" bs=1M count=64 oflag=direct conv=notrunc,fsync status=none
    done ) >/dev/null 2>&1 &
  busy_pid=$!
}
busy_stop() { rm -f "$work/busy.on"; wait "$busy_pid" 2>/dev/null || true; rm -f "$work/busy.dat"; }
busy_start
pair "install 1 package + 50 deps, busy disk" "" "" "$nim" "$dnfc" install big
busy_stop
pair "no-op upgrade (52 installed)" '"$nim" install big >/dev/null 2>&1' '"$dnfc" install big >/dev/null 2>&1' "$nim" "$dnfc" upgrade

# 4. check-update on an AppStream-sized repository.
appstream=${APPSTREAM:-$PWD/testdata/centos-stream9-appstream}
if [ -f "$appstream/repodata/repomd.xml" ]; then
  mkdir -p "$work/olddesc" "$work/oldrepo"
  # 300 names (x86_64 and noarch) of the repository, each as version 0.1-1.
  zcat "$appstream"/repodata/*-primary.xml.gz | awk '
    /<package type="rpm">/ {name=""; arch=""}
    /<name>/ && name=="" {gsub(/.*<name>|<\/name>.*/, ""); name=$0}
    /<arch>/ && arch=="" {gsub(/.*<arch>|<\/arch>.*/, ""); arch=$0;
      if ((arch=="x86_64" || arch=="noarch") && !(name in seen) && n < 300) {seen[name]=1; n++; print name, arch}}' |
  while read -r n a; do
    printf 'name: %s\nversion: "0.1"\nrelease: "1"\narch: %s\nsummary: old %s\nlicense: MIT\nfiles:\n  - {path: /usr/share/bench-old/%s, content: "%s\\n"}\n' "$n" "$a" "$n" "$n" "$n" > "$work/olddesc/$n.yaml"
  done
  SOURCE_DATE_EPOCH=1764000000 "$work/nimbus" rpm pack -o "$work/oldrepo/" "$work"/olddesc/*.yaml >/dev/null
  createrepo_c -q "$work/oldrepo"
  tmpl="$work/tmpl"
  mkdir -p "$tmpl"
  "$work/nimbus" -y -q --installroot "$tmpl" --setopt=reposdir=/dev/null --releasever=9 --nogpgcheck \
    "--repofrompath=old,$work/oldrepo" --repo=old install $(ls "$work/olddesc" | sed 's/\.yaml$//') >/dev/null
  rm -rf "$tmpl/var/cache/dnf"
  ascommon=(--setopt=reposdir=/dev/null --releasever=9 --nogpgcheck "--repofrompath=as,$appstream" --repo=as)
  printf '#!/bin/sh\nexec "%s" --installroot "%s" %s "$@"\n' "$work/pm/dnf" "$work/root" "${ascommon[*]}" > "$work/nimas"
  printf '#!/bin/sh\nHOME="%s" exec dnf --noplugins --installroot "%s" --setopt=cachedir="%s" %s "$@"\n' "$work/home" "$work/root" "$work/root/var/cache/dnf" "${ascommon[*]}" > "$work/dnfas"
  chmod +x "$work/nimas" "$work/dnfas"
  cold='rm -rf "$work/root"; cp -a "$tmpl" "$work/root"'
  pair "check-update AppStream, cold cache" "$cold" "$cold" "$work/nimas" "$work/dnfas" check-update
  # Warm: the metadata cached (and current) by a first run of the same tool.
  mkdir -p "$work/warm-n" "$work/warm-d"
  rm -rf "$work/root"; cp -a "$tmpl" "$work/root"; { "$work/nimas" makecache >/dev/null 2>&1 || echo "  nimbus makecache failed" >&2; }; rm -rf "$work/warm-n"; mv "$work/root" "$work/warm-n"
  rm -rf "$work/root"; cp -a "$tmpl" "$work/root"; { "$work/dnfas" makecache >/dev/null 2>&1 || echo "  dnf makecache failed" >&2; }; rm -rf "$work/warm-d"; mv "$work/root" "$work/warm-d"
  pair "check-update AppStream, warm cache" 'rm -rf "$work/root"; cp -a "$work/warm-n" "$work/root"' \
    'rm -rf "$work/root"; cp -a "$work/warm-d" "$work/root"' "$work/nimas" "$work/dnfas" check-update
  rm -rf "$work/root"; cp -a "$work/warm-n" "$work/root"
  nu=$("$work/nimas" -q check-update 2>/dev/null | grep -c . || true)
  rm -rf "$work/root"; cp -a "$work/warm-d" "$work/root"
  du=$("$work/dnfas" -q check-update 2>/dev/null | grep -c . || true)
  echo "  (updates listed for the 300 installed packages: nimbus $nu, dnf $du)"
fi
