#!/usr/bin/env bash
# Serving benchmark: Bighead's online predict against a constant-response endpoint on the same server and against
# MLflow serving the equivalent scikit-learn pipeline, client and servers on this machine, one server at a time,
# all figures from the same run. Loopback only; every load is bounded in time.
#
#   throughput   wrk (closed loop, 1 thread) saturating POST /v2/models/NAME/predict, then POST /reference/constant
#   latency      p99 at half the predict throughput, open loop at a fixed rate (bench FixedRateLoad: latency counted
#                from each request's due time, so stalls are not hidden the way a closed-loop client hides them)
#   MLflow       `mlflow models serve` (its default: 1 uvicorn worker, and with 2 workers) on /invocations
#   cold start   from launching the server process to its first correct prediction
#
#   cores        with 2+ cores and taskset, each server runs on CPU 0 and every client on CPU 1, so the load
#                generator never steals the server's core (on 2 shared cores it did, and its own stalls showed
#                up as server latency); MLflow's 2-worker run gets both cores. --no-pin shares all cores.
# Usage: bench/serving.sh [--seconds N] [--connections N] [--only bighead|mlflow] [--no-pin]   (./bighead bench serving)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$ROOT/.bighead"
VENV="$STATE/bench-venv"                 # MLflow's own venv: the project's .venv stays as it is
WORK="$STATE/bench-serving"              # this run's model files, bodies and logs
# shellcheck source=../scripts/launch.sh
source "$ROOT/scripts/launch.sh"
JAR="$(module_jar bench 2>/dev/null || true)"
MODEL_NAME=listing-price                 # Bighead serves a bundle under its file name
DURATION=10
CONNECTIONS=8                            # = the server's default in-flight limit on 2 cores (4 per core)
ONLY=""
PIN=yes
COLD_STARTS=3

# The listing `./bighead demo` scores; both servers get exactly these values.
LISTING='{"neighbourhood":"Castro/Upper Market","room_type":"Entire home/apt","accommodates":3,"bedrooms":1,"bathrooms":1.5,"amenities":"Wifi, Kitchen, Heating, Smoke alarm, Washer, Dryer, Iron, Street parking, Pets allowed, Long term stays allowed, City skyline view, Hot tub","review_score":4.87,"number_of_reviews":38,"minimum_nights":11,"host_is_superhost":false,"instant_bookable":true}'

say() { printf '%s\n' "$*" >&2; }
die() { printf 'bench serving: %s\n' "$*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) DURATION="${2:?--seconds needs a number}"; shift 2;;
    --connections) CONNECTIONS="${2:?--connections needs a number}"; shift 2;;
    --only) ONLY="${2:?--only needs bighead or mlflow}"; shift 2;;
    --no-pin) PIN=""; shift;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0;;
    *) die "unknown option '$1' (see --help)";;
  esac
done
[[ "$DURATION" =~ ^[0-9]+$ && "$DURATION" -ge 1 ]] || die "--seconds must be a whole number ≥ 1, got '$DURATION'"
[[ "$CONNECTIONS" =~ ^[0-9]+$ && "$CONNECTIONS" -ge 1 ]] || die "--connections must be a whole number ≥ 1"
[[ -z "$ONLY" || "$ONLY" == bighead || "$ONLY" == mlflow ]] || die "--only takes bighead or mlflow, got '$ONLY'"

# SERVER_CPU / CLIENT_CPU: command prefixes that pin a server and a client to their own core (empty: no pinning)
SERVER_CPU=(); CLIENT_CPU=()
if [[ -n "$PIN" ]] && (( $(nproc) >= 2 )) && command -v taskset >/dev/null; then
  SERVER_CPU=(taskset -c 0); CLIENT_CPU=(taskset -c 1)
fi

# --- tools --------------------------------------------------------------------------------------

ensure_wrk() {
  command -v wrk >/dev/null && return 0
  command -v apt-get >/dev/null || die "the benchmark needs wrk, and apt-get is not here to install it"
  local -a sudo=()
  [[ "$(id -u)" -eq 0 ]] || sudo=(sudo)
  say "Installing wrk (apt-get install -y wrk)..."
  "${sudo[@]}" apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q wrk >&2 \
    || die "apt-get could not install wrk"
}

bench_venv() {
  local stamp="$VENV/.requirements.sha256" want
  want="$(sha256sum "$ROOT/bench/requirements-mlflow.txt" | cut -d' ' -f1)"
  [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]] && return 0
  say "Creating $VENV from bench/requirements-mlflow.txt (once; about a minute)..."
  [[ -x "$VENV/bin/python" ]] || python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$ROOT/bench/requirements-mlflow.txt" >&2 \
    || die "pip could not install bench/requirements-mlflow.txt into $VENV"
  echo "$want" > "$stamp"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# --- servers ------------------------------------------------------------------------------------

SERVER_PID=""

# start_server LOG COMMAND...: in its own process group, so stopping it ends its children too (uvicorn workers)
start_server() {
  local log="$1"; shift
  setsid "$@" >"$log" 2>&1 </dev/null &
  SERVER_PID=$!
}

stop_server() {
  [[ -n "$SERVER_PID" ]] || return 0
  local i
  kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
  for i in $(seq 1 100); do kill -0 -- "-$SERVER_PID" 2>/dev/null || { SERVER_PID=""; return 0; }; sleep 0.1; done
  kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# wait_ready URL BODY LOG T0: polls until URL answers BODY with 200 (60 s deadline); prints ms since T0.
# Polls the port with bash's /dev/tcp first, so waiting costs the starting server almost no CPU.
wait_ready() {
  local url="$1" body="$2" log="$3" t0="$4" port="${1#http://127.0.0.1:}" deadline
  port="${port%%/*}"
  deadline=$(( $(now_ms) + 60000 ))
  while (( $(now_ms) < deadline )); do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$log" >&2; die "the server exited while starting (log: $log)"; }
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null \
       && [[ "$(curl -s -o "$WORK/ready.json" -w '%{http_code}' --max-time 5 -H 'Content-Type: application/json' \
                 --data-binary "@$body" "$url")" == 200 ]]; then
      echo $(( $(now_ms) - t0 ))
      return 0
    fi
    sleep 0.01
  done
  tail -20 "$log" >&2
  die "no 200 from $url within 60 s (log: $log)"
}

# --- load ---------------------------------------------------------------------------------------

cat > "${TMPDIR:-/tmp}/bighead-bench-post.lua.$$" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
wrk.body = f:read("*a")
f:close()
LUA
POST_LUA="${TMPDIR:-/tmp}/bighead-bench-post.lua.$$"
trap 'stop_server; rm -f "$POST_LUA"' EXIT

# throughput URL BODY SECONDS NAME CONNECTIONS [WRK_ARGS...]: wrk's requests per second; any error response or
# socket error is fatal
throughput() {
  local url="$1" body="$2" seconds="$3" name="$4" connections="$5" out="$WORK/wrk-$4.txt"
  shift 5
  BENCH_BODY="$body" "${CLIENT_CPU[@]}" wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$POST_LUA" "$@" "$url" >"$out" 2>&1 \
    || { cat "$out" >&2; die "wrk failed against $url"; }
  if grep -qE 'Non-2xx|Socket errors' "$out"; then cat "$out" >&2; die "errors under load at $url (above)"; fi
  awk '/^Requests\/sec:/ {printf "%d", $2}' "$out"
}

# fixed_rate URL BODY RATE: the open-loop run's key=value line
fixed_rate() {
  "${CLIENT_CPU[@]}" "$(bighead_java)" -Xms256m -Xmx256m -cp "$JAR" org.bighead.bench.FixedRateLoad --url "$1" --body "$2" --rate "$3" \
    --seconds "$DURATION" --warmup 2 --connections "$CONNECTIONS"
}

field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }

# --- the two sides ------------------------------------------------------------------------------

# Sets BH_COLD (median ms), BH_COLD_RANGE, BH_CONSTANT, BH_PREDICT (req/s), BH_FIXED (FixedRateLoad line), BH_ANSWER,
# BH_R2 (the demo's test R²)
bighead_side() {
  local bundle="$WORK/$MODEL_NAME.bighead" body="$WORK/bighead.json" port url constant t0 i log
  local -a colds=()
  printf '{"instances":[%s]}' "$LISTING" > "$body"
  say "Bighead: writing the reference bundle (./bighead demo)..."
  "$ROOT/bighead" demo --out "$bundle" >"$WORK/demo.log" 2>&1 || { cat "$WORK/demo.log" >&2; die "./bighead demo failed"; }
  BH_R2="$(sed -n 's/^ *test: .*r2=\([0-9.]*\).*/\1/p' "$WORK/demo.log" | head -1)"
  for i in $(seq 1 "$COLD_STARTS"); do
    stop_server
    port="$(free_port)"; url="http://127.0.0.1:$port/v2/models/$MODEL_NAME/predict"; log="$WORK/bighead-serve.log"
    t0="$(now_ms)"
    start_server "$log" "$ROOT/bighead" serve "$bundle" --port "$port" --reference-endpoint
    colds+=("$(wait_ready "$url" "$body" "$log" "$t0")")
  done
  BH_ANSWER="$(cat "$WORK/ready.json")"
  local -a sorted
  mapfile -t sorted < <(printf '%s\n' "${colds[@]}" | sort -n)
  BH_COLD="${sorted[$(( (${#sorted[@]} - 1) / 2 ))]}"
  BH_COLD_RANGE="$(n "${sorted[0]}")–$(n "${sorted[-1]}")"
  # cold starts above use every core, as on a user's machine; the load runs against a server on its own core,
  # allowed more requests in flight than the clients' connections (its default is 4 per core it sees)
  stop_server
  port="$(free_port)"; url="http://127.0.0.1:$port/v2/models/$MODEL_NAME/predict"
  start_server "$log" "${SERVER_CPU[@]}" "$ROOT/bighead" serve "$bundle" --port "$port" --reference-endpoint \
    --max-inflight $((CONNECTIONS * 4))
  wait_ready "$url" "$body" "$log" "$(now_ms)" >/dev/null
  constant="http://127.0.0.1:$port/reference/constant"
  say "Bighead: warming up, then twice ${DURATION} s each of constant and predict at full speed..."
  throughput "$url" "$body" 3 bighead-warmup-predict "$CONNECTIONS" >/dev/null
  throughput "$constant" "$body" 2 bighead-warmup-constant "$CONNECTIONS" >/dev/null
  # two rounds, alternating, best of each: on a single server core the JIT's compiler threads compete with the
  # first round, and whichever endpoint came first looked slower
  local round rps
  BH_CONSTANT=0; BH_PREDICT=0
  for round in 1 2; do
    rps="$(throughput "$constant" "$body" "$DURATION" "bighead-constant-$round" "$CONNECTIONS")"
    (( rps > BH_CONSTANT )) && BH_CONSTANT="$rps"
    rps="$(throughput "$url" "$body" "$DURATION" "bighead-predict-$round" "$CONNECTIONS")"
    (( rps > BH_PREDICT )) && BH_PREDICT="$rps"
  done
  say "Bighead: ${DURATION} s of predict at a fixed $((BH_PREDICT / 2)) req/s..."
  BH_FIXED="$(fixed_rate "$url" "$body" $((BH_PREDICT / 2)) | tee "$WORK/fixed-rate-bighead.txt")"
  stop_server
}

# mlflow_side WORKERS: sets ML_COLD, ML_RPS, ML_ANSWER, and for the default worker count ML_RPS1 (1 connection)
# and ML_FIXED
mlflow_side() {
  local workers="$1" body="$WORK/mlflow.json" model="$WORK/mlflow-model" port url t0 log="$WORK/mlflow-serve-$1.log"
  printf '{"dataframe_records":[%s]}' "$LISTING" > "$body"
  if [[ ! -f "$model/MLmodel" ]]; then
    say "MLflow: writing the listings data and training the scikit-learn pipeline..."
    "$ROOT/bighead" data listings --rows 20000 --seed 42 --out "$WORK/listings.csv" >"$WORK/data.log" 2>&1 \
      || { cat "$WORK/data.log" >&2; die "./bighead data listings failed"; }
    "$VENV/bin/python" "$ROOT/bench/mlflow_model.py" --data "$WORK/listings.csv" --out "$model" \
      >"$WORK/mlflow-train.json" 2>"$WORK/mlflow-train.log" \
      || { cat "$WORK/mlflow-train.log" >&2; die "training the MLflow model failed"; }
  fi
  port="$(free_port)"; url="http://127.0.0.1:$port/invocations"
  local -a workers_arg=()
  [[ "$workers" == default ]] || workers_arg=(--workers "$workers")
  t0="$(now_ms)"
  # mlflow runs uvicorn by name: the venv's bin must be on PATH
  local -a cpu=("${SERVER_CPU[@]}")
  [[ "$workers" == default ]] || cpu=()   # one worker per core: it gets them all
  PATH="$VENV/bin:$PATH" start_server "$log" "${cpu[@]}" "$VENV/bin/mlflow" models serve -m "$model" --env-manager local \
    -h 127.0.0.1 -p "$port" "${workers_arg[@]}"
  ML_COLD="$(wait_ready "$url" "$body" "$log" "$t0")"
  ML_ANSWER="$(cat "$WORK/ready.json")"
  if [[ "$workers" != default ]]; then
    # the first worker answers while the others still load the model: measure only when all accept
    local i
    for i in $(seq 1 600); do
      (( $(grep -c 'Application startup complete' "$log") >= workers )) && break
      sleep 0.1
    done
    (( $(grep -c 'Application startup complete' "$log") >= workers )) || die "not all $workers MLflow workers started (log: $log)"
  fi
  say "MLflow ($workers workers): ${DURATION} s at full speed..."
  # uvicorn's workers share one listening socket, and the first to wake accepts every pending connection: wrk's
  # kept-alive connections, opened at once, all end up on one worker. A new connection per request spreads them.
  local -a spread=()
  [[ "$workers" == default ]] || spread=(-H 'Connection: close')
  throughput "$url" "$body" 2 "mlflow-$workers-warmup" "$CONNECTIONS" "${spread[@]}" >/dev/null
  ML_RPS="$(throughput "$url" "$body" "$DURATION" "mlflow-$workers" "$CONNECTIONS" "${spread[@]}")"
  if [[ "$workers" == default ]]; then
    # one uvicorn worker runs concurrent requests on threads that share the GIL: it does best with one at a time
    say "MLflow: ${DURATION} s at full speed over 1 connection..."
    ML_RPS1="$(throughput "$url" "$body" "$DURATION" "mlflow-$workers-1-connection" 1)"
    say "MLflow: ${DURATION} s at a fixed $((ML_RPS / 2)) req/s..."
    ML_FIXED="$(fixed_rate "$url" "$body" $((ML_RPS / 2)) | tee "$WORK/fixed-rate-mlflow.txt")"
  fi
  stop_server
}

# --- report -------------------------------------------------------------------------------------

n() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }   # 28400 -> 28,400
verdict() { if awk "BEGIN {exit !($1)}"; then echo "PASS"; else echo "MISS"; fi; }

main() {
  [[ -n "$JAR" && -f "$JAR" ]] || die "the bench jar is missing: run ./bighead setup (or ./bighead bench serving, which builds)"
  ensure_wrk
  rm -rf "$WORK"; mkdir -p "$WORK"
  local started load
  started="$(now_ms)"; load="$(cut -d' ' -f1-3 /proc/loadavg)"
  local bighead=yes mlflow=yes
  [[ "$ONLY" == mlflow ]] && bighead=""
  [[ "$ONLY" == bighead ]] && mlflow=""
  if [[ -n "$bighead" ]] && ! "$ROOT/bighead" serve --help >/dev/null 2>&1; then
    say "note: this checkout has no './bighead serve' yet: measuring MLflow only"
    bighead=""
  fi
  [[ -n "$mlflow" ]] && bench_venv

  if [[ -n "$bighead" ]]; then bighead_side; fi
  local ml_cold="" ml_rps="" ml_rps1="" ml_fixed="" ml_answer="" ml2_rps=""
  if [[ -n "$mlflow" ]]; then
    mlflow_side default; ml_cold="$ML_COLD"; ml_rps="$ML_RPS"; ml_rps1="$ML_RPS1"; ml_fixed="$ML_FIXED"
    ml_answer="$ML_ANSWER"
    mlflow_side 2; ml2_rps="$ML_RPS"
  fi

  echo "Serving benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo \
    | cut -d: -f2 | sed 's/^ //')), $("$(bighead_java)" -version 2>&1 | head -1), load average at start $load"
  echo "client: wrk $(wrk -v 2>&1 | awk 'NR==1 {print $2}'), 1 thread, $CONNECTIONS connections, ${DURATION} s per figure;" \
    "fixed rate: bench FixedRateLoad, $CONNECTIONS connections, ${DURATION} s after 2 s warm-up"
  if (( ${#SERVER_CPU[@]} )); then
    echo "cores: servers on CPU 0, clients on CPU 1 (taskset); MLflow with 2 workers on both; cold starts on both"
  else
    echo "cores: servers and clients share all cores"
  fi
  if awk "BEGIN {exit !(${load%% *} > 0.5)}"; then
    echo "warning: load average ${load%% *} at the start: other processes share the cores, so the figures are pessimistic"
  fi
  echo "models: test R² Bighead ${BH_R2:-(not run)} | MLflow (scikit-learn pipeline, xgboost) $(sed -n 's/.*"r2_test": \([0-9.]*\).*/\1/p' "$WORK/mlflow-train.json" 2>/dev/null || true)"
  echo "one listing, as the demo scores it: Bighead ${BH_ANSWER:-(not run)}  |  MLflow ${ml_answer:-(not run)}"
  echo
  if [[ -n "$bighead" ]]; then
    local ratio p99
    ratio=$(( 100 * BH_PREDICT / BH_CONSTANT ))
    p99="$(field "$BH_FIXED" p99_ms)"
    echo "throughput   predict $(n "$BH_PREDICT") req/s | constant $(n "$BH_CONSTANT") req/s | ratio ${ratio}% (goal ≥ 60%) $(verdict "$ratio >= 60")"
    echo "latency      p99 ${p99} ms at $(n $((BH_PREDICT / 2))) req/s, half of predict (p50 $(field "$BH_FIXED" p50_ms), p99.9 $(field "$BH_FIXED" p999_ms), max $(field "$BH_FIXED" max_ms) ms; $(field "$BH_FIXED" failed) failed, $(field "$BH_FIXED" unanswered) unanswered) (goal p99 ≤ 5 ms) $(verdict "$p99 <= 5 && $(field "$BH_FIXED" failed) + $(field "$BH_FIXED" unanswered) == 0")"
    local slip
    slip="$(field "$BH_FIXED" max_send_slip_ms)"
    if awk "BEGIN {exit !($slip > 5)}"; then
      echo "             (the client fell up to $slip ms behind its schedule: the machine was short of CPU, so the"
      echo "             percentiles include that queueing)"
    fi
    echo "cold start   $(n "$BH_COLD") ms from process start to first prediction (median of $COLD_STARTS: $BH_COLD_RANGE ms)${ml_cold:+ | MLflow $(n "$ml_cold") ms} (goal ≤ 2,000 ms) $(verdict "$BH_COLD <= 2000")"
  fi
  if [[ -n "$mlflow" ]]; then
    local best="$ml_rps"
    (( ml_rps1 > best )) && best="$ml_rps1"
    (( ml2_rps > best )) && best="$ml2_rps"
    echo "MLflow       $(n "$ml_rps") req/s as served by default: 1 uvicorn worker, $CONNECTIONS connections like Bighead"
    echo "             $(n "$ml_rps1") req/s with 1 worker and 1 connection (no requests contending for the GIL)"
    echo "             $(n "$ml2_rps") req/s with 2 workers, one per core (a connection per request, so both get work)"
    if [[ -n "$bighead" ]]; then
      echo "vs MLflow    Bighead predict $(n "$BH_PREDICT") req/s | MLflow's best above $(n "$best") req/s | $(awk "BEGIN {printf \"%.0f\", $BH_PREDICT / $best}")× (goal ≥ 20×) $(verdict "$BH_PREDICT >= 20 * $best")"
    fi
    echo "             MLflow p99 $(field "$ml_fixed" p99_ms) ms at $(n $((ml_rps / 2))) req/s, half its default throughput (p50 $(field "$ml_fixed" p50_ms) ms); cold start $(n "$ml_cold") ms"
  fi
  echo "(whole run $(( ($(now_ms) - started) / 1000 )) s, load average at the end $(cut -d' ' -f1 /proc/loadavg);" \
    "raw outputs in ${WORK#"$ROOT/"}/)"
}

main
