#!/usr/bin/env bash
# Batch scoring benchmark: Bighead on Apache Spark (spark-batch/, embedded local[CORES]) against the same rows scored
# in-process by the pipeline's own batch scorer (one thread) and by MLflow's spark_udf on the same Spark, all in one
# run, on the reference pipeline (the ./bighead demo bundle; MLflow: bench/mlflow_model.py's equivalent model).
#
#   in-process   FittedPipeline.score(Table): the notebook's batch path, one thread on one core
#   Spark        Parquet in, one Scorer per partition; "scoring" to Spark's no-op sink, "Parquet" as ./bighead
#                batch-score writes it (temp folder, rename); rows/s divided by the cores Spark ran on
#   spark_udf    mlflow.pyfunc.spark_udf (Arrow batches to Python workers) over the same Parquet, to the no-op sink
#
# Each is timed REPEATS times after one untimed run; the medians count.
# Usage: bench/batch.sh [--rows N] [--cores N] [--repeats N] [--only bighead]   (./bighead bench batch)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$ROOT/.bighead"
VENV="$STATE/bench-venv"                 # MLflow's venv, shared with bench/serving.sh; PySpark added on top
WORK="$STATE/bench-batch"                # this run's data, models and outputs
# shellcheck source=../scripts/launch.sh
source "$ROOT/scripts/launch.sh"
ROWS=2000000
CORES="$(nproc)"
REPEATS=3
ONLY=""

say() { printf '%s\n' "$*" >&2; }
die() { printf 'bench batch: %s\n' "$*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) ROWS="${2:?--rows needs a number}"; shift 2;;
    --cores) CORES="${2:?--cores needs a number}"; shift 2;;
    --repeats) REPEATS="${2:?--repeats needs a number}"; shift 2;;
    --only) ONLY="${2:?--only needs bighead}"; shift 2;;
    -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0;;
    *) die "unknown option '$1' (see --help)";;
  esac
done
for n in "$ROWS" "$CORES" "$REPEATS"; do [[ "$n" =~ ^[0-9]+$ && "$n" -ge 1 ]] || die "expected a whole number ≥ 1, got '$n'"; done
[[ -z "$ONLY" || "$ONLY" == bighead ]] || die "--only takes bighead, got '$ONLY'"

bench_venv() {
  local stamp="$VENV/.batch-requirements.sha256" want
  want="$(cat "$ROOT/bench/requirements-mlflow.txt" "$ROOT/bench/requirements-batch.txt" | sha256sum | cut -d' ' -f1)"
  [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]] && return 0
  say "Installing MLflow and PySpark into $VENV (once; a few minutes: PySpark is 450 MB)..."
  [[ -x "$VENV/bin/python" ]] || python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$ROOT/bench/requirements-mlflow.txt" \
    -r "$ROOT/bench/requirements-batch.txt" >&2 || die "pip could not install the benchmark's requirements into $VENV"
  echo "$want" > "$stamp"
}

rm -rf "$WORK"; mkdir -p "$WORK"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
say "Data: $ROWS listings to score (seed 7); the reference pipeline trained on 20,000 (seed 42)..."
"$ROOT/bighead" data listings --rows "$ROWS" --seed 7 --out "$WORK/listings.csv" 2>/dev/null
"$ROOT/bighead" data listings --rows 20000 --seed 42 --out "$WORK/train.csv" 2>/dev/null
"$ROOT/bighead" demo --out "$WORK/listing-price.bighead" >/dev/null

say "Bighead: in-process, then Spark local[$CORES]..."
add_spark_jvm_defaults
java_command spark-batch org.bighead.spark.BatchBench || exit 1
SPARK_LOCAL_IP=127.0.0.1 "${JAVA_CMD[@]}" "$WORK/listing-price.bighead" "$WORK/listings.csv" "$WORK" "$CORES" \
  "$REPEATS" > "$WORK/bighead.json"

MLFLOW='{}'
if [[ -z "$ONLY" ]]; then
  bench_venv
  say "MLflow: training the equivalent model, then spark_udf on local[$CORES]..."
  "$VENV/bin/python" "$ROOT/bench/mlflow_model.py" --data "$WORK/train.csv" --out "$WORK/mlflow-model" >&2
  # its Spark JVM gets the collector Bighead's has (add_spark_jvm_defaults); PySpark starts that JVM itself
  if (cd "$ROOT/bench" && JAVA_HOME="$(bighead_java_home)" SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON="$VENV/bin/python" \
        JAVA_TOOL_OPTIONS="-XX:+UseParallelGC" \
        "$VENV/bin/python" mlflow_spark_udf.py --model "$WORK/mlflow-model" --input "$WORK/listings.parquet" \
        --cores "$CORES" --repeats "$REPEATS") > "$WORK/mlflow.json"; then
    MLFLOW="$(cat "$WORK/mlflow.json")"
  else
    say "MLflow's spark_udf run failed; its figure is missing below"
  fi
fi

python3 - "$(cat "$WORK/bighead.json")" "$MLFLOW" "$LOAD_START" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import json, sys
b, m = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"load average at the start {sys.argv[3]}, at the end {sys.argv[4]} (a busy core elsewhere halves Spark's share)")
in_process, score, parquet = b["in_process_rows_per_s"], b["spark_score_rows_per_s_core"], b["spark_parquet_rows_per_s_core"]
udf = m.get("spark_udf_rows_per_s_core")
print(f"Batch scoring of the reference pipeline, {b['rows']:,} rows, Spark local[{b['cores']}] "
      f"({b['partitions']} partitions), medians of {len(b['spark_score_s'])} runs")
print(f"| measure | rows/s/core | against | goal |")
print(f"|---|---|---|---|")
print(f"| in-process BatchScorer, one thread | {in_process:,.0f} | | |")
ratio = lambda x, y: f"{x / y:.0%}" if y else "—"
print(f"| Bighead on Spark, scoring (no-op sink) | {score:,.0f} | {ratio(score, in_process)} of in-process | ≥ 50% |")
print(f"| Bighead on Spark, Parquet to Parquet | {parquet:,.0f} | {ratio(parquet, in_process)} of in-process | |")
if udf:
    print(f"| MLflow spark_udf (no-op sink) | {udf:,.0f} | Bighead scoring {score / udf:.1f}× | ≥ 10× |")
cpu_in, cpu_score = b.get("in_process_rows_per_cpu_s"), b.get("spark_score_rows_per_cpu_s")
if cpu_in and cpu_score:
    # the process's CPU time, all threads: what a core would do with no other work on the machine
    print(f"Rows per CPU second of the JVM (moves less with other work on the machine): in-process {cpu_in:,.0f},"
          f" Spark scoring {cpu_score:,.0f} ({ratio(cpu_score, cpu_in)} of in-process)")
else:
    print("| MLflow spark_udf | missing (--only bighead, or its run failed) | | ≥ 10× |")
PY
