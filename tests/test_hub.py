"""Redspot end to end: `./bighead hub` (real JupyterHub, configurable-http-proxy, the Bighead spawner) on a real
Docker engine, driven as a team drives it.

One hub serves the whole class (started once; a first start installs .bighead/hub-venv and the proxy). Through the
REST API with the admin token (BIGHEAD_HUB_ADMIN_TOKEN): choices that cannot be offered are a 400 naming the valid
ones and create nothing; a spawn runs the environment's notebook image in a container sized by the instance type;
bob's token cannot reach alice's server; stopping removes the container and keeps her home volume, which the next
server (another instance type) finds again; named servers work; a hub restart finds her running server. In
Chromium: alice logs in, fills the spawn form, JupyterLab opens and a Bighead-kernel cell shows her choices.
"""
import json
import os
import subprocess
import time
import unittest
import uuid

import requests

from browser import MISSING, SCREENSHOTS, launch, run_cell
import hub as hubs
from hub import PASSWORD, SPAWN_DEADLINE, Hub

STEP_MS = 120_000


def docker(*args):
    return subprocess.run(["docker", *args], capture_output=True, text=True, timeout=120)


def containers(owner):
    return docker("ps", "-a", "-q", "--filter", f"label=org.bighead.owner={owner}",
                  "--filter", "label=org.bighead.purpose=notebook").stdout.split()


def volumes():
    return docker("volume", "ls", "-q").stdout.split()


def remove_hub_and_homes(hub, stop_hub=True):
    """What a hub suite leaves: alice's and bob's containers (by id), the hub (unless shared), their home volumes."""
    for user in ("alice", "bob"):
        for cid in containers(user):
            docker("rm", "-f", cid)
    if stop_hub:
        hub.stop()
    for user in ("alice", "bob"):
        docker("volume", "rm", "-f", f"bighead-test-home-{user}")


@unittest.skipUnless(os.environ.get("BIGHEAD_TEST_ENGINE"), "needs a Docker engine: run through ./bighead test")
class HubOnLocalDockerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.hub = hubs.shared().hub  # the journey (test_journey_browser) uses the same hub; stopped at the end
        cls.addClassCleanup(remove_hub_and_homes, cls.hub, stop_hub=False)

    def contents(self, user, token, path, **kwargs):
        return requests.request(kwargs.pop("method", "GET"), f"{self.hub.url}/user/{user}/api/contents/{path}",
                                headers={"Authorization": f"token {token}"}, timeout=30, **kwargs)

    def test_1_a_choice_that_cannot_be_offered_is_a_400_naming_the_valid_ones_and_creates_nothing(self):
        cases = [
            ({"environment": "nope", "instance_type": "t3.medium"}, ["unknown environment 'nope'", "cpu", "gpu"]),
            ({"environment": "cpu", "instance_type": "x9.huge"}, ["unknown instance type 'x9.huge'", "t3.medium"]),
            ({"environment": "gpu", "instance_type": "p3.2xlarge"},
             ["cannot offer p3.2xlarge", "1 GPU(s); this host has none", "t3.medium"]),
            ({"environment": "cpu", "instance_type": "t3.medium", "backend": "mainframe"},
             ["unknown back end 'mainframe'", "docker"]),
            ({"environment": "cpu", "instance_type": "t3.medium", "gpus": 8}, ["unknown option(s) gpus"]),
        ]
        for options, fragments in cases:
            with self.subTest(options=options):
                r = self.hub.spawn("alice", options)
                self.assertEqual(r.status_code, 400, r.text)
                for fragment in fragments:
                    self.assertIn(fragment, r.json()["message"])
        self.assertEqual(containers("alice"), [])
        self.assertNotIn("bighead-test-home-alice", volumes())
        self.assertIsNone(self.hub.user("alice")["servers"].get(""))

    def test_2_a_spawn_runs_the_environment_on_the_type_and_stop_keeps_the_home(self):
        r = self.hub.spawn("alice", {"environment": "cpu", "instance_type": "t3.medium"})
        self.assertIn(r.status_code, (201, 202), r.text)
        server = self.hub.wait_ready("alice")
        self.assertEqual(server["user_options"], {"environment": "cpu", "instance_type": "t3.medium"})
        workload = server["state"]["workload_id"]
        self.assertEqual(server["state"]["backend"], "docker")

        inspect = json.loads(docker("inspect", workload).stdout)[0]
        env = dict(e.split("=", 1) for e in inspect["Config"]["Env"])
        self.assertEqual(env["BIGHEAD_ENVIRONMENT"], "cpu")
        self.assertEqual(env["BIGHEAD_INSTANCE_TYPE"], "t3.medium")
        self.assertEqual(env["BIGHEAD_BACKEND"], "docker")
        self.assertTrue(env["BIGHEAD_IMAGE"].startswith("bighead/env-cpu-notebook:"), env)
        self.assertEqual(inspect["HostConfig"]["NanoCpus"], 2 * 10**9)    # t3.medium: 2 vCPUs
        self.assertEqual(inspect["HostConfig"]["Memory"], 4096 * 2**20)   # and 4 GiB
        self.assertEqual(inspect["Config"]["Labels"]["org.bighead.owner"], "alice")
        # the hub's id tells its servers from another hub's on the same engine (same users, same server names)
        hub_id = inspect["Config"]["Labels"]["org.bighead.hub"]
        self.assertRegex(hub_id, r"^[0-9a-f]{8}$")
        self.assertEqual(inspect["Name"], f"/bighead-alice-{hub_id}")
        mounts = {m["Name"]: m["Destination"] for m in inspect["Mounts"] if m["Type"] == "volume"}
        self.assertEqual(mounts, {"bighead-test-home-alice": "/home/jovyan"})

        alice, bob = self.hub.token_for("alice"), self.hub.token_for("bob")
        put = self.contents("alice", alice, "keep.txt", method="PUT",
                            json={"type": "file", "format": "text", "content": "alice's work"})
        self.assertIn(put.status_code, (200, 201), put.text)
        denied = self.contents("alice", bob, "keep.txt")
        self.assertEqual(denied.status_code, 403, denied.text[:300])

        stop = self.hub.stop_server("alice")
        self.assertIn(stop.status_code, (202, 204), stop.text)
        self.assertEqual(containers("alice"), [])
        self.assertIn("bighead-test-home-alice", volumes())

        # another instance type, the same home
        r = self.hub.spawn("alice", {"environment": "cpu", "instance_type": "m5.large"})
        self.assertIn(r.status_code, (201, 202), r.text)
        self.hub.wait_ready("alice")
        kept = self.contents("alice", alice, "keep.txt", params={"content": 1})
        self.assertEqual(kept.status_code, 200, kept.text)
        self.assertEqual(kept.json()["content"], "alice's work")
        self.hub.stop_server("alice")

    def test_3_named_servers_run_side_by_side_and_removing_one_leaves_the_home(self):
        for name in ("one", "two"):
            r = self.hub.spawn("bob", {"environment": "cpu", "instance_type": "t3.medium"}, server_name=name)
            self.assertIn(r.status_code, (201, 202), r.text)
        for name in ("one", "two"):
            self.hub.wait_ready("bob", name)
        self.assertEqual(len(containers("bob")), 2)
        for name in ("one", "two"):
            r = self.hub.stop_server("bob", name, remove=True)
            self.assertIn(r.status_code, (202, 204), r.text)
        deadline = time.monotonic() + 60
        while containers("bob") and time.monotonic() < deadline:
            time.sleep(0.5)
        self.assertEqual(containers("bob"), [])
        self.assertIn("bighead-test-home-bob", volumes())  # a named server's removal is not the user's
        self.assertEqual(self.hub.user("bob")["servers"], {})

    def test_4_a_restarted_hub_finds_the_running_server(self):
        r = self.hub.spawn("alice", {"environment": "cpu", "instance_type": "t3.medium"})
        self.assertIn(r.status_code, (201, 202), r.text)
        before = self.hub.wait_ready("alice")
        self.hub.stop()
        self.assertEqual(len(containers("alice")), 1, "the server keeps running while the hub is down")
        self.hub.start()
        after = self.hub.wait_ready("alice", deadline=60)
        self.assertEqual(after["state"]["workload_id"], before["state"]["workload_id"])
        token = self.hub.token_for("alice")
        status = requests.get(f"{self.hub.url}/user/alice/api/status", headers={"Authorization": f"token {token}"},
                              timeout=30)
        self.assertEqual(status.status_code, 200, status.text[:300])
        self.hub.stop_server("alice")
        self.assertEqual(containers("alice"), [])

    def test_6_deleting_a_user_removes_their_home(self):
        r = self.hub.spawn("bob", {"environment": "cpu", "instance_type": "t3.medium"}, server_name="scratch")
        self.assertIn(r.status_code, (201, 202), r.text)
        self.hub.wait_ready("bob", "scratch")
        self.hub.stop_server("bob", "scratch")
        self.assertIn("bighead-test-home-bob", volumes())
        deleted = self.hub.call("DELETE", "/users/bob")
        self.assertEqual(deleted.status_code, 204, deleted.text)
        self.assertNotIn("bighead-test-home-bob", volumes())
        self.assertEqual(containers("bob"), [])
        self.hub.call("POST", "/users/bob")  # back, for the other tests

    @unittest.skipIf(MISSING, MISSING or "")
    def test_5_alice_logs_in_in_chromium_picks_her_environment_and_type_and_works_in_jupyterlab(self):
        browser = launch(type(self), STEP_MS)
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        self.addCleanup(context.close)
        page = context.new_page()
        page.set_default_timeout(STEP_MS)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        try:
            page.goto(f"{self.hub.url}/hub/login")
            page.fill("#username_input", "alice")
            page.fill("#password_input", PASSWORD)
            page.click("#login_submit")
            page.goto(f"{self.hub.url}/hub/spawn")
            page.locator("#bighead-env-cpu").wait_for()
            # the form: environment cards with CPU/GPU badges, types with their GPUs and prices
            self.assertIn("GPU", page.locator("label[for=bighead-env-gpu]").inner_text())
            gpu_row = page.locator('tr[data-bighead-type="p3.2xlarge"]')
            self.assertIn("1× NVIDIA V100", gpu_row.inner_text())
            self.assertTrue(gpu_row.locator("input").is_disabled())  # no GPU on this host
            page.check("#bighead-gpu-only")
            self.assertTrue(page.locator('tr[data-bighead-type="t3.medium"]').is_hidden())
            page.uncheck("#bighead-gpu-only")
            page.screenshot(path=str(SCREENSHOTS / "hub-01-spawn-form.png"), full_page=True)
            page.check("#bighead-env-cpu")
            page.check('input[name=instance_type][value="t3.medium"]')
            page.locator("#spawn_form [type=submit]").click()
            page.wait_for_url("**/user/alice/lab**", timeout=SPAWN_DEADLINE * 1000)
            card = page.locator('.jp-LauncherCard[data-category="Notebook"]', has_text="Java (Bighead)")
            card.click()
            page.locator('.jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator[data-status="idle"]') \
                .wait_for(state="attached")
            cell = page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first
            run_cell(page, cell, "%bighead env")
            output = cell.locator(".jp-OutputArea-output").first
            output.filter(has_text="t3.medium").wait_for()
            text = output.inner_text()
            page.screenshot(path=str(SCREENSHOTS / "hub-02-bighead-env.png"), full_page=True)
            for fragment in ("cpu", "t3.medium", "docker"):
                self.assertIn(fragment, text)

            # bob, logged in, cannot open alice's server
            bob = browser.new_context()
            self.addCleanup(bob.close)
            bob_page = bob.new_page()
            bob_page.set_default_timeout(STEP_MS)
            bob_page.goto(f"{self.hub.url}/hub/login")
            bob_page.fill("#username_input", "bob")
            bob_page.fill("#password_input", PASSWORD)
            bob_page.click("#login_submit")
            statuses = []
            bob_page.on("response", lambda r: statuses.append((r.status, r.url)))
            bob_page.goto(f"{self.hub.url}/user/alice/lab")
            self.assertTrue(any(s == 403 for s, _ in statuses), statuses)
            self.assertEqual(bob_page.locator(".jp-LauncherCard").count(), 0)
        except Exception:
            page.screenshot(path=str(SCREENSHOTS / "hub-failure.png"), full_page=True)
            print(self.hub.output())
            raise
        finally:
            self.hub.stop_server("alice")


def run_silently_for_a_long_time(hub, user, token):
    """Starts a Bighead kernel in `user`'s server and runs a cell that sleeps for minutes without printing: a
    training run seen from outside. Returns once the kernel says it is busy."""
    import asyncio

    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    headers = {"Authorization": f"token {token}"}
    kernel = requests.post(f"{hub.url}/user/{user}/api/kernels", json={"name": "bighead"}, headers=headers, timeout=60)
    kernel.raise_for_status()
    kernel_id = kernel.json()["id"]

    async def execute():
        ws = await websocket_connect(HTTPRequest(
            f"ws://127.0.0.1:{hub.port}/user/{user}/api/kernels/{kernel_id}/channels", headers=headers))
        session = uuid.uuid4().hex
        ws.write_message(json.dumps({
            "header": {"msg_id": uuid.uuid4().hex, "msg_type": "execute_request", "session": session,
                       "username": user, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": "Thread.sleep(600_000);", "silent": False, "store_history": True,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            msg = json.loads(await ws.read_message())
            if msg.get("msg_type") == "status" and msg["content"]["execution_state"] == "busy" \
                    and msg["parent_header"].get("session") == session:
                ws.close()
                return
        raise AssertionError("the kernel never said it was busy")

    asyncio.run(execute())


@unittest.skipUnless(os.environ.get("BIGHEAD_TEST_ENGINE"), "needs a Docker engine: run through ./bighead test")
class HubIdleCullingTest(unittest.TestCase):
    """jupyterhub-idle-culler with a short timeout: an idle server is stopped; a server whose kernel is busy (a cell
    that runs for minutes and prints nothing) is not."""

    TIMEOUT = 30

    @classmethod
    def setUpClass(cls):
        cls.hub = Hub(extra_config=f"""
            c.BigheadHub.cull_idle_timeout = {cls.TIMEOUT}
            c.BigheadHub.cull_every = 5
            c.Spawner.environment = {{"JUPYTERHUB_ACTIVITY_INTERVAL": "5", "BIGHEAD_BUSY_ACTIVITY_INTERVAL": "2"}}
        """)
        cls.addClassCleanup(remove_hub_and_homes, cls.hub)

    def test_an_idle_server_is_culled_and_a_busy_kernels_server_is_not(self):
        for user in ("alice", "bob"):
            r = self.hub.spawn(user, {"environment": "cpu", "instance_type": "t3.medium"})
            self.assertIn(r.status_code, (201, 202), r.text)
        for user in ("alice", "bob"):
            self.hub.wait_ready(user)
        run_silently_for_a_long_time(self.hub, "bob", self.hub.token_for("bob"))
        busy_since = time.monotonic()

        deadline = time.monotonic() + self.TIMEOUT + 120
        while self.hub.server("alice") and time.monotonic() < deadline:
            time.sleep(1)
        self.assertIsNone(self.hub.server("alice"), "the idle server was not culled:\n" + self.hub.output())
        self.assertEqual(containers("alice"), [])
        # bob's kernel has been silent for longer than the timeout by now, and his server lives on
        while time.monotonic() - busy_since < self.TIMEOUT + 15:
            time.sleep(1)
        self.assertTrue((self.hub.server("bob") or {}).get("ready"), self.hub.output())
        self.assertEqual(len(containers("bob")), 1)


@unittest.skipUnless(os.environ.get("BIGHEAD_TEST_ENGINE") and os.environ.get("BIGHEAD_MOTO_SERVER")
                     and os.environ.get("BIGHEAD_IMAGES_REGISTRY"),
                     "needs a Docker engine with an image registry and moto server: run through ./bighead test")
class HubOnEc2AgainstMotoServerStandInTest(unittest.TestCase):
    """The EC2 back end against moto server, a stand-in: nothing boots there, so these tests check what the hub asks
    EC2 for, that stopping terminates, and how EC2's refusals reach the user."""

    @classmethod
    def setUpClass(cls):
        from ec2_standin import Ec2StandIn
        cls.ec2 = Ec2StandIn(no_capacity_for={"p4d.24xlarge"})
        cls.addClassCleanup(cls.ec2.stop)
        cls.hub = Hub(users=("alice",), env=dict(os.environ, **cls.ec2.env()), extra_config="""
            c.BigheadSpawner.backends = ["ec2"]
        """)
        cls.addClassCleanup(cls.hub.stop)

    def alice_instances(self):
        return [i for i in self.ec2.instances() if i["tags"].get("org.bighead.owner") == "alice"]

    def test_1_a_spawn_asks_ec2_for_the_type_ami_tags_and_user_data_and_stop_terminates(self):
        bad = self.hub.spawn("alice", {"environment": "cpu", "instance_type": "x9.huge"})
        self.assertEqual(bad.status_code, 400, bad.text)
        self.assertIn("unknown instance type 'x9.huge' (valid on ec2: ", bad.json()["message"])
        self.assertEqual(self.alice_instances(), [])

        r = self.hub.spawn("alice", {"environment": "cpu", "instance_type": "m5.xlarge", "backend": "ec2"})
        self.assertLess(r.status_code, 500, r.text)
        deadline = time.monotonic() + SPAWN_DEADLINE
        while not self.alice_instances() and time.monotonic() < deadline:
            time.sleep(0.5)
        [instance] = self.alice_instances()
        self.assertEqual(instance["type"], "m5.xlarge")
        self.assertEqual(instance["image"], self.ec2.ami)
        self.assertEqual(instance["tags"]["org.bighead.purpose"], "notebook")
        self.assertEqual(instance["tags"]["org.bighead.environment"], "cpu")
        user_data = instance["user_data"]
        self.assertIn("docker run", user_data)
        self.assertIn(os.environ["BIGHEAD_IMAGES_REGISTRY"] + "/bighead/env-cpu-notebook:", user_data)
        self.assertIn("BIGHEAD_INSTANCE_TYPE=m5.xlarge", user_data)
        self.assertIn("BIGHEAD_BACKEND=ec2", user_data)
        self.assertIn("bighead-test-home-alice:/home/jovyan", user_data)

        # stopping the server (here as soon as the spawn is over, whatever the stand-in's address answered)
        # terminates the instance
        deadline = time.monotonic() + 120
        while (self.hub.server("alice") or {}).get("pending") == "spawn" and time.monotonic() < deadline:
            time.sleep(0.5)
        self.hub.stop_server("alice")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            [instance] = self.alice_instances()
            if instance["state"] in ("terminated", "shutting-down"):
                break
            time.sleep(1)
        self.assertIn(instance["state"], ("terminated", "shutting-down"), self.hub.output())

        # a GPU type: the instance gets every GPU, and the server stops itself sooner when idle
        r = self.hub.spawn("alice", {"environment": "cpu", "instance_type": "g4dn.xlarge"})
        self.assertLess(r.status_code, 500, r.text)
        deadline = time.monotonic() + SPAWN_DEADLINE
        while not [i for i in self.alice_instances() if i["type"] == "g4dn.xlarge"] and time.monotonic() < deadline:
            time.sleep(0.5)
        [gpu] = [i for i in self.alice_instances() if i["type"] == "g4dn.xlarge"]
        self.assertIn("--gpus all", gpu["user_data"])
        self.assertIn("--ServerApp.shutdown_no_activity_timeout=1800", gpu["user_data"])
        self.assertIn("--MappingKernelManager.cull_busy=False", gpu["user_data"])
        while (self.hub.server("alice") or {}).get("pending") == "spawn" and time.monotonic() < deadline:
            time.sleep(0.5)
        self.hub.stop_server("alice")

    @unittest.skipIf(MISSING, MISSING or "")
    def test_2_a_bad_type_and_a_capacity_error_show_as_messages_in_the_form(self):
        browser = launch(type(self), STEP_MS)
        page = browser.new_page()
        self.addCleanup(page.close)
        page.set_default_timeout(STEP_MS)
        page.goto(f"{self.hub.url}/hub/login")
        page.fill("#username_input", "alice")
        page.fill("#password_input", PASSWORD)
        page.click("#login_submit")
        try:
            page.goto(f"{self.hub.url}/hub/spawn")
            page.check("#bighead-env-cpu")
            # a type the catalog does not have (as a stale or hand-made form would send)
            page.eval_on_selector('input[name=instance_type][value="m5.large"]', "e => { e.value = 'x9.huge'; }")
            page.check('input[name=instance_type][value="x9.huge"]')
            page.locator("#spawn_form [type=submit]").click()
            page.get_by_text("unknown instance type 'x9.huge'").wait_for()
            page.screenshot(path=str(SCREENSHOTS / "hub-03-bad-type.png"), full_page=True)

            page.goto(f"{self.hub.url}/hub/spawn")
            page.check("#bighead-env-cpu")
            page.check('input[name=instance_type][value="p4d.24xlarge"]')  # 8× A100: EC2 has none right now
            page.locator("#spawn_form [type=submit]").click()
            page.get_by_text("InsufficientInstanceCapacity").first.wait_for(timeout=SPAWN_DEADLINE * 1000)
            self.assertIn("no capacity for this type", page.content())
            page.screenshot(path=str(SCREENSHOTS / "hub-04-capacity.png"), full_page=True)
        except Exception:
            page.screenshot(path=str(SCREENSHOTS / "hub-ec2-failure.png"), full_page=True)
            print(self.hub.output())
            raise
        self.assertFalse([i for i in self.alice_instances() if i["type"] == "p4d.24xlarge"])


if __name__ == "__main__":
    unittest.main()
