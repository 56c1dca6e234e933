"""Export to production from a notebook whose pipeline has a stage written in a cell, as a user does it.

The Bighead kernel trains a pipeline with a custom stage (a record and a class written in cells, calling a method of
another cell) and saves it: the bundle carries that code. Then:
- an untrusted bundle with code is refused by `predict`, `serve`, `batch-score` (each says how to trust it), while
  `inspect` describes it without running it; `--trust-code` predicts what the notebook predicted; a tampered code
  entry fails the manifest check even when trusted;
- `%bighead export model --name … --alias champion --schedule …` in the kernel registers a version with the cells
  as lineage, moves the alias and creates the job, its steps reported in a live table; `./bighead serve
  crowding@champion` (a registry version: trusted) answers the notebook's predictions bit for bit;
- `./bighead export FILE` does the same for the bundle file, says "unchanged" the second time, refuses an untrusted
  file, rolls back on a schedule the registry refuses, and `--json` gives what it made.
Every server runs on a free loopback port with its data in a temporary folder.
"""
import json
import os
import re
import socket
import subprocess
import tempfile
import unittest
import urllib.request
import zipfile
from pathlib import Path

import test_registry_serving as serving  # Server, LISTINGS, java_map, post_json (a module: its tests stay there)
from kernel_session import KernelSession

ROOT = Path(__file__).resolve().parent.parent
BIGHEAD = str(ROOT / "bighead")

# A stage written in cells, as a notebook user writes it: the fitted record, the stage, a helper in another cell.
STAGE_CELLS = [
    "double perRoom(double guests, double rooms) { return guests / Math.max(1, rooms); }",
    """
    record FittedCrowding(double cap) implements FittedStage {
        public String type() { return "crowding"; }
        public List<String> inputs() { return List.of("accommodates", "bedrooms"); }
        public List<ColumnDef> outputs() { return List.of(ColumnDef.numeric("crowding")); }
        public String summary() { return "guests per bedroom, capped at " + cap; }
        public RowTransform compile(Layout layout) {
            int g = layout.numeric("accommodates"), b = layout.numeric("bedrooms"), out = layout.numeric("crowding");
            return row -> row.num[out] = Math.min(cap, perRoom(row.num[g], row.num[b]));
        }
    }
    class Crowding implements Stage {
        public String name() { return "crowding"; }
        public FittedStage fit(Frame data) { return new FittedCrowding(3.5); }
    }
    StageTypes.register("crowding", FittedCrowding.class);
    """,
    """
    var split = Split.random(Listings.generate(2_000, 42), 0.8, 42);
    var model = Pipeline.of(Select.of(Listings.FEATURES), Impute.median("bedrooms", "bathrooms"), new Crowding(),
            OneHot.of("room_type", "neighbourhood"), TextHash.of("amenities", 32), XGBoost.regressor().rounds(40))
        .target("price").fit(split.train());
    model.evaluate(split.test());
    """,
]


class ExportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="bighead-export-")
        cls.dir = Path(cls.tmp.name)
        cls.servers = []
        cls.env = dict(os.environ, BIGHEAD_HOME=str(cls.dir / "home"))
        try:
            registry = serving.Server(["registry", "serve", "--data", str(cls.dir / "registry"), "--job-workers", "0"],
                                      "/api/health", cls.env)
            cls.servers.append(registry)
            cls.env["BIGHEAD_REGISTRY_URL"] = registry.url
            cls.env["BIGHEAD_REGISTRY_TOKEN"] = (cls.dir / "registry" / "admin.token").read_text().strip()
            cls.bundle = cls.dir / "crowding.bighead"
            # the kernel's deployments keep their state where this test's ./bighead deployments looks
            cls.kernel = KernelSession(extra_env={"BIGHEAD_HOME": cls.env["BIGHEAD_HOME"],
                                                  "BIGHEAD_REGISTRY_URL": registry.url,
                                                  "BIGHEAD_REGISTRY_TOKEN": cls.env["BIGHEAD_REGISTRY_TOKEN"],
                                                  "JPY_SESSION_NAME": "work/crowding.ipynb"})
        except BaseException:
            cls.tearDownClass()
            raise
        for cell in STAGE_CELLS:
            run = cls.kernel.execute(cell, timeout=180)
            assert run.status == "ok", run.describe()
        listings = "List.of(" + ", ".join(serving.java_map(row) for row in serving.LISTINGS) + ")"
        run = cls.kernel.execute(f"""
            model.save(Path.of({json.dumps(str(cls.bundle))}));
            for (var row : {listings}) System.out.println(Double.toString(model.predict(row).value()));
            """, timeout=120)
        assert run.status == "ok", run.describe()
        cls.predictions = [float(line) for line in run.stdout().split()]

    @classmethod
    def tearDownClass(cls):
        if getattr(cls, "kernel", None):
            cls.kernel.close()
        for server in reversed(cls.servers):
            server.stop()
        cls.tmp.cleanup()

    def run_cli(self, *args, ok=True, input=None):
        done = subprocess.run([BIGHEAD, *args], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=300,
                              input=input)
        if ok:
            self.assertEqual(done.returncode, 0, f"./bighead {' '.join(args)}\n{done.stdout}\n{done.stderr}")
        else:
            self.assertNotEqual(done.returncode, 0, f"./bighead {' '.join(args)} should have failed\n{done.stdout}")
            self.assertNotIn("Exception", done.stderr, "a one-line message, not a stack trace")
        return done

    def widget_shows(self, text, timeout=30):
        """Waits until a widget of the kernel's shows `text` (an update may come just after its cell's reply)."""
        self.kernel.wait_iopub(lambda m: m["msg_type"] in ("comm_open", "comm_msg") and text in str(m["content"]),
                               timeout=timeout, what=f"a widget showing {text!r}")

    def rows_jsonl(self):
        return "".join(json.dumps({k: v for k, v in row.items() if v is not None}) + "\n" for row in serving.LISTINGS)

    def test_the_bundle_carries_the_cells_code(self):
        with zipfile.ZipFile(self.bundle) as z:
            names = z.namelist()
        self.assertIn("code.json", names)
        self.assertTrue(any(n.startswith("code/REPL/") and "FittedCrowding" in n for n in names), names)

    def test_an_untrusted_bundle_with_code_is_refused_everywhere_that_would_run_it(self):
        refused = self.run_cli("predict", str(self.bundle), input=self.rows_jsonl(), ok=False)
        self.assertIn("carries code", refused.stderr)
        self.assertIn("--trust-code", refused.stderr)
        served = subprocess.run([BIGHEAD, "serve", str(self.bundle), "--port", "0"], cwd=ROOT, env=self.env,
                                capture_output=True, text=True, timeout=120)
        self.assertNotEqual(served.returncode, 0)
        self.assertIn("carries code", served.stdout + served.stderr)
        scored = self.run_cli("batch-score", str(self.bundle), "--input", str(self.dir / "none.csv"), "--output",
                              str(self.dir / "none.parquet"), ok=False)
        self.assertIn("no input at", scored.stderr)  # the input is checked first, before anything loads
        (self.dir / "rows.csv").write_text("accommodates,bedrooms\n2,1\n")
        scored = self.run_cli("batch-score", str(self.bundle), "--input", str(self.dir / "rows.csv"), "--output",
                              str(self.dir / "rows.parquet"), ok=False)
        self.assertIn("carries code", scored.stderr)
        self.assertFalse((self.dir / "rows.parquet").exists())
        described = json.loads(self.run_cli("inspect", str(self.bundle)).stdout)
        self.assertIn("crowding", json.dumps(described))

    def test_a_trusted_bundle_predicts_what_the_notebook_predicted(self):
        out = self.run_cli("predict", str(self.bundle), "--trust-code", input=self.rows_jsonl()).stdout
        self.assertEqual([json.loads(line)["prediction"] for line in out.splitlines()], self.predictions)

    def test_a_tampered_code_entry_fails_the_manifest_even_when_trusted(self):
        tampered = self.dir / "tampered.bighead"
        with zipfile.ZipFile(self.bundle) as src, zipfile.ZipFile(tampered, "w") as dst:
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename.startswith("code/") and "FittedCrowding" in item.filename:
                    data = data[:-1] + bytes([data[-1] ^ 1])
                dst.writestr(item, data)
        refused = self.run_cli("predict", str(tampered), "--trust-code", input=self.rows_jsonl(), ok=False)
        self.assertIn("does not match its SHA-256 in the manifest", refused.stderr)

    def test_the_export_magic_registers_schedules_and_the_registry_version_serves_the_notebooks_answers(self):
        run = self.kernel.execute('%bighead export model --name crowding --alias champion '
                                  '--schedule "retrain @weekly --metric test.mae"', timeout=120)
        self.assertEqual(run.status, "ok", run.describe())
        # the step table's last state may leave the kernel just after the cell's reply (widget updates are batched)
        for step, status in (("validate", "done"), ("capture", "done"), ("register", "done"), ("serve", "skipped"),
                             ("schedule", "done")):
            self.widget_shows(f'data-step="{step}" data-status="{status}"')

        version = serving.get_json(self.env["BIGHEAD_REGISTRY_URL"] + "/api/models/crowding/versions/1")
        self.assertEqual(version["aliases"], ["champion"])
        self.assertEqual(version["lineage"]["notebook"], "work/crowding.ipynb")
        self.assertEqual(version["lineage"]["model"], "model")
        # the cells that built it, the class among them
        self.assertTrue(any("record FittedCrowding" in cell for cell in version["lineage"]["cells"]))
        job = json.loads(self.run_cli("jobs", "show", "crowding-retrain", "--json").stdout)
        self.assertEqual(job["model"], "crowding@champion")

        server = serving.Server(["serve", "crowding@champion"], "/v2/models/crowding/ready", self.env)
        self.servers.append(server)
        answer = serving.post_json(server.url + "/v2/models/crowding/predict", {"instances": serving.LISTINGS})
        self.assertEqual(answer["predictions"], self.predictions)  # bit for bit: JSON doubles round-trip

        again = self.kernel.execute('%bighead export model --name crowding --alias champion', timeout=120)
        self.assertEqual(again.status, "ok", again.describe())
        self.widget_shows("unchanged: already registered as crowding v1")
        self.assertEqual(len(serving.get_json(self.env["BIGHEAD_REGISTRY_URL"] + "/api/models/crowding/versions")
                             ["versions"]), 1)

    def test_the_export_command_registers_a_file_and_rolls_back_what_the_registry_refuses(self):
        refused = self.run_cli("export", str(self.bundle), "--name", "crowding-cli", ok=False)
        self.assertIn("carries code", refused.stderr)

        made = json.loads(self.run_cli("export", str(self.bundle), "--name", "crowding-cli", "--alias", "champion",
                                       "--trust-code", "--json").stdout)
        self.assertEqual(made["version"], 1)
        self.assertFalse(made["unchanged"])
        again = self.run_cli("export", str(self.bundle), "--name", "crowding-cli", "--trust-code").stdout
        self.assertIn("unchanged: already registered as crowding-cli v1", again)

        # the registry refuses the batch job (no such time zone): the new version and the alias move are undone
        (self.dir / "v2.bighead").write_bytes(self.bundle.read_bytes())
        other = self.run_cli("export", str(self.dir / "v2.bighead"), "--name", "crowding-cli", "--alias", "champion",
                             "--trust-code", "--force", "--batch",
                             f"@daily --input in.csv --output {self.dir / 'out.parquet'} --time-zone Mars/Olympus",
                             ok=False)
        self.assertIn("✗ schedule", other.stdout)
        self.assertIn("rolled back: moved champion back to v1", other.stdout)
        self.assertIn("rolled back: deleted crowding-cli v2", other.stdout)
        shown = json.loads(self.run_cli("registry", "show", "crowding-cli", "--json").stdout)
        self.assertEqual([v["version"] for v in shown["versions"]], [1])

    def test_a_taken_port_fails_the_serve_step_and_leaves_no_version_alias_or_process(self):
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            failed = self.run_cli("export", str(self.bundle), "--name", "crowding-port", "--alias", "champion",
                                  "--trust-code", "--serve", "--port", str(port), ok=False)
        self.assertIn("✗ serve", failed.stdout)
        self.assertIn(str(port), failed.stdout)
        self.assertIn("rolled back: removed alias champion", failed.stdout)
        self.assertIn("rolled back: deleted crowding-port v1", failed.stdout)
        shown = serving.get_json(self.env["BIGHEAD_REGISTRY_URL"] + "/api/models/crowding-port")
        self.assertEqual(shown.get("versionCount"), 0)
        self.assertEqual(shown.get("aliases"), {})
        listed = json.loads(self.run_cli("deployments", "list", "--json").stdout)
        self.assertNotIn("crowding-port", [d["name"] for d in listed])

    @unittest.skipUnless(os.environ.get("BIGHEAD_TEST_ENGINE"), "needs a Docker engine: run through ./bighead test")
    def test_docker_serves_the_notebooks_code_from_a_serving_image_and_a_second_export_keeps_it(self):
        self.addCleanup(lambda: subprocess.run([BIGHEAD, "deployments", "stop", "crowding-docker"], cwd=ROOT,
                                               env=self.env, capture_output=True, timeout=120))
        made = json.loads(self.run_cli("export", str(self.bundle), "--name", "crowding-docker", "--alias",
                                       "champion", "--trust-code", "--serve", "--docker", "--json").stdout)
        answer = serving.post_json(made["endpoint"], {"instances": serving.LISTINGS})
        self.assertEqual(answer["predictions"], self.predictions)  # the cell's stage, in a container, bit for bit
        again = self.run_cli("export", str(self.bundle), "--name", "crowding-docker", "--alias", "champion",
                             "--trust-code", "--serve", "--docker").stdout
        self.assertIn("unchanged", again)
        self.assertIn("(already serving crowding-docker@champion)", again)

    @unittest.skipUnless(os.environ.get("BIGHEAD_TEST_ENGINE"), "needs a Docker engine: run through ./bighead test")
    def test_an_environment_whose_image_cannot_be_built_fails_serve_and_leaves_nothing(self):
        # a derived environment (as %bighead env create records it) whose Maven coordinate does not exist
        spec = {"name": "broken", "from": "cpu", "description": "cannot be built",
                "maven": ["org.bighead.test:no-such-artifact:0.0.1"], "pip": [], "apt": []}
        request = urllib.request.Request(
            self.env["BIGHEAD_REGISTRY_URL"] + "/api/environments", method="POST",
            data=json.dumps({"name": "broken", "from": "cpu", "description": "cannot be built", "spec": spec}).encode(),
            headers={"Content-Type": "application/json",
                     "Authorization": "Bearer " + self.env["BIGHEAD_REGISTRY_TOKEN"]})
        urllib.request.urlopen(request, timeout=30).close()
        env = self.env
        done = subprocess.run([BIGHEAD, "export", str(self.bundle), "--name", "crowding-broken", "--alias",
                               "champion", "--trust-code", "--serve", "--docker", "--environment", "broken"],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        self.assertNotEqual(done.returncode, 0, done.stdout)
        self.assertIn("✗ serve", done.stdout)
        self.assertIn("no-such-artifact", done.stdout)
        self.assertIn("rolled back: deleted crowding-broken v1", done.stdout)
        self.assertNotIn("Exception", done.stderr)
        ps = subprocess.run(["docker", "ps", "-a", "-q", "--filter", "label=org.bighead.owner=crowding-broken"],
                            capture_output=True, text=True, timeout=60)
        self.assertEqual(ps.stdout, "")
        listed = json.loads(self.run_cli("deployments", "list", "--json").stdout)
        self.assertNotIn("crowding-broken", [d["name"] for d in listed])

    def test_a_stage_using_a_maven_library_serves_with_it_locally_and_in_docker(self):
        # a library the notebook added (%maven), not one Bighead ships: the endpoint must carry it
        for cell in ["%maven org.locationtech.jts:jts-core:1.20.0",
                     """
                     record FittedSpread(double x, double y) implements FittedStage {
                         public String type() { return "spread"; }
                         public List<String> inputs() { return List.of("accommodates", "bedrooms"); }
                         public List<ColumnDef> outputs() { return List.of(ColumnDef.numeric("spread")); }
                         public RowTransform compile(Layout layout) {
                             int g = layout.numeric("accommodates"), b = layout.numeric("bedrooms");
                             int out = layout.numeric("spread");
                             var center = new org.locationtech.jts.geom.Coordinate(x, y);
                             return row -> row.num[out] =
                                 new org.locationtech.jts.geom.Coordinate(row.num[g], row.num[b]).distance(center);
                         }
                     }
                     class Spread implements Stage {
                         public String name() { return "spread"; }
                         public FittedStage fit(Frame data) { return new FittedSpread(3, 1); }
                     }
                     StageTypes.register("spread", FittedSpread.class);
                     var spreadModel = Pipeline.of(Select.of(Listings.FEATURES), Impute.median("bedrooms"),
                             new Spread(), OneHot.of("room_type", "neighbourhood"), Drop.of("amenities"),
                             XGBoost.regressor().rounds(20)).target("price").fit(split.train());
                     """]:
            run = self.kernel.execute(cell, timeout=180)
            self.assertEqual(run.status, "ok", run.describe())
        listings = "List.of(" + ", ".join(serving.java_map(row) for row in serving.LISTINGS) + ")"
        run = self.kernel.execute(f"for (var row : {listings}) "
                                  "System.out.println(Double.toString(spreadModel.predict(row).value()));")
        expected = [float(line) for line in run.stdout().split()]
        targets = [("spread-local", "")]
        if os.environ.get("BIGHEAD_TEST_ENGINE"):
            targets.append(("spread-docker", " --docker"))
        for name, flags in targets:
            self.addCleanup(lambda n=name: subprocess.run([BIGHEAD, "deployments", "stop", n], cwd=ROOT,
                                                          env=self.env, capture_output=True, timeout=120))
            run = self.kernel.execute(f"%bighead export spreadModel --name {name} --serve{flags}", timeout=600)
            self.assertEqual(run.status, "ok", run.describe())
            shown = self.kernel.wait_iopub(
                lambda m, n=name: "bh-export-endpoint" in str(m["content"]) and f"/v2/models/{n}/" in str(m["content"]),
                timeout=60, what=f"the endpoint of {name}")
            found = re.search(r'bh-export-endpoint">([^<]+)<', str(shown.content))
            self.assertIsNotNone(found, run.describe())
            answer = serving.post_json(found.group(1), {"instances": serving.LISTINGS})
            self.assertEqual(answer["predictions"], expected, name)


if __name__ == "__main__":
    unittest.main()
