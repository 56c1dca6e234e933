#!/usr/bin/env bash
# Pipeline library benchmark: single-row predict latency (vs xgboost4j's own single-row predict), batch
# throughput on one thread (vs xgboost4j batch predict), bundle load time and fit time on 100k rows.
# Usage: bench/pipeline.sh [--rows N] [--fit-rows N] [--calls N]     (./bighead bench pipeline)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/bench/target/bighead-bench-0.1.0-SNAPSHOT.jar"
[[ -f "$JAR" ]] || (cd "$ROOT" && mvn -B -q -DskipTests package)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(java -version 2>&1 | head -1)"
exec java -Dai.djl.offline=true -Xms2g -Xmx4g -cp "$JAR:$(cat "$ROOT/bench/target/classpath.txt")" \
  org.bighead.bench.PipelineBench "$@"
