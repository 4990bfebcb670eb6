#!/bin/sh
# fetch-test-kernels.sh: fetch and unpack what the QEMU boot tests of nimbus-init need,
# for amd64 and arm64: Debian 12's cloud kernel (with its modules) and busybox-static.
# Idempotent: an architecture already unpacked is left alone.
#
# Layout: $CACHE/<arch>/kernel/{vmlinuz, lib/modules/<ver>/...}
#         $CACHE/<arch>/busybox
# Needs: apt-get, dpkg-deb, and `dpkg --add-architecture arm64 && apt-get update` done once
# (the script does it when run as root and arm64 is not yet known).
set -eu

CACHE=${NIMBUS_CACHE:-/var/cache/nimbus-test}
ARCHES=${NIMBUS_TEST_ARCHES:-"amd64 arm64"}

mkdir -p "$CACHE"

if echo "$ARCHES" | grep -q arm64 && ! dpkg --print-foreign-architectures | grep -qx arm64; then
	if [ "$(id -u)" = 0 ]; then
		dpkg --add-architecture arm64
		apt-get update -q
	else
		echo "fetch-test-kernels: run 'dpkg --add-architecture arm64 && apt-get update' as root first" >&2
		exit 1
	fi
fi

for arch in $ARCHES; do
	dest=$CACHE/$arch
	if [ -f "$dest/.done" ]; then
		echo "fetch-test-kernels: $arch already in $dest"
		continue
	fi
	rm -rf "$dest"
	mkdir -p "$dest/debs" "$dest/kernel" "$dest/bb"
	# The meta package names the versioned image package (linux-image-<ver>-cloud-<arch>).
	pkg=$(apt-cache depends "linux-image-cloud-$arch:$arch" | awk '/Depends: linux-image-/ {print $2; exit}')
	pkg=${pkg%%:*}
	[ -n "$pkg" ] || { echo "fetch-test-kernels: no kernel package for $arch" >&2; exit 1; }
	(cd "$dest/debs" && apt-get download -q "$pkg:$arch" "busybox-static:$arch")
	for deb in "$dest"/debs/linux-image-*.deb; do dpkg-deb -x "$deb" "$dest/kernel"; done
	for deb in "$dest"/debs/busybox-static_*.deb; do dpkg-deb -x "$deb" "$dest/bb"; done
	ver=$(ls "$dest/kernel/lib/modules")
	cp "$dest/kernel/boot/vmlinuz-$ver" "$dest/vmlinuz"
	cp "$dest/bb/bin/busybox" "$dest/busybox"
	echo "$ver" > "$dest/version"
	rm -rf "$dest/debs" "$dest/bb" "$dest/kernel/boot" "$dest/kernel/usr"
	touch "$dest/.done"
	echo "fetch-test-kernels: $arch kernel $ver in $dest"
done

# systemd-boot's EFI stub for arm64 unified kernel images (the amd64 one comes from the
# installed systemd-boot-efi package).
sd=$CACHE/arm64/sdboot
if [ ! -f "$sd/.done" ]; then
	rm -rf "$sd" && mkdir -p "$sd"
	(cd "$sd" && apt-get download -q systemd-boot-efi:arm64 && dpkg-deb -x systemd-boot-efi_*_arm64.deb . && rm -f ./*.deb)
	touch "$sd/.done"
	echo "fetch-test-kernels: arm64 EFI stub in $sd"
fi
