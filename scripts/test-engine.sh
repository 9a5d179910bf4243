#!/usr/bin/env bash
# Make sure a Docker engine answers for the tests, and that the test image exists. `npm test`
# runs it first; CI runs it (and scripts/docker26-engine.sh, scripts/podman-engine.sh).
#
# - The engine is DOCKER_HOST; without it, the Docker CLI's current context when a docker
#   CLI is installed (a developer's Docker Desktop, OrbStack, Colima), else the default
#   socket. One already answering there is used as it is.
# - Otherwise, on Debian as root (CI, a fresh machine) and for the default socket only,
#   install docker.io and busybox-static and start dockerd with no bridge network and no
#   iptables: containers get no network at all, so no test traffic can leave this machine.
#   Anywhere else it says what to start.
# - The test image (busybox:local) is built from a static busybox binary with `docker
#   import`: no registry is contacted. Only where there is no such binary (macOS) is
#   busybox:1.36 pulled through the engine and tagged busybox:local.
set -euo pipefail

IMAGE="${CONTAINER_MCP_TEST_IMAGE:-busybox:local}"
DEFAULT_HOST=unix:///var/run/docker.sock
LOG="${DOCKERD_LOG:-/tmp/container-mcp-dockerd.log}"

say() { printf 'test-engine: %s\n' "$*" >&2; }
# shellcheck source=lib/wait-for.sh
. "$(dirname "$0")/lib/wait-for.sh"

resolve_host() {
  if [ -n "${DOCKER_HOST:-}" ]; then
    printf '%s' "$DOCKER_HOST"
  elif command -v docker >/dev/null 2>&1 &&
    docker context inspect --format '{{.Endpoints.docker.Host}}' 2>/dev/null | grep -q .; then
    docker context inspect --format '{{.Endpoints.docker.Host}}'
  else
    printf '%s' "$DEFAULT_HOST"
  fi
}
HOST="$(resolve_host)"

# curl against the engine's API: no dependency on a docker CLI or its version.
engine_curl() {
  case "$HOST" in
    unix://*) curl --max-time 60 --unix-socket "${HOST#unix://}" "$@" ;;
    tcp://*) local path="${*: -1}"; curl --max-time 60 "${@:1:$#-1}" "http://${HOST#tcp://}${path#http://localhost}" ;;
    *) say "DOCKER_HOST=$HOST: this script speaks unix:// and tcp:// only"; return 1 ;;
  esac
}

ping_engine() {
  engine_curl -sf --max-time 3 http://localhost/_ping >/dev/null 2>&1
}

engine_api_version() {
  engine_curl -sI --max-time 3 http://localhost/_ping | tr -d '\r' | awk -F': ' 'tolower($1)=="api-version"{print $2}'
}

start_engine() {
  if [ "$HOST" != "$DEFAULT_HOST" ]; then
    local from="the Docker CLI's current context"
    if [ -n "${DOCKER_HOST:-}" ]; then from=DOCKER_HOST; fi
    say "no engine answers at $HOST (from $from);"
    say "start that engine, or unset DOCKER_HOST (docker context use default) to test the system's engine"
    exit 1
  fi
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "no engine answers at $HOST, and this is not a Debian machine running as root, where this script starts one;"
    say "start Docker (Docker Desktop, OrbStack, \`colima start\`, \`sudo systemctl start docker\`), or set DOCKER_HOST to an engine that runs, and run npm test again"
    exit 1
  fi
  if ! command -v dockerd >/dev/null 2>&1 || [ ! -x /bin/busybox ] || ! file_is_static /bin/busybox; then
    say "installing docker.io and busybox-static"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io busybox-static curl >/dev/null
  fi
  say "starting dockerd (no bridge, no iptables); log in $LOG"
  # setsid: the engine outlives this script and the shell that ran it. Started from /, so
  # removing the checkout that started it cannot leave it in a deleted directory.
  (cd / && exec setsid dockerd --bridge=none --iptables=false --ip6tables=false >"$LOG" 2>&1 </dev/null) &
  wait_for dockerd "$LOG" ping_engine
}

file_is_static() {
  # busybox-static's binary runs in an empty image; the dynamic one would not.
  ! ldd "$1" >/dev/null 2>&1
}

build_image() {
  local repo="${IMAGE%%:*}" tag="${IMAGE##*:}"
  if engine_curl -sf "http://localhost/images/${repo}:${tag}/json" >/dev/null 2>&1; then
    return 0
  fi
  local busybox=/bin/busybox
  if [ ! -x "$busybox" ] || ! file_is_static "$busybox"; then
    pull_image
    return 0
  fi
  say "building $IMAGE from $busybox (POST /images/create?fromSrc=-, as docker import does)"
  local dir
  dir="$(mktemp -d)"
  mkdir -p "$dir/bin" "$dir/tmp" "$dir/etc" "$dir/root"
  cp "$busybox" "$dir/bin/busybox"
  for applet in sh ls cat echo sleep ps top env mkdir rm yes head tail seq printf wc \
      touch ln cp mv chmod dd sed grep awk kill true false id stat find tr sort uniq date \
      base64 md5sum sha256sum gzip tar xargs dirname basename readlink; do
    ln -s busybox "$dir/bin/$applet"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$dir/etc/passwd"
  echo 'root:x:0:' >"$dir/etc/group"
  chmod 1777 "$dir/tmp"
  # changes: CMD and PATH, URL-encoded (CMD ["/bin/sh"], ENV PATH=/bin).
  # repo carries the tag (repo=name:tag): Podman ignores a separate `tag` on an import and
  # would tag it `latest`; dockerd reads both forms.
  local changes='changes=CMD%20%5B%22%2Fbin%2Fsh%22%5D&changes=ENV%20PATH%3D%2Fbin'
  tar -C "$dir" -c . | engine_curl -sf -X POST -H 'Content-Type: application/x-tar' --data-binary @- \
    "http://localhost/images/create?fromSrc=-&repo=${IMAGE}&${changes}" >/dev/null
  rm -rf "$dir"
  engine_curl -sf "http://localhost/images/${repo}:${tag}/json" >/dev/null || { say "import of $IMAGE failed"; exit 1; }
}

# No static busybox here (a laptop): the engine pulls busybox and tags it as the test image.
pull_image() {
  local repo="${IMAGE%%:*}" tag="${IMAGE##*:}"
  say "no static /bin/busybox to build $IMAGE from (Debian: apt-get install busybox-static); pulling busybox:1.36 instead"
  engine_curl -sf -X POST "http://localhost/images/create?fromImage=busybox&tag=1.36" >/dev/null &&
    engine_curl -sf -X POST "http://localhost/images/busybox:1.36/tag?repo=${repo}&tag=${tag}" >/dev/null || {
    say "could not pull busybox:1.36 through the engine at $HOST; install busybox-static, or load a busybox image and tag it $IMAGE"
    exit 1
  }
}

if ping_engine; then
  say "using the engine at $HOST"
else
  start_engine
fi
build_image
say "engine ready at $HOST (API $(engine_api_version)); test image $IMAGE"
