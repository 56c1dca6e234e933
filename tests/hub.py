"""A `./bighead hub` for the tests: started on a free port with its own state folder and a test config (the dummy
authenticator with a password, short activity intervals), and a small client for JupyterHub's REST API.

Every home volume the test hubs make is named bighead-test-home-USER, never a real user's.

`shared()` is the one hub the test classes with the default configuration share (test_hub's HubOnLocalDockerTest
and the journey, test_journey_browser), with a registry its servers export to: `./bighead test` starts them once.
"""
import atexit
import os
import signal
import subprocess
import tempfile
import textwrap
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
START_DEADLINE = 300   # a first start installs the hub's venv and configurable-http-proxy
SPAWN_DEADLINE = 300   # a first spawn may build the cpu notebook image
PASSWORD = "bighead-test-password"
ADMIN_TOKEN = "bighead-test-admin-token-0123456789"


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


TEST_CONFIG = """
c = get_config()
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allowed_users = {users!r}
c.BigheadSpawner.home_volume = "bighead-test-home-{{username}}"
c.Spawner.environment = {server_env}
{extra}
"""


class Hub:
    def __init__(self, users=("alice", "bob"), extra_config="", env=None, server_env=None):
        """server_env: more variables for every server (the team's registry, as a team's config gives it)."""
        self.dir = tempfile.TemporaryDirectory(prefix="bighead-hub-test-")
        self.data = Path(self.dir.name) / "data"
        self.config = Path(self.dir.name) / "team_config.py"
        server_env = {"JUPYTERHUB_ACTIVITY_INTERVAL": "5", **(server_env or {})}
        self.config.write_text(TEST_CONFIG.format(password=PASSWORD, users=set(users), server_env=repr(server_env),
                                                  extra=textwrap.dedent(extra_config)))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.api = self.url + "/hub/api"
        self.env = dict(env or os.environ, BIGHEAD_HUB_ADMIN_TOKEN=ADMIN_TOKEN)
        self.log_path = Path(self.dir.name) / "hub.log"
        self.proc = None
        self.start()

    def start(self):
        self.log = open(self.log_path, "a")
        self.proc = subprocess.Popen(
            [str(ROOT / "bighead"), "hub", "--port", str(self.port), "--data", str(self.data),
             "--config", str(self.config)], cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_DEADLINE
        while True:
            if self.proc.poll() is not None:
                raise AssertionError(f"./bighead hub exited with {self.proc.returncode}:\n{self.output()}")
            try:
                if requests.get(self.api + "/", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise AssertionError(f"the hub did not answer in {START_DEADLINE} s:\n{self.output()}")
            time.sleep(0.2)

    def stop(self):
        """Stops the hub as Ctrl-C does (its servers keep running: cleanup_servers is off)."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.log.close()

    def output(self, tail=6000):
        return self.log_path.read_text(errors="replace")[-tail:]

    # --- the REST API, as a script with the admin token drives it ---------------------------------------------------

    def call(self, method, path, token=ADMIN_TOKEN, **kwargs):
        return requests.request(method, self.api + path, headers={"Authorization": f"token {token}"}, timeout=60,
                                **kwargs)

    def user(self, name):
        return self.call("GET", f"/users/{name}").json()

    def server(self, name, server_name=""):
        return self.user(name).get("servers", {}).get(server_name)

    def spawn(self, name, options, server_name=""):
        path = f"/users/{name}/servers/{server_name}" if server_name else f"/users/{name}/server"
        return self.call("POST", path, json=options)

    def wait_ready(self, name, server_name="", deadline=SPAWN_DEADLINE):
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            server = self.server(name, server_name)
            if server and server.get("ready"):
                return server
            if server is None and time.monotonic() > end - deadline + 5:
                raise AssertionError(f"{name}'s server is gone (the spawn failed):\n{self.output()}")
            time.sleep(0.5)
        raise AssertionError(f"{name}'s server was not ready in {deadline} s:\n{self.output()}")

    def stop_server(self, name, server_name="", remove=False):
        path = f"/users/{name}/servers/{server_name}" if server_name else f"/users/{name}/server"
        r = self.call("DELETE", path, json={"remove": True} if remove else None)
        end = time.monotonic() + 60
        while r.status_code == 202 and time.monotonic() < end:
            server = self.server(name, server_name)
            if not server or server.get("stopped") or not server.get("pending"):
                break
            time.sleep(0.5)
        return r

    def token_for(self, name):
        return self.call("POST", f"/users/{name}/tokens", json={"note": "test"}).json()["token"]


# --- the shared hub --------------------------------------------------------------------------------------------------

_shared = None


class SharedHub:
    """A registry (`./bighead registry serve`, its scheduler off: jobs are created, not run) and a hub whose servers
    get its URL and their person's own write token in BIGHEAD_REGISTRY_URL / BIGHEAD_REGISTRY_TOKEN, as a team's config
    passes them (c.Spawner.environment; a callable value is asked per spawn), so the registry records who did what.
    Servers run on the host's network, so the registry's loopback address is theirs too."""

    USERS = ("alice", "bob")

    def __init__(self):
        import test_registry_serving as serving  # a ./bighead server on a free port
        self.work = tempfile.TemporaryDirectory(prefix="bighead-shared-hub-")
        data = Path(self.work.name) / "registry"
        self.registry = serving.Server(["registry", "serve", "--data", str(data), "--job-workers", "0"],
                                       "/api/health", dict(os.environ, BIGHEAD_HOME=str(Path(self.work.name) / "home")))
        try:
            self.registry_url = self.registry.url
            admin = (data / "admin.token").read_text().strip()
            tokens = {user: self.write_token(admin, user) for user in self.USERS}
            self.hub = Hub(users=self.USERS, server_env={"BIGHEAD_REGISTRY_URL": self.registry_url}, extra_config=f"""
                registry_tokens = {tokens!r}
                c.Spawner.environment["BIGHEAD_REGISTRY_TOKEN"] = lambda spawner: registry_tokens[spawner.user.name]
            """)
        except BaseException:
            self.registry.stop()
            raise

    def write_token(self, admin, user):
        answer = requests.post(self.registry_url + "/api/tokens", json={"user": user, "scope": "write"},
                               headers={"Authorization": f"Bearer {admin}"}, timeout=30)
        answer.raise_for_status()
        return answer.json()["token"]

    def stop(self):
        try:
            self.hub.stop()
        finally:
            self.registry.stop()
            self.work.cleanup()


def shared():
    """The shared hub and registry, started at the first call and stopped when the test process ends."""
    global _shared
    if _shared is None:
        _shared = SharedHub()
        atexit.register(_shared.stop)
    return _shared
