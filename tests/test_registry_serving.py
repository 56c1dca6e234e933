"""The issue's whole story, as a user lives it: a model trained in a notebook (the Bighead kernel) is registered,
`champion` moves to it, `./bighead serve listing-price@champion` serves it, and an HTTP client gets the very
predictions the notebook printed. Then a better model is registered, `champion` moves, and the running server
swaps to it without being restarted.

Run by `./bighead test` with the project's .venv Python; every server runs on a free loopback port with its data in
a temporary folder.
"""
import json
import os
import re
import socket
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request
from pathlib import Path

from kernel_session import KernelSession

ROOT = Path(__file__).resolve().parent.parent
BIGHEAD = str(ROOT / "bighead")
START_TIMEOUT = 60
LISTINGS = [
    {"neighbourhood": "Noe Valley", "room_type": "Entire home/apt", "accommodates": 4, "bedrooms": 2,
     "bathrooms": 1.5, "amenities": "Wifi, Kitchen, Washer, Dryer, Dedicated workspace, Backyard",
     "number_of_reviews": 0, "minimum_nights": 2, "host_is_superhost": False, "instant_bookable": True},
    {"neighbourhood": "Mission", "room_type": "Private room", "accommodates": 1, "bedrooms": 1,
     "bathrooms": 1, "amenities": "Wifi", "number_of_reviews": 120, "review_score": 4.8, "minimum_nights": 1,
     "host_is_superhost": True, "instant_bookable": False},
    {"neighbourhood": "SoMa", "room_type": "Shared room", "accommodates": 2, "bedrooms": None,
     "bathrooms": None, "amenities": "", "number_of_reviews": 3, "minimum_nights": 30,
     "host_is_superhost": False, "instant_bookable": False},
]


def java_map(row):
    """A Java Map literal for one listing; a None value is left out, so it counts as missing."""
    def literal(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        return json.dumps(v) if isinstance(v, str) else repr(v)
    return "Map.<String, Object>ofEntries(" + ", ".join(
        f"Map.entry({json.dumps(k)}, {literal(v)})" for k, v in row.items() if v is not None) + ")"


class Server:
    """A ./bighead server process started on port 0 (the system picks a free one, so no other process can take it
    first); ready when it prints its URL and `ready_path` there answers 200."""

    URL = re.compile(r"(http://127\.0\.0\.1:\d+)")

    def __init__(self, args, ready_path, env):
        self.log = tempfile.NamedTemporaryFile(prefix="bighead-server-", suffix=".log")
        self.proc = subprocess.Popen([BIGHEAD, *args, "--port", "0"], cwd=ROOT, env=env, stdout=self.log,
                                     stderr=subprocess.STDOUT)
        self.url = None
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if self.proc.poll() is not None:
                raise AssertionError(f"{args} exited with {self.proc.returncode}:\n{self.output()}")
            if self.url is None:
                found = self.URL.search(self.output())
                self.url = found and found.group(1)
            if self.url:
                try:
                    with urllib.request.urlopen(self.url + ready_path, timeout=2) as r:
                        if r.status == 200:
                            return
                except (urllib.error.URLError, ConnectionError, socket.timeout):
                    pass
            if time.monotonic() > deadline:
                self.stop()
                raise AssertionError(f"{args} not ready after {START_TIMEOUT} s:\n{self.output()}")
            time.sleep(0.1)

    def output(self):
        with open(self.log.name, errors="replace") as f:
            return f.read()[-4000:]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Clients:
    """Two threads posting the same request in a loop, keeping every answer's predictions and version and
    every failure, until the with-block ends."""

    def __init__(self, url, body, threads=2):
        self.url, self.body, self.threads = url, body, threads
        self.predictions, self.versions, self.failures = [], [], []
        self.stopping = threading.Event()
        self.workers = [threading.Thread(target=self.run, daemon=True) for _ in range(threads)]

    def run(self):
        while not self.stopping.is_set():
            try:
                answer = post_json(self.url, self.body)
                self.predictions.append(answer["predictions"])
                self.versions.append(str(answer["version"]))
            except Exception as e:  # noqa: BLE001 - every failure is what the test reports
                self.failures.append(repr(e))

    def wait_for_answers(self, count, timeout=30):
        target = len(self.versions) + count
        deadline = time.monotonic() + timeout
        while len(self.versions) < target and time.monotonic() < deadline and not self.failures:
            time.sleep(0.01)

    def last_version(self):
        return self.versions[-1] if self.versions else None

    def __enter__(self):
        for w in self.workers:
            w.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for w in self.workers:
            w.join(30)


def post_json(url, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as r:
        return json.loads(r.read())


def get_json(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.loads(r.read())


class NotebookToServingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="bighead-e2e-")
        cls.dir = Path(cls.tmp.name)
        cls.servers = []
        cls.env = dict(os.environ, BIGHEAD_HOME=str(cls.dir / "home"))
        registry = Server(["registry", "serve", "--data", str(cls.dir / "registry")], "/api/health", cls.env)
        cls.servers.append(registry)
        cls.registry_url = cls.env["BIGHEAD_REGISTRY_URL"] = registry.url
        cls.env["BIGHEAD_REGISTRY_TOKEN"] = (cls.dir / "registry" / "admin.token").read_text().strip()

        # the notebook: train two models, save both, print what they predict for the listings
        cls.notebook = {}
        session = KernelSession()
        try:
            cls.notebook = cls.train_in_notebook(session)
        finally:
            session.close()

    @classmethod
    def train_in_notebook(cls, session):
        out = {}
        run = session.execute("""
            var split = Split.random(Listings.generate(6_000, 42), 0.8, 42);
            FittedPipeline fit(int rounds) {
                return Pipeline.of(Select.of(Listings.FEATURES), Impute.median("bedrooms", "bathrooms"),
                        OneHot.of("room_type", "neighbourhood"), Scale.standard("accommodates", "number_of_reviews"),
                        TextHash.of("amenities", 64), XGBoost.regressor().rounds(rounds).maxDepth(6))
                    .target("price").fit(split.train());
            }
            """, timeout=120)
        assert run.status == "ok", run.describe()
        listings = "List.of(" + ", ".join(java_map(row) for row in LISTINGS) + ")"
        for name, rounds in (("v1", 30), ("v2", 120)):
            path = cls.dir / f"listing-price-{name}.bighead"
            run = session.execute(f"""
                var m = fit({rounds});
                m.evaluate(split.test());
                m.save(Path.of({json.dumps(str(path))}));
                for (var row : {listings}) System.out.println(Double.toString(m.predict(row).value()));
                """, timeout=180)
            assert run.status == "ok", run.describe()
            out[name] = (path, [float(line) for line in run.stdout().split()])
        return out

    @classmethod
    def tearDownClass(cls):
        for server in reversed(cls.servers):
            server.stop()
        cls.tmp.cleanup()

    def cli(self, *args):
        done = subprocess.run([BIGHEAD, *args], cwd=ROOT, env=self.env, capture_output=True, text=True,
                              timeout=120)
        self.assertEqual(done.returncode, 0, f"./bighead {' '.join(args)}\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def test_a_notebook_model_registered_and_served_at_champion_predicts_what_the_notebook_printed(self):
        v1_path, v1_predictions = self.notebook["v1"]
        v2_path, v2_predictions = self.notebook["v2"]
        self.assertNotEqual(v1_predictions, v2_predictions)

        self.cli("registry", "register", "listing-price", str(v1_path))
        self.cli("registry", "alias", "listing-price", "champion", "1")
        listed = self.cli("registry", "list")
        self.assertIn("listing-price", listed)

        server = Server(["serve", "listing-price@champion", "--poll", "200ms"], "/v2/models/listing-price/ready",
                        self.env)
        self.servers.append(server)
        base = server.url

        answer = post_json(base + "/v2/models/listing-price/predict", {"instances": LISTINGS})
        self.assertEqual(answer["predictions"], v1_predictions)  # bit for bit: JSON doubles round-trip
        self.assertEqual(str(answer["version"]), "1")

        # a better model: register v2 and move champion while clients keep asking; the running server follows
        # without a restart, and every request gets v1's or v2's exact answer, none an error
        self.cli("registry", "register", "listing-price", str(v2_path))
        with Clients(base + "/v2/models/listing-price/predict", {"instances": LISTINGS}) as clients:
            clients.wait_for_answers(20)
            self.cli("registry", "alias", "listing-price", "champion", "2", "--reason", "more rounds")
            deadline = time.monotonic() + 30
            while clients.last_version() != "2":
                self.assertLess(time.monotonic(), deadline, "the server did not follow champion to v2\n"
                                + server.output())
                time.sleep(0.05)
            clients.wait_for_answers(20)
        self.assertEqual(clients.failures, [])
        self.assertEqual({tuple(p) for p in clients.predictions}, {tuple(v1_predictions), tuple(v2_predictions)})
        answer = post_json(base + "/v2/models/listing-price/predict", {"instances": LISTINGS})
        self.assertEqual(answer["predictions"], v2_predictions)
        self.assertEqual(get_json(base + "/v2/models/listing-price")["versions"], ["2"])

        # the server records where it runs and which version, within a poll of each swap
        deadline = time.monotonic() + 30
        while True:
            deployments = get_json(self.registry_url + "/api/models/listing-price/deployments")["deployments"]
            if [(d["target"], d["version"]) for d in deployments] == [(base, 2)] or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        self.assertEqual([(d["target"], d["version"], d["alias"]) for d in deployments], [(base, 2, "champion")])

        # stopped (SIGTERM): it drains, then says so in the registry
        server.stop()
        self.assertIn("Stopping: finishing requests in flight", server.output())
        deployment = get_json(self.registry_url + "/api/models/listing-price/deployments")["deployments"][0]
        self.assertEqual((deployment["target"], deployment["status"]), (base, "stopped"))

        history = self.cli("registry", "history", "listing-price", "--alias", "champion")
        self.assertRegex(history, r"champion\s+-\s+1\s+admin")
        self.assertRegex(history, r"champion\s+1\s+2\s+admin\s+more rounds")


if __name__ == "__main__":
    unittest.main()
