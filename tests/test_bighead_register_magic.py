"""`%bighead register` in a notebook: a model fitted in the Bighead kernel goes into a real registry with its
lineage (the notebook's path and the cells that built it), and `%bighead models` lists it.

The registry is `./bighead registry serve --port 0` with its data in a temporary folder; the kernel learns its URL
and admin token from BIGHEAD_REGISTRY_URL/_TOKEN, and its notebook path from JPY_SESSION_NAME, as jupyter_server
would set it. Every wait has a deadline.
"""
import json
import os
import re
import subprocess
import tempfile
import time
import unittest
import urllib.request
from pathlib import Path

from kernel_session import KernelSession

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 60
READY = re.compile(r"Bighead registry on (http://\S+)")

FIT_CELL = ("var split = Split.random(Listings.generate(1_000, 1), 0.8, 1);\n"
            "var model = ListingsPipelines.price().fit(split.train());")


def get_json(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.loads(r.read())


class Registry:
    """A registry process on a free port; ready once it prints its URL."""

    def __init__(self, data, env=None):
        self.log = tempfile.NamedTemporaryFile(prefix="bighead-registry-", suffix=".log")
        self.proc = subprocess.Popen([str(ROOT / "bighead"), "registry", "serve", "--port", "0", "--data", str(data)],
                                     cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + START_TIMEOUT
        self.url = None
        while self.url is None:
            if self.proc.poll() is not None:
                raise AssertionError(f"the registry exited with {self.proc.returncode}:\n{self.output()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"the registry printed no URL within {START_TIMEOUT} s:\n{self.output()}")
            found = READY.search(self.output())
            self.url = found and found.group(1)
            time.sleep(0.05)
        self.token = (Path(data) / "admin.token").read_text().strip()

    def output(self):
        with open(self.log.name, encoding="utf-8", errors="replace") as f:
            return f.read()

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


class RegisterMagicTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="bighead-register-magic-")
        cls.registry = Registry(Path(cls.tmp.name) / "registry")
        try:
            cls.kernel = KernelSession(extra_env={"BIGHEAD_REGISTRY_URL": cls.registry.url,
                                                  "BIGHEAD_REGISTRY_TOKEN": cls.registry.token,
                                                  "JPY_SESSION_NAME": "notebooks/demo.ipynb"})
        except BaseException:
            cls.registry.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.kernel.close()
        cls.registry.stop()
        cls.tmp.cleanup()

    def test_a_model_fitted_in_the_notebook_is_registered_with_its_cells_and_the_alias_moves(self):
        self.kernel.ok(self, "int rows = 1_000;")
        failed = self.kernel.execute("int broken = ;")
        self.assertEqual(failed.status, "error")
        self.kernel.ok(self, FIT_CELL, timeout=180)

        run = self.kernel.ok(self, "%bighead register listing-price model --alias champion --param rows=1000"
                                   " --tag team=pricing --reason 'first model'", timeout=120)

        line = f"registered listing-price v1 (champion → v1) {self.registry.url}/#/models/listing-price/versions/1\n"
        self.assertEqual(run.stdout(), line, run.describe())
        self.assertIsNone(run.result(), "register shows nothing but its line")
        version = get_json(f"{self.registry.url}/api/models/listing-price/versions/1")
        lineage = version["lineage"]
        self.assertEqual(lineage["notebook"], "notebooks/demo.ipynb")
        self.assertEqual(lineage["cells"], ["int rows = 1_000;", FIT_CELL],
                         "the cells that ran, in order; not the failed one, not the register cell itself")
        self.assertEqual(version["params"], {"rows": "1000"})
        self.assertEqual(version["tags"], {"team": "pricing"})
        self.assertEqual(version["target"], "price")
        self.assertEqual(get_json(f"{self.registry.url}/api/models/listing-price/aliases"),
                         {"aliases": {"champion": 1}})

        listing = self.kernel.value(self, "%bighead models", mime="text/html")
        self.assertIn(">listing-price</a></td><td>v1</td><td>champion → v1</td>", listing)

    def test_the_same_bundle_file_again_is_its_existing_version_unless_forced(self):
        bundle = Path(self.tmp.name) / "same.bighead"
        self.kernel.ok(self, FIT_CELL, timeout=180)
        self.kernel.ok(self, f'model.save(Path.of("{bundle}"));', timeout=60)
        url = f"{self.registry.url}/#/models/same-bytes/versions/1\n"
        url2 = f"{self.registry.url}/#/models/same-bytes/versions/2\n"

        first = self.kernel.ok(self, f"%bighead register same-bytes {bundle}", timeout=120)
        again = self.kernel.ok(self, f"%bighead register same-bytes {bundle}", timeout=120)
        forced = self.kernel.ok(self, f"%bighead register same-bytes {bundle} --force", timeout=120)

        self.assertEqual(first.stdout(), f"registered same-bytes v1 {url}", first.describe())
        self.assertEqual(again.stdout(), "already registered (same bytes; --force registers a new version): "
                                         f"same-bytes v1 {url}", again.describe())
        self.assertEqual(forced.stdout(), f"registered same-bytes v2 {url2}", forced.describe())

    def test_a_value_that_is_not_a_model_is_one_line_of_error(self):
        run = self.kernel.execute("%bighead register x notAModel")
        self.assertEqual(run.status, "error", run.describe())
        message = run.reply["content"]["evalue"]
        self.assertTrue(message.startswith("%bighead register: cannot evaluate notAModel: "), message)
        self.assertNotIn("\n", message)
        self.assertEqual(run.reply["content"]["traceback"], [run.reply["content"]["traceback"][0]])

        run = self.kernel.execute("%bighead register x \"Listings.generate(10, 1)\"")
        self.assertEqual(run.status, "error", run.describe())
        self.assertEqual(run.reply["content"]["evalue"],
                         "%bighead register: Listings.generate(10, 1) is a Table, not a FittedPipeline (call .fit(...) on a"
                         " Pipeline) or a .bighead file")


class RegisterWithoutRegistryTest(unittest.TestCase):
    def test_a_registry_that_refuses_the_token_is_one_line_saying_which_setting_to_change(self):
        with tempfile.TemporaryDirectory(prefix="bighead-register-magic-") as tmp:
            registry = Registry(Path(tmp) / "registry")
            try:
                kernel = KernelSession(extra_env={"BIGHEAD_REGISTRY_URL": registry.url,
                                                  "BIGHEAD_REGISTRY_TOKEN": "not-a-token"})
                try:
                    kernel.ok(self, FIT_CELL, timeout=180)
                    run = kernel.execute("%bighead register listing-price model", timeout=120)
                finally:
                    kernel.close()
            finally:
                registry.stop()
        self.assertEqual(run.status, "error", run.describe())
        message = run.reply["content"]["evalue"]
        self.assertTrue(message.startswith(f"registering listing-price at {registry.url} failed [HTTP 401]: "),
                        message)
        self.assertTrue(message.endswith("(set BIGHEAD_REGISTRY_TOKEN, or %bighead config registry.token TOKEN)"),
                        message)
        self.assertNotIn("\n", message)


if __name__ == "__main__":
    unittest.main()
