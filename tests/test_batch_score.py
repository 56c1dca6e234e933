"""End-to-end tests of ./bighead batch-score (Apache Spark, embedded): every row's prediction equals what
./bighead predict and ./bighead serve give for the same CSV, bad rows are reported and kept, bad input fails in one
line.

The Parquet output is read with pyarrow from a venv of its own (.bighead/pyarrow-venv, made by ./bighead test from
tests/requirements-pyarrow.txt), named in BIGHEAD_PYARROW_PYTHON.
"""
import csv
import json
import os
import re
import signal
import subprocess
import tempfile
import time
import unittest
import urllib.request
from pathlib import Path

from spark_cluster import StandaloneSpark, log_lines

ROOT = Path(__file__).resolve().parent.parent
BIGHEAD = str(ROOT / "bighead")
TIMEOUT = 300
PYARROW_PYTHON = os.environ.get("BIGHEAD_PYARROW_PYTHON", str(ROOT / ".bighead" / "pyarrow-venv" / "bin" / "python"))
READ_PARQUET = """
import json, sys
import pyarrow.parquet as pq
for row in pq.read_table(sys.argv[1]).to_pylist():
    print(json.dumps(row))
"""


def bighead(*args, env=None):
    """Runs ./bighead and returns the completed process (text mode)."""
    return subprocess.run([BIGHEAD, *args], capture_output=True, text=True, timeout=TIMEOUT, cwd=ROOT,
                          env={**os.environ, **(env or {})})


def parquet_rows(path):
    """The rows of a Parquet file or folder, as dicts."""
    if not Path(PYARROW_PYTHON).exists():
        raise AssertionError(f"no pyarrow venv at {PYARROW_PYTHON}: ./bighead test makes it")
    run = subprocess.run([PYARROW_PYTHON, "-c", READ_PARQUET, str(path)], capture_output=True, text=True,
                         timeout=TIMEOUT, check=True)
    return [json.loads(line) for line in run.stdout.splitlines()]


def demo_and_listings(folder, train, rows, seed):
    """The reference pipeline trained on `train` listings, and `rows` other listings to score, in `folder`."""
    bundle, data = folder / "price.bighead", folder / "listings.csv"
    demo = bighead("demo", "--rows", str(train), "--out", str(bundle))
    assert demo.returncode == 0, demo.stderr
    made = bighead("data", "listings", "--rows", str(rows), "--seed", str(seed), "--out", str(data))
    assert made.returncode == 0, made.stderr
    return bundle, data


class BatchScoreTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="bighead-batch-")
        cls.dir = Path(cls.tmp.name)
        cls.bundle, cls.data = demo_and_listings(cls.dir, train=3000, rows=2000, seed=11)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_every_row_scores_exactly_as_predict_scores_it(self):
        out = self.dir / "scored.parquet"
        run = bighead("batch-score", str(self.bundle), "--input", str(self.data), "--output", str(out),
                      "--master", "local[2]")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("scored 2,000 rows", run.stdout)
        self.assertIn(": 0 bad rows", run.stdout)
        self.assertNotIn("INFO", run.stderr)  # Spark's log at WARN; one line per stage
        predict = bighead("predict", str(self.bundle), "--input", str(self.data))
        self.assertEqual(predict.returncode, 0, predict.stderr)
        expected = [json.loads(line)["prediction"] for line in predict.stdout.splitlines()]
        with self.data.open() as f:
            ids = [row["listing_id"] for row in csv.DictReader(f)]
        scored = {row["listing_id"]: row for row in parquet_rows(out)}
        self.assertEqual(len(scored), len(ids))
        for listing, prediction in zip(ids, expected):
            self.assertEqual(scored[listing]["prediction"], prediction, f"listing {listing}")
            self.assertIsNone(scored[listing]["error"])
        with self.data.open() as f:  # the input's columns come through unchanged, first and in order
            header = next(csv.reader(f))
        self.assertEqual(list(parquet_rows(out)[0])[:len(header)], header)

    def test_every_row_scores_exactly_as_the_serving_runtime_answers_it(self):
        out = self.dir / "served.parquet"
        run = bighead("batch-score", str(self.bundle), "--input", str(self.data), "--output", str(out))
        self.assertEqual(run.returncode, 0, run.stderr)
        with self.data.open() as f:  # CSV text as JSON strings, empty as null: the server converts like predict
            rows = [{k: (v if v != "" else None) for k, v in r.items()} for r in csv.DictReader(f)]
        ids = [row["listing_id"] for row in rows]
        by_id = {row["listing_id"]: row["prediction"] for row in parquet_rows(out)}
        self.assertEqual(len(by_id), len(rows))
        server = subprocess.Popen([BIGHEAD, "serve", str(self.bundle), "--port", "0"], stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, text=True, cwd=ROOT, start_new_session=True)
        try:
            line = server.stdout.readline()  # "Serving price 3f2a… on http://127.0.0.1:PORT (ready in …)"
            url = re.search(r"on (http://\S+)", line)
            self.assertIsNotNone(url, f"the server printed {line!r}")
            served = []
            for start in range(0, len(rows), 250):
                body = json.dumps({"instances": rows[start:start + 250]}).encode()
                request = urllib.request.Request(f"{url.group(1)}/v2/models/price/predict", data=body,
                                                 headers={"Content-Type": "application/json"})
                with urllib.request.urlopen(request, timeout=60) as response:
                    served += json.load(response)["predictions"]
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)
            server.stdout.close()
        self.assertEqual(len(served), len(rows))
        for listing, prediction in zip(ids, served):
            self.assertEqual(by_id[listing], prediction, f"listing {listing}")

    def test_a_bad_row_gets_its_reason_and_the_run_goes_on(self):
        lines = self.data.read_text().splitlines()[:6]
        header = lines[0].split(",")
        fields = next(csv.reader([lines[2]]))
        fields[header.index("accommodates")] = "lots"
        lines[2] = ",".join(f'"{v}"' if "," in v else v for v in fields)
        bad = self.dir / "bad.csv"
        bad.write_text("\n".join(lines) + "\n")
        out = self.dir / "bad.parquet"
        run = bighead("batch-score", str(self.bundle), "--input", str(bad), "--output", str(out))
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("scored 5 rows", run.stdout)
        self.assertIn(": 1 bad rows", run.stdout)
        rows = {row["listing_id"]: row for row in parquet_rows(out)}
        self.assertEqual(rows[fields[0]]["error"], "column 'accommodates': expected a number, got 'lots'")
        self.assertIsNone(rows[fields[0]]["prediction"])
        self.assertEqual(sum(row["error"] is None for row in rows.values()), 4)

    def test_bad_input_fails_in_one_line_and_writes_nothing(self):
        out = self.dir / "never.parquet"
        damaged = self.dir / "damaged.bighead"
        damaged.write_bytes(self.bundle.read_bytes()[:1000])
        cases = [
            (("batch-score", str(self.bundle), "--input", str(self.dir / "missing.csv"), "--output", str(out)),
             "no input at"),
            (("batch-score", str(self.dir / "missing.bighead"), "--input", str(self.data), "--output", str(out)),
             "no bundle at"),
            (("batch-score", str(damaged), "--input", str(self.data), "--output", str(out)),
             "not a readable bundle"),
            (("batch-score", "no-such-model@champion", "--input", str(self.data), "--output", str(out)),
             "registry"),
            (("batch-score", str(self.bundle), "--input", str(self.data), "--output", str(self.data)),
             "exists"),
            (("batch-score", str(self.bundle), "--input", str(self.data), "--output", "/proc/out.parquet"),
             "cannot write /proc/out.parquet"),
        ]
        for args, message in cases:
            with self.subTest(message):
                run = bighead(*args, env={"BIGHEAD_REGISTRY_URL": "http://127.0.0.1:9"})
                self.assertNotEqual(run.returncode, 0)
                errors = [line for line in run.stderr.splitlines() if line.startswith("bighead batch-score:")]
                self.assertEqual(len(errors), 1, run.stderr)
                self.assertIn(message, errors[0])
                self.assertNotIn("Exception", run.stderr.replace("(ConnectException)", ""))
        self.assertFalse(out.exists())
        self.assertEqual([p for p in self.dir.iterdir() if ".tmp-" in p.name], [])

    def test_replace_swaps_an_earlier_output_only_once_the_new_one_is_whole(self):
        out = self.dir / "replaced.parquet"
        first = bighead("batch-score", str(self.bundle), "--input", str(self.data), "--output", str(out))
        self.assertEqual(first.returncode, 0, first.stderr)
        refused = bighead("batch-score", str(self.bundle), "--input", str(self.data), "--output", str(out))
        self.assertNotEqual(refused.returncode, 0)
        self.assertIn(f"output {out} exists; remove it, name another or add --replace", refused.stderr)
        # a typo in REF: the run fails, and the earlier scores stay
        typo = bighead("batch-score", str(self.dir / "prize.bighead"), "--input", str(self.data), "--output", str(out),
                       "--replace")
        self.assertNotEqual(typo.returncode, 0)
        self.assertEqual(len(parquet_rows(out)), 2000)
        ten = self.dir / "ten.csv"
        ten.write_text("\n".join(self.data.read_text().splitlines()[:11]) + "\n")
        again = bighead("batch-score", str(self.bundle), "--input", str(ten), "--output", str(out), "--replace")
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertEqual(len(parquet_rows(out)), 10)
        self.assertEqual([p.name for p in self.dir.iterdir() if ".tmp-" in p.name or ".old-" in p.name], [])

    def test_sigterm_mid_run_removes_what_it_half_wrote_and_says_one_line(self):
        big = self.dir / "big.csv"
        made = bighead("data", "listings", "--rows", "300000", "--seed", "12", "--out", str(big))
        self.assertEqual(made.returncode, 0, made.stderr)
        out = self.dir / "stopped.parquet"
        run = subprocess.Popen([BIGHEAD, "batch-score", str(self.bundle), "--input", str(big), "--output", str(out),
                                "--master", "local[1]", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, cwd=ROOT)
        try:
            # the hidden folder it writes in appears once Spark runs (before the data is read)
            while not [p for p in self.dir.iterdir() if p.name.startswith(".stopped.parquet.tmp-")]:
                if run.poll() is not None:
                    self.fail("the run ended before it could be stopped: " + run.stderr.read())
                time.sleep(0.05)
            run.send_signal(signal.SIGTERM)  # the java process: ./bighead execs it
            _, stderr = run.communicate(timeout=60)
        finally:
            if run.poll() is None:
                run.kill()
        self.assertNotEqual(run.returncode, 0)
        self.assertNotIn("\tat ", stderr)
        self.assertNotIn("Exception", stderr)
        self.assertEqual(stderr.strip().splitlines()[-1], "bighead batch-score: stopped; nothing was written")
        self.assertFalse(out.exists())
        self.assertEqual([p.name for p in self.dir.iterdir() if p.name.startswith(".stopped.parquet")], [])

    def test_help_names_the_options(self):
        run = bighead("batch-score", "--help")
        self.assertEqual(run.returncode, 0, run.stderr)
        for option in ("--input", "--output", "--master", "--registry", "--replace", "NAME@ALIAS"):
            self.assertIn(option, run.stdout)


if __name__ == "__main__":
    unittest.main()


class ClusterTest(unittest.TestCase):
    """A cluster is configuration: the setting batch-score.master names a Spark standalone cluster (a real Master and
    Worker of Spark 4.2.0 on loopback, executors in JVMs of their own) and the same command scores there."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="bighead-cluster-")
        cls.dir = Path(cls.tmp.name)
        cls.bundle, cls.data = demo_and_listings(cls.dir, train=2000, rows=500, seed=5)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_the_master_setting_sends_the_run_to_a_standalone_cluster_with_the_same_predictions(self):
        embedded = self.dir / "embedded.parquet"
        run = bighead("batch-score", str(self.bundle), "--input", str(self.data), "--output", str(embedded),
                      "--master", "local[2]")
        self.assertEqual(run.returncode, 0, run.stderr)
        with StandaloneSpark(self.dir / "cluster") as spark:
            out = self.dir / "cluster.parquet"
            run = bighead("batch-score", str(self.bundle), "--input", str(self.data), "--output", str(out),
                          env={"BIGHEAD_BATCH_SCORE_MASTER": spark.master})
            self.assertEqual(run.returncode, 0, f"{run.stderr}\n" + "\n".join(log_lines(spark.folder, "Exception")))
            self.assertIn("scored 500 rows", run.stdout)
            # the executors ran in the worker's JVMs, not in the command's
            self.assertTrue(log_lines(spark.folder, r"Executor: Finished task"), "no executor ran a task")
        here = {row["listing_id"]: row["prediction"] for row in parquet_rows(embedded)}
        there = {row["listing_id"]: row["prediction"] for row in parquet_rows(out)}
        self.assertEqual(len(there), 500)
        self.assertEqual(there, here)
