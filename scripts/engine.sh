#!/usr/bin/env bash
# Bighead's private Docker engine, for machines where no Docker answers: Debian's dockerd on its own socket, data
# root and exec root, with a local image registry (Debian's docker-registry) beside it for `env build --push`.
# Everything it starts is stopped by PID; nothing else on the machine is touched.
#
#   scripts/engine.sh start [--json]   install what is missing (apt-get), start dockerd and the registry
#   scripts/engine.sh stop             stop both by PID and unmount what dockerd left mounted
#   scripts/engine.sh status [--json]  which engine Bighead uses: yours (DOCKER_HOST, /var/run/docker.sock) or its own
#   scripts/engine.sh env              print `export DOCKER_HOST=…` for the engine Bighead uses (use with eval)
#
# Where: the data root (images, build cache) in .bighead/engine/data, kept between runs; the socket and exec root
# under /run (or /tmp), short paths, one per checkout. dockerd runs as this machine needs it: no iptables, no bridge
# (containers use --network host), overlay2 (vfs would copy whole images for every container).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENGINE="${BIGHEAD_ENGINE_DIR:-$ROOT/.bighead/engine}"
# the socket path must fit in sockaddr_un (107 bytes) and containerd nests its own below the exec root
RUN_BASE=/run; [[ -w "$RUN_BASE" ]] || RUN_BASE="${TMPDIR:-/tmp}"
RUN="$RUN_BASE/bighead-engine-$(printf '%s' "$ENGINE" | sha256sum | cut -c1-8)"
SOCK="$RUN/docker.sock"
PACKAGES=(docker.io docker-registry debootstrap busybox-static)
START_DEADLINE_S=60

say() { printf 'engine: %s\n' "$*" >&2; }
die() { printf 'engine: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }
pid_of() { [[ -f "$ENGINE/$1.pid" ]] && cat "$ENGINE/$1.pid"; }

as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "this needs root: run '$*' as root"
  fi
}

# Sends SIGTERM to PID and waits for it to exit (SIGKILL after 20 s).
stop_pid() {
  local pid="$1" what="$2" i
  alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 200); do alive "$pid" || { say "stopped $what (pid $pid)"; return 0; }; sleep 0.1; done
  say "$what (pid $pid) did not stop within 20 s: killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Answers when a Docker engine listens at HOST (unix://… or tcp://…).
answers() {
  DOCKER_HOST="$1" timeout 5 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

# The engine Bighead uses, as a DOCKER_HOST value: $DOCKER_HOST, else the machine's default socket, else the private
# engine's socket (the same order as the Java side, org.bighead.environments.engine.DockerEngine).
engine_in_use() {
  if [[ -n "${DOCKER_HOST:-}" ]]; then answers "$DOCKER_HOST" && { echo "$DOCKER_HOST yours"; return 0; }; fi
  [[ -S /var/run/docker.sock ]] && answers unix:///var/run/docker.sock && { echo "unix:///var/run/docker.sock yours"; return 0; }
  [[ -S "$SOCK" ]] && answers "unix://$SOCK" && { echo "unix://$SOCK private"; return 0; }
  return 1
}

ensure_packages() {
  local -a need=()
  local p
  for p in "${PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
  [[ ${#need[@]} -eq 0 ]] && return 0
  command -v apt-get >/dev/null || die "the engine needs Debian's ${need[*]} and apt-get is not here: install Docker by hand and set DOCKER_HOST"
  say "installing ${need[*]} (apt-get)..."
  as_root apt-get update -q >&2 || die "apt-get update failed; the engine needs ${need[*]}"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends "${need[@]}" >&2 \
    || die "apt-get could not install ${need[*]}"
}

start_dockerd() {
  local pid i
  if alive "$(pid_of dockerd || true)" && answers "unix://$SOCK"; then
    say "engine already running (pid $(pid_of dockerd), unix://$SOCK)"
    return 0
  fi
  command -v dockerd >/dev/null || die "dockerd is not installed (apt-get install docker.io)"
  mkdir -p "$ENGINE/data" "$RUN"
  unmount_under "$RUN"   # what a killed engine may have left
  # its own session, so a Ctrl-C meant for a command does not reach it before `stop` does
  setsid dockerd --iptables=false --ip6tables=false --bridge=none --storage-driver=overlay2 \
    --data-root="$ENGINE/data" --exec-root="$RUN/exec" --pidfile="$RUN/dockerd.pid" \
    --host="unix://$SOCK" >"$ENGINE/dockerd.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" > "$ENGINE/dockerd.pid"
  for i in $(seq 1 $((START_DEADLINE_S * 10))); do
    answers "unix://$SOCK" && break
    alive "$pid" || { tail -15 "$ENGINE/dockerd.log" >&2; die "dockerd exited while starting (log: .bighead/engine/dockerd.log)"; }
    sleep 0.1
  done
  answers "unix://$SOCK" || { stop_pid "$pid" dockerd; die "dockerd did not answer within ${START_DEADLINE_S} s (log: .bighead/engine/dockerd.log)"; }
  echo "unix://$SOCK" > "$ENGINE/host"   # where the Java side finds it (DockerEngine)
  say "engine running: Docker $(DOCKER_HOST="unix://$SOCK" docker version --format '{{.Server.Version}}') (pid $pid, unix://$SOCK, data in ${ENGINE#"$ROOT/"}/data)"
}

registry_answers() { curl -sf --max-time 2 "http://127.0.0.1:$1/v2/" >/dev/null 2>&1; }

start_registry() {
  local port pid i attempt
  # running already (perhaps answering only in another network namespace than this caller's): leave it be
  alive "$(pid_of registry || true)" && return 0
  mkdir -p "$ENGINE/registry-data"
  # a free port can be taken by another program before the registry binds it: then it exits, and a new port is tried
  for attempt in 1 2 3; do
    port="$(free_port)"
    cat > "$ENGINE/registry.yml" <<YAML
version: 0.1
log: {level: warn, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $ENGINE/registry-data}, delete: {enabled: true}}
http: {addr: "127.0.0.1:$port"}
YAML
    setsid docker-registry serve "$ENGINE/registry.yml" >"$ENGINE/registry.log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" > "$ENGINE/registry.pid"
    echo "$port" > "$ENGINE/registry.port"
    for i in $(seq 1 100); do
      registry_answers "$port" && break
      alive "$pid" || break
      sleep 0.1
    done
    registry_answers "$port" && break
    stop_pid "$pid" registry
    [[ "$attempt" == 3 ]] && die "the image registry did not answer (log: .bighead/engine/registry.log)"
  done
  # 127.0.0.0/8 registries are plain HTTP for Docker without any daemon setting
  say "image registry running on 127.0.0.1:$port (pid $pid)"
}

unmount_under() {
  local dir="$1" m
  for m in $(awk -v r="$dir/" 'index($2, r) == 1 {print $2}' /proc/mounts | sort -r); do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done
}

print_status() {
  local json="$1" host kind version registry=null
  if read -r host kind < <(engine_in_use); then
    version="$(DOCKER_HOST="$host" docker version --format '{{.Server.Version}}' 2>/dev/null)"
    [[ -f "$ENGINE/registry.port" ]] && registry_answers "$(cat "$ENGINE/registry.port")" \
      && registry="\"127.0.0.1:$(cat "$ENGINE/registry.port")\""
    if [[ "$json" == 1 ]]; then
      printf '{"running": true, "docker_host": "%s", "engine": "%s", "version": "%s", "registry": %s, "pid": %s}\n' \
        "$host" "$kind" "$version" "$registry" "$( [[ "$kind" == private ]] && pid_of dockerd || echo null)"
    else
      echo "Docker $version at $host ($( [[ "$kind" == private ]] && echo "Bighead's own engine, pid $(pid_of dockerd)" || echo "your engine"))"
      [[ "$registry" != null ]] && echo "image registry: ${registry//\"/}"
    fi
    return 0
  fi
  if [[ "$json" == 1 ]]; then
    echo '{"running": false, "docker_host": null, "engine": null, "version": null, "registry": null, "pid": null}'
  else
    echo "no Docker engine answers (DOCKER_HOST, /var/run/docker.sock, or Bighead's own): start one with ./bighead engine start"
  fi
  return 3
}

cmd_start() {
  local t0
  t0="$(date +%s%N)"
  mkdir -p "$ENGINE"
  ensure_packages
  start_dockerd
  start_registry
  say "ready in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
}

cmd_stop() {
  stop_pid "$(pid_of registry || true)" "image registry"
  rm -f "$ENGINE/registry.pid"
  stop_pid "$(pid_of dockerd || true)" dockerd
  rm -f "$ENGINE/dockerd.pid" "$ENGINE/host"
  # dockerd 20.10 leaves its network namespace bind-mounted under the exec root, and overlays when killed
  unmount_under "$RUN"
  unmount_under "$ENGINE/data"
}

cmd_env() {
  local host kind
  read -r host kind < <(engine_in_use) || die "no Docker engine answers: start one with ./bighead engine start"
  printf 'export DOCKER_HOST=%q\n' "$host"
  [[ -f "$ENGINE/registry.port" ]] && registry_answers "$(cat "$ENGINE/registry.port")" \
    && printf 'export BIGHEAD_IMAGES_REGISTRY=%q\n' "127.0.0.1:$(cat "$ENGINE/registry.port")"
  return 0
}

main() {
  local cmd="${1:-}" json=0
  [[ $# -gt 0 ]] && shift
  for arg in "$@"; do
    case "$arg" in
      --json) json=1 ;;
      -h|--help) usage; return 0 ;;
      *) die "unknown option '$arg' (see ./bighead engine --help)" ;;
    esac
  done
  case "$cmd" in
    start) cmd_start; [[ "$json" == 1 ]] && print_status 1; return 0 ;;
    stop) cmd_stop ;;
    status) print_status "$json" ;;
    env) cmd_env ;;
    -h|--help|help|"") usage; [[ -n "$cmd" ]] ;;
    *) die "unknown command '$cmd' (start, stop, status or env)" ;;
  esac
}

main "$@"
