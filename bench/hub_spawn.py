"""Spawn → JupyterLab answering: the Bighead spawner beside DockerSpawner (PyPI) spawning the same image, each in a
`./bighead hub` of its own with Bighead's hub configuration, in the same run.

For each spawner: start the hub (dummy authenticator, users bench0..benchN), make each user a token, then spawn one
server at a time through the REST API with the admin token: the clock starts just before POST
/hub/api/users/U/server and stops when GET /user/U/lab through the hub's proxy, with U's token, answers 200 with
JupyterLab's page (polled every 50 ms from the moment the POST is sent). The server is stopped, and its container
gone, before the next spawn. bench0's spawn is an untimed warm-up (the hub's first spawn), reported on its own line.
By default both hubs run side by side and the spawns alternate between them, ABBA (what drifts during a run, the
machine's load, a page cache, weighs on both alike); --order sequential runs one hub, then the other.

Both spawners run the container alike: host network on 127.0.0.1 and a free port, `jupyterhub-singleuser` as the
command, 2 vCPUs and 4 GiB (t3.medium, as Bighead's compute layer sizes it), a named home volume at /home/jovyan,
the BIGHEAD_* variables the Bighead spawner sets. Where the time goes is read after each clock stops: the
container's start (Docker's StartedAt) and the server's first activity call to the hub (the hub's log). Everything
started here is stopped by PID, and every container and volume (bighead-bench-home-*) removed, on failure too.

Standard library only (Python ≥ 3.11) and the docker CLI: it runs before the hub's venv exists.
Usage: python3 bench/hub_spawn.py --image REF [--runs 5] [--order interleaved|sequential] [--json]
                                  [--spawners bighead,dockerspawner]
"""
import argparse
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".bighead" / "bench-hub"
HUB_START_DEADLINE = 300  # a first start sets up .bighead/hub-venv and configurable-http-proxy
SPAWN_DEADLINE = 120      # the image is present: a spawn that takes longer has failed
STOP_DEADLINE = 60
POLL = 0.05
PASSWORD = "bighead-bench-" + secrets.token_hex(8)
ADMIN_TOKEN = "bighead-bench-admin-" + secrets.token_hex(16)
BIGHEAD_OPTIONS = {"environment": "cpu", "instance_type": "t3.medium"}
VCPUS, MEMORY = 2, 4096 * 2**20   # t3.medium in the catalog: what the Bighead spawner's containers get

COMMON_CONFIG = """\
c = get_config()  # noqa: F821
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allowed_users = {users!r}
"""

BIGHEAD_CONFIG = COMMON_CONFIG + """\
c.BigheadSpawner.home_volume = "bighead-bench-home-{{username}}"
"""

# dockerspawner 14 on the host network: its get_ip_and_port asks `docker port`, which has nothing to say for a
# host-network container, and its port is a fixed 8888 (servers would collide), so — as its docstring says — a
# subclass returns host_ip and a port of its own, chosen free at every start.
DOCKERSPAWNER_CONFIG = COMMON_CONFIG + """\
from dockerspawner import DockerSpawner
from jupyterhub.utils import random_port


class HostNetworkDockerSpawner(DockerSpawner):
    async def start(self):
        self.port = random_port()
        return await super().start()

    async def get_ip_and_port(self):
        return self.host_ip, self.port


c.JupyterHub.spawner_class = HostNetworkDockerSpawner
c.DockerSpawner.image = {image!r}
c.DockerSpawner.pull_policy = "never"           # the image is local, as for the Bighead spawner
c.DockerSpawner.network_name = "host"           # Bighead's engine has no bridge; the Bighead spawner uses host too
c.DockerSpawner.use_internal_ip = True          # no port publishing (meaningless on the host network)
c.DockerSpawner.host_ip = "127.0.0.1"
c.DockerSpawner.ip = "127.0.0.1"                # the server listens where the Bighead spawner's does
c.DockerSpawner.cmd = ["jupyterhub-singleuser"]
c.DockerSpawner.remove = True
c.DockerSpawner.prefix = "bighead-bench-ds"
c.DockerSpawner.volumes = {{"bighead-bench-home-ds-{{username}}": "/home/jovyan"}}
c.DockerSpawner.cpu_limit = {vcpus}
c.DockerSpawner.mem_limit = {memory}
c.DockerSpawner.extra_host_config = {{"memswap_limit": {memory}}}
c.DockerSpawner.environment = {environment!r}
c.DockerSpawner.start_timeout = 300
c.DockerSpawner.http_timeout = 120
"""


def log(msg):
    print(f"bench hub: {msg}", file=sys.stderr, flush=True)


class BenchError(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(method, url, token=None, body=None, timeout=30):
    """One HTTP request, no redirects followed: (status, body bytes)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        headers = {}
        if token:
            headers["Authorization"] = f"token {token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        conn.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), body=data, headers=headers)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def docker(*args, check=True):
    r = subprocess.run(["docker", *args], capture_output=True, text=True, timeout=120)
    if check and r.returncode != 0:
        raise BenchError(f"docker {' '.join(args)}: {r.stderr.strip()}")
    return r.stdout


def container_names(prefix):
    out = docker("ps", "-a", "--format", "{{.Names}}", check=False)
    return [n for n in out.split() if n.startswith(prefix)]


class Hub:
    """A `./bighead hub` on a free port with its state in WORK/NAME, stopped with SIGINT by PID."""

    def __init__(self, name, config_text):
        self.name = name
        self.dir = WORK / name
        shutil.rmtree(self.dir, ignore_errors=True)  # a fresh database: no servers or tokens of an earlier run
        self.dir.mkdir(parents=True)
        self.data = self.dir / "data"
        self.config = self.dir / "team_config.py"
        self.config.write_text(config_text)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.dir / "hub.log"
        self.proc = None

    def start(self):
        env = dict(os.environ, BIGHEAD_HUB_ADMIN_TOKEN=ADMIN_TOKEN)
        self.log_file = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [str(ROOT / "bighead"), "hub", "--port", str(self.port), "--data", str(self.data),
             "--config", str(self.config)],
            cwd=ROOT, env=env, stdout=self.log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True)  # our SIGINT only, not the terminal's
        deadline = time.monotonic() + HUB_START_DEADLINE
        while True:
            if self.proc.poll() is not None:
                raise BenchError(f"the {self.name} hub exited with {self.proc.returncode}")
            try:
                if request("GET", self.url + "/hub/api/", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise BenchError(f"the {self.name} hub did not answer in {HUB_START_DEADLINE} s")
            time.sleep(0.2)

    def api(self, method, path, body=None, token=ADMIN_TOKEN, timeout=60):
        status, data = request(method, self.url + "/hub/api" + path, token, body, timeout)
        try:
            return status, json.loads(data) if data else None
        except ValueError:
            return status, data.decode(errors="replace")

    def server(self, user):
        status, info = self.api("GET", f"/users/{user}")
        if status != 200:
            raise BenchError(f"GET /users/{user}: {status} {info}")
        return (info.get("servers") or {}).get("")

    def stop_server(self, user):
        status, info = self.api("DELETE", f"/users/{user}/server")
        if status not in (202, 204, 400, 404):  # 400: not running
            raise BenchError(f"DELETE /users/{user}/server: {status} {info}")
        deadline = time.monotonic() + STOP_DEADLINE
        while self.server(user):
            if time.monotonic() > deadline:
                raise BenchError(f"{user}'s server did not stop in {STOP_DEADLINE} s")
            time.sleep(0.2)

    def stop(self):
        """SIGINT by PID, as Ctrl-C; SIGKILL after 30 s, then the proxy it started, by the PID it recorded."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                log(f"the {self.name} hub (pid {self.proc.pid}) did not stop in 30 s: killing it")
                self.proc.kill()
                self.proc.wait(10)
        self.log_file.close()
        pid_file = self.data / "proxy.pid"
        if pid_file.exists():
            try:
                pid = int(pid_file.read_text().strip())
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    if b"configurable-http-proxy" in f.read():
                        os.kill(pid, signal.SIGTERM)
            except (ValueError, OSError):
                pass

    def first_activity(self, user):
        """When U's server first reported activity to the hub (jupyterhub-singleuser does as it starts): the server
        is up. The hub notices later, when its readiness poll, which backs off with random jitter (JupyterHub's
        exponential_backoff: waits of up to 0.2, 0.4, 0.8, 1.6, 3.2 s), next gets an answer."""
        needle = f" POST /hub/api/users/{user}/activity "
        for line in self.log_path.read_text(errors="replace").splitlines():
            if needle in line and line.startswith("[I "):
                stamp = " ".join(line[3:].split()[:2])
                return datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S.%f").timestamp()
        return None

    def log_tail(self, lines=60):
        try:
            text = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return "(no hub log)"
        return "\n".join(text[-lines:])


def spawn_once(hub, user, token, options):
    """When the POST was sent (wall clock) and the seconds from it to JupyterLab's page through the proxy."""
    posted = {}

    def post():
        try:
            posted["reply"] = hub.api("POST", f"/users/{user}/server", options, timeout=SPAWN_DEADLINE)
        except Exception as e:  # noqa: BLE001 - reported below
            posted["error"] = e

    poster = threading.Thread(target=post, daemon=True)
    wall0, t0 = time.time(), time.monotonic()
    poster.start()
    lab = f"{hub.url}/user/{user}/lab"
    next_check = t0 + 1.0
    while True:
        try:
            status, body = request("GET", lab, token, timeout=10)
            if status == 200 and b"jupyter-config-data" in body:
                elapsed = time.monotonic() - t0
                break
        except OSError:
            pass
        now = time.monotonic()
        if "error" in posted:
            raise BenchError(f"POST /users/{user}/server: {posted['error']}")
        if "reply" in posted and posted["reply"][0] not in (201, 202):
            raise BenchError(f"POST /users/{user}/server: {posted['reply'][0]} {posted['reply'][1]}")
        if "reply" in posted and now > next_check:
            next_check = now + 1.0
            if not hub.server(user):
                raise BenchError(f"{user}'s spawn failed (the hub has no server for them)")
        if now - t0 > SPAWN_DEADLINE:
            raise BenchError(f"{user}'s JupyterLab did not answer in {SPAWN_DEADLINE} s")
        time.sleep(POLL)
    poster.join(SPAWN_DEADLINE)
    return wall0, elapsed


def inspect_container(name):
    out = docker("inspect", name, check=False)
    if not out.strip():
        return None
    c = json.loads(out)[0]
    return {
        "image": c["Config"]["Image"],
        "image_id": c["Image"],
        "network": c["HostConfig"]["NetworkMode"],
        "vcpus": (c["HostConfig"].get("NanoCpus") or 0) / 1e9
                 or (c["HostConfig"].get("CpuQuota") or 0) / (c["HostConfig"].get("CpuPeriod") or 100000),
        "memory": c["HostConfig"].get("Memory") or 0,
        "cmd": c["Config"]["Cmd"],
        "home": sorted(m["Name"] for m in c["Mounts"] if m["Type"] == "volume" and m["Destination"] == "/home/jovyan"),
        "started_at": docker_time(c["State"]["StartedAt"]),
    }


def docker_time(stamp):
    """Docker's RFC 3339 time with nanoseconds (2026-12-06T21:25:59.258341234Z) as a POSIX timestamp."""
    day, _, rest = stamp.rstrip("Z").partition("T")
    whole, _, fraction = rest.partition(".")
    seconds = datetime.strptime(f"{day}T{whole}", "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc).timestamp()
    return seconds + float(f"0.{fraction or 0}")


class Contender:
    """One spawner in its own hub: its config, its users bench0..benchN (bench0: the warm-up), its figures."""

    def __init__(self, kind, image, image_id, runs):
        self.kind, self.image = kind, image
        self.users = [f"bench{i}" for i in range(runs + 1)]
        if kind == "bighead":
            config = BIGHEAD_CONFIG.format(password=PASSWORD, users=set(self.users))
            self.options, self.container = BIGHEAD_OPTIONS, "bighead-{}"
        else:
            environment = {"BIGHEAD_ENVIRONMENT": "cpu", "BIGHEAD_INSTANCE_TYPE": "t3.medium", "BIGHEAD_IMAGE": image,
                           "BIGHEAD_IMAGE_ID": image_id, "BIGHEAD_BACKEND": "docker"}
            config = DOCKERSPAWNER_CONFIG.format(password=PASSWORD, users=set(self.users), image=image, vcpus=VCPUS,
                                                 memory=MEMORY, environment=environment)
            self.options, self.container = {}, "bighead-bench-ds-{}"
        self.hub = Hub(kind, config)
        self.tokens = {}
        self.stopped = False
        self.result = {"spawner": kind, "runs_s": [], "container_started_s": [], "server_up_s": [],
                       "hub_log": str(self.hub.log_path)}

    def start(self):
        log(f"starting the {self.kind} hub on {self.hub.url}...")
        self.hub.start()
        for user in self.users:
            status, reply = self.hub.api("POST", f"/users/{user}/tokens", {"note": "bench", "expires_in": 3600})
            if status != 201:
                raise BenchError(f"POST /users/{user}/tokens: {status} {reply}")
            self.tokens[user] = reply["token"]

    def spawn_and_stop(self, i):
        user = self.users[i]
        wall0, seconds = spawn_once(self.hub, user, self.tokens[user], self.options)
        # where the time went, read after the clock stopped: the container's start (Docker's record) and the
        # server's first activity call to the hub (the hub's log)
        info = inspect_container(self.container.format(user)) or {}
        started = info["started_at"] - wall0 if info.get("started_at") else None
        up = self.hub.first_activity(user)
        up = up - wall0 if up else None
        if info.get("image") != self.image:
            raise BenchError(f"the {self.kind} server runs {info.get('image')}, not {self.image} (the checkout's"
                             " jars changed after the image was built? run again)")
        if i == 0:
            self.result.update(warmup_s=seconds, warmup_container_started_s=started, warmup_server_up_s=up,
                               container=info)
        else:
            self.result["runs_s"].append(seconds)
            if started is not None:
                self.result["container_started_s"].append(started)
            if up is not None:
                self.result["server_up_s"].append(up)
        parts = [f"container started at {started:.2f} s" if started is not None else "",
                 f"server up at {up:.2f} s" if up is not None else ""]
        log(f"{self.kind} {user}: {seconds:.2f} s ({', '.join(p for p in parts if p)})"
            f"{' (warm-up)' if i == 0 else ''}")
        self.hub.stop_server(user)
        name = self.container.format(user)
        deadline = time.monotonic() + STOP_DEADLINE
        while name in container_names(name):
            if time.monotonic() > deadline:
                raise BenchError(f"{name} is still there {STOP_DEADLINE} s after its stop")
            time.sleep(0.2)

    def stop(self):
        """Stops the servers through the hub, then the hub (SIGINT by PID), then removes what is left."""
        if self.stopped:
            return
        self.stopped = True
        if self.hub.proc is not None and self.hub.proc.poll() is None:
            for user in self.users:
                try:
                    self.hub.stop_server(user)
                except Exception as e:  # noqa: BLE001 - the containers are removed below anyway
                    log(f"could not stop {user}'s server through the {self.kind} hub: {e}")
        self.hub.stop()
        for user in self.users:
            name = self.container.format(user)
            if name in container_names(name):
                docker("rm", "-f", "-v", name, check=False)


def run(kinds, image, image_id, runs, order):
    """interleaved: both hubs up side by side, spawns alternating between them (ABBA: the first of a round goes
    second in the next), one server at a time; sequential: one hub after the other."""
    contenders = [Contender(kind, image, image_id, runs) for kind in kinds]
    current = None
    try:
        if order == "interleaved":
            for current in contenders:
                current.start()
            for i in range(runs + 1):
                for current in (contenders if i % 2 == 0 else contenders[::-1]):
                    current.spawn_and_stop(i)
        else:
            for current in contenders:
                current.start()
                for i in range(runs + 1):
                    current.spawn_and_stop(i)
                current.stop()
        return {c.kind: c.result for c in contenders}
    except Exception:
        if current is not None:
            print(f"--- the {current.kind} hub's log (last lines of {current.hub.log_path}) ---\n"
                  f"{current.hub.log_tail()}\n---", file=sys.stderr)
        raise
    finally:
        for c in contenders:
            c.stop()
        remove_volumes()


def remove_volumes():
    names = docker("volume", "ls", "-q", "--filter", "name=bighead-bench-home-", check=False).split()
    names = [n for n in names if n.startswith("bighead-bench-home-")]
    if names:
        docker("volume", "rm", "-f", *names, check=False)


def p50(xs):
    s = sorted(xs)
    return s[(len(s) - 1) // 2] if len(s) % 2 else (s[len(s) // 2 - 1] + s[len(s) // 2]) / 2


def report(results, image, runs, order, loads, versions):
    b, d = results.get("bighead"), results.get("dockerspawner")
    goal_s = 10.0

    def fig(r):
        if not r:
            return "-"
        xs = r["runs_s"]
        return f"{p50(xs):.1f} s ({min(xs):.1f}–{max(xs):.1f})"

    def part(r, key):
        xs = r and r[key]
        return f"{p50(xs):.2f} s ({min(xs):.2f}–{max(xs):.2f})" if xs else "-"

    def each(r):
        return " ".join(f"{x:.1f}" for x in r["runs_s"]) if r else "-"

    def each_row(label, width):
        """The runs beside each other when they fit their columns, else one line per spawner under the table."""
        if len(each(b)) < col and len(each(d)) < col:
            return [f"{label:{width}}{each(b):{col}}{each(d):{col}}"]
        return []

    def warm(r):
        return f"{r['warmup_s']:.1f} s" if r else "-"

    def container(r, what):
        c = r and r.get("container")
        if not c:
            return "-"
        if what == "image":
            return c["image_id"].split(":")[-1][:12]
        return f"{c['vcpus']:g} vCPU, {c['memory'] / 2**30:g} GiB, {c['network']} net"

    col = 30
    lines = [
        "",
        f"Hub spawn benchmark ({os.cpu_count()} cores, Docker {versions['docker']},"
        f" JupyterHub {versions['jupyterhub']}, dockerspawner {versions['dockerspawner']},"
        f" load average {loads[0]} → {loads[1]})",
        "same hub configuration (./bighead hub: Bighead's hub-spawner/jupyterhub_config.py + a bench team file),",
        f"same image ({image}, present), same run: " + (
            "the two hubs side by side,\nspawns alternating between them (ABBA), one server at a time"
            if order == "interleaved" else "the two hubs one after the\nother, one server at a time"),
        f"{'':46}{'Bighead spawner':{col}}{'DockerSpawner (PyPI)':{col}}goal",
        f"{f'spawn → JupyterLab answering (p50 of {runs})':46}{fig(b):{col}}{fig(d):{col}}"
        "≤ 10 s and ≤ DockerSpawner",
        *each_row("  each run, s", 46),
        f"{'  POST → container started, p50':46}{part(b, 'container_started_s'):{col}}"
        f"{part(d, 'container_started_s'):{col}}",
        f"{'  POST → server up, p50':46}{part(b, 'server_up_s'):{col}}{part(d, 'server_up_s'):{col}}",
        f"{'first spawn after the hub starts (warm-up)':46}{warm(b):{col}}{warm(d):{col}}",
        f"{'container: image id':46}{container(b, 'image'):{col}}{container(d, 'image'):{col}}",
        f"{'container: limits, network':46}{container(b, 'limits'):{col}}{container(d, 'limits'):{col}}",
    ]
    if not each_row("", 0):
        lines += [f"each run, s, {name}: {each(r)}" for name, r in (("Bighead spawner", b), ("DockerSpawner", d)) if r]
    verdict = {}
    if b:
        pb = p50(b["runs_s"])
        verdict["within_10_s"] = pb <= goal_s
        text = f"{pb:.2f} s {'≤' if pb <= goal_s else '>'} 10 s"
        if d:
            pd = p50(d["runs_s"])
            verdict["not_slower_than_dockerspawner"] = pb <= pd
            slower = "not slower" if pb <= pd else f"{pb - pd:.2f} s slower"
            text += f"; DockerSpawner {pd:.2f} s: {pb / pd:.2f}×, {slower}"
        met = all(verdict.values())
        lines.append(f"verdict: goal {'met' if met else 'NOT met'} ({text})")
        verdict["met"] = met
        if d and b["server_up_s"] and d["server_up_s"]:
            ub, ud = p50(b["server_up_s"]), p50(d["server_up_s"])
            lines.append(f"         before JupyterHub's readiness poll (POST → server up, p50): {ub:.2f} s against"
                         f" {ud:.2f} s, {ub / ud:.2f}×")
    lines += [
        "(the clock: from POST /hub/api/users/U/server (admin token) until GET /user/U/lab through the hub's proxy,",
        "with U's token, answers 200 with JupyterLab's page. Container started: Docker's StartedAt. Server up: its",
        "first activity call to the hub (jupyterhub-singleuser makes it as it starts). Up → answering: JupyterHub",
        "noticing the server, by a readiness poll that backs off with random jitter (waits of up to 0.2, 0.4, 0.8,",
        "1.6, 3.2 s), 0–3 s for any spawner)",
    ]
    return "\n".join(line.rstrip() for line in lines), verdict


def loadavg():
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def versions():
    v = {"docker": docker("version", "--format", "{{.Server.Version}}", check=False).strip() or "?"}
    venv = ROOT / ".bighead" / "hub-venv" / "bin" / "python"
    for pkg in ("jupyterhub", "dockerspawner"):
        r = subprocess.run([str(venv), "-c", f"import importlib.metadata as m; print(m.version({pkg!r}))"],
                           capture_output=True, text=True)
        v[pkg] = r.stdout.strip() or "?"
    return v


def interrupted(signum, frame):
    raise KeyboardInterrupt


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--image", required=True,
                        help="the cpu notebook image (./bighead env build cpu --flavor notebook)")
    parser.add_argument("--runs", type=int, default=5, help="timed spawns per spawner (default 5)")
    parser.add_argument("--spawners", default="bighead,dockerspawner", help="which, in this order")
    parser.add_argument("--order", choices=("interleaved", "sequential"), default="interleaved",
                        help="interleaved (default): both hubs up, spawns alternating; sequential: one hub, then the"
                             " other")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    # a `kill PID` or a closed terminal cleans up like Ctrl-C: the finally blocks stop hubs and remove containers
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, interrupted)
    spawners = [s for s in args.spawners.split(",") if s]
    if not set(spawners) <= {"bighead", "dockerspawner"} or args.runs < 1:
        parser.error("--spawners: bighead and/or dockerspawner; --runs ≥ 1")
    image_id = docker("image", "inspect", "--format", "{{.Id}}", args.image, check=False).strip()
    if not image_id:
        log(f"the image {args.image} is not present: ./bighead env build cpu --flavor notebook")
        return 1
    WORK.mkdir(parents=True, exist_ok=True)
    mine = {f"{prefix}bench{i}" for prefix in ("bighead-", "bighead-bench-ds-") for i in range(args.runs + 1)}
    for leftover in mine & set(container_names("bighead-bench")):  # of an earlier run that was killed
        docker("rm", "-f", "-v", leftover, check=False)
    remove_volumes()
    loads = [loadavg()]
    try:
        results = run(spawners, args.image, image_id, args.runs, args.order)
    except (BenchError, OSError) as e:
        log(str(e))
        return 1
    except KeyboardInterrupt:
        log("interrupted (hubs, containers and volumes removed)")
        return 130
    loads.append(loadavg())
    v = versions()
    text, verdict = report(results, args.image, args.runs, args.order, loads, v)
    if args.json:
        print(json.dumps({"image": args.image, "image_id": image_id, "runs": args.runs, "order": args.order,
                          "load_average": loads,
                          "versions": v, "goal_s": 10.0,
                          "spawners": {k: {**r, "p50_s": p50(r["runs_s"]), "min_s": min(r["runs_s"]),
                                           "max_s": max(r["runs_s"]),
                                           **{f"{key[:-2]}_p50_s": p50(r[key]) if r[key] else None
                                              for key in ("container_started_s", "server_up_s")}}
                                       for k, r in results.items()},
                          "verdict": verdict}, indent=2))
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
