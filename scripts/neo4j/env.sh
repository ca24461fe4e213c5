# Shared by start.sh and stop.sh (sourced, not run): paths of the local Neo4j and its credentials.
# Credentials: the real environment wins, then .env, then .env.example (committed local defaults).

KG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
KG_NEO4J_HOME="${KG_NEO4J_DIR:-$KG_ROOT/.neo4j}"
KG_NEO4J_RUN="$KG_NEO4J_HOME/run"
KG_NEO4J_LOGS="$KG_NEO4J_HOME/logs"
KG_NEO4J_PIDFILE="$KG_NEO4J_RUN/kg-neo4j.pid"
KG_NEO4J_READY="$KG_NEO4J_RUN/kg-neo4j.ready"
KG_NEO4J_CONSOLE="$KG_NEO4J_LOGS/console.log"

# Print the value of KEY in an env file (KEY=value lines; quotes stripped; no shell evaluation).
kg_env_file_value() {
  local file="$1" key="$2" line value
  [ -f "$file" ] || return 1
  line="$(grep -E "^[[:space:]]*(export[[:space:]]+)?${key}[[:space:]]*=" "$file" | tail -n 1)" || return 1
  value="${line#*=}"
  value="${value#"${value%%[![:space:]]*}"}"
  value="${value%"${value##*[![:space:]]}"}"
  case "$value" in
    \"*\") value="${value:1:${#value}-2}" ;;
    \'*\') value="${value:1:${#value}-2}" ;;
  esac
  printf '%s' "$value"
}

# Resolve KEY from the environment, .env, then .env.example; print it (empty if none).
kg_setting() {
  local key="$1" value="${!1:-}"
  if [ -z "$value" ]; then value="$(kg_env_file_value "$KG_ROOT/.env" "$key" || true)"; fi
  if [ -z "$value" ]; then value="$(kg_env_file_value "$KG_ROOT/.env.example" "$key" || true)"; fi
  printf '%s' "$value"
}

KG_NEO4J_USER="$(kg_setting NEO4J_USER)"
KG_NEO4J_PASSWORD="$(kg_setting NEO4J_PASSWORD)"
KG_BOLT_PORT="$(kg_setting NEO4J_BOLT_PORT)"; KG_BOLT_PORT="${KG_BOLT_PORT:-7687}"
KG_HTTP_PORT="$(kg_setting NEO4J_HTTP_PORT)"; KG_HTTP_PORT="${KG_HTTP_PORT:-7474}"

# The pid of our running launcher, if any (checks that the pid is really KgNeo4j, not a reused pid).
kg_running_pid() {
  local pid
  [ -f "$KG_NEO4J_PIDFILE" ] || return 1
  pid="$(cat "$KG_NEO4J_PIDFILE" 2>/dev/null)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "KgNeo4j" || return 1
  printf '%s' "$pid"
}

# True when something accepts TCP connections on 127.0.0.1:PORT.
kg_port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
