#!/usr/bin/env bash
# The main job: build Nimbus; build the distribution's web set (the minimal set plus
# nginx) for x86_64 from its recipes (Go components from source, the userland from
# Debian 12's verified archive, every package signed); install the minimal set into a
# fresh root with Nimbus's own package manager answering as dnf; build the minimal cloud
# image from the repository; boot it under QEMU (UEFI, local IMDSv2) with user-data that
# installs nginx from the host's repository with dnf inside the guest and writes a page;
# wait until curl gets the page over a forwarded port; log in with SSH; print the
# per-stage timings of the build and the boot; shut the instance down.
#
# Environment: OUT (default out), WEB_PORT (host port for the guest's 80, default 8080),
# SSH_PORT (default: a free one), ARCH (x86_64 or aarch64, default x86_64).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PATH:/usr/local/go/bin"
out=$(realpath -m "${OUT:-out}")
arch=${ARCH:-x86_64}
web_port=${WEB_PORT:-8080}
mkdir -p "$out"

declare -a timings=()
t_start=$EPOCHREALTIME
t_mark=$t_start
record() { # record NAME START END
  timings+=("$(printf '%-44s %7.1f s' "$1" "$(echo "$3 - $2" | bc)")")
}
lap() { # lap NAME: record the time since the previous lap
  local now=$EPOCHREALTIME
  record "$1" "$t_mark" "$now"
  t_mark=$now
}

echo "== build nimbus"
CGO_ENABLED=0 go build -trimpath -o bin/nimbus ./cmd/nimbus
ln -sf nimbus bin/dnf
lap "build nimbus (go build)"

echo "== build the web set ($arch): minimal + nginx, signed repository under $out/repos"
bin/nimbus build --set web --arch "$arch" -o "$out" | tail -4
repo=$(ls -d "$out"/repos/*/"$arch" | head -1)
key=$(ls "$out"/keys/*.pub | head -1)
lap "build the distribution (nimbus build)"

if [ "$arch" = "$(uname -m)" ]; then
  pkgs=$(awk '/^packages:/{f=1} f{print} f&&/\]/{exit}' dist/sets/minimal.yaml | sed 's/packages://' | tr -d '[],')
  echo "== install the minimal set with 'dnf' (nimbus) into $out/root, checking every signature"
  root="$out/root"
  rm -rf "$root"
  mkdir -p "$root"
  bin/dnf -y --installroot "$root" --setopt=reposdir=/dev/null --releasever=1 \
    --repofrompath="nimbus,$repo" --repo=nimbus \
    --setopt=nimbus.gpgcheck=1 --setopt="nimbus.gpgkey=file://$key" install $pkgs \
    2>&1 | tail -3 || { echo "install failed"; exit 1; }
  chroot "$root" /bin/bash -c 'head -2 /etc/os-release; ssh -V'
  lap "install the minimal set into a root (dnf)"
fi

echo "== build the minimal image from that repository (per-stage timings below)"
bin/nimbus image build minimal --arch "$arch" --format raw,qcow2 --repo "$repo" -o "$out/images"
lap "build the image (nimbus image build)"

echo "== boot it (QEMU, UEFI, local IMDSv2); the user-data installs nginx with dnf inside"
cat > "$out/user-data" <<'UD'
#!/bin/sh
# Runs as root at first boot; the host's repository is configured by `nimbus run --repo`.
dnf install -y nginx
cat > /var/www/html/index.html <<EOF
<h1>Hello from Nimbus Linux</h1>
<p>$(hostname), $(. /etc/os-release; echo "$PRETTY_NAME"), nginx $(nginx -v 2>&1 | cut -d/ -f2)</p>
EOF
systemctl enable --now nginx
echo "nimbus-demo: nginx is serving" > /dev/console
UD
img="$out/images/minimal-$arch.qcow2"
log="$out/console.log"
ssh_args=()
[ -n "${SSH_PORT:-}" ] && ssh_args=(--ssh-port "$SSH_PORT")
bin/nimbus run "$img" --ephemeral --user-data "$out/user-data" --repo "$out/repos" "${ssh_args[@]}" \
  --forward "$web_port:80" --console-log "$log" --timeout 15m 2> "$out/run.stderr" &
vm=$!
t_boot=$EPOCHREALTIME
stop_vm() { # Ctrl-C for nimbus run: the power button, then a bounded wait for the clean poweroff
  if kill -0 "$vm" 2>/dev/null; then
    kill -INT "$vm" 2>/dev/null || true
    for _ in $(seq 90); do kill -0 "$vm" 2>/dev/null || break; sleep 1; done
    kill "$vm" 2>/dev/null || true
  fi
}
trap stop_vm EXIT

page=""
for _ in $(seq 600); do # bounded: 600 x 0.5 s
  if ! kill -0 "$vm" 2>/dev/null; then
    echo "nimbus run ended early:"; cat "$out/run.stderr"; tail -30 "$log"; exit 1
  fi
  page=$(curl -fsS -m 2 "http://127.0.0.1:$web_port/" 2>/dev/null) && break
  sleep 0.5
done
record "boot, dnf install nginx, page served" "$t_boot" "$EPOCHREALTIME"
if [ -z "$page" ]; then
  echo "no page within 300 s"; tail -30 "$log"; exit 1
fi
echo "-- curl http://127.0.0.1:$web_port/"
echo "$page"
cat "$out/run.stderr"

echo "== log in with the printed ssh command (the generated launch key), then with nimbus ssh"
sshcmd=$(grep -o 'ssh -p .*ec2-user@127.0.0.1' "$out/run.stderr")
$sshcmd -o BatchMode=yes -o ConnectTimeout=20 -o LogLevel=ERROR 'echo "$(id -un)@$(hostname)"; sudo -n true && echo "sudo: ok"'
bin/nimbus ssh "$img" -o BatchMode=yes 'sudo -n nimbus-init analyze | head -24'

echo "== shut it down: sudo poweroff inside, nimbus run ends with the instance"
t_mark=$EPOCHREALTIME
bin/nimbus ssh "$img" -o BatchMode=yes -o ConnectTimeout=20 'sudo -n poweroff' || true
for _ in $(seq 120); do kill -0 "$vm" 2>/dev/null || break; sleep 0.5; done
stop_vm # only if it is still running: the power button, bounded
trap - EXIT
grep -q "nimbus-init: poweroff now" "$log" && echo "clean poweroff" || { echo "no clean poweroff"; exit 1; }
lap "shutdown"

echo
echo "== boot stages (guest console)"
grep -aE "nimbus-init: (stage .* done|ready in|user-data done|provisioned)" "$log" | sed 's/^/  /'
echo
echo "== timings (host clock)"
printf '  %s\n' "${timings[@]}"
printf '  %-44s %7.1f s\n' "total" "$(echo "$EPOCHREALTIME - $t_start" | bc)"
echo "== done: packages in $out/repos, images in $out/images, console in $log"
