#!/usr/bin/env bash
# Deployment benchmark (productionize/, ./bighead deployments): from the command to the first correct prediction, on
# the reference pipeline registered in a registry of this run, beside the manual path, in the same run.
#
#   export     `%bighead export model --name N --alias champion --serve` sent to a kernel that holds the model, and
#              `./bighead export FILE … --serve`: validate, capture, register, serve → the endpoint's first correct
#              answer (goal ≤ 10 s), median of REPEATS, each a new model and deployment, stopped after
#   local      `deployments start NAME --model listing-price@champion` → a detached ./bighead serve → the records
#              endpoint answers ./bighead predict's numbers (goal ≤ 10 s), median of REPEATS, each stopped after
#   manual     the same by hand: `registry register` of the saved bundle, then `./bighead serve REF` to the first
#              correct answer (register and serve timed apart), median of REPEATS
#   docker     `deployments start … --docker` with the environment's runtime image present (goal ≤ 60 s): serving
#              image (up to date after the first run), container, first correct prediction, median of REPEATS
#   rebuild    a retrained version (demo --seed 43) registered and champion moved, then `--docker` again: the serving
#              image's new model layer and the first prediction of the new version (goal ≤ 15 s)
#   size       the serving image over the environment's runtime image (goal ≤ 300 MB)
# Needs a Docker engine for docker and rebuild (./bighead engine start); without one they are skipped.
# Usage: bench/deploy.sh [--repeats N]   (./bighead bench deploy)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/.bighead/bench-deploy"
REPEATS=5

die() { printf 'bench deploy: %s\n' "$*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --repeats) REPEATS="${2:?--repeats needs a number}"; shift 2;;
    -h|--help) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0;;
    *) die "unknown option '$1' (see --help)";;
  esac
done
[[ "$REPEATS" =~ ^[0-9]+$ && "$REPEATS" -ge 1 ]] || die "--repeats wants a whole number ≥ 1, got '$REPEATS'"

rm -rf "$WORK"; mkdir -p "$WORK"
DOCKER=1
if [[ -z "${DOCKER_HOST:-}" ]]; then
  if "$ROOT/scripts/engine.sh" status >/dev/null 2>&1; then
    eval "$("$ROOT/scripts/engine.sh" env)"
  else
    DOCKER=0
    printf 'bench deploy: no Docker engine answers (./bighead engine start): docker and rebuild are skipped\n' >&2
  fi
fi
"$ROOT/bighead" setup >&2   # .venv: jupyter_client drives the kernel for the export magic's figure
exec "$ROOT/.venv/bin/python" "$ROOT/bench/deploy_bench.py" --root "$ROOT" --work "$WORK" --repeats "$REPEATS" --docker "$DOCKER"
