#!/usr/bin/env bash
# `npm run neo4j:stop`: stops the local Neo4j started by start.sh (clean shutdown, then a hard stop
# after NEO4J_STOP_TIMEOUT seconds). Does nothing when it is not running.
set -euo pipefail
# shellcheck source=scripts/neo4j/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

TIMEOUT="${NEO4J_STOP_TIMEOUT:-60}"
say() { printf 'neo4j: %s\n' "$*" >&2; }

if ! pid="$(kg_running_pid)"; then
  rm -f "$KG_NEO4J_PIDFILE" "$KG_NEO4J_READY"
  say "not running"
  exit 0
fi

say "stopping (pid $pid)…"
kill -TERM "$pid"
waited=0
while kill -0 "$pid" 2>/dev/null; do
  if [ "$waited" -ge "$TIMEOUT" ]; then
    say "no clean shutdown within ${TIMEOUT}s; killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
    break
  fi
  sleep 1
  waited=$((waited + 1))
done
rm -f "$KG_NEO4J_PIDFILE" "$KG_NEO4J_READY"
say "stopped"
