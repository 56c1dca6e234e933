#!/usr/bin/env bash
# Kernel benchmark: Jupyter round trips of the bighead kernel beside ipykernel in the same run (kernel_info,
# a trivial cell to its reply and to idle, start to first result), with the client's own share of each.
# Usage: bench/kernel.sh [--n N] [--warmup N] [--starts N] [--kernels bighead,python3]   (./bighead bench kernel)
# The kernel runs on $BIGHEAD_JAVA_HOME when set, else on the java on PATH (setup makes that JDK's class-data archive).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/bighead" setup >&2   # the kernel jar, .venv (jupyter_client, ipykernel) and the kernelspec
exec "$ROOT/.venv/bin/python" "$ROOT/bench/kernel_bench.py" "$@"
