#!/usr/bin/env bash
# Make sure Podman's Docker-compatible service answers for the compatibility tests, and that
# the test image exists in it.
#
# - The service listens at $CONTAINER_MCP_PODMAN_HOST (default
#   unix:///run/container-mcp/podman.sock); one already answering there is used as it is.
# - Otherwise, on Debian as root (CI), install podman and runc and start
#   `podman system service` with runc and cgroupfs: a sandboxed VM has no systemd cgroup
#   manager, and crun's defaults there fail (docs/ENGINE-NOTES.md).
# - The test image is built the same way as for dockerd, by scripts/test-engine.sh.
# - The image tests' loopback registries (scripts/test-registry.sh) speak plain HTTP: Docker
#   trusts 127.0.0.0/8 for that by default, Podman only registries its registries.conf lists
#   as insecure. As root, a drop-in file lists them; the service reads it when it starts (a
#   service already running before the file was written must be restarted to see it).
set -euo pipefail
cd "$(dirname "$0")/.."

HOST="${CONTAINER_MCP_PODMAN_HOST:-unix:///run/container-mcp/podman.sock}"
SOCKET="${HOST#unix://}"
LOG="${PODMAN_LOG:-/tmp/container-mcp-podman.log}"

say() { printf 'podman-engine: %s\n' "$*" >&2; }
# shellcheck source=lib/wait-for.sh
. "$(dirname "$0")/lib/wait-for.sh"

ping_podman() {
  curl -sf --max-time 3 --unix-socket "$SOCKET" http://localhost/_ping >/dev/null 2>&1
}

start_podman() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "no Podman service answers at $HOST, and this is not a Debian machine running as root;"
    say "start one (podman system service --time=0 $HOST) and run this again"
    exit 1
  fi
  if ! command -v podman >/dev/null 2>&1 || [ ! -x /usr/sbin/runc ]; then
    say "installing podman and runc"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc busybox-static curl >/dev/null
  fi
  mkdir -p "$(dirname "$SOCKET")"
  say "starting podman system service at $HOST; log in $LOG"
  # setsid: the service outlives this script and the shell that ran it. Started from /: the
  # containers it starts inherit its directory, and a removed checkout (a CI clone deleted
  # while the service runs on) makes every start fail with "write child: broken pipe".
  (cd / && exec setsid podman --runtime /usr/sbin/runc --cgroup-manager cgroupfs \
    system service --time=0 "$HOST" >"$LOG" 2>&1 </dev/null) &
  wait_for "the Podman service" "$LOG" ping_podman
}

# The drop-in for the loopback registries, written (as root) whenever it is missing.
insecure_registries() {
  local conf=/etc/containers/registries.conf.d/container-mcp-test.conf
  [ -f "$conf" ] && return 0
  [ "$(id -u)" = 0 ] || { say "not root: cannot list the test registries as insecure in $conf"; return 0; }
  mkdir -p "$(dirname "$conf")"
  {
    echo '# Written by container-mcp scripts/podman-engine.sh: its image tests use these loopback'
    echo '# registries (scripts/test-registry.sh), which speak plain HTTP.'
    for port in "${CONTAINER_MCP_REGISTRY_PORT:-5015}" "${CONTAINER_MCP_REGISTRY_AUTH_PORT:-5016}"; do
      printf '[[registry]]\nlocation = "127.0.0.1:%s"\ninsecure = true\n\n' "$port"
    done
  } >"$conf"
  say "listed the test registries as insecure in $conf"
}

case "$HOST" in
  unix://*) ;;
  *) say "CONTAINER_MCP_PODMAN_HOST=$HOST: this script starts a unix socket service only"; exit 1 ;;
esac

insecure_registries
if ping_podman; then
  say "using the Podman service at $HOST"
else
  start_podman
fi
DOCKER_HOST="$HOST" scripts/test-engine.sh
