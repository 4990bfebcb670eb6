#!/bin/bash
# bench/boot.sh: first boot of the Nimbus minimal image vs a Debian 12 root with systemd
# + cloud-init (NoCloud) + openssh-server built with mmdebstrap, side by side in the same
# run: same QEMU (x86_64 q35, UEFI OVMF, TCG, 2 vCPUs, 1 GiB, the root disk on NVMe,
# virtio-net with restrict=on), same Debian cloud kernel, both booted UEFI → UKI →
# initramfs → root. Each gets the same cloud-config user-data (write_files, runcmd that
# touches /var/tmp/provisioned and prints a console marker); Nimbus reads it from the
# IMDS of `nimbus run`, Debian from a vfat CIDATA volume (NoCloud).
#
# Measured from QEMU's start; the console polled every 0.2 s:
#   banner     sshd answers with its "SSH-" banner on the forwarded port (probed in the
#              background, 10 s allowed per try)
#   provision  the runcmd's console marker (the late provisioning stage is done)
#   guest      the guest's /proc/uptime in that marker (time since the kernel started:
#              without the firmware, which costs both the same ~9 s under TCG)
#   login      `ssh USER@... test -e /var/tmp/provisioned` succeeds with the launch key
#              (background, retried, 60 s allowed per try: a loaded TCG guest's key
#              exchange took over the 5 s the first version allowed)
#   done       max(login, provision); when login never works: max(banner, provision),
#              marked "(no login)"
# Target: Nimbus at least 5x faster (issue 18).
#
#   bench/boot.sh                      # build both images, RUNS=1 boot each
#   NIMBUS_IMAGE=x.qcow2 DEBIAN_IMAGE=y.qcow2 RUNS=3 bench/boot.sh
#   KEEP=1 bench/boot.sh               # keep the consoles and logs
#   bench/boot.sh stages [N] [ARCH...] # nimbus-init's per-stage timings (test initramfs)
#
# Needs root (image builds), qemu-system-x86, ovmf, openssh-client, mtools, dosfstools,
# and what bench/image.sh needs.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = stages ]; then
	# Boots the test initramfs (nimbus-init + a Restart=on-failure service + busybox) with
	# Debian 12's cloud kernel N times per architecture against the local IMDS server and
	# prints the median of each stage (needs scripts/fetch-test-kernels.sh).
	shift
	N=${1:-3}
	[ $# -gt 0 ] && shift
	ARCHES=${*:-"amd64 arm64"}
	NIMBUS_BOOT_BENCH=$N NIMBUS_BOOT_BENCH_ARCHES=$ARCHES \
		go test -count=1 -run 'TestBootBenchmark$' -timeout 30m ./internal/initd/ -v 2>&1 |
		grep -vE '^(=== |--- |PASS|ok )' | grep -v 'boot_test.go'
	exit 0
fi

RUNS=${RUNS:-1}
TIMEOUT=${TIMEOUT:-300}
WORK=$(mktemp -d /tmp/nimbus-boot-bench.XXXXXX)
# The boots run in process substitutions (subshells), so their process ids are kept in a
# file the exit trap reads: a run stopped half-way leaves no QEMU behind.
cleanup() {
	if [ -s "$WORK/pids" ]; then
		while read -r p; do kill -INT "$p" 2>/dev/null || true; done <"$WORK/pids"
		sleep 2
		while read -r p; do kill "$p" 2>/dev/null || true; done <"$WORK/pids"
	fi
	if [ -n "${KEEP:-}" ]; then echo "consoles and logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
export SOURCE_DATE_EPOCH=1767225600
go build -o "$WORK/nimbus" ./cmd/nimbus

if [ -z "${NIMBUS_IMAGE:-}" ]; then
	REL=$(ls out/repos 2>/dev/null | sort | tail -1 || true)
	REPO=${REPO:-$PWD/out/repos/$REL/x86_64}
	[ -f "$REPO/repodata/repomd.xml" ] || { echo "no repository $REPO: run bin/nimbus build --set minimal --arch x86_64 -o out" >&2; exit 1; }
	"$WORK/nimbus" image build minimal --arch x86_64 --format qcow2 -o "$WORK/n" --repo "$REPO" \
		--releasever "$(basename "$(dirname "$REPO")")" >"$WORK/n.log" 2>&1 || { cat "$WORK/n.log" >&2; exit 1; }
	NIMBUS_IMAGE=$WORK/n/minimal-x86_64.qcow2
fi
if [ -z "${DEBIAN_IMAGE:-}" ]; then
	# The same kernel as Nimbus: the package dist/debian.lock pins (the build's .deb
	# cache has it, checked against the lock's SHA-256), not the newest
	# linux-image-cloud-amd64 that bookworm serves today.
	read -r KPKG _ KVERS _ KSHA _ < <(grep -E '^linux-image-[0-9.-]+-cloud-amd64 amd64 ' dist/debian.lock)
	KERNEL_DEB=${DEB_CACHE:-/var/cache/nimbus-debs}/${KPKG}_${KVERS}_amd64.deb
	[ -f "$KERNEL_DEB" ] || { echo "no $KERNEL_DEB: build the repository first (nimbus build fetches it)" >&2; exit 1; }
	[ "$(sha256sum "$KERNEL_DEB" | cut -d' ' -f1)" = "$KSHA" ] || { echo "$KERNEL_DEB: SHA-256 differs from dist/debian.lock" >&2; exit 1; }
	KERNEL_DEB=$KERNEL_DEB bash bench/debian-peer.sh cloud "$WORK/d" >"$WORK/d.log" 2>&1 || { cat "$WORK/d.log" >&2; exit 1; }
	DEBIAN_IMAGE=$WORK/d/debian-cloud.qcow2
fi

# The launch key and the user-data, the same for both.
ssh-keygen -q -t ed25519 -N "" -C bench -f "$WORK/key"
cat >"$WORK/user-data" <<'EOF'
#cloud-config
write_files:
  - path: /etc/bench.conf
    permissions: "0644"
    content: |
      written by the boot benchmark's cloud-config
runcmd:
  - touch /var/tmp/provisioned
  - echo "BENCH-PROVISIONED uptime $(cut -d' ' -f1 /proc/uptime)" > /dev/console
EOF
# NoCloud seed for Debian: vfat labelled CIDATA, as cloud-localds makes it.
{ echo "instance-id: i-bench0debian00001"; echo "local-hostname: debian-bench"; } >"$WORK/meta-data"
{ cat "$WORK/user-data"; echo "ssh_authorized_keys:"; echo "  - $(cat "$WORK/key.pub")"; } >"$WORK/user-data.debian"
mkfs.vfat -n CIDATA -C "$WORK/seed.img" 2048 >/dev/null
mcopy -i "$WORK/seed.img" "$WORK/user-data.debian" ::user-data
mcopy -i "$WORK/seed.img" "$WORK/meta-data" ::meta-data

# The firmware setup of `nimbus run` (internal/vm/firmware.go, internal/image/launch), given
# to the Debian guest's QEMU too: the same OVMF build (the 2 MiB one first) and the root
# disk as the only boot device (bootindex=0), so both get the same firmware phase.
read -r OVMF_CODE OVMF_VARS < <(for p in "/usr/share/OVMF/OVMF_CODE.fd /usr/share/OVMF/OVMF_VARS.fd" "/usr/share/OVMF/OVMF_CODE_4M.fd /usr/share/OVMF/OVMF_VARS_4M.fd"; do
	set -- $p; [ -f "$1" ] && [ -f "$2" ] && { echo "$1 $2"; break; }; done)
[ -n "${OVMF_CODE:-}" ] || { echo "no OVMF firmware (apt-get install ovmf)" >&2; exit 1; }

now() { date +%s.%N; }
since() { printf "%.2f" "$(echo "$(now) - $1" | bc)"; }
gt() { [ "$(echo "$1 > $2" | bc)" = 1 ]; }
banner() { timeout 10 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1 && head -c 4 <&3" 2>/dev/null | grep -q '^SSH-'; }
# probe PORT USER START OUT: in the background, the banner (a new attempt every 0.5 s) and
# then the login (retried 0.5 s after each failure); writes "banner SECONDS" and "login SECONDS" lines to OUT as they
# succeed. Slow answers are waited for (banner 10 s, login 60 s: under a loaded TCG a
# guest's key exchange alone can take longer than a few seconds) without holding back
# the console watch, and the time taken is when the answer came.
probe() {
	local port=$1 user=$2 start=$3 out=$4
	# A new banner attempt every 0.5 s, beside the ones still waiting: before the guest's
	# network is up, QEMU's user-mode stack accepts the host side of a forwarded connection
	# and its SYN to the guest goes unanswered, so a single attempt sat out its whole 10 s
	# timeout after sshd was already listening (a banner 4 s after provisioning). At most
	# four wait at once: every connection that reaches sshd costs a fork and re-exec of it
	# in the guest (over 0.5 s of CPU under a loaded TCG), and past MaxStartups' 10
	# unauthenticated connections sshd drops new ones; with an attempt every 0.5 s and 10 s
	# each (20 at once), one boot at a load of 18 got its first banner 6 minutes after
	# sshd was active.
	local attempts=() alive p
	while [ ! -s "$out.banner" ]; do
		alive=()
		for p in "${attempts[@]}"; do kill -0 "$p" 2>/dev/null && alive+=("$p"); done
		attempts=("${alive[@]}")
		if [ ${#attempts[@]} -lt 4 ]; then
			(banner "$port" && echo "banner $(since "$start")" >>"$out.banner") &
			attempts+=($!)
		fi
		sleep 0.5
	done
	head -1 "$out.banner" >>"$out"
	# The answer is in: end the attempts still waiting. Their connections, held by QEMU's
	# user-mode stack since before the guest's network was up, would otherwise reach sshd
	# one by one over the next seconds (at the stack's SYN retransmissions), each costing
	# a fork and re-exec of sshd in the guest while the login below runs; closing the host
	# side drops them (a connection in SYN-SENT is closed at once).
	alive=()
	for p in "${attempts[@]}"; do kill -0 "$p" 2>/dev/null && alive+=("$p"); done
	if [ ${#alive[@]} -gt 0 ]; then
		pkill -P "$(IFS=,; echo "${alive[*]}")" 2>/dev/null || true
		kill "${alive[@]}" 2>/dev/null || true
	fi
	until timeout 60 ssh -q -p "$port" -i "$WORK/key" -o BatchMode=yes -o ConnectTimeout=30 -o StrictHostKeyChecking=no \
		-o UserKnownHostsFile=/dev/null "$user@127.0.0.1" test -e /var/tmp/provisioned 2>/dev/null; do sleep 0.5; done
	echo "login $(since "$start")" >>"$out"
}
# watch LOG PORT USER START PID: poll until done, until the timeout or until PID (the
# QEMU or `nimbus run` of the boot) has exited; prints "banner provision login" seconds.
watch() {
	local log=$1 port=$2 user=$3 start=$4 pid=$5 tb=- tp=- tl=- giveup="" out
	out=$(mktemp "$WORK/probe.XXXXXX")
	probe "$port" "$user" "$start" "$out" &
	local ppid=$!
	while ! gt "$(since "$start")" "$TIMEOUT"; do
		[ "$tp" = - ] && grep -aq BENCH-PROVISIONED "$log" 2>/dev/null && tp=$(since "$start")
		[ "$tb" = - ] && tb=$(awk '$1 == "banner" {print $2}' "$out") && [ -z "$tb" ] && tb=-
		[ "$tl" = - ] && tl=$(awk '$1 == "login" {print $2}' "$out") && [ -z "$tl" ] && tl=-
		[ "$tl" != - ] && [ "$tp" != - ] && break
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "boot.sh: $(basename "$log" .console): QEMU exited after $(since "$start") s (see its console)" >&2
			break
		fi
		# Banner and provisioning seen but no login: keep trying 60 s more, then give up.
		if [ "$tb" != - ] && [ "$tp" != - ]; then
			[ -z "$giveup" ] && giveup=$(echo "$(now) + 60" | bc)
			gt "$(now)" "$giveup" && break
		fi
		sleep 0.2
	done
	pkill -P "$ppid" 2>/dev/null || true
	kill "$ppid" 2>/dev/null || true
	wait "$ppid" 2>/dev/null || true
	echo "$tb $tp $tl"
}

# uname PORT USER SYSTEM: the running kernel's release into $WORK/SYSTEM.kernel, asked
# once a login worked (after the measurement), so that the summary shows both booted
# the same kernel.
uname_of() {
	[ -s "$WORK/$3.kernel" ] && return 0
	timeout 30 ssh -q -p "$1" -i "$WORK/key" -o BatchMode=yes -o ConnectTimeout=10 -o StrictHostKeyChecking=no \
		-o UserKnownHostsFile=/dev/null "$2@127.0.0.1" uname -r >"$WORK/$3.kernel" 2>/dev/null || rm -f "$WORK/$3.kernel"
}

guest() { grep -a -o 'BENCH-PROVISIONED uptime [0-9.]*' "$1" | head -1 | cut -d' ' -f3; }

boot_nimbus() { # $1: run number → "banner provision login"
	local port=$((2300 + $1)) log=$WORK/nimbus-$1.console
	cp "$WORK/key" "$WORK/nkey"; cp "$WORK/key.pub" "$WORK/nkey.pub"
	local start; start=$(now)
	"$WORK/nimbus" run "$NIMBUS_IMAGE" --ephemeral --disk nvme --memory 1024 --cpus 2 --user-data "$WORK/user-data" \
		--key "$WORK/nkey" --ssh-port "$port" --console-log "$log" --timeout "${TIMEOUT}s" >"$WORK/nimbus-$1.run" 2>&1 &
	local pid=$!
	echo "$pid" >>"$WORK/pids"
	local r; r=$(watch "$log" "$port" ec2-user "$start" "$pid")
	[ "${r##* }" != - ] && uname_of "$port" ec2-user nimbus
	kill -INT "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	echo "$r $(guest "$log")"
}

boot_debian() {
	local port=$((2400 + $1)) log=$WORK/debian-$1.console
	cp "$OVMF_VARS" "$WORK/vars-$1.fd"
	local start; start=$(now)
	# No -no-reboot: on a loaded host the kernel's early timer check can fail under TCG
	# ("IO-APIC + timer doesn't work", panic=-1 reboots); `nimbus run` reboots then too,
	# so both systems get the same second chance, counted in their time.
	qemu-system-x86_64 -nodefaults -display none -serial "file:$log" -accel tcg -M q35 -cpu max -m 1024 -smp 2 \
		-drive "if=pflash,format=raw,unit=0,readonly=on,file=$OVMF_CODE" -drive "if=pflash,format=raw,unit=1,file=$WORK/vars-$1.fd" \
		-netdev "user,id=n0,restrict=on,net=169.254.169.0/24,hostfwd=tcp:127.0.0.1:$port-:22" -device virtio-net-pci,netdev=n0 \
		-device virtio-rng-pci \
		-drive "file=$DEBIAN_IMAGE,if=none,format=qcow2,id=d0,cache=unsafe,snapshot=on" -device nvme,drive=d0,serial=nimbus-root,bootindex=0 \
		-drive "file=$WORK/seed.img,if=none,format=raw,id=s0,readonly=on" -device virtio-blk-pci,drive=s0 2>"$WORK/debian-$1.qemu" &
	local pid=$!
	echo "$pid" >>"$WORK/pids"
	local r; r=$(watch "$log" "$port" debian "$start" "$pid")
	[ "${r##* }" != - ] && uname_of "$port" debian debian
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	echo "$r $(guest "$log")"
}

done_time() { # banner provision login → done and a note
	local b=$1 p=$2 l=$3
	if [ "$p" = - ]; then echo "- (no provisioning marker)"; return; fi
	if [ "$l" != - ]; then echo "$(echo "if ($l > $p) $l else $p" | bc)"; return; fi
	if [ "$b" = - ]; then echo "- (sshd never answered)"; return; fi
	echo "$(echo "if ($b > $p) $b else $p" | bc) (no login: banner+provision)"
}

echo "images: nimbus $(basename "$NIMBUS_IMAGE") ($(du -m "$NIMBUS_IMAGE" | cut -f1) MiB), debian $(basename "$DEBIAN_IMAGE") ($(du -m "$DEBIAN_IMAGE" | cut -f1) MiB)"
echo "QEMU: q35, TCG, 2 vCPUs, 1 GiB, UEFI ($(basename "$OVMF_CODE"), the root disk bootindex=0 for both), root on NVMe; $RUNS boot(s) each, alternating"
printf "%-8s %4s %8s %10s %8s %8s  %s\n" system run banner provision login guest done
for i in $(seq 1 "$RUNS"); do
	read -r b p l g < <(boot_nimbus "$i")
	d=$(done_time "$b" "$p" "$l")
	printf "%-8s %4s %8s %10s %8s %8s  %s\n" nimbus "$i" "$b" "$p" "$l" "${g:--}" "$d"
	echo "${d%% *}" >>"$WORK/nimbus.done"; echo "${g:--}" >>"$WORK/nimbus.guest"
	read -r b p l g < <(boot_debian "$i")
	d=$(done_time "$b" "$p" "$l")
	printf "%-8s %4s %8s %10s %8s %8s  %s\n" debian "$i" "$b" "$p" "$l" "${g:--}" "$d"
	echo "${d%% *}" >>"$WORK/debian.done"; echo "${g:--}" >>"$WORK/debian.guest"
done
echo "(all seconds since QEMU started, except guest: the guest's uptime when the runcmd ran, i.e. since the kernel started)"
echo "kernels booted: nimbus $(cat "$WORK/nimbus.kernel" 2>/dev/null || echo '?'), debian $(cat "$WORK/debian.kernel" 2>/dev/null || echo '?')"
median() { # of a file of numbers ("-" when any is missing)
	grep -q -- '^-' "$1" && { echo -; return; }
	sort -n "$1" | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
N=$(median "$WORK/nimbus.done")
D=$(median "$WORK/debian.done")
echo "median boot to 'SSH up and provisioning done': nimbus ${N}s, debian ${D}s"
if [ "$N" != - ] && [ "$D" != - ]; then
	printf "ratio: Nimbus is %.1fx faster (target >= 5x)\n" "$(echo "scale=3; $D / $N" | bc)"
fi
GN=$(median "$WORK/nimbus.guest")
GD=$(median "$WORK/debian.guest")
if [ "$GN" != - ] && [ "$GD" != - ]; then
	printf "guest side (since the kernel started, no firmware): nimbus %ss, debian %ss, %.1fx\n" "$GN" "$GD" "$(echo "scale=3; $GD / $GN" | bc)"
fi
