#!/usr/bin/env bash
# The slow job: build the extras set and boot the standard image with it, running the
# Amazon Linux 2023 workloads (TestWorkloads: nginx, httpd, postgresql15, mariadb105,
# redis6, docker, java, python3 venv, nodejs with npm, golang; reboot; services and data
# kept), for each of ARCHES (default "x86_64 aarch64"; the aarch64 pass has twice the time).
# About 11-18 minutes of cold build per arch plus 40-90 minutes (x86_64) under TCG on
# 2 cores, so it is not part of scripts/test.sh, which runs TestWorkloadsCI (httpd, redis6 and
# the reboot, from the workloads-ci set) instead. NIMBUS_WORKLOADS_ONLY=httpd,nodejs runs only
# those workloads (and the after-reboot checks of their services and data). Its own caches
# (/var/cache/nimbus-test/workloads-*), so that it does not race scripts/test.sh's out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PATH:/usr/local/go/bin"
out=${NIMBUS_WORKLOADS_OUT:-/var/cache/nimbus-test/workloads-out}
mkdir -p "$out"
go build -o "$out/nimbus" ./cmd/nimbus
NIMBUS_EXTRAS_OUT=${NIMBUS_EXTRAS_OUT:-/var/cache/nimbus-test/workloads-extras}
ARCHES=${ARCHES:-x86_64 aarch64}
build_args=()
for a in $ARCHES; do build_args+=(--arch "$a"); done
"$out/nimbus" build --set extras "${build_args[@]}" -o "$NIMBUS_EXTRAS_OUT" | tail -3
export NIMBUS_EXTRAS_REPOS="$NIMBUS_EXTRAS_OUT/repos" NIMBUS_WORKLOADS=1
rc=0
for a in $ARCHES; do
  echo "== TestWorkloads $a"
  NIMBUS_WORKLOADS_ARCH=$a go test -count=1 -timeout 200m -v -run 'TestWorkloads$' ./internal/image || rc=1
done
exit $rc
