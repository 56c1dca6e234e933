"""Executes every notebook under notebooks/ headless in the Bighead kernel and checks what it shows.

Run by `./bighead test` with the project's .venv Python (nbclient, kernelspec "bighead"). Each notebook runs once,
in a fresh kernel, with a temporary folder of its own as working directory (what a notebook writes beside itself
lands there, never in the checkout) and BIGHEAD_HOME, BIGHEAD_CONFIG and the JVM's temp folder inside it. The
executed copies are kept under target/notebooks/ for people to look at.
"""
import collections
import csv
import json
import os
import re
import subprocess
import tempfile
import unittest
import urllib.request
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

import test_batch_score as batch  # parquet_rows: batch-score's output read with pyarrow
import test_registry_serving as serving  # Server: a ./bighead server on a free port

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
EXECUTED = ROOT / "target" / "notebooks"
KERNEL = "bighead"
CELL_TIMEOUT = 300
SVG = "image/svg+xml"
HTML = "text/html"
VEGA_LITE = "application/vnd.vegalite.v5+json"


class CountingClient(NotebookClient):
    """An nbclient that also counts the kernel's messages by type, per cell (updates leave no output of their own)."""

    def __init__(self, nb, **kw):
        super().__init__(nb, **kw)
        self.messages = collections.defaultdict(collections.Counter)

    def process_message(self, msg, cell, cell_index):
        self.messages[cell_index][msg["msg_type"]] += 1
        return super().process_message(msg, cell, cell_index)


class Run:
    """One executed notebook: the notebook with its outputs, the message counts, the failure if any."""

    def __init__(self, path, nb, messages, failure):
        self.path, self.nb, self.messages, self.failure = path, nb, messages, failure

    def index(self, snippet):
        """The index of the code cell that is snippet, else of the one code cell that contains it."""
        code = [(i, c.source) for i, c in enumerate(self.nb.cells) if c.cell_type == "code"]
        found = [i for i, source in code if source.strip() == snippet] or [i for i, source in code if snippet in source]
        if len(found) != 1:
            raise AssertionError(f"{self.path.name}: {len(found)} code cells contain {snippet!r}, expected one")
        return found[0]

    def outputs(self, snippet):
        return self.nb.cells[self.index(snippet)].get("outputs", [])

    def data(self, snippet, mime):
        """The values of mime in the rich outputs (results and displays) of the cell containing snippet."""
        return [o["data"][mime] for o in self.outputs(snippet) if mime in o.get("data", {})]

    def stdout(self, snippet=None):
        cells = [self.nb.cells[self.index(snippet)]] if snippet else [c for c in self.nb.cells if c.cell_type == "code"]
        return "".join(o.get("text", "") for c in cells for o in c.get("outputs", [])
                       if o["output_type"] == "stream" and o["name"] == "stdout")

    def errors(self):
        return [(c.source.splitlines()[0] if c.source else "", o["ename"], o["evalue"])
                for c in self.nb.cells if c.cell_type == "code"
                for o in c.get("outputs", []) if o["output_type"] == "error"]


def execute(path, workdir, registry_env):
    """Runs a notebook in a fresh Bighead kernel; saves the executed copy under target/notebooks/."""
    nb = nbformat.read(path, as_version=4)
    opts = " ".join(filter(None, [os.environ.get("BIGHEAD_KERNEL_JAVA_OPTS"), f"-Djava.io.tmpdir={workdir}"]))
    env = dict(os.environ, BIGHEAD_HOME=str(workdir / "home"), BIGHEAD_CONFIG=str(workdir / "config.json"),
               BIGHEAD_KERNEL_JAVA_OPTS=opts, **registry_env)
    # outside the checkout no .venv is found upwards (scikit-learn's data sets): name the project's, as ./bighead test
    env.setdefault("BIGHEAD_VENV", str(ROOT / ".venv"))
    # coalesce_streams: one stdout output per cell, however the kernel split what was printed
    client = CountingClient(nb, kernel_name=KERNEL, timeout=CELL_TIMEOUT, coalesce_streams=True,
                            resources={"metadata": {"path": str(workdir)}})
    failure = None
    log = workdir / "kernel.log"
    with log.open("w") as kernel_output:  # the kernel's own log: shown only when a notebook fails
        try:
            client.execute(env=env, stdout=kernel_output, stderr=kernel_output)
        except CellExecutionError as e:
            failure = f"{e}\n--- kernel log (last lines) ---\n" + "\n".join(log.read_text().splitlines()[-30:])
    EXECUTED.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(EXECUTED / path.name))
    return Run(path, nb, client.messages, failure)


def text_table(text):
    """The rows of a table's text/plain display (Tablesaw's: a title, a header, a rule, then `a  |  b` rows)."""
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("---"))
    names = [name.strip() for name in lines[at - 1].split("|")]
    return [dict(zip(names, (value.strip() for value in line.split("|")))) for line in lines[at + 1:] if line.strip()]


def stop_deployments(home):
    """Stops every deployment a notebook's kernel started (their state is under its BIGHEAD_HOME)."""
    if not (home / "deployments").is_dir():
        return
    env = dict(os.environ, BIGHEAD_HOME=str(home))
    listed = subprocess.run([str(ROOT / "bighead"), "deployments", "list", "--json"], capture_output=True,
                            text=True, timeout=120, env=env, cwd=ROOT)
    for d in json.loads(listed.stdout or "[]"):
        subprocess.run([str(ROOT / "bighead"), "deployments", "stop", d["name"]], capture_output=True, timeout=120,
                       env=env, cwd=ROOT)


class NotebooksTest(unittest.TestCase):
    runs = {}

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="bighead-notebooks-")
        cls.addClassCleanup(cls.tmp.cleanup)
        tmp = Path(cls.tmp.name)
        # the notebooks export: a registry of its own, and the deployments its kernel starts are stopped after. One
        # job worker: 05 runs its retrain now, and the registry's scheduler is what runs a job (as for a user)
        cls.registry = serving.Server(["registry", "serve", "--data", str(tmp / "registry"), "--job-workers", "1"],
                                      "/api/health", dict(os.environ, BIGHEAD_HOME=str(tmp / "registry-home")))
        cls.addClassCleanup(cls.registry.stop)
        cls.registry_env = {"BIGHEAD_REGISTRY_URL": cls.registry.url,
                            "BIGHEAD_REGISTRY_TOKEN": (tmp / "registry" / "admin.token").read_text().strip()}
        cls.paths = sorted(NOTEBOOKS.glob("*.ipynb"))
        cls.workdirs = {}
        for path in cls.paths:
            workdir = cls.workdirs[path.stem] = tmp / path.stem
            workdir.mkdir()
            cls.addClassCleanup(stop_deployments, workdir / "home")
            cls.runs[path.stem] = execute(path, workdir, cls.registry_env)

    def run_of(self, name):
        run = self.runs[name]
        self.assertIsNone(run.failure, f"{name} did not run to the end:\n{run.failure}")
        return run

    def test_the_quickstart_exports_and_its_live_endpoint_answers_what_the_notebook_predicts(self):
        run = self.run_of("00-quickstart")
        # the same double, to the last digit
        self.assertGreater(self.endpoint_equals_notebook(run, 'Endpoint.of("quickstart-price")'), 0)
        # registered with the cells that built it, and the alias moved
        version = serving.get_json(self.registry.url + "/api/models/quickstart-price/versions/1")
        self.assertEqual(version["aliases"], ["champion"])
        self.assertTrue(any("TrainingMonitor.show()" in cell for cell in version["lineage"]["cells"]))
        # the training monitor and both export displays are widgets in the page
        widget = "application/vnd.jupyter.widget-view+json"
        self.assertTrue(run.data("TrainingMonitor.show()", widget))
        self.assertTrue(run.data("%bighead export model", widget))
        self.assertTrue(run.data("%bighead export model --name quickstart-price", widget))

    def endpoint_equals_notebook(self, run, cell):
        """The cell printed `endpoint: X` and `notebook: Y` with X == Y to the last digit; returns X."""
        out = run.stdout(cell)
        endpoint = re.search(r"^endpoint: (\S+)$", out, re.MULTILINE)
        notebook = re.search(r"^notebook: (\S+)$", out, re.MULTILINE)
        self.assertIsNotNone(endpoint, out)
        self.assertIsNotNone(notebook, out)
        self.assertEqual(endpoint.group(1), notebook.group(1))
        return float(endpoint.group(1))

    def test_the_custom_stage_is_exported_with_its_code_and_served(self):
        run = self.run_of("02-custom-stage")
        self.assertGreater(self.endpoint_equals_notebook(run, 'Endpoint.of("crowding-price")'), 0)
        version = serving.get_json(self.registry.url + "/api/models/crowding-price/versions/1")
        self.assertEqual(version["aliases"], ["champion"])
        self.assertTrue(any("record FittedCrowding" in cell for cell in version["lineage"]["cells"]))

    def test_deep_learning_trains_an_mlp_with_a_live_monitor_and_compares_it_with_the_trees(self):
        run = self.run_of("04-deep-learning")
        self.assertTrue(run.data("TrainingMonitor.show()", "application/vnd.jupyter.widget-view+json"))
        self.assertIn(">mlp<", run.data("net.fit(split.train(), monitor)", SVG)[0])
        found = re.search(r"R² network (-?[\d.]+), trees ([\d.]+) \((\d+) epochs watched\)",
                          run.stdout("var netMetrics"))
        self.assertIsNotNone(found, run.stdout("var netMetrics"))
        self.assertEqual(int(found.group(3)), 30)  # the monitor saw every epoch
        self.assertGreater(float(found.group(1)), 0.3)  # the network learned something real
        self.assertRegex(run.stdout("var row = split.test().first(1);"), r"network: [\d.]+\ntrees:   [\d.]+")

    def test_batch_scoring_on_spark_gives_the_models_own_predictions_for_every_row(self):
        run = self.run_of("05-batch-and-retraining")
        out = run.stdout("%bighead batch-score batch-price@champion")
        self.assertRegex(out, r"scored 2,000 rows with batch-price \S+ in [\d.]+ s: 0 bad rows; wrote ")
        first = run.data("%bighead batch-score batch-price@champion", HTML)
        self.assertEqual(len(first), 1, "the output's first rows are shown as a table")
        self.assertIn("prediction", first[0])
        workdir = self.workdirs["05-batch-and-retraining"]
        data = workdir / "batch" / "listings.csv"
        # what ./bighead predict (the serving runtime's plan) gives the registered version for the same CSV
        bundle = workdir / "batch-price-v1.bighead"
        with urllib.request.urlopen(self.registry.url + "/api/models/batch-price/versions/1/bundle", timeout=30) as r:
            bundle.write_bytes(r.read())
        predict = subprocess.run([str(ROOT / "bighead"), "predict", str(bundle), "--input", str(data)],
                                 capture_output=True, text=True, timeout=300, cwd=ROOT,
                                 env=dict(os.environ, BIGHEAD_HOME=str(workdir / "predict-home")))
        self.assertEqual(predict.returncode, 0, predict.stderr)
        expected = [json.loads(line)["prediction"] for line in predict.stdout.splitlines()]
        with data.open() as f:
            ids = [row["listing_id"] for row in csv.DictReader(f)]
        scored = {row["listing_id"]: row for row in batch.parquet_rows(workdir / "batch" / "scored.parquet")}
        self.assertEqual(len(scored), 2000)
        for listing, prediction in zip(ids, expected, strict=True):
            self.assertEqual(scored[listing]["prediction"], prediction, f"listing {listing}")
            self.assertIsNone(scored[listing]["error"])
        # the first rows shown are the output's, and the notebook's own predictions for them are the same numbers
        shown = text_table(run.data("%bighead batch-score batch-price@champion", "text/plain")[0])
        in_notebook = text_table(run.data("var inNotebook = model.predict(", "text/plain")[0])
        self.assertEqual(len(shown), 5)
        for row in shown + in_notebook:
            self.assertEqual(float(row["prediction"]), scored[row["listing_id"]]["prediction"], row)
        self.assertEqual([r["listing_id"] for r in in_notebook], ids[:5])

    def test_the_retrain_job_runs_from_the_notebook_and_both_jobs_are_listed_there(self):
        run = self.run_of("05-batch-and-retraining")
        followed = run.stdout("%bighead jobs weekly-retrain --run")
        self.assertRegex(followed, r"weekly-retrain: run at \S+ queued")
        self.assertRegex(followed, r"weekly-retrain: succeeded in [\d.]+ s")
        # the manual run, not runs[0]: the schedule (@weekly, or nightly-scores at 02:00 UTC holding the one job
        # worker) may fire during the test
        history = serving.get_json(self.registry.url + "/api/jobs/weekly-retrain/runs")["runs"]
        manual = [r for r in history if r["trigger"] == "manual"]
        self.assertEqual(len(manual), 1, history)
        retrain = manual[0]
        self.assertEqual(retrain["status"], "succeeded", retrain)
        outputs = retrain["outputs"]
        self.assertEqual(outputs["newVersion"], 2, retrain)
        v1, v2 = (serving.get_json(f"{self.registry.url}/api/models/batch-price/versions/{v}") for v in (1, 2))
        self.assertEqual(v2["lineage"]["user"], "job:weekly-retrain")
        # promoted exactly when the new version beats champion's test MAE by the job's margin (0.5)
        self.assertEqual(outputs["promoted"], v2["metrics"]["test.mae"] <= v1["metrics"]["test.mae"] - 0.5, outputs)
        self.assertIn("test.mae", outputs["reason"])
        self.assertIn("champion", (v2 if outputs["promoted"] else v1)["aliases"])
        # the run's table under the cell: the run, the version it registered
        runs = run.data("%bighead jobs weekly-retrain --run", "text/plain")[0]
        self.assertRegex(runs, r"manual +(?:\S+ +)*succeeded")
        # %bighead jobs lists both jobs the export made, with paths that start at the notebook's folder
        listed = run.data("%bighead jobs", "text/plain")[0]
        self.assertRegex(listed, r"nightly-scores +batch-score +batch-price@champion +0 2 \* \* \*")
        self.assertRegex(listed, r"weekly-retrain +retrain +batch-price@champion +@weekly")
        nightly = serving.get_json(self.registry.url + "/api/jobs/nightly-scores")
        workdir = self.workdirs["05-batch-and-retraining"]
        self.assertEqual(nightly["output"], str(workdir / "batch" / "scores" / "{date}.parquet"))

    def test_there_are_example_notebooks(self):
        self.assertGreaterEqual(len(self.paths), 5, f"notebooks in {NOTEBOOKS}")

    def test_every_notebook_runs_to_the_end_without_an_error_output(self):
        for name, run in self.runs.items():
            with self.subTest(notebook=name):
                self.assertIsNone(run.failure, f"{name} failed:\n{run.failure}")
                self.assertEqual(run.errors(), [])
                code = [c for c in run.nb.cells if c.cell_type == "code"]
                self.assertTrue(all(c.get("execution_count") for c in code), f"{name}: a cell did not run")

    def test_notebooks_are_committed_without_outputs_for_the_bighead_kernel(self):
        for path in self.paths:
            with self.subTest(notebook=path.name):
                nb = nbformat.read(path, as_version=4)
                nbformat.validate(nb)
                self.assertEqual(nb.metadata.kernelspec,
                                 {"name": "bighead", "display_name": "Java (Bighead)", "language": "java"})
                self.assertEqual(nb.metadata.language_info.name, "java")
                for cell in nb.cells:
                    if cell.cell_type == "code":
                        self.assertEqual(cell.outputs, [], cell.source[:60])
                        self.assertIsNone(cell.execution_count, cell.source[:60])

    def test_listing_price_trains_shows_its_graph_and_metrics_and_reloads_identically(self):
        run = self.run_of("01-listing-price")
        self.assertIn("bh-table", run.data("Listings.generate(20_000, 42)", HTML)[0])
        self.assertIn("not fitted", run.data("Pipeline.of(select, impute", SVG)[0])

        fitted = run.data("pipeline.fit(split.train())", SVG)
        self.assertEqual(len(fitted), 1, "the fitted pipeline shows one graph")
        self.assertTrue(fitted[0].lstrip().startswith("<svg"))
        self.assertIn(">xgboost<", fitted[0])
        self.assertIn("Wall time:", run.stdout("pipeline.fit(split.train())"))

        metrics = run.outputs("model.evaluate(split.test())")[0]["data"]
        # one Vega-Lite view (metrics table above the plot): JupyterLab would show an HTML entry instead of it
        self.assertNotIn(HTML, metrics)
        self.assertIn("vega-lite/v5", metrics[VEGA_LITE]["$schema"])
        self.assertEqual(len(metrics[VEGA_LITE]["vconcat"]), 2)
        self.assertRegex(metrics["text/plain"], r"Metrics\{rmse=[\d.]+, mae=[\d.]+, r2=0\.[5-9]")

        profile = run.outputs("model.metadata().profile()")[0]["data"]
        self.assertIn(HTML, profile)
        self.assertIn(VEGA_LITE, profile)
        self.assertIn("bh-before-after", run.data('beforeAfter("impute"', HTML)[0])
        self.assertRegex(run.stdout("Prediction p = model.predict(listing)"), r"predicted price: \$\d+\.\d\d a night")

        self.assertIn("identical: true", run.stdout("FittedPipeline.load(bundle)"))
        shown = run.data("%bighead show bundle", SVG)
        self.assertEqual(len(shown), 1, "%bighead show displays the loaded bundle's graph")
        self.assertIn(">xgboost<", shown[0])

    def test_a_custom_stage_defined_in_a_cell_trains_shows_in_the_graph_and_survives_save_and_load(self):
        run = self.run_of("02-custom-stage")
        self.assertEqual(run.outputs("record FittedCrowding("), [], "defining the stage prints nothing")
        self.assertIn(">crowding<", run.data("new Crowding()", SVG)[0])
        self.assertIn(">crowding<", run.data("pipeline.fit(split.train())", SVG)[0])
        # a fitted stage displays as a card: its summary, what it reads and writes, its learned parameters
        self.assertRegex(run.data('model.stage("crowding")', "text/plain")[0],
                         r"^crowding · guests per bedroom, capped at [\d.]+ \(2 columns → 1\)$")
        card = run.data('model.stage("crowding")', HTML)[0]
        self.assertIn("reads accommodates, bedrooms", card)
        self.assertIn("cap", card)
        self.assertRegex(run.stdout("ListingsPipelines.price()"),
                         r"R² with crowding 0\.\d+, reference pipeline 0\.\d+")
        self.assertIn("identical: true", run.stdout("FittedPipeline.load(bundle)"))
        self.assertIn('"type" : "crowding"', run.stdout("java.util.zip.ZipFile"))
        self.assertIn(">crowding<", run.data("%bighead show bundle", SVG)[0])

    def test_the_classifier_prints_probabilities_and_updates_its_progress_display_in_place(self):
        run = self.run_of("03-classification-and-display")
        progress = run.index("updateDisplay(progress")
        self.assertGreaterEqual(run.messages[progress]["update_display_data"], 20)
        shown = run.data("updateDisplay(progress", HTML)
        self.assertEqual(len(shown), 1, "the progress line is one output, updated in place")
        self.assertIn("round 200/200", shown[0])

        curve = run.data("vegaLite(", VEGA_LITE)[0]
        self.assertEqual(len(curve["data"]["values"]), 200)
        self.assertIn("roc_auc", run.data("model.evaluate(split.test())", "text/plain")[0])

        line = re.search(r"booked: (true|false) +P\(booked\) = (0\.\d+) +P\(not booked\) = (0\.\d+)",
                         run.stdout("Prediction p = model.predict(listing)"))
        self.assertIsNotNone(line, run.stdout("Prediction p = model.predict(listing)"))
        self.assertAlmostEqual(float(line[2]) + float(line[3]), 1.0, delta=0.002)
        self.assertEqual(line[1], "true" if float(line[2]) > 0.5 else "false")
        self.assertIn("probability(true)", run.data("model.predict(split.test().first(8))", HTML)[0])
        self.assertIn("logistic regression", run.data("Table comparison", HTML)[0])
        self.assertIn("ROC AUC", run.data("markdown(", "text/markdown")[0])

        self.assertIn("breast_cancer: 569 rows X 31 cols", run.stdout("SklearnDatasets.breastCancer()"))
        self.assertRegex(run.stdout("cancerLogistic.evaluate"), r"logistic: Metrics\{accuracy=0\.9")
        self.assertIn("probability(malignant)", run.data("cancerLogistic.evaluate", HTML)[0])


if __name__ == "__main__":
    unittest.main()
