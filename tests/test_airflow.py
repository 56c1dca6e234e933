"""End-to-end tests of `./bighead jobs airflow`: the registry's jobs become Airflow 3 DAG files that real Airflow
loads with no import error, that `ruff --select AIR` finds clean, and one of which `airflow dags test` runs end to
end: its task asks the registry for the job's run at the Airflow run's logical time, the registry scores the CSV,
and the run is in the job's history.

Airflow runs from its own venv (.bighead/airflow-venv, pinned in scheduler-bridge/requirements-airflow.txt, made by
./bighead test or on the first `jobs airflow --check`), named in BIGHEAD_AIRFLOW_PYTHON; its home is a temporary
folder of the test's.
"""
import json
import os
import subprocess
import tempfile
import unittest
from datetime import datetime, timedelta, timezone
from pathlib import Path

from test_registry_serving import Server

ROOT = Path(__file__).resolve().parent.parent
BIGHEAD = str(ROOT / "bighead")
TIMEOUT = 600
AIRFLOW_PYTHON = Path(os.environ.get("BIGHEAD_AIRFLOW_PYTHON",
                                     str(ROOT / ".bighead" / "airflow-venv" / "bin" / "python")))
# After the jobs are created (a DAG's start_date is its job's creation: Airflow runs no task of an earlier logical
# date), so tomorrow 03:00 UTC, whenever the test runs: 04:00 in Paris, the same day there.
DAY = (datetime.now(timezone.utc) + timedelta(days=1)).date().isoformat()
LOGICAL = f"{DAY}T03:00:00+00:00"


class AirflowDagsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not AIRFLOW_PYTHON.exists():
            raise AssertionError(f"no Airflow venv at {AIRFLOW_PYTHON}: ./bighead test makes it")
        cls.tmp = tempfile.TemporaryDirectory(prefix="bighead-airflow-")
        cls.dir = Path(cls.tmp.name)
        cls.env = dict(os.environ, BIGHEAD_HOME=str(cls.dir / "home"))
        cls.registry = Server(["registry", "serve", "--data", str(cls.dir / "registry")], "/api/health", cls.env)
        try:
            cls.env["BIGHEAD_REGISTRY_URL"] = cls.registry.url
            cls.env["BIGHEAD_REGISTRY_TOKEN"] = (cls.dir / "registry" / "admin.token").read_text().strip()
            cls.bundle = cls.dir / "price.bighead"
            cls.ok(cls.bighead("demo", "--rows", "2000", "--out", str(cls.bundle)))
            cls.data = cls.dir / "listings.csv"
            cls.ok(cls.bighead("data", "listings", "--rows", "150", "--seed", "3", "--out", str(cls.data)))
            cls.ok(cls.bighead("jobs", "create", "nightly-scores", "--kind", "batch-score", "--model", str(cls.bundle),
                               "--schedule", "@daily", "--time-zone", "Europe/Paris", "--input", str(cls.data),
                               "--output", str(cls.dir / "scores" / "{date}.parquet")))
            # retrain and evaluate work on registered versions: the retrain's recipe is a notebook
            cls.ok(cls.bighead("registry", "register", "price", str(cls.bundle)))
            cls.ok(cls.bighead("registry", "alias", "price", "champion", "1", "--reason", "first"))
            recipe = cls.dir / "train-price.ipynb"
            recipe.write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
            cls.ok(cls.bighead("jobs", "create", "weekly-retrain", "--kind", "retrain", "--model", "price@champion",
                               "--notebook", str(recipe), "--schedule", "0 4 * * 1", "--metric", "test.rmse",
                               "--promote-to", "champion", "--catch-up", "all"))
            cls.ok(cls.bighead("jobs", "pause", "weekly-retrain"))
            cls.ok(cls.bighead("jobs", "create", "weekday-check", "--kind", "evaluate", "--model", "price@champion",
                               "--input", str(cls.data), "--schedule", "30 6 * * 1-5", "--time-zone", "America/New_York", "--metric",
                               "test.rmse", "--threshold", "0.1", "--catch-up", "none", "--retries", "0",
                               "--timeout", "600"))
            cls.dags = cls.dir / "dags"
            cls.generated = cls.bighead("jobs", "airflow", "--out", str(cls.dags), "--check")
        except BaseException:
            cls.registry.stop()
            cls.tmp.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.registry.stop()
        cls.tmp.cleanup()

    @classmethod
    def bighead(cls, *args, env=None):
        return subprocess.run([BIGHEAD, *args], capture_output=True, text=True, timeout=TIMEOUT, cwd=ROOT,
                              env=env or cls.env)

    @staticmethod
    def ok(run):
        assert run.returncode == 0, f"{run.args} exited {run.returncode}:\n{run.stdout}\n{run.stderr}"
        return run

    def airflow(self, home, *args):
        """The `airflow` command of the venv with its home in `home` and the generated DAGs as its DAG folder."""
        env = dict(self.env, AIRFLOW_HOME=str(home), AIRFLOW__CORE__DAGS_FOLDER=str(self.dags),
                   AIRFLOW__CORE__LOAD_EXAMPLES="False")
        return subprocess.run([str(AIRFLOW_PYTHON.parent / "airflow"), *args], capture_output=True, text=True,
                              timeout=TIMEOUT, cwd=home, env=env)

    def test_every_job_becomes_a_dag_that_real_airflow_loads_with_no_import_error(self):
        run = self.generated
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
        self.assertIn("wrote 3 DAG file(s) to", run.stdout)
        self.assertEqual(run.stdout.splitlines()[-1], "3 DAGs, 0 import errors")
        files = sorted(p.name for p in self.dags.iterdir())
        self.assertEqual(files, ["bighead_nightly-scores.py", "bighead_weekday-check.py", "bighead_weekly-retrain.py"])
        nightly = (self.dags / "bighead_nightly-scores.py").read_text()
        self.assertIn("from airflow.sdk import DAG, CronTriggerTimetable", nightly)
        self.assertIn('CronTriggerTimetable("0 0 * * *", timezone="Europe/Paris", run_immediately=True)', nightly)
        self.assertIn(f'BIGHEAD = "{BIGHEAD}"', nightly)
        self.assertIn(f'REGISTRY_URL = "{self.registry.url}"', nightly)
        retrain = (self.dags / "bighead_weekly-retrain.py").read_text()
        self.assertIn("is_paused_upon_creation=True", retrain)
        self.assertIn("catchup=True", retrain)
        check = (self.dags / "bighead_weekday-check.py").read_text()
        self.assertIn('CronTriggerTimetable("30 6 * * 1-5", timezone="America/New_York")', check)
        self.assertIn("retries=0,", check)
        self.assertNotIn(self.env["BIGHEAD_REGISTRY_TOKEN"], nightly + retrain + check)

    def test_ruff_finds_no_airflow_problem_in_the_dags(self):
        ruff = subprocess.run([str(AIRFLOW_PYTHON.parent / "ruff"), "check", "--select", "AIR", "--no-cache",
                               str(self.dags)], capture_output=True, text=True, timeout=TIMEOUT)
        self.assertEqual(ruff.returncode, 0, ruff.stdout + ruff.stderr)

    def test_airflow_dags_test_runs_the_batch_score_job_once_per_logical_time(self):
        with tempfile.TemporaryDirectory(prefix="bighead-airflow-home-") as home:
            migrate = self.airflow(home, "db", "migrate")
            self.assertEqual(migrate.returncode, 0, migrate.stdout + migrate.stderr)
            for _ in range(2):   # the second asks for the same logical time: answered, not run again
                test = self.airflow(home, "dags", "test", "bighead_nightly-scores", LOGICAL)
                self.assertEqual(test.returncode, 0, test.stdout[-4000:] + test.stderr[-4000:])
                self.assertIn("state=success", test.stdout + test.stderr)
        runs = json.loads(self.ok(self.bighead("jobs", "history", "nightly-scores", "--json")).stdout)
        self.assertEqual(len(runs), 1, runs)
        run = runs[0]
        self.assertEqual(run["logicalTime"], f"{DAY}T03:00:00.000Z")
        self.assertEqual(run["status"], "succeeded", run)
        self.assertEqual(run["attempt"], 1)
        self.assertEqual(run["outputs"]["rows"], 150)
        self.assertTrue((self.dir / "scores" / f"{DAY}.parquet").exists())   # {date}: in Paris, 04:00

    def test_files_of_jobs_that_are_gone_are_removed_and_others_are_left_alone(self):
        dags = self.dir / "other-dags"
        dags.mkdir()
        (dags / "bighead_gone.py").write_text("# Generated by ./bighead jobs airflow from the registry's job x\n")
        (dags / "mine.py").write_text("VALUE = 1\n")
        run = self.ok(self.bighead("jobs", "airflow", "--out", str(dags), "--json"))
        report = json.loads(run.stdout)
        self.assertEqual(report["removed"], ["bighead_gone.py"])
        self.assertIn({"dagId": "bighead_nightly-scores", "file": "bighead_nightly-scores.py"}, report["dags"])
        (dags / "bighead_gone.py").write_text("# Generated by ./bighead jobs airflow from the registry's job x\n")
        run = self.ok(self.bighead("jobs", "airflow", "--out", str(dags)))
        self.assertIn("(removed 1 of jobs that are gone)", run.stdout)
        self.assertEqual(sorted(p.name for p in dags.iterdir()),
                         ["bighead_nightly-scores.py", "bighead_weekday-check.py", "bighead_weekly-retrain.py",
                          "mine.py"])

    def test_an_import_error_is_printed_and_the_check_fails(self):
        dags = self.dir / "broken-dags"
        dags.mkdir()
        (dags / "broken.py").write_text("import no_such_module\n")
        run = self.bighead("jobs", "airflow", "--out", str(dags), "--check")
        self.assertEqual(run.returncode, 1, run.stdout + run.stderr)
        self.assertEqual(run.stdout.splitlines()[-1], "3 DAGs, 1 import errors")
        self.assertIn("broken.py: ", run.stderr)
        self.assertIn("No module named 'no_such_module'", run.stderr)

    def test_bad_input_fails_in_one_line_and_writes_nothing(self):
        afile = self.dir / "a-file"
        afile.write_text("")
        run = self.bighead("jobs", "airflow", "--out", str(afile))
        self.assertNotEqual(run.returncode, 0)
        self.assertEqual(len(run.stderr.strip().splitlines()), 1, run.stderr)
        self.assertIn("is a file; give a folder", run.stderr)
        run = self.bighead("jobs", "run", "nightly-scores", "--logical-time", "yesterday")
        self.assertNotEqual(run.returncode, 0)
        self.assertEqual(len(run.stderr.strip().splitlines()), 1, run.stderr)
        self.assertIn("is not an ISO-8601 date-time with an offset", run.stderr)
        run = self.bighead("jobs", "airflow", "--out", str(self.dir / "unreached"),
                           env=dict(self.env, BIGHEAD_REGISTRY_URL="http://127.0.0.1:9"))
        self.assertNotEqual(run.returncode, 0)
        self.assertEqual(len(run.stderr.strip().splitlines()), 1, run.stderr)
        self.assertFalse((self.dir / "unreached").exists())

    def test_help_names_the_options(self):
        run = self.ok(self.bighead("jobs", "airflow", "--help"))
        for option in ("--out", "--check", "--launcher", "bighead_registry_url", "BIGHEAD_REGISTRY_TOKEN"):
            self.assertIn(option, run.stdout)
        self.assertIn("--logical-time", self.ok(self.bighead("jobs", "run", "--help")).stdout)
        self.assertIn("jobs airflow --out DIR", self.ok(self.bighead("--help")).stdout)


if __name__ == "__main__":
    unittest.main()
