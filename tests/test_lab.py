"""End-to-end test of `./bighead lab`: a real JupyterLab on a free port, asked through its REST API.

The server runs in its own process group with a token, Jupyter's config and runtime folders and Bighead's home in a
temporary directory; it is stopped (the whole group) when the tests end, failed or not. Its log is shown only when
a test fails.
"""
import json
import re
import os
import secrets
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import websocket  # websocket-client, in requirements.txt: what a browser tab does, from Python

ROOT = Path(__file__).resolve().parent.parent
BIGHEAD = str(ROOT / "bighead")
START_DEADLINE = 60
KERNEL_DEADLINE = 60


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A `./bighead lab` server and a tiny client for its REST API."""

    def __init__(self, workdir, extra_args=(), extra_env=None, token=True):
        """Starts the server; `extra_args` go to jupyter lab after the test's own, `extra_env` to its environment.
        token=False leaves the token to ./bighead lab: read it from the URL it prints (`url_printed`)."""
        self.port = free_port()
        self.token = secrets.token_hex(16) if token else None
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / "lab.log"
        env = dict(os.environ, JUPYTER_CONFIG_DIR=str(workdir / "config"), JUPYTER_DATA_DIR=str(workdir / "data"),
                   JUPYTER_RUNTIME_DIR=str(workdir / "runtime"), JUPYTERLAB_WORKSPACES_DIR=str(workdir / "workspaces"),
                   BIGHEAD_HOME=str(workdir / "home"), BIGHEAD_CONFIG=str(workdir / "config.json"))
        env.update(extra_env or {})
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                [BIGHEAD, "lab", "--port", str(self.port), "--",
                 *([f"--IdentityProvider.token={self.token}"] if token else []), "--ServerApp.port_retries=0",
                 *extra_args],
                cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)

    def url_printed(self):
        """The URL ./bighead lab told the person to open (None while it has not printed it)."""
        match = re.search(r"^  (http://127\.0\.0\.1:\d+/lab\?token=\S+)$", self.log(), re.MULTILINE)
        return match.group(1) if match else None

    def log(self):
        return self.log_path.read_text(errors="replace")[-4000:]

    def call(self, method, path, body=None):
        """The JSON answer (or None) of one API call, authenticated by the token header."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Authorization": f"token {self.token}",
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read()
            return json.loads(text) if text else None

    def channels(self, kernel_id):
        """The kernel's websocket, as JupyterLab opens it for a notebook tab."""
        url = f"ws://127.0.0.1:{self.port}/api/kernels/{kernel_id}/channels?session_id={uuid.uuid4().hex}"
        return websocket.create_connection(url, header=[f"Authorization: token {self.token}"], timeout=30)

    def run_cell(self, kernel_id, code):
        """Runs `code` in a kernel as a notebook tab does: (the execute_reply's content, the text/plain result,
        stdout), once both the reply and iopub's "idle" for it have come (they travel on different channels)."""
        ws = self.channels(kernel_id)
        try:
            msg_id = uuid.uuid4().hex
            ws.send(json.dumps({
                "channel": "shell", "buffers": [], "metadata": {}, "parent_header": {},
                "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": uuid.uuid4().hex,
                           "username": "test", "version": "5.3", "date": ""},
                "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                            "allow_stdin": False, "stop_on_error": True}}))
            result, reply, idle, stdout = None, None, False, ""
            deadline = time.monotonic() + KERNEL_DEADLINE
            while (reply is None or not idle) and time.monotonic() < deadline:
                msg = json.loads(ws.recv())
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                if msg["msg_type"] == "execute_result":
                    result = msg["content"]["data"]["text/plain"]
                elif msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":
                    stdout += msg["content"]["text"]
                elif msg["msg_type"] == "execute_reply":
                    reply = msg["content"]
                elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    idle = True
            if reply is None:
                raise AssertionError(f"no execute_reply within {KERNEL_DEADLINE} s:\n{self.log()}")
            return reply, result, stdout
        finally:
            ws.close()

    def wait_until_up(self):
        deadline = time.monotonic() + START_DEADLINE
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"./bighead lab exited with {self.process.returncode}:\n{self.log()}")
            try:
                # the token as a query parameter, as a browser link carries it
                with urllib.request.urlopen(f"{self.base}/api/kernelspecs?token={self.token}", timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.25)
        raise AssertionError(f"JupyterLab did not answer within {START_DEADLINE} s:\n{self.log()}")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # jupyter, and the kernels it started
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)


class LabTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        tmp = tempfile.TemporaryDirectory(prefix="bighead-lab-")
        cls.addClassCleanup(tmp.cleanup)
        cls.lab = Lab(Path(tmp.name))
        cls.addClassCleanup(cls.lab.stop)  # runs even when setUpClass fails below
        cls.lab.wait_until_up()

    def test_lists_the_bighead_kernelspec(self):
        specs = self.lab.call("GET", "/api/kernelspecs")["kernelspecs"]
        self.assertIn("bighead", specs, self.lab.log())
        self.assertEqual(specs["bighead"]["spec"]["display_name"], "Java (Bighead)")
        self.assertEqual(specs["bighead"]["spec"]["language"], "java")

    def test_serves_the_example_notebooks(self):
        listing = self.lab.call("GET", "/api/contents")
        names = {item["name"] for item in listing["content"]}
        expected = {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
        self.assertTrue(expected, "no notebooks in notebooks/")
        self.assertLessEqual(expected, names)
        notebook = self.lab.call("GET", "/api/contents/01-listing-price.ipynb")
        self.assertEqual(notebook["type"], "notebook")
        self.assertEqual(notebook["content"]["metadata"]["kernelspec"]["name"], "bighead")

    def test_starts_a_bighead_kernel_that_runs_a_cell_and_becomes_idle(self):
        kernel = self.lab.call("POST", "/api/kernels", {"name": "bighead"})
        self.addCleanup(self.lab.call, "DELETE", f"/api/kernels/{kernel['id']}")
        self.assertEqual(kernel["name"], "bighead")
        # A kernel reports "starting" until it first answers: the server asks kernel_info when a client connects.
        reply, result, _ = self.lab.run_cell(kernel["id"], "6 * 7")
        self.assertEqual(reply["status"], "ok", reply)
        self.assertEqual(result, "42")

        deadline = time.monotonic() + KERNEL_DEADLINE
        state = None
        while state != "idle" and time.monotonic() < deadline:
            state = self.lab.call("GET", f"/api/kernels/{kernel['id']}")["execution_state"]
            time.sleep(0.1)
        self.assertEqual(state, "idle", f"kernel still '{state}' after {KERNEL_DEADLINE} s:\n{self.lab.log()}")

    def test_prints_the_url_to_open_with_its_token(self):
        self.assertEqual(self.lab.url_printed(), f"{self.lab.base}/lab?token={self.lab.token}", self.lab.log())

    def test_without_a_token_the_printed_url_opens_the_lab(self):
        with tempfile.TemporaryDirectory(prefix="bighead-lab-") as tmp:
            lab = Lab(Path(tmp), token=False)
            try:
                deadline = time.monotonic() + START_DEADLINE
                while lab.url_printed() is None and time.monotonic() < deadline and lab.process.poll() is None:
                    time.sleep(0.1)
                url = lab.url_printed()
                self.assertIsNotNone(url, lab.log())
                lab.token = url.rsplit("token=", 1)[1]
                self.assertGreaterEqual(len(lab.token), 32)  # a fresh random one, not empty or guessable
                lab.wait_until_up()  # answers with that token
                self.assertIn("bighead", lab.call("GET", "/api/kernelspecs")["kernelspecs"])
            finally:
                lab.stop()

    def test_help_and_bad_options(self):
        run = subprocess.run([BIGHEAD, "lab", "--help"], capture_output=True, text=True, timeout=30, cwd=ROOT)
        self.assertEqual(run.returncode, 0)
        self.assertIn("Usage: ./bighead lab", run.stdout)
        run = subprocess.run([BIGHEAD, "lab", "--port", "http"], capture_output=True, text=True, timeout=30, cwd=ROOT)
        self.assertNotEqual(run.returncode, 0)
        self.assertIn("--port must be a number", run.stderr)
        run = subprocess.run([BIGHEAD, "lab", "--token", "a b"], capture_output=True, text=True, timeout=30, cwd=ROOT)
        self.assertNotEqual(run.returncode, 0)
        self.assertIn("--token may hold letters, digits", run.stderr)


class LabRegistryTest(unittest.TestCase):
    """With no registry configured, the lab starts one for its notebooks (Export works on a fresh machine) and
    stops it when it ends."""

    def test_notebooks_reach_a_registry_the_lab_started_and_it_stops_with_the_lab(self):
        with tempfile.TemporaryDirectory(prefix="bighead-lab-") as tmp:
            lab = Lab(Path(tmp), extra_env={"BIGHEAD_REGISTRY_URL": "", "BIGHEAD_REGISTRY_TOKEN": ""})
            try:
                lab.wait_until_up()
                started = re.search(r"registry (started for this lab: |already running at )(http://\S+)", lab.log())
                self.assertIsNotNone(started, lab.log())
                url = started.group(2)
                kernel = self.lab_kernel(lab)
                reply, result, _ = lab.run_cell(kernel, 'System.getenv("BIGHEAD_REGISTRY_URL")')
                self.assertEqual(result, f'"{url}"', reply)
                reply, _, stdout = lab.run_cell(kernel, "%bighead models")
                self.assertEqual(reply["status"], "ok", (reply, lab.log()))
                with urllib.request.urlopen(url + "/api/health", timeout=10) as r:
                    self.assertIn("store", json.loads(r.read()))
                if started.group(1).startswith("already"):
                    self.skipTest(f"a registry was already running at {url}: the lab used it, and leaves it running")
                # stopped by its PID alone, as a service manager or `kill PID` does (not the whole process group)
                os.kill(lab.process.pid, signal.SIGTERM)
                lab.process.wait(timeout=30)
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline:
                    try:
                        urllib.request.urlopen(url + "/api/health", timeout=2).close()
                    except (urllib.error.URLError, ConnectionError):
                        return  # stopped with the lab
                    time.sleep(0.2)
                self.fail(f"the registry the lab started still answers at {url} after the lab stopped")
            finally:
                lab.stop()

    def test_a_bad_lab_registry_setting_is_one_line(self):
        run = subprocess.run([BIGHEAD, "lab"], capture_output=True, text=True, timeout=30, cwd=ROOT,
                             env=dict(os.environ, BIGHEAD_LAB_REGISTRY="sometimes"))
        self.assertNotEqual(run.returncode, 0)
        self.assertEqual(run.stderr.strip().splitlines()[-1],
                         "bighead: lab: lab.registry (BIGHEAD_LAB_REGISTRY) must be auto or none, got 'sometimes'")

    @staticmethod
    def lab_kernel(lab):
        return lab.call("POST", "/api/kernels", {"name": "bighead"})["id"]


if __name__ == "__main__":
    unittest.main()
