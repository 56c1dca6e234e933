"""Deployments as a user drives them: `./bighead deployments start|list|stop|logs` on a registered model.

A local deployment is a `./bighead serve` process that outlives the command which started it; a docker deployment
is a container of the serving image (the environment's runtime image plus the model) on the shared engine; a k8s
deployment is manifests validated against the Kubernetes schema. Each answers with `./bighead predict`'s numbers
for the same rows. One registry (free port, temporary folder) serves every test of the module; BIGHEAD_HOME is the
run's own, so the state files of this machine's real deployments are never touched. The docker tests run under `./bighead test`
(BIGHEAD_TEST_ENGINE: Bighead's own engine unless yours answers); no EC2 or moto stand-in is involved.
"""
import csv
import json
import os
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request
from pathlib import Path

from test_registry_serving import Server

ROOT = Path(__file__).resolve().parent.parent
BIGHEAD = str(ROOT / "bighead")


def post_json(url, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as r:
        return json.loads(r.read())


def get_json(url, token):
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=10) as r:
        return json.loads(r.read())


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is not a server: /proc says so
    with open(f"/proc/{pid}/stat") as f:
        return f.read().split(")")[-1].split()[0] != "Z"


def wait_gone(pid, timeout=30):
    deadline = time.monotonic() + timeout
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not alive(pid)


def docker(*args):
    return subprocess.run(["docker", *args], capture_output=True, text=True, timeout=120)


class Registry:
    """One registry with listing-price v1 registered (champion → 1), and rows with `./bighead predict`'s numbers."""

    def __init__(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="bighead-deployments-")
        self.dir = Path(self.tmp.name)
        self.env = dict(os.environ, BIGHEAD_HOME=str(self.dir / "home"), BIGHEAD_CONFIG=str(self.dir / "config.json"))
        self.server = Server(["registry", "serve", "--data", str(self.dir / "registry")], "/api/health", self.env)
        self.url = self.env["BIGHEAD_REGISTRY_URL"] = self.server.url
        self.token = self.env["BIGHEAD_REGISTRY_TOKEN"] = (self.dir / "registry" / "admin.token").read_text().strip()
        self.bundle = self.dir / "listing-price.bighead"
        self.run("demo", "--out", str(self.bundle))
        self.run("registry", "register", "listing-price", str(self.bundle), "--alias", "champion")
        rows_csv = self.dir / "rows.csv"
        self.run("data", "listings", "--rows", "5", "--seed", "11", "--out", str(rows_csv))
        with open(rows_csv) as f:
            self.rows = list(csv.DictReader(f))
        predicted = self.run("predict", str(self.bundle), "--input", str(rows_csv)).stdout
        self.expected = [json.loads(line)["prediction"] for line in predicted.splitlines() if line.strip()]

    def run(self, *args, check=True, env=None):
        done = subprocess.run([BIGHEAD, *args], cwd=ROOT, env=env or self.env, capture_output=True, text=True,
                              timeout=600)
        if check:
            assert done.returncode == 0, f"./bighead {' '.join(args)}\n{done.stdout}\n{done.stderr}"
        return done

    def deployments(self, model="listing-price"):
        return get_json(f"{self.url}/api/models/{model}/deployments", self.token)["deployments"]

    def close(self):
        self.server.stop()
        self.tmp.cleanup()


REGISTRY = None


def setUpModule():
    global REGISTRY
    REGISTRY = Registry()


def tearDownModule():
    # whatever a failed test left running is stopped by its state file (by pid or container id, never by name)
    for d in json.loads(REGISTRY.run("deployments", "list", "--json", check=False).stdout or "[]"):
        REGISTRY.run("deployments", "stop", d["name"], check=False)
    REGISTRY.close()


class DeploymentsCase(unittest.TestCase):
    """Tests on the module's one registry."""

    @property
    def registry(self):
        return REGISTRY

    def bighead(self, *args, **kwargs):
        return self.registry.run(*args, **kwargs)

    def assert_one_line_error(self, done, *fragments):
        self.assertNotEqual(done.returncode, 0, done.stdout)
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        self.assertTrue(lines, "no error message")
        self.assertTrue(lines[-1].startswith("bighead deployments"), done.stderr)
        self.assertNotIn("Exception", done.stderr)
        self.assertNotIn("\tat ", done.stderr)
        for fragment in fragments:
            self.assertIn(fragment, lines[-1])

    def assert_answers_like_predict(self, endpoint):
        answer = post_json(endpoint, {"instances": self.registry.rows})
        self.assertEqual(answer["model"], "listing-price")
        self.assertEqual(answer["predictions"], self.registry.expected)

    def start(self, *args):
        done = self.bighead("deployments", "start", *args, "--json")
        return json.loads(done.stdout)

    def listed(self):
        return {d["name"]: d for d in json.loads(self.bighead("deployments", "list", "--json").stdout)}


class LocalDeploymentTest(DeploymentsCase):
    def test_a_local_deployment_answers_predicts_numbers_outlives_the_command_and_stops(self):
        d = self.start("lp-local", "--model", "listing-price@champion")
        self.assertEqual((d["target"], d["model"], d["version"], d["status"]), ("local", "listing-price", 1, "running"))
        # the command has exited; the server runs on in a session of its own, a child of nobody's
        self.assertTrue(alive(d["pid"]))
        self.assertEqual(os.getsid(d["pid"]), d["pid"])
        self.assert_answers_like_predict(d["endpoint"])

        listed = self.listed()["lp-local"]
        self.assertEqual((listed["status"], listed["url"], listed["pid"]), ("running", d["url"], d["pid"]))
        recorded = [r for r in self.registry.deployments() if r["target"] == d["url"]]
        self.assertEqual([(r["version"], r["alias"], r["status"]) for r in recorded], [(1, "champion", "running")])
        self.assertIn("Serving listing-price", self.bighead("deployments", "logs", "lp-local").stdout)

        self.bighead("deployments", "stop", "lp-local")
        self.assertTrue(wait_gone(d["pid"]))
        self.assertNotIn("lp-local", self.listed())
        recorded = [r for r in self.registry.deployments() if r["target"] == d["url"]]
        self.assertEqual([r["status"] for r in recorded], ["stopped"])

    def test_a_taken_port_is_one_line_and_nothing_is_started(self):
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen(1)
            port = taken.getsockname()[1]
            done = self.bighead("deployments", "start", "lp-port", "--model", "listing-price", "--port", str(port),
                                check=False)
        self.assert_one_line_error(done, f"port {port} on 127.0.0.1 is taken", "--port")
        self.assertNotIn("lp-port", self.listed())
        self.assertFalse((self.registry.dir / "home" / "deployments" / "lp-port.json").exists())

    def test_a_registry_that_refuses_the_record_undoes_the_start(self):
        token = json.loads(self.bighead("registry", "token", "create", "--user", "reader", "--scope", "read",
                                        "--json").stdout)["token"]
        env = dict(self.registry.env, BIGHEAD_REGISTRY_TOKEN=token)
        done = self.bighead("deployments", "start", "lp-readonly", "--model", "listing-price", check=False, env=env)
        self.assert_one_line_error(done, "could not record deployment lp-readonly", "undone")
        self.assertNotIn("lp-readonly", self.listed())
        pids = [line.split("(pid ")[1].rstrip(")") for line in done.stderr.splitlines() if "(pid " in line]
        self.assertEqual(len(pids), 1, done.stderr)
        self.assertTrue(wait_gone(int(pids[0])), "the started server was left running")

    def test_a_registry_that_does_not_answer_is_one_line_before_anything_starts(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            dead = f"http://127.0.0.1:{s.getsockname()[1]}"
        done = self.bighead("deployments", "start", "lp-down", "--model", "listing-price", "--registry", dead,
                            check=False)
        self.assert_one_line_error(done, f"the registry at {dead} does not answer")
        self.assertNotIn("lp-down", self.listed())

    def test_bad_names_unknown_models_and_unknown_deployments_are_one_line(self):
        self.assert_one_line_error(
            self.bighead("deployments", "start", "LP", "--model", "listing-price", check=False),
            "deployment name 'LP' is not valid")
        self.assert_one_line_error(
            self.bighead("deployments", "start", "lp-x", "--model", "no-such-model", check=False),
            "no model named 'no-such-model'")
        self.assert_one_line_error(self.bighead("deployments", "stop", "nothing-here", check=False),
                                   "no deployment nothing-here on this machine")

    def test_every_subcommand_has_help(self):
        for sub in ("start", "list", "stop", "logs"):
            done = self.bighead("deployments", sub, "--help")
            self.assertIn("Usage: bighead deployments " + sub, done.stdout)


class KubernetesManifestsTest(DeploymentsCase):
    def test_the_manifests_are_written_valid_and_recorded(self):
        out = self.registry.dir / "k8s"
        d = self.start("lp-k8s", "--model", "listing-price/1", "--k8s", str(out),
                       "--image", "registry.example:5000/bighead/serve-listing-price:1", "--replicas", "2")
        manifests = Path(d["manifests"])
        self.assertEqual(manifests, out / "lp-k8s.yaml")
        text = manifests.read_text()
        for kind in ("kind: Deployment", "kind: Service", "kind: HorizontalPodAutoscaler", "path: /v2/health/ready"):
            self.assertIn(kind, text)
        # the validator itself, on the very file (./bighead made its venv)
        validator = ROOT / ".bighead" / "k8s-venv" / "bin" / "kubernetes-validate"
        check = subprocess.run([str(validator), "--strict", str(manifests)], capture_output=True, text=True)
        self.assertEqual(check.returncode, 0, check.stdout + check.stderr)
        recorded = [r for r in self.registry.deployments() if r["target"] == "http://lp-k8s"]
        self.assertEqual([(r["kind"], r["status"]) for r in recorded], [("kubernetes", "written")])
        self.assertNotIn("lp-k8s", self.listed())  # nothing runs here


@unittest.skipUnless(os.environ.get("BIGHEAD_TEST_ENGINE"), "needs a Docker engine: run through ./bighead test")
class DockerDeploymentTest(DeploymentsCase):
    def test_a_docker_deployment_answers_predicts_numbers_and_stop_removes_its_container(self):
        d = self.start("lp-docker", "--model", "listing-price@champion", "--docker")
        self.assertEqual((d["target"], d["version"]), ("docker", 1))
        self.assertRegex(d["image"], r"^bighead/serve-listing-price:[0-9a-f]{12}$")
        self.assertLess(d["image_size_bytes"], 300_000_000)
        self.assert_answers_like_predict(d["endpoint"])
        labels = json.loads(docker("inspect", "--format", "{{json .Config.Labels}}", d["container"]).stdout)
        self.assertEqual(labels["org.bighead.purpose"], "serving")
        self.assertEqual(labels["org.bighead.owner"], "lp-docker")
        self.assertEqual(self.listed()["lp-docker"]["status"], "running")

        self.bighead("deployments", "stop", "lp-docker")
        self.assertEqual(docker("ps", "-a", "-q", "--filter", "label=org.bighead.deployment=lp-docker").stdout, "")
        self.assertNotIn("lp-docker", self.listed())

    def test_a_registry_that_refuses_the_record_removes_the_started_container(self):
        token = json.loads(self.bighead("registry", "token", "create", "--user", "reader-docker", "--scope", "read",
                                        "--json").stdout)["token"]
        env = dict(self.registry.env, BIGHEAD_REGISTRY_TOKEN=token)
        done = self.bighead("deployments", "start", "lp-docker-ro", "--model", "listing-price", "--docker",
                            check=False, env=env)
        self.assert_one_line_error(done, "could not record deployment lp-docker-ro", "undone")
        self.assertIn("started container bighead-deploy-lp-docker-ro", done.stderr)
        self.assertEqual(docker("ps", "-a", "-q", "--filter", "label=org.bighead.deployment=lp-docker-ro").stdout, "")
        self.assertNotIn("lp-docker-ro", self.listed())

    def test_an_unknown_environment_is_one_line_and_leaves_no_container(self):
        done = self.bighead("deployments", "start", "lp-noenv", "--model", "listing-price", "--docker",
                            "--environment", "no-such-env", check=False)
        self.assert_one_line_error(done, "no-such-env")
        self.assertEqual(docker("ps", "-a", "-q", "--filter", "label=org.bighead.deployment=lp-noenv").stdout, "")
        self.assertNotIn("lp-noenv", self.listed())


if __name__ == "__main__":
    unittest.main()
