"""The registry's web UI in headless Chromium, against a real `./bighead registry serve`, read like a person reads it.

The test starts the registry on a free port with a temporary data folder, trains two small bundles with `./bighead
demo` (1,000 rows each, different seeds, so their metrics differ), registers them through the REST API (multipart
upload, the admin token from DATA/admin.token), points `champion` at v1 and then at v2, and records v1 then v2
running at one target, and v2 running then stopped at a second. Then it opens each page in Debian's Chromium (/usr/bin/chromium, driven by Playwright) and
checks what is on the screen against what the API says: the model in the list, both versions' metrics side by side
with the best one marked and their full value on hover, the Vega-Lite chart drawn (newest first as in the table,
bars of close values visibly different, the full value in the tooltip), the champion's move from v1 to v2 with who moved it, the
deployments in the history (a replaced or ended one not shown as running), the lineage cells, the pipeline graph image loaded, the bundle downloaded from the page
with the right SHA-256 under the name its link shows, and a clear message for an unknown model. Two batch-score jobs on `listing-price@champion`
really run (`./bighead jobs run NAME --wait`, the registry's scheduler starting `./bighead batch-score`): one scores
a generated CSV and succeeds, one names an input that does not exist and fails; the Jobs page, each job's page (its
settings, the run history with status badge, duration, rows and the log tail) and the model page's jobs are checked
against what the API says. Every page must load without console errors, failed requests or any request leaving
the registry.
Screenshots go to target/screenshots/registry-*.png; the server's log and the console are printed only on failure.

BIGHEAD_UI_TEST_URL (with BIGHEAD_UI_TEST_TOKEN) runs the same test against a registry that is already running and
empty (e.g. while developing the UI); by default the test starts its own.
"""
import hashlib
import json
import os
import re
import signal
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.request
import uuid
import zipfile
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from browser import MISSING, SCREENSHOTS, PlaywrightError, launch

ROOT = Path(__file__).resolve().parent.parent
BIGHEAD = str(ROOT / "bighead")
START_DEADLINE = 180   # s: ./bighead builds first when a source changed, then the JVM starts
DEMO_DEADLINE = 180    # s: one 1,000-row demo takes about 6 s on an idle machine
JOB_DEADLINE = 600     # s: a batch-score run starts Spark in a child process of the registry
STEP_TIMEOUT_MS = 30_000
MODEL = "listing-price"
CELLS = ['var listings = Listings.generate(1_000, seed);',
         'var model = ListingsPipelines.price().fit(Split.random(listings, 0.8, seed).train());',
         'model.save(Path.of("listing-price.bighead"));']


class Registry:
    """A `./bighead registry serve` in its own process group, or a registry already running at a given URL."""

    def __init__(self, workdir):
        self.process = None
        self.log_path = workdir / "registry.log"
        if os.environ.get("BIGHEAD_UI_TEST_URL"):
            self.base = os.environ["BIGHEAD_UI_TEST_URL"].rstrip("/")
            self.token = os.environ.get("BIGHEAD_UI_TEST_TOKEN", "")
            self.log_path.write_text(f"(the registry at {self.base} was started outside the test)\n")
            return
        self.data = workdir / "data"
        self.base = None  # port 0: the system picks a free port; the ready line says which
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                [BIGHEAD, "registry", "serve", "--port", "0", "--data", str(self.data)],
                cwd=ROOT, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def log(self):
        return self.log_path.read_text(errors="replace")[-6000:]

    def wait_until_up(self):
        deadline = time.monotonic() + START_DEADLINE
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise AssertionError(f"./bighead registry serve exited with {self.process.returncode}:\n{self.log()}")
            if self.base is None:
                found = re.search(r"Bighead registry on (http://127\.0\.0\.1:\d+)", self.log())
                if found is None:
                    time.sleep(0.1)
                    continue
                self.base = found.group(1)
            try:
                if self.get("/api/health")["status"] == "ok":
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError, ValueError):
                pass
            time.sleep(0.25)
        else:
            raise AssertionError(f"the registry did not answer /api/health within {START_DEADLINE} s:\n{self.log()}")
        if self.process is not None:
            self.token = (self.data / "admin.token").read_text().strip()

    def request(self, method, path, body=None, content_type="application/json"):
        """The JSON answer of one API call; writes carry the admin token."""
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        headers = {"Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = content_type
        if method != "GET":
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.base + path, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as e:
            raise AssertionError(f"{method} {path} → {e.code}: {e.read().decode(errors='replace')}") from e

    def get(self, path):
        with urllib.request.urlopen(self.base + path, timeout=10) as response:
            return json.loads(response.read())

    def register(self, name, bundle, info):
        """POST …/versions: the `info` JSON part, then the `bundle` bytes (API.md), as multipart/form-data."""
        boundary = uuid.uuid4().hex
        body = b"".join([
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"info\"\r\n"
            f"Content-Type: application/json\r\n\r\n".encode(), json.dumps(info).encode(), b"\r\n",
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"bundle\"; filename=\"{bundle.name}\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n".encode(), bundle.read_bytes(), b"\r\n",
            f"--{boundary}--\r\n".encode()])
        return self.request("POST", f"/api/models/{name}/versions", body,
                            content_type=f"multipart/form-data; boundary={boundary}")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # the bash entry point and the JVM it started
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)


def start_demo(workdir, seed):
    """Starts `./bighead demo` training one small reference bundle (1,000 rows) with `seed`."""
    out = workdir / f"price-seed{seed}.bighead"
    log_path = workdir / f"demo-seed{seed}.log"
    with log_path.open("w") as log:
        process = subprocess.Popen([BIGHEAD, "demo", "--out", str(out), "--rows", "1000", "--seed", str(seed)],
                                   cwd=ROOT, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    return out, log_path, process


def finish_demo(out, log_path, process):
    """Waits for a demo started by start_demo; its bundle's path."""
    try:
        code = process.wait(timeout=DEMO_DEADLINE)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        code = f"still running after {DEMO_DEADLINE} s"
    if code != 0 or not out.exists():
        raise AssertionError(f"./bighead demo --out {out.name} failed ({code}):\n"
                             f"{log_path.read_text(errors='replace')[-3000:]}")
    return out


def info_for(bundle, seed):
    """The registration info: the bundle's own metrics (as data-set.metric keys), parameters, lineage, tags."""
    with zipfile.ZipFile(bundle) as z:
        metadata = json.loads(z.read("metadata.json"))
    metrics = {f"{data_set}.{name}": value for data_set, values in metadata["metrics"].items()
               for name, value in values.items()}
    return {"sha256": hashlib.sha256(bundle.read_bytes()).hexdigest(),
            "params": {"rows": "1000", "seed": str(seed), "rounds": "200", "maxDepth": "6"},
            "metrics": metrics,
            "tags": {"team": "pricing", "source": "ui-test"},
            "lineage": {"notebook": "notebooks/01-listing-price.ipynb", "cells": CELLS,
                        "environmentImage": "bighead/java17-cpu:test", "user": "maya"},
            "description": f"reference pipeline, seed {seed}"}


def duration(start, end):
    """A run's duration as the page writes it (format.js duration): 12.3 s, 4 min 05 s, 2 h 03 min."""
    ms = (datetime.fromisoformat(end.replace("Z", "+00:00")) -
          datetime.fromisoformat(start.replace("Z", "+00:00"))) // timedelta(milliseconds=1)
    s = max(0, ms) // 1000
    if ms < 60_000:
        return f"{max(0, ms) // 100 / 10:.1f} s"
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s"
    return f"{s // 3600} h {s // 60 % 60:02d} min"


SECOND_TARGET = "http://10.0.0.6:8080"


def metric_keys(keys):
    """The UI's order of metric keys (metrics.js metricKeys): test, validation, train, others; then by name."""
    rank = {"test": 0, "validation": 1, "valid": 1, "train": 2}
    return sorted(keys, key=lambda k: (rank.get(k.rpartition(".")[0] if "." in k else "", 3), k))


@unittest.skipIf(MISSING, MISSING)
class RegistryUiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.started = time.monotonic()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for old in SCREENSHOTS.glob("registry-*.png"):
            old.unlink()
        tmp = tempfile.TemporaryDirectory(prefix="bighead-registry-ui-")
        cls.addClassCleanup(tmp.cleanup)
        cls.work = Path(tmp.name)
        # The first demo runs alone: ./bighead builds first when a source changed, and two builds must not race.
        # Then the registry starts while the second demo trains.
        first = finish_demo(*start_demo(cls.work, 1))
        second = start_demo(cls.work, 2)
        cls.registry = Registry(cls.work)
        cls.addClassCleanup(cls.registry.stop)  # runs even when setUpClass fails below
        bundles = [first, finish_demo(*second)]
        cls.registry.wait_until_up()
        cls.sent = [info_for(bundle, seed) for bundle, seed in zip(bundles, [1, 2])]
        for bundle, info in zip(bundles, cls.sent):
            cls.registry.register(MODEL, bundle, info)
        api = cls.registry.request
        api("PUT", f"/api/models/{MODEL}/aliases/champion", {"version": 1, "reason": "first model"})
        api("PUT", f"/api/models/{MODEL}/aliases/champion", {"version": 2, "reason": "beats v1 on test.rmse"})
        # v1 ran at the target first: the deployments row then shows v2, the deployment history both
        api("POST", f"/api/models/{MODEL}/deployments", {"version": 1, "kind": "serving",
                                                        "target": "http://10.0.0.5:8080", "status": "running"})
        api("POST", f"/api/models/{MODEL}/deployments", {"version": 2, "alias": "champion", "kind": "serving",
                                                        "target": "http://10.0.0.5:8080", "status": "running"})
        # v2 also ran at a second target and was stopped there: that earlier "running" event has ended
        for status in ("running", "stopped"):
            api("POST", f"/api/models/{MODEL}/deployments", {"version": 2, "kind": "serving",
                                                            "target": SECOND_TARGET, "status": status})
        cls.run_jobs()
        # what the pages must show, as the API reports it
        cls.versions = {v: cls.registry.get(f"/api/models/{MODEL}/versions/{v}") for v in (1, 2)}
        cls.moves = cls.registry.get(f"/api/models/{MODEL}/aliases/history")["moves"]
        cls.deploy_events = cls.registry.get(f"/api/models/{MODEL}/deployments/history")["events"]

        cls.jobs = {j["name"]: j for j in cls.registry.get("/api/jobs")["jobs"]}
        cls.runs = {name: cls.registry.get(f"/api/jobs/{name}/runs")["runs"] for name in cls.jobs}

        launch(cls, STEP_TIMEOUT_MS)

    @classmethod
    def run_jobs(cls):
        """Two batch-score jobs on the champion, each run once now with `./bighead jobs run NAME --wait`: one scores
        a small generated CSV, one names an input that does not exist (it fails, with no retry)."""
        listings = cls.work / "listings.csv"
        subprocess.run([BIGHEAD, "data", "listings", "--rows", "300", "--seed", "3", "--out", str(listings)],
                       cwd=ROOT, check=True, capture_output=True, timeout=DEMO_DEADLINE)
        common = {"kind": "batch-score", "model": f"{MODEL}@champion", "timeZone": "Europe/Paris",
                  "output": str(cls.work / "scores" / "{job}-{date}.parquet")}
        cls.registry.request("POST", "/api/jobs", {**common, "name": "nightly-scores", "schedule": "0 3 * * 1-5",
                                                   "input": str(listings)})
        cls.registry.request("POST", "/api/jobs", {**common, "name": "broken-input", "schedule": "@weekly",
                                                   "input": str(cls.work / "missing.csv"), "maxRetries": 0})
        env = {**os.environ, "BIGHEAD_REGISTRY_URL": cls.registry.base, "BIGHEAD_REGISTRY_TOKEN": cls.registry.token}
        runs = {name: subprocess.Popen([BIGHEAD, "jobs", "run", name, "--wait"], cwd=ROOT, env=env, text=True,
                                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                for name in ("nightly-scores", "broken-input")}
        for name, expected in (("nightly-scores", 0), ("broken-input", 1)):
            try:
                out, _ = runs[name].communicate(timeout=JOB_DEADLINE)
            except subprocess.TimeoutExpired:
                runs[name].kill()
                out, _ = runs[name].communicate()
            if runs[name].returncode != expected:
                raise AssertionError(f"./bighead jobs run {name} --wait exited {runs[name].returncode}, not {expected}:"
                                     f"\n{out}\n--- registry log (end) ---\n{cls.registry.log()}")

    def setUp(self):
        """A fresh tab per test; it records console errors, failed requests and any request leaving the registry."""
        self.problems, self.console = [], []
        context = self.browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        self.addCleanup(context.close)
        context.set_default_timeout(STEP_TIMEOUT_MS)

        def only_the_registry(route):
            if route.request.url.startswith(self.registry.base + "/") or route.request.url.startswith("data:"):
                route.continue_()
            else:
                self.problems.append(f"request outside the registry: {route.request.url}")
                route.abort()
        context.route("**/*", only_the_registry)
        self.page = page = context.new_page()
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))

    # --- helpers ---

    @contextmanager
    def diagnosed(self, step):
        """Turns a failure in `step` into one with a screenshot, the registry's log and the browser console."""
        try:
            yield
        except (AssertionError, PlaywrightError) as e:
            self.shot("failure")
            raise AssertionError(f"{step}: {e}\n--- registry log (end) ---\n{self.registry.log()}\n"
                                 f"--- browser console ---\n" + "\n".join(self.console[-40:]) + "\n"
                                 f"--- problems ---\n" + "\n".join(self.problems) + "\n"
                                 f"--- screenshot: {SCREENSHOTS / 'registry-failure.png'}") from e

    def shot(self, name):
        try:  # a screenshot is for people; it never decides the test
            self.page.screenshot(path=str(SCREENSHOTS / f"registry-{name}.png"), full_page=True)
        except PlaywrightError:
            pass

    def open(self, hash_route, route_name):
        """Opens a page and waits until its view replaced the loading state (main[data-route] is set then)."""
        self.page.goto(f"{self.registry.base}/{hash_route}")
        self.page.locator(f"main[aria-busy=false][data-route={route_name}], main[aria-busy=false] .problem") \
            .first.wait_for(state="attached")

    def assert_clean(self, allowed=()):
        """No console error, no failed or outside request, apart from the `allowed` substrings."""
        errors = [c for c in self.console if c.startswith("error")] + self.problems
        unexpected = [e for e in errors if not any(a in e for a in allowed)]
        self.assertEqual(unexpected, [], "console errors or failed requests:\n" + "\n".join(unexpected))

    def cell_text(self, row, version):
        return row.locator(f"td[data-version='{version}']").inner_text().replace("★", "").strip()

    # --- tests (alphabetical order is the order they run in) ---

    def test_1_the_models_page_lists_the_model_with_its_latest_version_and_champion(self):
        with self.diagnosed("open the models page"):
            self.open("#/", "models")
            row = self.page.locator(f"tr.model-row[data-model='{MODEL}']")
            row.wait_for(state="visible")
            self.shot("models")
        cells = row.locator("td").all_inner_texts()
        self.assertEqual(cells[0].splitlines()[0], MODEL)
        self.assertEqual(cells[1], "regression")
        self.assertEqual(cells[2], "v2")   # latest
        self.assertEqual(cells[3], "2")    # versions
        self.assertIn("champion → v2", cells[4])
        created = next(m["createdAt"] for m in self.registry.get("/api/models")["models"] if m["name"] == MODEL)
        self.assertEqual(row.locator("time").get_attribute("title"), created)  # local time shown, the instant on hover
        row.locator("a.model-name").click()
        self.page.locator("main[aria-busy=false][data-route=model]").wait_for(state="attached")
        self.assertEqual(self.page.evaluate("location.hash"), f"#/models/{MODEL}")
        self.assert_clean()

    def test_2_the_model_page_shows_both_versions_metrics_side_by_side_and_charts_them(self):
        with self.diagnosed("open the model page and wait for the chart"):
            self.open(f"#/models/{MODEL}", "model")
            chart = self.page.locator("#metrics-chart[data-rendered]")  # "true" once drawn, "false" if it cannot be
            chart.wait_for(state="attached")
            self.shot("model")
        self.assertEqual(chart.get_attribute("data-rendered"), "true",
                         f"the Vega-Lite chart was not drawn: {chart.inner_text()}")
        self.assertTrue(chart.locator("svg.marks").is_visible())
        metrics = self.page.locator("#metrics table.metrics")
        self.assertEqual(metrics.locator("thead th").all_text_contents(), ["Metric", "v2", "v1"])  # newest first
        v1, v2 = self.versions[1]["metrics"], self.versions[2]["metrics"]
        self.assertEqual(set(v1), set(self.sent[0]["metrics"]))
        for key in v1:
            row = metrics.locator(f"tr[data-metric='{key}']")
            for version, values in ((1, v1), (2, v2)):
                shown = row.locator(f"td[data-version='{version}']")
                self.assertEqual(float(shown.get_attribute("data-value")), values[key], key)
                self.assertRegex(self.cell_text(row, version), r"^-?[\d,.]+(e[+-]?\d+)?$", key)
        # lower is better for rmse: the smaller test.rmse is the highlighted one
        better = 1 if v1["test.rmse"] < v2["test.rmse"] else 2
        rmse = metrics.locator("tr[data-metric='test.rmse']")
        self.assertIn("best", rmse.locator(f"td[data-version='{better}']").get_attribute("class"))
        self.assertNotIn("best", rmse.locator(f"td[data-version='{3 - better}']").get_attribute("class"))
        # higher is better for r2
        better = 1 if v1["test.r2"] > v2["test.r2"] else 2
        self.assertIn("best", metrics.locator(f"tr[data-metric='test.r2'] td[data-version='{better}']")
                      .get_attribute("class"))
        # hovering a cell tells the value in full (the cell rounds to 4 digits)
        for key in v1:
            for version, values in ((1, v1), (2, v2)):
                title = metrics.locator(f"tr[data-metric='{key}'] td[data-version='{version}']").get_attribute("title")
                self.assertEqual(float(title.replace(" (best)", "")), values[key], key)
        # the Vega-Lite chart: one small bar chart per metric, one bar per version
        bars = self.page.locator("#metrics-chart g.mark-rect path")
        self.assertEqual(bars.count(), 2 * len(v1))
        keys = metric_keys(v1)  # one bar chart per metric, in the table's order (Vega-Lite's concat_N)
        charts = [self.page.locator(f"#metrics-chart g.concat_{i}_marks") for i in range(len(keys))]
        for i, key in enumerate(keys):
            if v1[key] == v2[key]:
                continue
            # newest first, as in the table: the left bar is v2
            left, right = sorted((b.bounding_box() for b in charts[i].locator("path").all()),
                                 key=lambda b: b["x"])
            heights = {2: left["height"], 1: right["height"]}
            # the axis starts near the values, not at zero: 67.00 against 67.45 are bars of clearly different heights
            small, tall = sorted(heights.values())
            self.assertLessEqual(small / tall, 0.5, f"{key}: {v1[key]} and {v2[key]} drawn as bars of {heights}")
            self.assertEqual(heights[2] > heights[1], v2[key] > v1[key], f"{key}: the left bar is not v2's")
        with self.diagnosed("hover a bar for its value in full"):
            rmse_chart = charts[keys.index("test.rmse")]
            left = min(rmse_chart.locator("path").all(), key=lambda b: b.bounding_box()["x"])
            left.hover()
            tooltip = self.page.locator("#vg-tooltip-element")
            tooltip.filter(has_text="v2").wait_for(state="visible")
        self.assertIn(repr(v2["test.rmse"]), tooltip.inner_text())
        self.assert_clean()

    def test_3_the_model_page_shows_the_champion_moving_from_v1_to_v2_and_who_moved_it(self):
        with self.diagnosed("open the model page and read the alias history"):
            self.open(f"#/models/{MODEL}", "model")
            history = self.page.locator("#alias-history tr.move[data-alias=champion]")
            history.first.wait_for(state="visible")
            self.page.locator("#compare .compare-result table.metrics").wait_for(state="visible")
            self.page.locator("#alias-history").scroll_into_view_if_needed()
            self.shot("model-history")
        self.assertEqual(history.count(), 2)
        newest = history.nth(0)  # newest first
        last_move = self.moves[-1]
        self.assertEqual(newest.locator(".transition").inner_text().split(), ["v1", "→", "v2"])
        self.assertEqual(newest.locator(".who").inner_text(), last_move["movedBy"])
        self.assertTrue(last_move["movedBy"], "the registry recorded no user for the move")
        self.assertEqual(newest.locator(".reason").inner_text(), "beats v1 on test.rmse")
        self.assertEqual(newest.locator("time").get_attribute("title"), last_move["at"])
        self.assertEqual(history.nth(1).locator(".transition").inner_text().split(), ["none", "→", "v1"])
        # aliases now, the deployment, and the comparison of the two versions (parameters from GET …/compare)
        self.assertEqual(self.page.locator("#aliases tr[data-alias=champion] td").nth(1).inner_text(), "v2")
        deployment = self.page.locator("#deployments tr.deployment", has_text="http://10.0.0.5:8080")
        self.assertIn("running", deployment.inner_text())
        self.assertEqual(deployment.count(), 1)
        # the deployment history keeps v1 as well, newest first
        events = self.page.locator("#deployment-history tr.deployment-event[data-target='http://10.0.0.5:8080']")
        self.assertEqual([events.nth(i).get_attribute("data-version") for i in range(events.count())], ["2", "1"])
        newest_event = events.nth(0)
        self.assertEqual(newest_event.get_attribute("data-target"), "http://10.0.0.5:8080")
        self.assertEqual(newest_event.get_attribute("data-status"), "running")
        latest = [e for e in self.deploy_events if e["target"] == "http://10.0.0.5:8080"][-1]
        self.assertEqual(newest_event.locator(".who").inner_text(), latest["createdBy"])
        self.assertEqual(newest_event.locator("time").first.get_attribute("title"), latest["at"])
        self.assertIn("champion", newest_event.inner_text())
        # only the latest event at a target may say running: v1 was replaced by v2, v2 at the second target ended
        replaced = events.nth(1)
        self.assertEqual(replaced.get_attribute("data-status"), "replaced")
        self.assertNotIn("running", replaced.inner_text())
        second = self.page.locator(f"#deployment-history tr.deployment-event[data-target='{SECOND_TARGET}']")
        self.assertEqual([second.nth(i).get_attribute("data-status") for i in range(second.count())],
                         ["stopped", "ended"])
        self.assertNotIn("running", second.nth(1).inner_text())
        seed = self.page.locator("#compare table.params-compare tr[data-param=seed]")
        self.assertEqual(seed.locator("td").all_inner_texts(), ["2", "1"])
        self.assertIn("differs", seed.get_attribute("class"))
        self.assertNotIn("differs", self.page.locator("#compare tr[data-param=rounds]").get_attribute("class") or "")
        self.assert_clean()

    def test_4_the_version_page_shows_lineage_cells_the_pipeline_graph_and_a_bundle_to_download(self):
        v = self.versions[2]
        with self.diagnosed("open version 2 and wait for the pipeline graph"):
            self.open(f"#/models/{MODEL}/versions/2", "version")
            graph = self.page.locator("#graph img#pipeline-graph")
            graph.wait_for(state="visible")
            self.page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=graph.element_handle())
            self.shot("version")
        self.assertIn("champion", self.page.locator(".page-title h1").inner_text())
        cells = self.page.locator("#lineage .cell pre")
        self.assertEqual(cells.all_inner_texts(), CELLS)
        lineage = self.page.locator("#lineage").inner_text()
        self.assertIn("notebooks/01-listing-price.ipynb", lineage)
        self.assertIn("maya", lineage)
        self.assertIn("bighead/java17-cpu:test", lineage)
        for key in ("dataFingerprint",):
            if v["lineage"].get(key):  # filled from the bundle by the server
                self.assertIn(v["lineage"][key], lineage)
        for lib, version in (v["lineage"].get("libraryVersions") or {}).items():
            self.assertIn(f"{lib} {version}", lineage)
        self.assertEqual(float(self.page.locator("#metrics td[data-key='test.rmse']").get_attribute("data-value")),
                         v["metrics"]["test.rmse"])
        self.assertEqual(self.page.locator("#params tr[data-key=seed] td").nth(1).inner_text(), "2")
        self.assertEqual(self.page.locator("#schema tr[data-column=bedrooms] td").nth(1).inner_text(), "numeric")
        self.assertEqual(self.page.locator("#schema tr[data-column=host_is_superhost] td").nth(1).inner_text(),
                         "boolean")
        self.assertIn("http://10.0.0.5:8080", self.page.locator("#deployments").inner_text())
        self.assertEqual(self.page.locator("#sha256").inner_text(), v["sha256"])
        with self.diagnosed("download the bundle from the page"):
            link = self.page.locator("#bundle a.button")
            with self.page.expect_download() as download:
                link.click()
            saved = self.work / "downloaded.bighead"
            download.value.save_as(saved)
        self.assertEqual(hashlib.sha256(saved.read_bytes()).hexdigest(), v["sha256"])
        self.assertEqual(saved.stat().st_size, v["sizeBytes"])
        # the file is saved under the name the link shows (the server's Content-Disposition says the same)
        self.assertEqual(download.value.suggested_filename, link.get_attribute("download"))
        self.assertEqual(download.value.suggested_filename, f"{MODEL}-v2.bighead")
        self.assertEqual(link.inner_text().strip(), f"{MODEL}-v2.bighead")
        self.assert_clean()

    def test_4b_a_replaced_version_says_it_is_not_deployed_now_and_where_it_ran_before(self):
        with self.diagnosed("open version 1, replaced by version 2 at its target"):
            self.open(f"#/models/{MODEL}/versions/1", "version")
            self.page.locator("#deployments").wait_for(state="visible")
        deployments = self.page.locator("#deployments")
        self.assertIn("Not deployed now.", deployments.inner_text())
        self.assertEqual(deployments.locator("tr.deployment").count(), 0)
        earlier = deployments.locator("tr.deployment-event")
        self.assertEqual(earlier.count(), 1)
        self.assertEqual(earlier.get_attribute("data-target"), "http://10.0.0.5:8080")
        self.assertEqual(earlier.get_attribute("data-status"), "replaced")
        self.assertIn("by v2", earlier.inner_text())
        # version 2 is the latest at both its targets (running at one, stopped at the other): nothing earlier
        self.open(f"#/models/{MODEL}/versions/2", "version")
        self.page.locator("#deployments").wait_for(state="visible")
        self.assertEqual(self.page.locator("#deployments tr.deployment").count(), 2)
        self.assertEqual(self.page.locator("#deployments tr.deployment-event").count(), 0)
        self.assert_clean()

    def test_5_an_unknown_model_gets_a_clear_message(self):
        with self.diagnosed("open a model that does not exist"):
            self.open("#/models/no-such-model", "model")
            problem = self.page.locator(".problem[data-status='404']")
            problem.wait_for(state="visible")
            self.shot("not-found")
        self.assertIn("Model “no-such-model” was not found", problem.inner_text())
        self.assertIn("All models", problem.inner_text())
        # the 404s of the API calls for this page are expected; Chromium also logs them in the console
        self.assert_clean(allowed=["/api/models/no-such-model", "status of 404"])

    def test_6_the_jobs_page_lists_each_job_with_its_schedule_next_run_and_last_run(self):
        with self.diagnosed("open the jobs page"):
            self.open("#/jobs", "jobs")
            row = self.page.locator("tr.job-row[data-job='nightly-scores']")
            row.wait_for(state="visible")
            self.shot("jobs")
        self.assertEqual(self.page.locator(".topbar nav a.active").inner_text(), "Jobs")
        self.assertEqual(self.page.locator("tr.job-row").count(), 2)
        job = self.jobs["nightly-scores"]
        cells = row.locator("td").all_inner_texts()
        self.assertEqual(cells[0], "nightly-scores")
        self.assertEqual(cells[1], "batch-score")
        self.assertEqual(cells[2], f"{MODEL}@champion")
        self.assertEqual(row.locator("a.model-ref").get_attribute("href"), f"#/models/{MODEL}")
        self.assertIn("0 3 * * 1-5", cells[3])
        self.assertIn("Monday to Friday at 03:00", cells[3])
        self.assertEqual(cells[4], "Europe/Paris")
        self.assertEqual(row.locator("td.next-run time").get_attribute("title"), job["nextRun"])
        self.assertEqual(row.locator("td.last-run .badge.status").inner_text(), "succeeded")
        self.assertIn("good", row.locator("td.last-run .badge.status").get_attribute("class"))
        broken = self.page.locator("tr.job-row[data-job='broken-input']")
        self.assertEqual(broken.locator("td.last-run .badge.status").inner_text(), "failed")
        self.assertIn("bad", broken.locator("td.last-run .badge.status").get_attribute("class"))
        self.assertIn("every Sunday at 00:00", broken.locator("td").nth(3).inner_text())  # @weekly
        row.locator("a.model-name").click()
        self.page.locator("main[aria-busy=false][data-route=job]").wait_for(state="attached")
        self.assertEqual(self.page.evaluate("location.hash"), "#/jobs/nightly-scores")
        self.assert_clean()

    def test_7_a_job_page_shows_its_settings_and_its_run_with_status_duration_rows_and_log(self):
        job, run = self.jobs["nightly-scores"], self.runs["nightly-scores"][0]
        self.assertEqual(run["status"], "succeeded")
        with self.diagnosed("open the job page and unfold the run's log tail"):
            self.open("#/jobs/nightly-scores", "job")
            row = self.page.locator("#runs tr.run").first
            row.wait_for(state="visible")
            row.locator("details.log-tail summary").click()
            row.locator("pre.log").wait_for(state="visible")
            self.shot("job")
        self.assertIn("nightly-scores", self.page.locator(".page-title h1").inner_text())
        self.assertEqual(self.page.locator("#next-run time").get_attribute("title"), job["nextRun"])
        spec = self.page.locator("#spec")
        self.assertEqual(spec.locator("dd[data-key=input]").inner_text(), job["input"])
        self.assertEqual(spec.locator("dd[data-key=output]").inner_text(), job["output"])
        schedule = self.page.locator("#schedule")
        self.assertIn("Monday to Friday at 03:00", schedule.locator("dd[data-key=schedule]").inner_text())
        self.assertEqual(schedule.locator("dd[data-key=time-zone]").inner_text(), "Europe/Paris")
        self.assertEqual(schedule.locator("dd[data-key=catch-up]").inner_text(), "latest")
        self.assertEqual(schedule.locator("dd[data-key=retries]").inner_text(), "2")
        # the history row: what the API recorded for the run, as a person reads it
        self.assertEqual(self.page.locator("#runs tr.run").count(), 1)
        self.assertEqual(row.get_attribute("data-status"), "succeeded")
        badge = row.locator("td.status .badge.status")
        self.assertEqual(badge.inner_text(), "succeeded")
        self.assertIn("good", badge.get_attribute("class"))
        self.assertEqual(row.locator("td").nth(0).locator("time").get_attribute("title"), run["logicalTime"])
        self.assertEqual(row.locator("td").nth(1).inner_text(), "manual")
        self.assertEqual(row.locator("td").nth(2).inner_text(), "1")
        self.assertEqual(row.locator("td").nth(4).locator("time").get_attribute("title"), run["startedAt"])
        self.assertEqual(row.locator("td.duration").inner_text(), duration(run["startedAt"], run["endedAt"]))
        self.assertEqual(row.locator("td.outputs .rows").inner_text(), f"{run['outputs']['rows']:,} rows")
        self.assertEqual(run["outputs"]["rows"], 300)
        self.assertEqual(row.locator("td.outputs .files").inner_text(), "1 file")
        self.assertIn("scored 300 rows", row.locator("pre.log").inner_text())
        self.assertEqual(row.locator("pre.log").inner_text().strip(), run["logTail"].strip())
        self.assert_clean()

    def test_8_a_failed_run_shows_a_red_badge_its_message_and_the_model_page_lists_the_jobs(self):
        run = self.runs["broken-input"][0]
        self.assertEqual(run["status"], "failed")
        with self.diagnosed("open the failed job's page"):
            self.open("#/jobs/broken-input", "job")
            row = self.page.locator("#runs tr.run").first
            row.wait_for(state="visible")
            self.shot("job-failed")
        badge = row.locator("td.status .badge.status")
        self.assertEqual(badge.inner_text(), "failed")
        self.assertIn("bad", badge.get_attribute("class"))
        self.assertTrue(run["message"], "the failed run recorded no message")
        # the message says why in batch-score's own words, not only its exit status
        self.assertRegex(run["message"], r"^batch-score exited with status 1: .*missing\.csv")
        self.assertIn(run["message"], row.locator("td.message").inner_text())
        # a failed run's log tail (batch-score's one line saying why) is open, not folded
        self.assertTrue(row.locator("pre.log").is_visible())
        self.assertEqual(row.locator("pre.log").inner_text().strip(), run["logTail"].strip())
        with self.diagnosed("open the model page and read its jobs"):
            self.open(f"#/models/{MODEL}", "model")
            self.page.locator("#jobs tr.job-row").first.wait_for(state="visible")
        self.assertEqual(sorted(self.page.locator("#jobs tr.job-row").evaluate_all("rows => rows.map(r => r.dataset.job)")),
                         ["broken-input", "nightly-scores"])
        self.assert_clean()

    def test_9_an_unknown_job_gets_a_clear_message(self):
        with self.diagnosed("open a job that does not exist"):
            self.open("#/jobs/no-such-job", "job")
            problem = self.page.locator(".problem[data-status='404']")
            problem.wait_for(state="visible")
        self.assertIn("Job “no-such-job” was not found", problem.inner_text())
        self.assertIn("All jobs", problem.inner_text())
        self.assert_clean(allowed=["/api/jobs/no-such-job", "status of 404"])

    @classmethod
    def tearDownClass(cls):
        print(f"\nregistry UI test: {time.monotonic() - cls.started:.1f} s; screenshots in {SCREENSHOTS}", flush=True)


if __name__ == "__main__":
    unittest.main()
