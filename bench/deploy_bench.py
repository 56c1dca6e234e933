"""The timing side of bench/deploy.sh: drives ./bighead as a user would and prints a table of medians.

Every server it starts (the registry, the manual path's serve) runs on a free port and is stopped by its PID;
deployments are stopped with `./bighead deployments stop NAME`.
"""
import argparse
import csv
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

URL = re.compile(r"(http://127\.0\.0\.1:\d+)")
DEADLINE_S = 180


def say(text):
    print(text, file=sys.stderr, flush=True)


class Bench:
    def __init__(self, root, work):
        self.root, self.work = Path(root), Path(work)
        self.bighead = str(self.root / "bighead")
        self.env = dict(os.environ, BIGHEAD_HOME=str(self.work / "home"), BIGHEAD_CONFIG=str(self.work / "config.json"))
        self.processes = []

    def run(self, *args, env=None):
        done = subprocess.run([self.bighead, *args], cwd=self.root, env=env or self.env, capture_output=True,
                              text=True, timeout=900)
        if done.returncode != 0:
            raise SystemExit(f"bench deploy: ./bighead {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done

    def start_server(self, args, ready_path):
        log = open(self.work / f"server-{len(self.processes)}.log", "w+")
        proc = subprocess.Popen([self.bighead, *args], cwd=self.root, env=self.env, stdout=log,
                                stderr=subprocess.STDOUT)
        self.processes.append(proc)
        deadline = time.monotonic() + DEADLINE_S
        while time.monotonic() < deadline:
            log.seek(0)
            found = URL.search(log.read())
            if found:
                try:
                    with urllib.request.urlopen(found.group(1) + ready_path, timeout=2):
                        return proc, found.group(1)
                except (urllib.error.URLError, ConnectionError, OSError):
                    pass
            if proc.poll() is not None:
                log.seek(0)
                raise SystemExit(f"bench deploy: {args} exited:\n{log.read()[-2000:]}")
            time.sleep(0.05)
        raise SystemExit(f"bench deploy: {args} not ready after {DEADLINE_S} s")

    def stop_servers(self):
        for proc in self.processes:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(20)
                except subprocess.TimeoutExpired:
                    proc.kill()
        self.processes = []


def first_correct(endpoint, rows, expected):
    """Posts the rows until the answer is `expected` (a server not listening yet, or still on another version)."""
    body = json.dumps({"instances": rows}).encode()
    deadline = time.monotonic() + DEADLINE_S
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(endpoint, data=body, headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=5) as r:
                if json.loads(r.read())["predictions"] == expected:
                    return
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.02)
    raise SystemExit(f"bench deploy: {endpoint} never answered the expected predictions")


def magic_exports(b, bundle, rows, expected, repeats):
    """Seconds from sending `%bighead export … --serve` to a kernel that holds the model to its endpoint's first
    correct answer, each export a new model (so a new version and a new deployment), stopped after."""
    sys.path.insert(0, str(b.root / "tests"))
    from kernel_session import KernelSession  # the tests' Jupyter client: the kernel as JupyterLab drives it
    session = KernelSession(extra_env={k: b.env[k] for k in ("BIGHEAD_REGISTRY_URL", "BIGHEAD_REGISTRY_TOKEN",
                                                                "BIGHEAD_HOME")})
    seconds = []
    try:
        run = session.execute(f"var model = FittedPipeline.load(Path.of({json.dumps(str(bundle))}));", timeout=120)
        assert run.status == "ok", run.describe()
        for i in range(repeats):
            t0 = time.monotonic()
            run = session.execute(f"%bighead export model --name bench-magic-{i} --alias champion --serve",
                                  timeout=DEADLINE_S)
            assert run.status == "ok", run.describe()
            shown = session.wait_iopub(  # the widget's last update may come just after the cell's reply
                lambda m, n=i: "bh-export-endpoint" in str(m["content"]) and f"/bench-magic-{n}/" in str(m["content"]),
                timeout=60, what="the endpoint")
            found = re.search(r'bh-export-endpoint">([^<]+)<', str(shown.content))
            assert found, run.describe()
            first_correct(found.group(1), rows, expected)
            seconds.append(time.monotonic() - t0)
            b.run("deployments", "stop", f"bench-magic-{i}")
    finally:
        session.close()
    return seconds


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def step_seconds(stderr, prefix):
    for line in stderr.splitlines():
        if line.startswith(prefix):
            found = re.search(r"\((\d+\.\d) s\)$", line)
            if found:
                return float(found.group(1))
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--docker", type=int, default=1)
    a = parser.parse_args()
    b = Bench(a.root, a.work)
    load_start = open("/proc/loadavg").read().split()[:3]
    try:
        say("Registry, the reference pipeline (v1) and a retrained one (v2, seed 43)...")
        _, registry = b.start_server(["registry", "serve", "--data", str(b.work / "registry"), "--port", "0"],
                                     "/api/health")
        b.env["BIGHEAD_REGISTRY_URL"] = registry
        b.env["BIGHEAD_REGISTRY_TOKEN"] = (b.work / "registry" / "admin.token").read_text().strip()
        v1, v2 = b.work / "listing-price.bighead", b.work / "listing-price-v2.bighead"
        b.run("demo", "--out", str(v1))
        b.run("demo", "--out", str(v2), "--seed", "43")
        rows_csv = b.work / "rows.csv"
        b.run("data", "listings", "--rows", "5", "--seed", "11", "--out", str(rows_csv))
        rows = list(csv.DictReader(open(rows_csv)))
        expect = {}
        for name, bundle in (("v1", v1), ("v2", v2)):
            out = b.run("predict", str(bundle), "--input", str(rows_csv)).stdout
            expect[name] = [json.loads(line)["prediction"] for line in out.splitlines() if line.strip()]
        b.run("registry", "register", "listing-price", str(v1), "--alias", "champion")

        say(f"local: deployments start → first correct prediction, {a.repeats} times...")
        local = []
        for i in range(a.repeats):
            t0 = time.monotonic()
            d = json.loads(b.run("deployments", "start", f"bench-local-{i}", "--model", "listing-price@champion",
                                 "--json").stdout)
            first_correct(d["endpoint"], rows, expect["v1"])
            local.append(time.monotonic() - t0)
            b.run("deployments", "stop", f"bench-local-{i}")

        say(f"export: ./bighead export FILE --serve → first correct prediction, {a.repeats} times...")
        export_cli = []
        for i in range(a.repeats):
            t0 = time.monotonic()
            made = json.loads(b.run("export", str(v1), "--name", f"bench-export-{i}", "--alias", "champion",
                                    "--serve", "--json").stdout)
            first_correct(made["endpoint"], rows, expect["v1"])
            export_cli.append(time.monotonic() - t0)
            b.run("deployments", "stop", f"bench-export-{i}")

        say(f"export: %bighead export model --serve in a running kernel → first correct prediction, {a.repeats}"
            " times...")
        export_magic = magic_exports(b, v1, rows, expect["v1"], a.repeats)

        say(f"manual: registry register, then ./bighead serve → first correct prediction, {a.repeats} times...")
        register, serve = [], []
        for i in range(a.repeats):
            t0 = time.monotonic()
            done = b.run("registry", "register", "listing-price", str(v1), "--force")
            t1 = time.monotonic()
            version = re.search(r"listing-price/(\d+)", done.stdout + done.stderr).group(1)
            port = free_port()
            proc = subprocess.Popen([b.bighead, "serve", f"listing-price/{version}", "--port", str(port)],
                                    cwd=b.root, env=b.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            b.processes.append(proc)
            first_correct(f"http://127.0.0.1:{port}/v2/models/listing-price/predict", rows, expect["v1"])
            register.append(t1 - t0)
            serve.append(time.monotonic() - t1)
            proc.terminate()
            proc.wait(30)
        b.run("registry", "alias", "listing-price", "champion", "1")

        docker, rebuild, rebuild_image, size, warm = [], None, None, None, None
        if a.docker:
            say("docker: a first, untimed start builds the environment's runtime image and the serving image...")
            t0 = time.monotonic()
            d = json.loads(b.run("deployments", "start", "bench-docker-warm", "--model", "listing-price@champion",
                                 "--docker", "--json").stdout)
            first_correct(d["endpoint"], rows, expect["v1"])
            warm = time.monotonic() - t0
            size = d["image_size_bytes"]
            b.run("deployments", "stop", "bench-docker-warm")
            say(f"docker: deployments start --docker → first correct prediction, {a.repeats} times...")
            for i in range(a.repeats):
                t0 = time.monotonic()
                d = json.loads(b.run("deployments", "start", f"bench-docker-{i}", "--model", "listing-price@champion",
                                     "--docker", "--json").stdout)
                first_correct(d["endpoint"], rows, expect["v1"])
                docker.append(time.monotonic() - t0)
                b.run("deployments", "stop", f"bench-docker-{i}")
            say("rebuild: v2 registered, champion moved, --docker again...")
            b.run("registry", "register", "listing-price", str(v2), "--alias", "champion")
            t0 = time.monotonic()
            done = b.run("deployments", "start", "bench-docker-v2", "--model", "listing-price@champion", "--docker",
                         "--json")
            d = json.loads(done.stdout)
            first_correct(d["endpoint"], rows, expect["v2"])
            rebuild = time.monotonic() - t0
            rebuild_image = step_seconds(done.stderr, "serving image")
            b.run("deployments", "stop", "bench-docker-v2")
    finally:
        for d in json.loads(subprocess.run([b.bighead, "deployments", "list", "--json"], cwd=b.root, env=b.env,
                                           capture_output=True, text=True).stdout or "[]"):
            subprocess.run([b.bighead, "deployments", "stop", d["name"]], cwd=b.root, env=b.env, capture_output=True)
        b.stop_servers()

    med = statistics.median
    load_end = open("/proc/loadavg").read().split()[:3]
    print(f"load average at the start {' '.join(load_start)}, at the end {' '.join(load_end)}")
    print(f"Deployment of the reference pipeline, command → first correct prediction, medians of {a.repeats}")
    print("| measure | seconds | goal |")
    print("|---|---|---|")
    print(f"| export magic in a notebook (`%bighead export model --name N --alias champion --serve`) → first correct"
          f" prediction | {med(export_magic):.1f} | ≤ 10 |")
    print(f"| `./bighead export FILE --name N --alias champion --serve` → first correct prediction |"
          f" {med(export_cli):.1f} | ≤ 10 |")
    print(f"| local: deployments start → first correct prediction | {med(local):.1f} | ≤ 10 |")
    print(f"| manual: registry register | {med(register):.1f} | |")
    print(f"| manual: ./bighead serve → first correct prediction | {med(serve):.1f} | |")
    print(f"| manual: register + serve | {med([r + s for r, s in zip(register, serve)]):.1f} | |")
    if a.docker:
        print(f"| docker, first start (environment image {'built' if warm > 60 else 'present'} + serving image built)"
              f" | {warm:.1f} | |")
        print(f"| docker: deployments start --docker → first correct prediction (images present) | {med(docker):.1f}"
              " | ≤ 60 |")
        print(f"| docker: new version → first prediction of it (serving image rebuilt) | {rebuild:.1f} | ≤ 15 |")
        print(f"| of which the serving image's build | {rebuild_image} | |")
        print(f"| serving image size over the environment's runtime image | {size / 1e6:.2f} MB | ≤ 300 MB |")
    else:
        print("| docker, rebuild, size | skipped: no Docker engine | |")


if __name__ == "__main__":
    main()
