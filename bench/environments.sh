#!/usr/bin/env bash
# Environments benchmark: Bighead's image builds (docker-java, content-addressed, layers by how often they change)
# beside `docker build` of the very same Dockerfile and files (`./bighead env show cpu --context DIR`), on the same
# engine in the same run; container start to first output; image sizes.
#
#   cold build       the cpu runtime image with no build cache (base images present; their own making is printed
#                    once, when this machine had none), then `docker build --no-cache` of the same context
#   up to date       a second build of the unchanged environment (goal: a cache hit in seconds)
#   code change      one Bighead jar changed (a copy of the checkout's jars with an extra entry): only the Bighead
#                    layer and after are built again (goal ≤ 10 s); docker build of the changed context beside it
#   start → output   `env run cpu -- java -version` inside Bighead's compute API (create, start, first byte of
#                    output) and `docker run --rm IMAGE java -version` (goal ≤ 1 s), p50 of 5
#   sizes            runtime image (goal ≤ 300 MB) and notebook image (goal ≤ 1.5 GB); MLflow's `build-docker`
#                    images are ≥ 3 GB (mlflow#5927, #10954: not built here, no Docker Hub)
# Usage: bench/environments.sh            (./bighead bench environments; needs a Docker engine: ./bighead engine start)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/.bighead/bench-environments"
# shellcheck source=../scripts/launch.sh
source "$ROOT/scripts/launch.sh"

say() { printf '%s\n' "$*" >&2; }
die() { printf 'bench environments: %s\n' "$*" >&2; exit 1; }
case "${1:-}" in -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac

eval "$("$ROOT/scripts/engine.sh" env)" || die "no Docker engine: ./bighead engine start"
command -v docker >/dev/null || die "the docker command is needed for the reference builds (apt-get install docker.io)"

now() { date +%s%N; }
ms_since() { echo $(( ($(now) - $1) / 1000000 )); }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f s", ms / 1000 }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%d MB", b / 1000000 }'; }

# The environments CLI on a given checkout ($1: a folder with the module jars, catalog and resolver)
env_cli() {
  local home="$1"; shift
  java_command environments org.bighead.environments.cli.EnvMain || exit 1
  "${JAVA_CMD[0]}" -Dbighead.root="$home" "${JAVA_CMD[@]:1}" env "$@"
}

rm -rf "$WORK"; mkdir -p "$WORK"

# --- a private copy of the checkout's Bighead jars, so that a "code change" touches nothing of the real one ---------
HOME_COPY="$WORK/home"
for m in kernel serving-runtime cli; do
  mkdir -p "$HOME_COPY/$m/target"
  cp "$(module_jar "$m")" "$HOME_COPY/$m/target/"
  # the other modules' jars are listed by absolute path: point the ones of this checkout at the copy's
  sed "s#$ROOT/\([a-z-]*\)/target/#$HOME_COPY/\1/target/#g" "$ROOT/$m/target/classpath.txt" > "$HOME_COPY/$m/target/classpath.txt"
done
for jar in $(cat "$HOME_COPY"/{kernel,serving-runtime,cli}/target/classpath.txt | tr ':' '\n' | grep "^$HOME_COPY" | sort -u); do
  mod="${jar#"$HOME_COPY/"}"; mod="${mod%%/*}"
  mkdir -p "$(dirname "$jar")"; [[ -f "$jar" ]] || cp "$ROOT/$mod/target/$(basename "$jar")" "$jar"
done
mkdir -p "$HOME_COPY/environments" "$HOME_COPY/resolver/target"
ln -s "$ROOT/environments/catalog" "$HOME_COPY/environments/catalog"
ln -s "$ROOT/resolver/target/lib" "$HOME_COPY/resolver/target/lib"
mkdir -p "$HOME_COPY/.bighead/engine"
cp "$ROOT/.bighead/engine/host" "$HOME_COPY/.bighead/engine/" 2>/dev/null || true

say "base images (made once per machine and JDK)..."
t=$(now); env_cli "$HOME_COPY" show cpu --context "$WORK/ctx" >/dev/null; base_ms=$(ms_since "$t")

# --- cold build ------------------------------------------------------------------------------------------------
ref="$(env_cli "$HOME_COPY" show cpu --context "$WORK/ctx" 2>/dev/null | tail -1)"
docker rmi -f "$ref" >/dev/null 2>&1 || true
docker builder prune -af >/dev/null 2>&1 || true
t=$(now); env_cli "$HOME_COPY" build cpu >"$WORK/cold.log" 2>&1 || { cat "$WORK/cold.log"; die "cold build failed"; }
cold_ms=$(ms_since "$t")
size=$(docker image inspect --format '{{.Size}}' "$ref")
t=$(now); docker build -q --no-cache --network host -t bench/docker-build:cold "$WORK/ctx" >/dev/null 2>&1; docker_cold_ms=$(ms_since "$t")

# --- up to date ---------------------------------------------------------------------------------------------
t=$(now); env_cli "$HOME_COPY" build cpu >"$WORK/again.log" 2>&1; again_ms=$(ms_since "$t")
grep -q "up to date" "$WORK/again.log" || die "the second build was not a cache hit: $(cat "$WORK/again.log")"

# --- a code change: one Bighead jar gets an extra entry ----------------------------------------------------------
python3 - "$(ls "$HOME_COPY"/cli/target/bighead-cli-*.jar | grep -v -- '-sources\.jar$')" <<'PY'
import sys, time, zipfile
with zipfile.ZipFile(sys.argv[1], "a") as z:
    z.writestr("org/bighead/cli/bench-change.txt", str(time.time_ns()))
PY
t=$(now); env_cli "$HOME_COPY" build cpu >"$WORK/change.log" 2>&1 || { cat "$WORK/change.log"; die "rebuild failed"; }
change_ms=$(ms_since "$t")
env_cli "$HOME_COPY" show cpu --context "$WORK/ctx2" >/dev/null 2>&1
t=$(now); docker build -q --network host -t bench/docker-build:change "$WORK/ctx2" >/dev/null 2>&1; docker_change_ms=$(ms_since "$t")
changed_ref="$(tail -1 "$WORK/change.log")"

# --- container start → first output -------------------------------------------------------------------------------
starts=(); docker_starts=()
for _ in 1 2 3 4 5; do
  t=$(now); docker run --rm --network host "$changed_ref" java -version >/dev/null 2>&1; docker_starts+=("$(ms_since "$t")")
done
java_command environments org.bighead.environments.bench.RunStart || die "no RunStart class"
mapfile -t starts < <("${JAVA_CMD[0]}" -Dbighead.root="$HOME_COPY" "${JAVA_CMD[@]:1}" "$changed_ref" 5)
p50() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

notebook_ref="$(sed -n 's/.*"reference" : "\(bighead\/env-cpu-notebook:[^"]*\)".*/\1/p' "$ROOT/.bighead/images/built.json" | head -1)"
notebook_size="(not built: ./bighead env build cpu --notebook)"
if [[ -n "$notebook_ref" ]] && n=$(docker image inspect --format '{{.Size}}' "$notebook_ref" 2>/dev/null); then
  notebook_size="$(mb "$n")"
fi

cat <<REPORT

Environments benchmark ($(nproc) cores, Docker $(docker version --format '{{.Server.Version}}'), image $ref)
                                      Bighead (docker-java)      docker build, same context    goal
(Bighead's times include its command's JVM start, the class path's resolution and hashing; docker build's start
from a context already written)
cold build, cpu runtime image         $(printf '%-26s' "$(secs "$cold_ms")") $(printf '%-29s' "$(secs "$docker_cold_ms") (--no-cache)") -
second build, unchanged               $(printf '%-26s' "$(secs "$again_ms") (up to date)") $(printf '%-29s' "-") seconds
rebuild after a code change           $(printf '%-26s' "$(secs "$change_ms")") $(printf '%-29s' "$(secs "$docker_change_ms") (with its cache)") ≤ 10 s
container start → java -version       $(printf '%-26s' "$(p50 "${starts[@]}") ms (p50 of 5)") $(printf '%-29s' "$(p50 "${docker_starts[@]}") ms (docker run CLI)") ≤ 1 s
runtime image size                    $(printf '%-26s' "$(mb "$size")") $(printf '%-29s' "MLflow build-docker ≥ 3 GB") ≤ 300 MB
notebook image size                   $(printf '%-26s' "$notebook_size") $(printf '%-29s' "") ≤ 1.5 GB
base images (first time on a machine) $(secs "$base_ms") when missing, else the time to find them
REPORT
docker rmi -f bench/docker-build:cold bench/docker-build:change >/dev/null 2>&1 || true
