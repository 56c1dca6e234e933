#!/usr/bin/env bash
# Pipeline library benchmark: single-row predict latency (vs xgboost4j's own single-row predict), batch
# throughput on one thread (vs xgboost4j batch predict), bundle load time and fit time on 100k rows.
# Usage: bench/pipeline.sh [--rows N] [--fit-rows N] [--calls N]     (./bighead bench pipeline)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/launch.sh
source "$ROOT/scripts/launch.sh"
module_jar bench >/dev/null 2>&1 || (cd "$ROOT" && mvn -B -q -DskipTests package)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $("$(bighead_java)" -version 2>&1 | head -1)"
BIGHEAD_JAVA_OPTS="-Xms2g -Xmx4g ${BIGHEAD_JAVA_OPTS:-}"
java_command bench org.bighead.bench.PipelineBench
exec "${JAVA_CMD[@]}" "$@"
