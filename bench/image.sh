#!/bin/bash
# bench/image.sh: image build time and image size, Nimbus side by side with Debian, in
# the same run on the same machine.
#
#   (a) build, warm repository: `nimbus image build minimal` (raw + qcow2) from the local
#       repository vs `mmdebstrap --variant=minbase` + Debian's cloud kernel (the kernel
#       Nimbus imports) made into the same kind of UEFI disk, raw + qcow2
#       (bench/debian-peer.sh minbase). Each side is built once untimed first (page
#       cache, apt's package cache), then timed. Target: Nimbus at least 5x faster.
#   (c) size, allocated bytes of the raw disk and a compressed qcow2 (qemu-img convert -c),
#       of the minimal image vs the Debian cloud image the boot benchmark boots (systemd,
#       cloud-init, openssh-server; bench/debian-peer.sh cloud), and vs Amazon Linux 2023's
#       container image, about 55 MB compressed: a QUOTED constant (AL2023's published
#       container image size), not measured here (no downloads outside Debian's mirror).
#
#   bench/image.sh                       # x86_64, from out/repos (built if missing)
#   REPO=/path/to/repos/2026.0.20261125/x86_64 bench/image.sh
#
# Needs root, mmdebstrap, systemd-boot-efi, e2fsprogs, dosfstools, mtools, gdisk,
# qemu-utils. Takes a few minutes; the Debian side downloads index files each run and
# packages only the first time (kept in /var/cache/nimbus-bench/debs).
set -euo pipefail

ARCH=x86_64 # the Debian peer is built for amd64 only
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/nimbus-image-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"
export SOURCE_DATE_EPOCH=1767225600

go build -o "$WORK/nimbus" ./cmd/nimbus
go build -o "$WORK/ukify" ./bench/ukify
export UKIFY=$WORK/ukify
if [ -z "${REPO:-}" ]; then
	REL=$(ls out/repos 2>/dev/null | sort | tail -1 || true)
	if [ -z "$REL" ] || [ ! -f "out/repos/$REL/$ARCH/repodata/repomd.xml" ]; then
		"$WORK/nimbus" build --set minimal --arch "$ARCH" -o out >/dev/null
		REL=$(ls out/repos | sort | tail -1)
	fi
	REPO=$ROOT/out/repos/$REL/$ARCH
fi
REL=$(basename "$(dirname "$REPO")")
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
echo "machine: $(nproc) CPUs, $(uname -r); repository $REPO ($(ls "$REPO/Packages" | wc -l) packages)"

now() { date +%s.%N; }
secs() { echo "scale=2; ($2 - $1) / 1" | bc; }
# timed FILE CMD...: runs CMD; FILE gets "wall user+sys" seconds (bash's time: the CPU of
# the command and every child it waited for, steadier than wall time on a loaded host).
timed() {
	local f=$1 TIMEFORMAT='%R %U %S'
	shift
	{ time "$@" 2>&3; } 3>&2 2>"$f.t"
	awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$f.t" >"$f"
}
nimbus_build() { # $1: output folder
	"$WORK/nimbus" image build minimal --arch "$ARCH" --format raw,qcow2 -o "$1" \
		--repo "$REPO" --releasever "$REL" >"$1.log" 2>&1 || { cat "$1.log" >&2; exit 1; }
}
debian_build() { # $1: profile, $2: output folder
	bash bench/debian-peer.sh "$1" "$2" >"$2.log" 2>&1 || { cat "$2.log" >&2; exit 1; }
}

# (a) build time.
nimbus_build "$WORK/n0"
timed "$WORK/n1.time" nimbus_build "$WORK/n1"
read -r NB NC <"$WORK/n1.time"
debian_build minbase "$WORK/d0"
timed "$WORK/d1.time" debian_build minbase "$WORK/d1"
read -r DB DC1 <"$WORK/d1.time"
echo
echo "== (a) image build, warm repository (raw + qcow2 disk, UEFI + UKI) =="
echo "load average before: $LOAD0; after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "nimbus image build minimal:                           ${NB}s wall, ${NC}s cpu (user+sys)"
echo "    stage       wall     cpu"
grep -E '^(resolve|install|configure|initramfs|uki|filesystem|disk|convert|sbom|manifest) ' "$WORK/n1.log" | cut -c1-120 | sed 's/^/    /'
echo "mmdebstrap --variant=minbase + cloud kernel → disk:   ${DB}s wall, ${DC1}s cpu (kernel $(cat "$WORK/d1/debian-minbase.kernel"))"
printf "ratio: Nimbus is %.1fx faster (target >= 5x); %.1fx less CPU\n" "$(echo "scale=3; $DB / $NB" | bc)" "$(echo "scale=3; $DC1 / $NC" | bc)"
if cmp -s "$WORK/n0/minimal-$ARCH.raw" "$WORK/n1/minimal-$ARCH.raw"; then
	echo "reproducible: yes (the two Nimbus builds have the same raw bytes)"
else
	echo "reproducible: NO"
fi

# (c) sizes: the minimal image vs the Debian cloud image (systemd + cloud-init + sshd).
s=$(now); debian_build cloud "$WORK/dc"; e=$(now)
DC=$(secs "$s" "$e")
printf "(for reference: the Debian cloud peer (minbase + kernel + systemd + cloud-init + openssh-server) builds in %ss, %.1fx)\n" "$DC" "$(echo "scale=3; $DC / $NB" | bc)"
size_line() { # $1: name, $2: raw
	local alloc comp
	alloc=$(du -B1 "$2" | cut -f1)
	qemu-img convert -c -f raw -O qcow2 "$2" "$WORK/c.qcow2"
	comp=$(stat -c %s "$WORK/c.qcow2")
	printf "%-34s %8.1f MiB allocated  %8.1f MiB compressed qcow2  (virtual %d MiB)\n" "$1" \
		"$(echo "$alloc / 1048576" | bc -l)" "$(echo "$comp / 1048576" | bc -l)" $(($(stat -c %s "$2") / 1048576))
	echo "$alloc $comp"  >"$WORK/$(basename "$2").size"
}
echo
echo "== (c) image size =="
size_line "nimbus minimal" "$WORK/n1/minimal-$ARCH.raw"
size_line "debian minbase + kernel" "$WORK/d1/debian-minbase.raw"
size_line "debian cloud (systemd, cloud-init)" "$WORK/dc/debian-cloud.raw"
read -r NA NC <"$WORK/minimal-$ARCH.raw.size"
read -r CA CC <"$WORK/debian-cloud.raw.size"
echo "ratio vs Debian cloud: allocated $(echo "scale=2; $CA / $NA" | bc)x smaller, compressed $(echo "scale=2; $CC / $NC" | bc)x smaller"
echo "Amazon Linux 2023 container image: about 55 MB compressed (quoted constant, not measured);" \
	"nimbus minimal compressed is $(echo "scale=2; $NC / 55000000" | bc)x that (it carries a kernel, modules and an initramfs)"
