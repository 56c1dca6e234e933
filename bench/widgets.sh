#!/usr/bin/env bash
# Widgets benchmark: a widget update's round trip from the frontend (comm_msg → echo_update, → the observer's own
# update, → idle) and what a progress bar set on every step of a CPU-bound loop costs, Bighead's Java widgets
# beside ipywidgets on ipykernel in the same run.
# Usage: bench/widgets.sh [--n N] [--warmup N] [--steps N] [--reps N] [--kernels bighead,python3]
#        (./bighead bench widgets)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/bighead" setup >&2   # the kernel and widgets jars, .venv (jupyter_client, ipykernel, ipywidgets) and the kernelspec
exec "$ROOT/.venv/bin/python" "$ROOT/bench/widgets_bench.py" "$@"
