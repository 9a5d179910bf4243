#!/usr/bin/env bash
# A local sshd for the ssh:// engine tests: 127.0.0.1:2223 only, its own host key, and an
# authorized key for the current user, all in one folder. The spawned servers reach it with
# CONTAINER_MCP_SSH_COMMAND="ssh -F $DIR/ssh_config -o SetEnv=DOCKER_HOST=<engine>" (ssh
# reads ~/.ssh from the password database, not from $HOME, so a private config file is the
# only clean way in).
#
# - The remote side runs `docker system dial-stdio`, which dials the remote DOCKER_HOST: the
#   sshd accepts DOCKER_HOST from the client (AcceptEnv), so each test run reaches the engine
#   it tests (two runs against two engines share one sshd).
# - The folder is $CONTAINER_MCP_SSHD_DIR (default /tmp/container-mcp-sshd-$PORT); an sshd
#   already answering there with those keys and passing DOCKER_HOST on is reused. Port 2223:
#   earlier versions ran an sshd on 2222 that does not pass DOCKER_HOST on; a new port lets
#   both run side by side on a shared machine instead of replacing one other checkouts use.
# - On Debian as root (CI), openssh-server is installed when missing.
# - The docker CLI must be on sshd's PATH. The CLI here is newer than the engines, so the key
#   pins DOCKER_API_VERSION for it (every engine tested speaks 1.41).
set -euo pipefail

PORT="${CONTAINER_MCP_SSHD_PORT:-2223}"
DIR="${CONTAINER_MCP_SSHD_DIR:-/tmp/container-mcp-sshd-$PORT}"
API_VERSION="${CONTAINER_MCP_SSHD_API_VERSION:-1.41}"

say() { printf 'test-sshd: %s\n' "$*" >&2; }

# Logs in with our key, and the client's DOCKER_HOST reaches the remote command.
ssh_works() {
  [ -f "$DIR/ssh_config" ] && [ -f "$DIR/id_nodocker" ] &&
    [ "$(ssh -F "$DIR/ssh_config" -o BatchMode=yes -o ConnectTimeout=3 -o SetEnv=DOCKER_HOST=probe \
      -p "$PORT" 127.0.0.1 'printf %s "$DOCKER_HOST"' 2>/dev/null)" = probe ]
}

if ssh_works; then
  say "sshd already answers at 127.0.0.1:$PORT ($DIR)"
  exit 0
fi

if ! [ -x /usr/sbin/sshd ] || ! command -v ssh >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "sshd is not installed and this is not a Debian machine running as root: install openssh-server"
    exit 1
  fi
  say "installing openssh-server"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssh-server openssh-client >/dev/null
fi

# An old sshd of ours on this folder (keys we are about to replace): stop it by its pid.
if [ -f "$DIR/sshd.pid" ]; then
  kill "$(cat "$DIR/sshd.pid")" 2>/dev/null || true
fi
rm -rf "$DIR"
mkdir -p "$DIR"
chmod 700 "$DIR"
mkdir -p /run/sshd 2>/dev/null || true

ssh-keygen -q -t ed25519 -N '' -f "$DIR/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$DIR/id_ed25519"
printf 'environment="DOCKER_API_VERSION=%s" %s\n' "$API_VERSION" "$(cat "$DIR/id_ed25519.pub")" \
  >"$DIR/authorized_keys"
# A second key whose sessions find no docker on the PATH: the "docker not installed" case.
ssh-keygen -q -t ed25519 -N '' -f "$DIR/id_nodocker"
printf 'command="exec env PATH=/nonexistent /bin/sh -c \\"$SSH_ORIGINAL_COMMAND\\"" %s\n' \
  "$(cat "$DIR/id_nodocker.pub")" >>"$DIR/authorized_keys"
chmod 600 "$DIR/authorized_keys"
printf '[127.0.0.1]:%s %s\n' "$PORT" "$(cut -d' ' -f1,2 "$DIR/host_key.pub")" >"$DIR/known_hosts"
# A known_hosts naming another key for the same host: the "bad host key" case.
ssh-keygen -q -t ed25519 -N '' -f "$DIR/other_key"
printf '[127.0.0.1]:%s %s\n' "$PORT" "$(cut -d' ' -f1,2 "$DIR/other_key.pub")" \
  >"$DIR/known_hosts_wrong"

cat >"$DIR/sshd_config" <<EOF
ListenAddress 127.0.0.1:$PORT
HostKey $DIR/host_key
PidFile $DIR/sshd.pid
AuthorizedKeysFile $DIR/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
PermitUserEnvironment yes
AcceptEnv DOCKER_HOST
StrictModes no
UsePAM no
AllowTcpForwarding no
X11Forwarding no
EOF

cat >"$DIR/ssh_config" <<EOF
Host *
  User $(id -un)
  IdentityFile $DIR/id_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $DIR/known_hosts
  StrictHostKeyChecking yes
  GlobalKnownHostsFile /dev/null
  LogLevel ERROR
EOF

say "starting sshd at 127.0.0.1:$PORT; log in $DIR/sshd.log"
/usr/sbin/sshd -f "$DIR/sshd_config" -E "$DIR/sshd.log"
for _ in $(seq 1 50); do
  if ssh_works; then
    say "sshd answers at 127.0.0.1:$PORT"
    exit 0
  fi
  sleep 0.2
done
say "sshd did not answer at 127.0.0.1:$PORT; see $DIR/sshd.log"
exit 1
