#!/usr/bin/env bash
# The slow job: build the extras set (x86_64) and boot the standard image with it, running
# the Amazon Linux 2023 workloads (TestWorkloads: nginx, httpd, postgresql15, mariadb105,
# redis6, docker, java, python3 venv, nodejs, golang; reboot; services and data kept).
# About 11-14 minutes of cold build plus about 40 minutes under TCG on 2 cores, so it is
# not part of scripts/test.sh. NIMBUS_WORKLOADS_ONLY=httpd,nodejs runs only those workloads
# (and the after-reboot checks of their services and data). Its own caches
# (/var/cache/nimbus-test/workloads-*), so that it does not race scripts/test.sh's out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PATH:/usr/local/go/bin"
out=${NIMBUS_WORKLOADS_OUT:-/var/cache/nimbus-test/workloads-out}
mkdir -p "$out"
go build -o "$out/nimbus" ./cmd/nimbus
NIMBUS_EXTRAS_OUT=${NIMBUS_EXTRAS_OUT:-/var/cache/nimbus-test/workloads-extras}
"$out/nimbus" build --set extras --arch x86_64 -o "$NIMBUS_EXTRAS_OUT" | tail -3
export NIMBUS_EXTRAS_REPOS="$NIMBUS_EXTRAS_OUT/repos" NIMBUS_WORKLOADS=1
go test -count=1 -timeout 90m -v -run 'TestWorkloads$' ./internal/image
