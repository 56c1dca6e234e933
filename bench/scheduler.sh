#!/usr/bin/env bash
# The embedded scheduler (registry/…/jobs/Scheduler): trigger-to-start latency of `jobs run` (a queued row, then a
# wake-up) beside the 1 s poll alone, and due runs started and recorded per second with no-op executors, on SQLite
# and, with --postgres JDBC_URL (or BIGHEAD_TEST_POSTGRES_URL), on PostgreSQL.
# Usage: bench/scheduler.sh [--runs N] [--workers N] [--postgres JDBC_URL]   (./bighead bench scheduler)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/launch.sh
source "$ROOT/scripts/launch.sh"
args=("$@")
if [[ -n "${BIGHEAD_TEST_POSTGRES_URL:-}" && " $* " != *" --postgres "* ]]; then
  args+=(--postgres "$BIGHEAD_TEST_POSTGRES_URL")
fi
java_command registry org.bighead.registry.jobs.SchedulerBench || exit 1
exec "${JAVA_CMD[@]}" "${args[@]}"
