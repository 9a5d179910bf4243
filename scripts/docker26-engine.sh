#!/usr/bin/env bash
# Make sure a Docker 26 engine (API 1.45, the seed's own version) answers next to the
# system's engine, with the test image in it. CI runs the integration and compat tiers
# against it as well as against the system's dockerd (docs/ENGINE-NOTES.md, "Docker 26").
#
# - The engine listens at $CONTAINER_MCP_DOCKER26_HOST (default
#   unix:///run/container-mcp/docker26.sock); one already answering there is used as it is,
#   so every test run on the machine shares one.
# - Otherwise, on Debian as root: Debian 13's docker.io and containerd packages are fetched
#   with `apt-get download` through a private apt configuration that adds the trixie suite of
#   the mirror this system already uses (read from its own sources file), and unpacked with
#   `dpkg-deb -x` into $CONTAINER_MCP_DOCKER26_DIR. Nothing is installed system-wide. runc
#   is the system's (Debian 13's needs a newer glibc).
# - dockerd starts from / with its own socket, data root, exec root, pid file and config
#   file, no bridge and no iptables: containers get no network, and the system's engine is
#   left alone.
# - The test image is built in it by scripts/test-engine.sh, as for any engine.
set -euo pipefail
cd "$(dirname "$0")/.."

HOST="${CONTAINER_MCP_DOCKER26_HOST:-unix:///run/container-mcp/docker26.sock}"
SOCKET="${HOST#unix://}"
DIR="${CONTAINER_MCP_DOCKER26_DIR:-/var/lib/container-mcp/docker26}"
RUN_DIR="$(dirname "$SOCKET")"
# Named after the socket, so two such engines (two sockets) never share a pid file or state.
STATE="${SOCKET%.sock}"
if [ "$STATE" = "$SOCKET" ]; then STATE="$SOCKET.state"; fi
EXEC_ROOT="$STATE"
LOG="${DOCKER26_LOG:-/tmp/container-mcp-$(basename "$STATE").log}"
SUITE=trixie
PACKAGES=(docker.io containerd)

say() { printf 'docker26-engine: %s\n' "$*" >&2; }
# shellcheck source=lib/wait-for.sh
. "$(dirname "$0")/lib/wait-for.sh"

ping_engine() {
  curl -sf --max-time 3 --unix-socket "$SOCKET" http://localhost/_ping >/dev/null 2>&1
}

api_version() {
  curl -sI --max-time 3 --unix-socket "$SOCKET" http://localhost/_ping |
    tr -d '\r' | awk -F': ' 'tolower($1)=="api-version"{print $2}'
}

# The mirror of the system's own release, from its sources: deb822 (`URIs:` of the stanza
# whose `Suites:` holds the release's codename) or one-line `deb URI codename ...`.
system_mirror() {
  local codename
  codename="$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")"
  [ -n "$codename" ] || return 1
  local file
  for file in /etc/apt/sources.list.d/*.sources; do
    [ -f "$file" ] || continue
    awk -v want="$codename" '
      /^[[:space:]]*$/ { if (uri != "" && found) { print uri; exit } uri = ""; found = 0; next }
      tolower($1) == "uris:" { uri = $2 }
      tolower($1) == "suites:" { for (i = 2; i <= NF; i++) if ($i == want) found = 1 }
      END { if (uri != "" && found) print uri }
    ' "$file"
  done | head -n 1 | grep . && return 0
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk -v want="$codename" '
      $1 == "deb" { i = 2; if ($i ~ /^\[/) while (i <= NF && $i !~ /\]$/) i++; if ($i ~ /\]$/) i++;
                    if ($(i + 1) == want) { print $i; exit } }
    ' | grep .
}

# Debian 13's packages, unpacked into $DIR/root; links to the binaries dockerd needs in $DIR/bin.
fetch_binaries() {
  if [ -x "$DIR/bin/dockerd" ] && [ -x "$DIR/bin/containerd" ]; then return 0; fi
  local mirror
  if ! mirror="$(system_mirror)"; then
    say "cannot find this system's Debian mirror in /etc/apt/sources.list(.d); Docker 26 is fetched from its $SUITE suite"
    exit 1
  fi
  say "fetching ${PACKAGES[*]} from $mirror $SUITE (private apt state in $DIR/apt; nothing is installed)"
  mkdir -p "$DIR/apt/sources.list.d" "$DIR/apt/lists/partial" "$DIR/apt/cache/archives/partial" "$DIR/debs"
  cat >"$DIR/apt/sources.list.d/$SUITE.sources" <<EOF
Types: deb
URIs: $mirror
Suites: $SUITE
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  local apt=(-qq -o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$DIR/apt/sources.list.d"
    -o "Dir::State::Lists=$DIR/apt/lists" -o "Dir::Cache=$DIR/apt/cache" -o APT::Sandbox::User=root)
  apt-get "${apt[@]}" update >&2
  (cd "$DIR/debs" && rm -f ./*.deb && apt-get "${apt[@]}" download "${PACKAGES[@]}" >&2)
  rm -rf "$DIR/root" "$DIR/bin"
  mkdir -p "$DIR/root" "$DIR/bin"
  local deb
  for deb in "$DIR"/debs/*.deb; do dpkg-deb -x "$deb" "$DIR/root"; done
  ln -s "$DIR/root/usr/sbin/dockerd" "$DIR/bin/dockerd"
  ln -s "$DIR/root/usr/bin/containerd" "$DIR/bin/containerd"
  ln -s "$DIR/root/usr/bin/containerd-shim-runc-v2" "$DIR/bin/containerd-shim-runc-v2"
  # docker-init is tini-static (only `--init` containers need it): the system's, when present.
  if [ -x /usr/bin/tini-static ]; then ln -s /usr/bin/tini-static "$DIR/bin/docker-init"; fi
}

start_engine() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "no Docker 26 engine answers at $HOST, and this is not a Debian machine running as root;"
    say "point CONTAINER_MCP_DOCKER26_HOST at an engine that speaks API 1.45 and run this again"
    exit 1
  fi
  if ! command -v runc >/dev/null 2>&1; then
    say "runc is missing: run scripts/test-engine.sh first (it installs the system's docker.io and runc)"
    exit 1
  fi
  fetch_binaries
  mkdir -p "$RUN_DIR" "$EXEC_ROOT" "$DIR/data"
  # Its own config file: the system's /etc/docker/daemon.json belongs to the system's engine.
  printf '{}\n' >"$DIR/daemon.json"
  say "starting dockerd $("$DIR/bin/dockerd" --version | sed 's/^Docker version //') at $HOST; log in $LOG"
  # setsid: the engine outlives this script. Started from /: the containers it starts inherit
  # its directory, and a removed checkout would break every later start.
  (cd / && PATH="$DIR/bin:$PATH" exec setsid dockerd --host "$HOST" --config-file "$DIR/daemon.json" \
    --data-root "$DIR/data" --exec-root "$EXEC_ROOT" --pidfile "$STATE.pid" \
    --bridge=none --iptables=false --ip6tables=false >"$LOG" 2>&1 </dev/null 9>&-) &
  wait_for dockerd "$LOG" ping_engine
}

case "$HOST" in
  unix://*) ;;
  *) say "CONTAINER_MCP_DOCKER26_HOST=$HOST: this script starts a unix socket engine only"; exit 1 ;;
esac

# One script at a time per machine: parallel test runs must not start two engines.
mkdir -p "$RUN_DIR"
exec 9>"$STATE.lock"
flock 9

if ping_engine; then
  say "using the engine at $HOST"
else
  start_engine
fi
version="$(api_version)"
if [ "$version" != 1.45 ]; then
  say "warning: the engine at $HOST speaks API $version, not 1.45"
fi
flock -u 9
exec 9>&-
DOCKER_HOST="$HOST" scripts/test-engine.sh
