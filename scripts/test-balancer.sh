#!/usr/bin/env bash
# The load balancer of the scale-out test: nginx from Debian's packages, installed when
# missing (CI starts with nothing). Only the program: the test runs its own nginx, with its
# own configuration and prefix, on loopback ports, and stops it. Debian's package would start
# a service on port 80 at install: policy-rc.d keeps it from starting.
set -euo pipefail
say() { printf 'test-balancer: %s\n' "$*" >&2; }

if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  say "nginx is not installed; install it (Debian: apt-get install nginx-light) to run the scale-out test"
  exit 1
fi
say "installing nginx-light (no service is started)"
policy=/usr/sbin/policy-rc.d
created=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod +x "$policy"
  created=1
fi
trap '[ -n "$created" ] && rm -f "$policy"' EXIT
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
say "nginx $(/usr/sbin/nginx -v 2>&1 | sed 's/.*\///') installed"
