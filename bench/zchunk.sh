#!/usr/bin/env bash
# bench/zchunk.sh: metadata bytes a refresh fetches after 1% of a 17,649-package
# repository (CentOS Stream 9 AppStream's real primary.xml) changed, served from
# a loopback HTTP server that counts bytes: Nimbus's zchunk delta (header +
# missing chunks with multi-range requests) against the full download, and
# against dnf makecache on the same server in the same run. Debian's dnf/librepo
# are built without libzck (ldd shows no libzck), so dnf downloads the whole
# primary.xml.gz: that is the peer figure.
#
#   bash bench/zchunk.sh
#   PRIMARY=/path/to/primary.xml.gz EVERY=100 bash bench/zchunk.sh
#
# Needs: go, dnf (optional: without it the peer column is skipped).
set -euo pipefail
cd "$(dirname "$0")/.."
# The AppStream metadata ships in testdata/ (testdata/README.md: origin, licence).
PRIMARY=${PRIMARY:-$(ls testdata/centos-stream9-appstream/repodata/*-primary.xml.gz)}
EVERY=${EVERY:-100}
DNF=$(command -v dnf || true)
if [ -n "$DNF" ]; then
	for lib in /usr/lib/x86_64-linux-gnu/librepo.so.0 /usr/lib/x86_64-linux-gnu/libdnf.so.2; do
		if [ -e "$lib" ]; then
			if ldd "$lib" | grep -q libzck; then echo "$(basename "$lib"): linked with libzck"; else echo "$(basename "$lib"): not linked with libzck (dnf fetches whole files)"; fi
		fi
	done
else
	echo "dnf not found: peer column skipped" >&2
fi
go run ./bench/zchunkdelta -primary "$PRIMARY" -every "$EVERY" -dnf "$DNF"
