# Sourced by `./dev test`: installs (if missing) and starts the system services the suite needs.
# PostgreSQL, Chromium and Java (for Spark) come from Debian's packages; nothing is downloaded from anywhere else.
#
# Exports for the tests:
#   INTERDICT_TEST_DATABASE_URL  a throw-away PostgreSQL cluster on a free 127.0.0.1 port (stopped at exit)
#   INTERDICT_CHROMIUM           the system Chromium, driven by Playwright (never a downloaded browser)
#   INTERDICT_SERVICES_NOTE      why a service is missing, shown by the tests that skip

_interdict_free_port() {
  "${VENV:-.venv}/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

_interdict_install_packages() {
  local missing=()
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  # Spark's JVM: `java` on the PATH or under $JAVA_HOME (interdict/spark/session.py looks the same way)
  { command -v java >/dev/null 2>&1 || [ -x "${JAVA_HOME:-/nonexistent}/bin/java" ]; } \
    || missing+=(openjdk-17-jre-headless)
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    INTERDICT_SERVICES_NOTE="not root or no apt-get: cannot install ${missing[*]}"
    return 0
  fi
  echo "==> apt-get install ${missing[*]}"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >/dev/null; then
    INTERDICT_SERVICES_NOTE="apt-get install ${missing[*]} failed"
  fi
}

_interdict_start_postgres() {
  local bin
  bin="$(compgen -G "/usr/lib/postgresql/*/bin" | sort -V | tail -n 1 || true)"
  if [ -z "$bin" ]; then
    INTERDICT_SERVICES_NOTE="${INTERDICT_SERVICES_NOTE:-PostgreSQL is not installed}"
    return 0
  fi
  local dir port run=()
  dir="$(mktemp -d /tmp/interdict-pg.XXXXXX)"
  port="$(_interdict_free_port)"
  if [ "$(id -u)" = 0 ]; then
    # initdb refuses to run as root: the cluster belongs to the postgres user.
    chown postgres "$dir"
    run=(runuser -u postgres --)
  fi
  if ! "${run[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-sync >"$dir/initdb.log" 2>&1; then
    INTERDICT_SERVICES_NOTE="initdb failed (see $dir/initdb.log)"
    return 0
  fi
  if ! "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100" start; then
    INTERDICT_SERVICES_NOTE="PostgreSQL did not start (see $dir/server.log)"
    return 0
  fi
  echo "==> PostgreSQL $(basename "$(dirname "$bin")") on 127.0.0.1:$port"
  export INTERDICT_TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
  _INTERDICT_PG_STOP="${run[*]} $bin/pg_ctl -D $dir/data -m immediate -s stop; rm -rf $dir"
  trap 'eval "$_INTERDICT_PG_STOP" || true' EXIT
}

INTERDICT_SERVICES_NOTE=""
_interdict_install_packages
if [ -z "${INTERDICT_TEST_DATABASE_URL:-}" ]; then
  _interdict_start_postgres
fi
if command -v chromium >/dev/null 2>&1; then
  INTERDICT_CHROMIUM="$(command -v chromium)"
  export INTERDICT_CHROMIUM
fi
export INTERDICT_SERVICES_NOTE
