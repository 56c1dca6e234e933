#!/usr/bin/env bash
# The services the tests need, on loopback only: PostgreSQL (Debian's packages, its own cluster) and an
# S3-compatible server (S3Proxy on its filesystem provider). Everything lives in DIR: the cluster, the bucket
# contents, logs, PIDs, ports and credentials.
#
#   scripts/test-services.sh start DIR   start both (idempotent: what already runs is left alone)
#   scripts/test-services.sh env DIR     print `export BIGHEAD_TEST_…=…` lines (use with eval)
#   scripts/test-services.sh stop DIR    stop both by PID; nothing of theirs is left running
#
# Data survive stop/start; remove DIR after a stop for a clean slate. PostgreSQL refuses to run as root, so
# under root it runs as the `postgres` user that Debian's package creates.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${BIGHEAD_CACHE:-$ROOT/.bighead/cache}"
S3PROXY_VERSION=4.1.0
S3PROXY_JAR="$CACHE/s3proxy/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
DB_NAME=bighead_test
DB_USER=bighead
S3_BUCKET=bighead-test
S3_ACCESS_KEY=bighead-test
S3_REGION=us-east-1
START_DEADLINE_S=60

say() { printf 'test-services: %s\n' "$*" >&2; }
die() { printf 'test-services: %s\n' "$*" >&2; exit 1; }

usage() {
  sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

# --- small helpers ------------------------------------------------------------------------------

# A TCP port nobody listens on right now (the kernel picks it; a race with another process is possible but rare).
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

port_is_free() {
  python3 - "$1" <<'PY'
import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
PY
}

# The port remembered in FILE when it is still free, else a new one (written back to FILE).
pick_port() {
  local file="$1" port=""
  [[ -f "$file" ]] && port="$(cat "$file")"
  if [[ -z "$port" ]] || ! port_is_free "$port"; then
    port="$(free_port)"
    echo "$port" > "$file"
  fi
  echo "$port"
}

# A secret kept in FILE, created on first use.
secret() {
  local file="$1"
  if [[ ! -s "$file" ]]; then
    (umask 077; od -An -tx1 -N16 /dev/urandom | tr -d ' \n' > "$file")
  fi
  cat "$file"
}

alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

# Sends SIGNAL to PID, then waits (with a deadline) for it to exit; SIGKILL as a last resort.
stop_pid() {
  local pid="$1" signal="$2" what="$3" i
  alive "$pid" || return 0
  kill "-$signal" "$pid" 2>/dev/null || true
  for i in $(seq 1 150); do alive "$pid" || { say "stopped $what (pid $pid)"; return 0; }; sleep 0.1; done
  say "$what (pid $pid) did not stop within 15 s of SIG$signal: killing it"
  kill -KILL "$pid" 2>/dev/null || true
  for i in $(seq 1 50); do alive "$pid" || return 0; sleep 0.1; done
  die "$what (pid $pid) is still running after SIGKILL"
}

as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "this needs root: run '$*' as root"
  fi
}

# --- PostgreSQL ---------------------------------------------------------------------------------

pg_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

ensure_postgres() {
  pg_bindir >/dev/null && return 0
  command -v apt-get >/dev/null || die "the tests need PostgreSQL (initdb, pg_ctl) and apt-get is not here: install it by hand"
  say "installing PostgreSQL for the tests (apt-get install -y postgresql)..."
  as_root apt-get update -q >&2 || die "apt-get update failed; the tests need PostgreSQL"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q postgresql >&2 \
    || die "apt-get could not install postgresql; the tests need it"
  pg_bindir >/dev/null || die "apt-get installed postgresql but initdb is still missing"
}

# Runs a command as the cluster's owner: `postgres` under root (PostgreSQL refuses root), else the caller.
as_pg() {
  if [[ "$(id -u)" -eq 0 ]]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

give_to_pg() {
  if [[ "$(id -u)" -eq 0 ]]; then chown postgres: "$@"; fi
}

pg_pid() {
  local file="$1/pg/postmaster.pid"
  [[ -f "$file" ]] && head -1 "$file"
}

pg_psql() {
  local dir="$1"; shift
  "$(pg_bindir)/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$dir/pg-run" -p "$(cat "$dir/pg.port")" -U postgres \
    -d postgres "$@"
}

pg_start() {
  local dir="$1" bin data="$1/pg" port password
  ensure_postgres
  bin="$(pg_bindir)"
  if alive "$(pg_pid "$dir")" && "$bin/pg_isready" -q -h 127.0.0.1 -p "$(cat "$dir/pg.port")"; then
    say "PostgreSQL already running on 127.0.0.1:$(cat "$dir/pg.port")"
    return 0
  fi
  if [[ "$(id -u)" -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "no 'postgres' user to run PostgreSQL as (Debian's postgresql package creates it)"
    runuser -u postgres -- test -x "$dir" \
      || die "the postgres user cannot reach $dir: choose a folder every user can traverse (e.g. under /tmp)"
  fi
  # owned by the cluster's owner: its unix socket and its log
  mkdir -p "$dir/pg-run"
  give_to_pg "$dir/pg-run"
  # the socket path must fit in sockaddr_un (107 bytes)
  (( ${#dir} + 30 < 107 )) || die "$dir is too long a path for PostgreSQL's unix socket: choose a shorter one"
  if [[ ! -f "$data/PG_VERSION" ]]; then
    say "creating a PostgreSQL cluster in $data"
    rm -rf "$data"; mkdir -p "$data"
    give_to_pg "$data"
    # trust on the private socket (only the owner can reach it), passwords on TCP
    as_pg "$bin/initdb" -D "$data" -U postgres -E UTF8 --no-locale --auth-local=trust --auth-host=scram-sha-256 \
      >"$dir/pg-initdb.log" 2>&1 || { cat "$dir/pg-initdb.log" >&2; die "initdb failed (log: $dir/pg-initdb.log)"; }
    # a throwaway test database: durability is not wanted, speed is
    as_pg sh -c "printf '%s\n' \"include_if_exists = 'bighead-test.conf'\" >> '$data/postgresql.conf'"
  fi
  port="$(pick_port "$dir/pg.port")"
  as_pg sh -c "cat > '$data/bighead-test.conf'" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/pg-run'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
CONF
  as_pg "$bin/pg_ctl" -D "$data" -l "$dir/pg-run/postgres.log" -w -t "$START_DEADLINE_S" start >/dev/null 2>&1 || {
    tail -20 "$dir/pg-run/postgres.log" >&2 2>/dev/null || true
    die "PostgreSQL did not start on 127.0.0.1:$port (log: $dir/pg-run/postgres.log)"
  }
  password="$(secret "$dir/pg.password")"
  [[ -n "$(pg_psql "$dir" -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" ]] \
    || pg_psql "$dir" -c "CREATE ROLE $DB_USER LOGIN"
  pg_psql "$dir" -c "ALTER ROLE $DB_USER PASSWORD '$password'"
  [[ -n "$(pg_psql "$dir" -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" ]] \
    || pg_psql "$dir" -c "CREATE DATABASE $DB_NAME OWNER $DB_USER"
  say "PostgreSQL running on 127.0.0.1:$port (pid $(pg_pid "$dir"), database $DB_NAME)"
}

pg_stop() {
  local dir="$1"
  # SIGINT is PostgreSQL's fast shutdown: sessions are ended, the cluster stays consistent
  stop_pid "$(pg_pid "$dir" || true)" INT PostgreSQL
}

# --- S3Proxy ------------------------------------------------------------------------------------

ensure_s3proxy_jar() {
  [[ -f "$S3PROXY_JAR" ]] && return 0
  say "fetching S3Proxy $S3PROXY_VERSION with Maven..."
  mkdir -p "$(dirname "$S3PROXY_JAR")"
  # run where there is no pom.xml, so Maven does not walk the project's modules
  (cd "$(dirname "$S3PROXY_JAR")" && mvn -q -B -Dstyle.color=never "$DEPENDENCY_PLUGIN:copy" \
    -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" -DoutputDirectory=.) >&2 \
    || die "Maven could not fetch org.gaul:s3proxy:$S3PROXY_VERSION"
  [[ -f "$S3PROXY_JAR" ]] || die "Maven ran but $S3PROXY_JAR is missing"
}

s3_pid() { [[ -f "$1/s3proxy.pid" ]] && cat "$1/s3proxy.pid"; }

s3_answers() { [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/")" != 000 ]]; }

# A signed S3 request (signature v4, as the AWS SDK v2 signs): s3_request DIR METHOD PATH [curl args...]
s3_request() {
  local dir="$1" method="$2" path="$3"; shift 3
  # curl signs but does not send the payload hash header, which S3Proxy requires
  curl -s --max-time 10 --aws-sigv4 "aws:amz:$S3_REGION:s3" -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' \
    --user "$S3_ACCESS_KEY:$(cat "$dir/s3.secret")" -X "$method" "$@" "http://127.0.0.1:$(cat "$dir/s3.port")$path"
}

s3_start() {
  local dir="$1" code
  if alive "$(s3_pid "$dir")" && s3_answers "$(cat "$dir/s3.port")"; then
    say "S3Proxy already running on 127.0.0.1:$(cat "$dir/s3.port")"
  else
    s3_launch "$dir"
  fi
  # 200 when created, 409 when this identity already owns it
  code="$(s3_request "$dir" PUT "/$S3_BUCKET" -o "$dir/s3-create-bucket.xml" -w '%{http_code}' || true)"
  [[ "$code" == 200 || "$code" == 409 ]] \
    || die "S3Proxy refused to create bucket $S3_BUCKET (HTTP $code: $(cat "$dir/s3-create-bucket.xml" 2>/dev/null))"
  rm -f "$dir/s3-create-bucket.xml"
}

s3_launch() {
  local dir="$1" port pid i
  command -v java >/dev/null || die "S3Proxy needs Java 17 or newer (java not found on PATH)"
  command -v curl >/dev/null || die "starting S3Proxy needs curl"
  ensure_s3proxy_jar
  mkdir -p "$dir/s3"
  port="$(pick_port "$dir/s3.port")"
  (umask 077; cat > "$dir/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_ACCESS_KEY
s3proxy.credential=$(secret "$dir/s3.secret")
jclouds.provider=filesystem
jclouds.filesystem.basedir=$dir/s3
PROPS
  )
  # its own session, so a Ctrl-C meant for the tests does not reach it before `stop` does
  LOG_LEVEL=warn JETTY_LOG_LEVEL=warn setsid java -Xmx256m -XX:TieredStopAtLevel=1 -jar "$S3PROXY_JAR" \
    --properties "$dir/s3proxy.properties" >"$dir/s3proxy.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" > "$dir/s3proxy.pid"
  for i in $(seq 1 $((START_DEADLINE_S * 10))); do
    s3_answers "$port" && break
    alive "$pid" || { tail -20 "$dir/s3proxy.log" >&2; die "S3Proxy exited while starting (log: $dir/s3proxy.log)"; }
    sleep 0.1
  done
  s3_answers "$port" || { stop_pid "$pid" TERM S3Proxy; die "S3Proxy did not answer within ${START_DEADLINE_S} s (log: $dir/s3proxy.log)"; }
  say "S3Proxy running on 127.0.0.1:$port (pid $pid, bucket $S3_BUCKET)"
}

s3_stop() {
  local dir="$1"
  stop_pid "$(s3_pid "$dir" || true)" TERM S3Proxy
  rm -f "$dir/s3proxy.pid"
}

# --- commands -----------------------------------------------------------------------------------

cmd_start() {
  local dir="$1" t0
  t0="$(date +%s%N)"
  mkdir -p "$dir"
  pg_start "$dir"
  s3_start "$dir"
  say "ready in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
}

cmd_stop() {
  local dir="$1"
  [[ -d "$dir" ]] || return 0
  s3_stop "$dir"
  pg_stop "$dir"
}

cmd_env() {
  local dir="$1"
  [[ -f "$dir/pg.port" && -f "$dir/s3.port" ]] || die "no services in $dir: run 'scripts/test-services.sh start $dir' first"
  printf 'export %s=%q\n' \
    BIGHEAD_TEST_POSTGRES_URL "jdbc:postgresql://127.0.0.1:$(cat "$dir/pg.port")/$DB_NAME?user=$DB_USER&password=$(cat "$dir/pg.password")" \
    BIGHEAD_TEST_S3_ENDPOINT "http://127.0.0.1:$(cat "$dir/s3.port")" \
    BIGHEAD_TEST_S3_BUCKET "$S3_BUCKET" \
    BIGHEAD_TEST_S3_ACCESS_KEY "$S3_ACCESS_KEY" \
    BIGHEAD_TEST_S3_SECRET_KEY "$(cat "$dir/s3.secret")" \
    BIGHEAD_TEST_S3_REGION "$S3_REGION"
}

main() {
  local cmd="${1:-}"
  case "$cmd" in -h|--help|help|"") usage; [[ -n "$cmd" ]]; return;; esac
  [[ $# -eq 2 ]] || die "usage: scripts/test-services.sh start|stop|env DIR"
  local dir="$2"
  [[ "$dir" == /* ]] || dir="$PWD/$dir"
  case "$cmd" in
    start) cmd_start "$dir" ;;
    stop) cmd_stop "$dir" ;;
    env) cmd_env "$dir" ;;
    *) die "unknown command '$cmd' (start, stop or env)" ;;
  esac
}

main "$@"
