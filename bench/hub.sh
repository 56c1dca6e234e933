#!/usr/bin/env bash
# Hub benchmark (issue 11): spawn → JupyterLab answering, with the image present, p50 of 5, for the Bighead spawner
# beside DockerSpawner (dockerspawner 14 from PyPI, pinned in hub-spawner/requirements.txt) spawning the same image
# (the cpu notebook image) in the same hub configuration (`./bighead hub`: Bighead's hub-spawner/jupyterhub_config.py
# with a bench team file) and the same run: two hubs side by side, spawns alternating between them, one at a time.
#
#   spawn → lab      POST /hub/api/users/U/server (admin token; the Bighead spawner gets environment cpu on
#                    t3.medium) until GET /user/U/lab through the hub's proxy, with U's token, answers 200 with
#                    JupyterLab's page (goal ≤ 10 s and not slower than DockerSpawner); after one untimed warm-up
#                    spawn per hub, each server stopped and its container gone before the next spawn
#   where it goes    POST → container started (Docker's StartedAt), POST → server up (its first activity call to
#                    the hub); the rest is JupyterHub's readiness poll, which backs off with random jitter
#
# Hubs, containers and volumes (bighead-bench-home-*) it starts are removed at the end, on failure too; their logs
# stay in .bighead/bench-hub/. A Docker engine: yours when one answers, else Bighead's own (started, then stopped).
# Usage: bench/hub.sh [--runs N] [--order interleaved|sequential] [--json]      (./bighead bench hub)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say() { printf '%s\n' "$*" >&2; }
die() { printf 'bench hub: %s\n' "$*" >&2; exit 1; }
case "${1:-}" in -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac

command -v docker >/dev/null || die "the docker command is needed (apt-get install docker.io)"

# --- a Docker engine: yours when it answers, else Bighead's own, stopped again at the end if started here ----------
ENGINE_STARTED=""
cleanup() { [[ -n "$ENGINE_STARTED" ]] && { "$ROOT/scripts/engine.sh" stop || true; }; return 0; }
trap cleanup EXIT
if ! "$ROOT/scripts/engine.sh" status >/dev/null 2>&1; then
  say "No Docker engine answers: starting Bighead's own for the benchmark..."
  "$ROOT/scripts/engine.sh" start || die "could not start a Docker engine (.bighead/engine/dockerd.log)"
  ENGINE_STARTED=1
fi
eval "$("$ROOT/scripts/engine.sh" env)"

# --- the image, present before any clock runs (built now when missing) -----------------------------------------------
say "the cpu notebook image..."
image="$("$ROOT/bighead" env build cpu --flavor notebook --json 2>"$ROOT/.bighead/bench-hub-image.log" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["image"])')" \
  || { cat "$ROOT/.bighead/bench-hub-image.log" >&2; die "could not build the cpu notebook image"; }
rm -f "$ROOT/.bighead/bench-hub-image.log"

# hub_spawn.py needs only the standard library and the docker CLI: the hub's venv (.bighead/hub-venv) is set up by
# the first `./bighead hub` it starts
python3 "$ROOT/bench/hub_spawn.py" --image "$image" "$@"
