#!/usr/bin/env bash
# Two local image registries for the image tests, Debian's docker-registry (the distribution
# registry), on loopback only: one open at 127.0.0.1:$PORT, one with htpasswd auth at
# 127.0.0.1:$AUTH_PORT (user $USER_NAME, password in $DIR/password). Engines treat registries on
# 127.0.0.0/8 as insecure by default, so plain HTTP works for Docker; Podman needs them listed
# as insecure in its registries.conf (scripts/podman-engine.sh writes that file).
#
# - Registries already answering there (the open one 200 on /v2/, the other 401) are reused.
# - On Debian as root (CI), docker-registry and apache2-utils (htpasswd) are installed when
#   missing. Anywhere else the script says what to install and exits 1.
# - `--optional` (npm test): where they cannot be set up, say why and exit 0, so the image
#   tests skip saying so; in CI (CI set) that is still a failure.
# - Everything lives in $CONTAINER_MCP_REGISTRY_DIR (default /tmp/container-mcp-registry):
#   configs, storage, the htpasswd file, logs, pid files.
set -euo pipefail

PORT="${CONTAINER_MCP_REGISTRY_PORT:-5015}"
AUTH_PORT="${CONTAINER_MCP_REGISTRY_AUTH_PORT:-5016}"
DIR="${CONTAINER_MCP_REGISTRY_DIR:-/tmp/container-mcp-registry}"
USER_NAME=mcp-test

say() { printf 'test-registry: %s\n' "$*" >&2; }

OPTIONAL=0
[ "${1:-}" = --optional ] && [ -z "${CI:-}" ] && OPTIONAL=1
# give_up MESSAGE: exit 1, or 0 under --optional (the tests that need the registries skip).
give_up() {
  say "$*"
  if [ "$OPTIONAL" = 1 ]; then
    say "the image tests will be skipped"
    exit 0
  fi
  exit 1
}

status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$1/v2/" || true; }

answering() { [ "$(status_of "$PORT")" = 200 ] && [ "$(status_of "$AUTH_PORT")" = 401 ] && [ -f "$DIR/password" ]; }

if answering; then
  say "registries already answer at 127.0.0.1:$PORT (open) and 127.0.0.1:$AUTH_PORT (htpasswd)"
  exit 0
fi

if ! command -v docker-registry >/dev/null 2>&1 || ! command -v htpasswd >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    give_up "docker-registry and htpasswd are not installed and this is not a Debian machine running as root: install docker-registry and apache2-utils"
  fi
  say "installing docker-registry and apache2-utils"
  for attempt in 1 2 3 4 5; do
    if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry apache2-utils >/dev/null; then
      break
    fi
    say "apt-get failed (attempt $attempt; another install may hold the lock): retrying"
    sleep 10
  done
  # The package's own service listens on :5000 on every address: not wanted here.
  if [ -x /etc/init.d/docker-registry ]; then /etc/init.d/docker-registry stop >/dev/null 2>&1 || true; fi
fi

mkdir -p "$DIR"
chmod 700 "$DIR"
# registry NAME PORT [AUTH]: its config, then the registry itself, detached, with a pid file.
registry() {
  local name="$1" port="$2" auth="${3:-}"
  if [ -f "$DIR/$name.pid" ]; then kill "$(cat "$DIR/$name.pid")" 2>/dev/null || true; fi
  mkdir -p "$DIR/$name-data"
  {
    printf 'version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\n'
    printf 'storage:\n  filesystem:\n    rootdirectory: %s\n  delete:\n    enabled: true\n' "$DIR/$name-data"
    printf 'http:\n  addr: 127.0.0.1:%s\n' "$port"
    if [ -n "$auth" ]; then
      printf 'auth:\n  htpasswd:\n    realm: container-mcp-test\n    path: %s\n' "$DIR/htpasswd"
    fi
  } >"$DIR/$name.yml"
  setsid docker-registry serve "$DIR/$name.yml" >"$DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$DIR/$name.pid"
}

if [ ! -f "$DIR/password" ]; then
  # A throwaway credential for a registry that only this machine's loopback reaches.
  head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$DIR/password"
  chmod 600 "$DIR/password"
fi
htpasswd -Bbc "$DIR/htpasswd" "$USER_NAME" "$(cat "$DIR/password")" 2>/dev/null

[ "$(status_of "$PORT")" = 200 ] || registry open "$PORT"
[ "$(status_of "$AUTH_PORT")" = 401 ] || registry auth "$AUTH_PORT" auth

for _ in $(seq 1 100); do
  if answering; then
    say "registries answer at 127.0.0.1:$PORT (open) and 127.0.0.1:$AUTH_PORT (htpasswd, user $USER_NAME, password in $DIR/password)"
    exit 0
  fi
  sleep 0.1
done
tail -n 5 "$DIR"/*.log >&2 || true
give_up "the registries did not answer within 10 s; their logs: $DIR/open.log, $DIR/auth.log"
