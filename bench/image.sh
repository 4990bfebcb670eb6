#!/bin/sh
# bench/image.sh: time `nimbus image build` of the minimal image (warm repository), its
# size, and the UEFI boot of the result to "nimbus-init: ready" under QEMU (TCG), side by
# side with the peer when asked (PEER=1: mmdebstrap --variant=minbase of Debian 12 with
# the same cloud kernel, into a tree; its disk image would add more).
#
#   bench/image.sh                 # from out/repos when present, else the development root
#   ARCH=aarch64 bench/image.sh
#   PEER=1 bench/image.sh          # also time mmdebstrap (needs mmdebstrap and Debian's mirror)
#
# Runs as root (image builds own files as root). Prints one line per measure. Paths must
# not contain spaces.
set -eu

ARCH=${ARCH:-x86_64}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/nimbus-image-bench.XXXXXX)
NIMBUS_CACHE=${NIMBUS_CACHE:-/var/cache/nimbus-test}
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"

case $ARCH in x86_64) GOARCH=amd64 ;; aarch64) GOARCH=arm64 ;; *) echo "ARCH x86_64 or aarch64" >&2; exit 2 ;; esac
go build -o "$WORK/nimbus" ./cmd/nimbus
export SOURCE_DATE_EPOCH=1767225600

REL=$(ls out/repos 2>/dev/null | sort | tail -1 || true)
if [ -n "$REL" ] && [ -f "out/repos/$REL/$ARCH/repodata/repomd.xml" ]; then
	SRC="repository out/repos/$REL/$ARCH"
	EXTRA="--repo $ROOT/out/repos/$REL/$ARCH --releasever $REL"
else
	SRC="development root (no out/repos: run nimbus build for the real one)"
	CGO_ENABLED=0 GOARCH=$GOARCH go build -trimpath -ldflags='-s -w' -o "$WORK/nimbus-init" ./cmd/nimbus-init
	EXTRA="--dev --dev-init $WORK/nimbus-init"
fi
echo "image: minimal for $ARCH from $SRC"

build() { # $1: output folder
	s=$(date +%s.%N)
	# shellcheck disable=SC2086 # EXTRA is a list of words without spaces
	"$WORK/nimbus" image build minimal --arch "$ARCH" --format raw,qcow2 -o "$1" $EXTRA >/dev/null 2>"$1.log" || { cat "$1.log" >&2; exit 1; }
	e=$(date +%s.%N)
	echo "$e - $s" | bc
}
B1=$(build "$WORK/a")
B2=$(build "$WORK/b")
echo "build (cold page cache for the tree, warm repository): ${B1}s"
echo "build (again):                                         ${B2}s"
grep -E '^(resolve|install|configure|initramfs|uki|filesystem|disk|convert|sbom|manifest) ' "$WORK/b.log" | sed 's/^/  stage /'
if cmp -s "$WORK/a/minimal-$ARCH.raw" "$WORK/b/minimal-$ARCH.raw"; then echo "reproducible: yes (two builds, same raw bytes)"; else echo "reproducible: NO"; fi
RAW="$WORK/b/minimal-$ARCH.raw"
echo "raw: virtual $(($(stat -c %s "$RAW") / 1048576)) MiB, allocated $(du -m "$RAW" | cut -f1) MiB"
echo "qcow2: $(($(stat -c %s "$WORK/b/minimal-$ARCH.qcow2") / 1048576)) MiB"
qemu-img convert -c -f raw -O qcow2 "$RAW" "$WORK/c.qcow2"
echo "qcow2 compressed: $(($(stat -c %s "$WORK/c.qcow2") / 1048576)) MiB (Amazon Linux's container image: about 55 MB compressed)"

# Boot: UEFI firmware, the UKI, nimbus-init to "ready", then the power button (SIGINT).
"$WORK/nimbus" run "$WORK/b/minimal-$ARCH.qcow2" --ephemeral --timeout 240s --console-log "$WORK/console.log" >"$WORK/run.log" 2>&1 &
RUN=$!
s=$(date +%s.%N)
i=0
until grep -q "nimbus-init: ready" "$WORK/console.log" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -gt 2400 ] || ! kill -0 $RUN 2>/dev/null; then echo "boot: no ready marker" >&2; kill $RUN 2>/dev/null || true; exit 1; fi
	sleep 0.1
done
e=$(date +%s.%N)
echo "boot (QEMU start to nimbus-init ready, TCG, UEFI): $(echo "$e - $s" | bc)s; guest says: $(grep -a -o 'ready in .*' "$WORK/console.log" | head -1)"
kill -INT $RUN
wait $RUN || true
grep -q "nimbus-init: poweroff now" "$WORK/console.log" && echo "shutdown: clean (power button)" || echo "shutdown: NOT clean"

if [ "${PEER:-}" = 1 ]; then
	if command -v mmdebstrap >/dev/null; then
		s=$(date +%s.%N)
		mmdebstrap --quiet --variant=minbase --include="linux-image-cloud-$GOARCH" bookworm "$WORK/peer" >/dev/null 2>&1 || echo "peer: mmdebstrap failed"
		e=$(date +%s.%N)
		P=$(echo "$e - $s" | bc)
		echo "peer mmdebstrap --variant=minbase + cloud kernel (tree only): ${P}s; ratio $(echo "scale=1; $P / $B2" | bc)x; size $(du -sm "$WORK/peer" | cut -f1) MiB"
	else
		echo "peer: mmdebstrap not installed (apt-get install mmdebstrap)"
	fi
fi
