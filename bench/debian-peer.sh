#!/bin/sh
# bench/debian-peer.sh: the Debian peer of the image benchmarks. Builds a Debian 12 disk
# the way one would without Nimbus: mmdebstrap --variant=minbase with Debian's cloud
# kernel (the kernel Nimbus imports) into a tree, an ext4 root made from it
# (mkfs.ext4 -d), a FAT32 ESP with a unified kernel image (systemd's EFI stub + the
# kernel + Debian's own initramfs-tools initrd, written by bench/ukify), a GPT disk
# (sgdisk + dd) and a qcow2 (qemu-img): the same UEFI boot path as a Nimbus image.
#
#   bench/debian-peer.sh minbase OUTDIR    # minbase + kernel (the image-build benchmark)
#   bench/debian-peer.sh cloud OUTDIR      # + systemd, cloud-init (NoCloud), openssh-server
#
#   KERNEL_DEB=linux-image-...deb bench/debian-peer.sh cloud OUTDIR
#                                          # that kernel package instead of the newest
#                                          # linux-image-cloud-amd64 (bench/boot.sh passes
#                                          # the one dist/debian.lock gives Nimbus)
#
# Writes OUTDIR/debian-PROFILE.raw and .qcow2. Packages come from deb.debian.org through
# apt and are kept in $DEBIAN_DEBS (default /var/cache/nimbus-bench/debs) so that runs
# after the first are warm (apt still fetches the index files each run). Runs as root.
set -eu

PROFILE=$1
OUT=$2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEBS=${DEBIAN_DEBS:-/var/cache/nimbus-bench/debs}
STUB=${STUB:-/usr/lib/systemd/boot/efi/linuxx64.efi.stub}
UKIFY=${UKIFY:-}
ROOTUUID=5e1f3a6c-0b7d-4c55-9a51-d3b1a1c0ffee
case $PROFILE in
minbase) PKGS=linux-image-cloud-amd64 ;;
cloud) PKGS=linux-image-cloud-amd64,systemd-sysv,cloud-init,openssh-server,ifupdown,isc-dhcp-client,sudo,netbase ;;
*) echo "profile: minbase or cloud" >&2; exit 2 ;;
esac
if [ -n "${KERNEL_DEB:-}" ]; then
	[ -f "$KERNEL_DEB" ] || { echo "KERNEL_DEB $KERNEL_DEB: no such file" >&2; exit 1; }
	# A local .deb path as its own --include (mmdebstrap(1)); initramfs-tools is what
	# the metapackage's kernel pulls in as its initramfs generator.
	PKGS=$(echo "$PKGS" | sed 's/linux-image-cloud-amd64/initramfs-tools/')
	set -- --include="$(cd "$(dirname "$KERNEL_DEB")" && pwd)/$(basename "$KERNEL_DEB")"
else
	set --
fi
[ -f "$STUB" ] || { echo "no EFI stub $STUB (apt-get install systemd-boot-efi)" >&2; exit 1; }
mkdir -p "$DEBS" "$OUT"
T=$(mktemp -d "$OUT/.debian-$PROFILE.XXXXXX")
trap 'rm -rf "$T"' EXIT
if [ -z "$UKIFY" ]; then
	UKIFY=$T/ukify
	(cd "$ROOT" && go build -o "$UKIFY" ./bench/ukify)
fi

# The peer's configuration, as a Debian cloud image has it: fstab by UUID, empty
# machine-id, NoCloud first, serial console.
cat >"$T/configure" <<EOF
#!/bin/sh
set -e
echo "UUID=$ROOTUUID / ext4 defaults,errors=remount-ro 0 1" > "\$1/etc/fstab"
echo debian > "\$1/etc/hostname"
: > "\$1/etc/machine-id"
if [ -d "\$1/etc/cloud/cloud.cfg.d" ]; then
	echo "datasource_list: [NoCloud, None]" > "\$1/etc/cloud/cloud.cfg.d/90-bench.cfg"
fi
rm -f "\$1"/etc/ssh/ssh_host_*
EOF
chmod +x "$T/configure"

mmdebstrap --quiet --variant=minbase --include="$PKGS" "$@" --skip=essential/unlink \
	--setup-hook="mkdir -p \"\$1\"/var/cache/apt/archives/" \
	--setup-hook="sync-in $DEBS /var/cache/apt/archives/" \
	--customize-hook="sync-out /var/cache/apt/archives $DEBS" \
	--customize-hook="$T/configure \"\$1\"" \
	bookworm "$T/root" \
	"deb http://deb.debian.org/debian bookworm main" \
	"deb http://deb.debian.org/debian bookworm-updates main" \
	"deb http://deb.debian.org/debian-security bookworm-security main" >"$T/mmdebstrap.log" 2>&1 ||
	{ cat "$T/mmdebstrap.log" >&2; exit 1; }
KVER=$(ls "$T/root/lib/modules" | sort | tail -1)
echo "$KVER" >"$OUT/debian-$PROFILE.kernel"

# UKI on a FAT32 ESP.
"$UKIFY" "$STUB" "$T/root/boot/vmlinuz-$KVER" "$T/root/boot/initrd.img-$KVER" "$T/root/etc/os-release" \
	"root=UUID=$ROOTUUID ro console=tty0 console=ttyS0,115200n8 quiet panic=-1" "$T/BOOTX64.EFI"
mkfs.vfat -F 32 -n ESP -C "$T/esp.img" 65536 >/dev/null
mmd -i "$T/esp.img" ::EFI ::EFI/BOOT
mcopy -i "$T/esp.img" "$T/BOOTX64.EFI" ::EFI/BOOT/BOOTX64.EFI

# ext4 root from the tree: the content plus a quarter, at least 256 MiB free for a boot.
KB=$(du -sk "$T/root" | cut -f1)
MB=$((KB * 5 / 4 / 1024 + 256))
mkfs.ext4 -q -F -U "$ROOTUUID" -L root -d "$T/root" "$T/root.img" "${MB}M" >/dev/null

# GPT: ESP at 1 MiB, root after it, Discoverable Partitions root type for x86-64.
RAW=$OUT/debian-$PROFILE.raw
rm -f "$RAW"
truncate -s $((1 + 64 + MB + 1))M "$RAW"
sgdisk -n 1:2048:+64M -t 1:ef00 -c 1:esp -n 2:0:0 -t 2:4f68bce3-e8cd-4db1-96e7-fbcaf984b709 -c 2:root "$RAW" >/dev/null
dd if="$T/esp.img" of="$RAW" bs=1M seek=1 conv=notrunc,sparse status=none
dd if="$T/root.img" of="$RAW" bs=1M seek=65 conv=notrunc,sparse status=none
qemu-img convert -O qcow2 "$RAW" "$OUT/debian-$PROFILE.qcow2"
