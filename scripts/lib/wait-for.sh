# Sourced by the engine scripts (each defines `say`): wait for a service it just started.
#
# wait_for WHAT LOG CHECK...: run CHECK every 0.2 s until it succeeds, for up to 30 s; past
# that, say WHAT did not answer, show the end of LOG and exit 1 (the caller cannot go on).
wait_for() {
  local what="$1" log="$2"
  shift 2
  for _ in $(seq 1 150); do
    "$@" && return 0
    sleep 0.2
  done
  say "$what did not answer within 30 s; the end of its log:"
  tail -n 30 "$log" >&2 || true
  exit 1
}
