"""The spawner's way to Bighead's compute layer: the `./bighead compute serve` service the hub starts with itself.

The service is Java (environments/, `org.bighead.environments.service.ComputeService`); this module starts it as a
child of the hub (it exits when the hub is gone) and talks to it over loopback with a shared token. One JVM for the
hub's life means a spawn costs HTTP requests, not JVM starts.
"""
import atexit
import json
import os
import secrets
import subprocess
import threading
from pathlib import Path
from urllib.parse import quote

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest

CHECKOUT = Path(__file__).resolve().parents[2]


class ComputeError(Exception):
    """What the compute service refused or failed to do, in its own words; `status` is its HTTP status."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class ComputeService:
    """A running `./bighead compute serve`: its URL and token."""

    def __init__(self, url, token, process=None):
        self.url = url.rstrip("/")
        self.token = token
        self.process = process

    @classmethod
    def start(cls, checkout=CHECKOUT, backends=(), env=None, timeout=120):
        """Starts the service (a free port on 127.0.0.1) and waits for its first line, which names its URL."""
        token = secrets.token_hex(24)
        argv = [str(Path(checkout) / "bighead"), "compute", "serve", "--parent-pid", str(os.getpid())]
        if backends:
            argv += ["--backends", ",".join(backends)]
        child_env = dict(os.environ if env is None else env, BIGHEAD_COMPUTE_TOKEN=token)
        process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env, text=True)
        line = _first_line(process, timeout)
        if not line:
            process.kill()
            err = process.stderr.read() if process.stderr else ""
            raise RuntimeError(f"./bighead compute serve did not start: {err.strip()[-2000:]}")
        threading.Thread(target=_drain, args=(process.stderr,), daemon=True).start()
        atexit.register(_stop, process)
        return cls(json.loads(line)["url"], token, process)

    def client(self):
        return ComputeClient(self.url, self.token)


def _first_line(process, timeout):
    box = []
    reader = threading.Thread(target=lambda: box.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    return box[0].strip() if box else ""


def _drain(stream):
    for _ in stream:
        pass


def _stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


class ComputeClient:
    """The compute service's API (see ComputeService.java for the routes)."""

    def __init__(self, url, token):
        self.url = url.rstrip("/")
        self.token = token

    async def _call(self, method, path, body=None, timeout=30):
        request = HTTPRequest(
            self.url + path,
            method=method,
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
            body=None if body is None else json.dumps(body),
            allow_nonstandard_methods=True,
            request_timeout=timeout,
        )
        try:
            response = await AsyncHTTPClient().fetch(request)
        except HTTPClientError as e:
            message = e.message
            if e.response is not None and e.response.body:
                try:
                    message = json.loads(e.response.body).get("error", message)
                except ValueError:
                    pass
            raise ComputeError(e.code, message) from None
        except OSError as e:
            raise ComputeError(0, f"the compute service at {self.url} did not answer: {e}") from None
        return json.loads(response.body) if response.body else None

    async def offers(self):
        return await self._call("GET", "/api/offers")

    async def check(self, environment, instance_type, backend=None):
        return await self._call(
            "POST", "/api/check", {"environment": environment, "instance_type": instance_type, "backend": backend})

    async def image(self, environment, backend):
        # a first build of a notebook image can take minutes; the spawner's start_timeout bounds the spawn
        return await self._call("POST", "/api/images", {"environment": environment, "backend": backend},
                                timeout=3600)

    async def start(self, launch):
        return await self._call("POST", "/api/workloads", launch, timeout=600)

    async def status(self, workload_id, backend):
        return await self._call("GET", f"/api/workloads/{quote(workload_id)}?backend={quote(backend)}")

    async def stop(self, workload_id, backend):
        return await self._call("DELETE", f"/api/workloads/{quote(workload_id)}?backend={quote(backend)}",
                                timeout=300)

    async def logs(self, workload_id, backend, tail=20):
        answer = await self._call(
            "GET", f"/api/workloads/{quote(workload_id)}/logs?backend={quote(backend)}&tail={int(tail)}")
        return answer.get("logs", "")

    async def delete_volume(self, name, backend):
        return await self._call("DELETE", f"/api/volumes/{quote(name)}?backend={quote(backend)}")

    async def list(self, labels, backend):
        return await self._call(
            "GET", f"/api/workloads?backend={quote(backend)}&labels={quote(json.dumps(labels), safe='')}")
