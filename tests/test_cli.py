"""End-to-end tests of the ./bighead command line, run by `./bighead test` with the project's .venv Python.

Each test runs the real command as a user would and checks what it prints and how it exits.
"""
import csv
import hashlib
import io
import json
import os
import subprocess
import tempfile
import unittest
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIGHEAD = str(ROOT / "bighead")
TIMEOUT = 300


def bighead(*args, stdin=None):
    """Runs ./bighead and returns the completed process (text mode)."""
    return subprocess.run([BIGHEAD, *args], input=stdin, capture_output=True, text=True, timeout=TIMEOUT,
                          cwd=ROOT)


class CliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="bighead-cli-")
        cls.dir = Path(cls.tmp.name)
        cls.bundle = cls.dir / "price.bighead"
        cls.demo = bighead("demo", "--rows", "3000", "--out", str(cls.bundle))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_demo_trains_saves_and_a_fresh_jvm_predicts_identically(self):
        self.assertEqual(self.demo.returncode, 0, self.demo.stderr)
        self.assertIn("test:  rmse=", self.demo.stdout)
        self.assertIn("identical", self.demo.stdout)
        self.assertTrue(self.bundle.is_file())

    def test_data_listings_is_deterministic_for_a_seed(self):
        a, b, c = self.dir / "a.csv", self.dir / "b.csv", self.dir / "c.csv"
        for out, seed in ((a, "5"), (b, "5"), (c, "6")):
            run = bighead("data", "listings", "--rows", "500", "--seed", seed, "--out", str(out))
            self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(a.read_bytes(), b.read_bytes())
        self.assertNotEqual(a.read_bytes(), c.read_bytes())
        with a.open() as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(len(rows), 500)
        self.assertIn("amenities", rows[0])

    def test_predict_scores_json_lines_in_order_and_reports_a_bad_row_by_column(self):
        good = {"neighbourhood": "Mission", "room_type": "Private room", "accommodates": 2, "bedrooms": 1,
                "bathrooms": 1, "amenities": "Wifi, Kitchen", "review_score": 4.5, "number_of_reviews": 3,
                "minimum_nights": 2, "host_is_superhost": True, "instant_bookable": False}
        bigger = dict(good, accommodates=6, bedrooms=3, room_type="Entire home/apt")
        bad = dict(good, bedrooms="two")
        lines = "\n".join(json.dumps(r) for r in (good, bad, bigger)) + "\nnot json\n"
        run = bighead("predict", str(self.bundle), stdin=lines)
        self.assertEqual(run.returncode, 0, run.stderr)
        out = [json.loads(line) for line in run.stdout.splitlines()]
        self.assertEqual(len(out), 4)
        self.assertIsInstance(out[0]["prediction"], float)
        self.assertEqual(out[1], {"error": "column 'bedrooms': expected a number, got 'two'", "column": "bedrooms"})
        self.assertGreater(out[2]["prediction"], out[0]["prediction"])
        self.assertIn("not valid JSON", out[3]["error"])
        self.assertIn("2 rows had errors", run.stderr)

    def test_predict_reads_csv_by_extension_and_matches_json_lines(self):
        data = self.dir / "rows.csv"
        self.assertEqual(bighead("data", "listings", "--rows", "50", "--seed", "9", "--out", str(data)).returncode, 0)
        from_csv = bighead("predict", str(self.bundle), "--input", str(data))
        self.assertEqual(from_csv.returncode, 0, from_csv.stderr)
        with data.open() as f:
            rows = [{k: (v if v != "" else None) for k, v in r.items()} for r in csv.DictReader(f)]
        from_json = bighead("predict", str(self.bundle), stdin="\n".join(json.dumps(r) for r in rows) + "\n")
        self.assertEqual(from_csv.stdout.splitlines(), from_json.stdout.splitlines())
        self.assertEqual(len(from_csv.stdout.splitlines()), 50)

    def test_predict_gives_class_probabilities_for_a_classifier(self):
        booked = self.dir / "booked.bighead"
        demo = bighead("demo", "--target", "booked", "--rows", "2000", "--out", str(booked))
        self.assertEqual(demo.returncode, 0, demo.stderr)
        row = {"neighbourhood": "Marina", "room_type": "Private room", "accommodates": 2, "bedrooms": 1,
               "bathrooms": 1, "amenities": "Wifi", "review_score": 4.9, "number_of_reviews": 40,
               "minimum_nights": 1, "host_is_superhost": True, "instant_bookable": True}
        run = bighead("predict", str(booked), stdin=json.dumps(row) + "\n")
        out = json.loads(run.stdout)
        self.assertIn(out["prediction"], ("true", "false"))
        self.assertAlmostEqual(sum(out["probabilities"].values()), 1.0, places=9)
        self.assertEqual(out["prediction"], max(out["probabilities"], key=out["probabilities"].get))

    def test_inspect_prints_stages_schemas_and_metadata_as_json(self):
        run = bighead("inspect", str(self.bundle))
        self.assertEqual(run.returncode, 0, run.stderr)
        info = json.loads(run.stdout)
        self.assertEqual([s["type"] for s in info["stages"]],
                         ["select", "impute", "one-hot", "scale", "text-hash", "xgboost"])
        self.assertEqual(info["target"], "price")
        names = [f["name"] for f in info["inputSchema"]["fields"]]
        self.assertIn("amenities", names)
        self.assertNotIn("listing_id", names)
        self.assertTrue(info["metadata"]["dataFingerprint"].startswith("sha256:"))
        self.assertIn("rmse", info["metadata"]["metrics"]["test"])

    def test_a_tampered_bundle_is_refused_with_one_clear_line(self):
        tampered = self.dir / "tampered.bighead"
        with zipfile.ZipFile(self.bundle) as src, zipfile.ZipFile(tampered, "w") as dst:
            for item in src.infolist():
                data = src.read(item)
                if item.filename == "schema/input.json":
                    data = data.replace(b"amenities", b"amenitiez")
                dst.writestr(item, data)
        run = bighead("inspect", str(tampered))
        self.assertEqual(run.returncode, 1)
        self.assertEqual(run.stdout, "")
        self.assertEqual(len(run.stderr.strip().splitlines()), 1, run.stderr)
        self.assertIn("does not match its SHA-256", run.stderr)

    def test_errors_are_one_line_with_a_non_zero_exit(self):
        for args, message in (
                (("predict", str(self.dir / "absent.bighead")), "no bundle at"),
                (("data", "listings", "--rows", "0", "--out", str(self.dir / "x.csv")), "--rows must be"),
                (("predict",), "Missing required parameter"),
                (("frobnicate",), "unknown command"),
        ):
            run = bighead(*args, stdin="")
            self.assertNotEqual(run.returncode, 0, args)
            self.assertIn(message, run.stderr, args)
            self.assertNotIn("Exception", run.stderr, args)
            self.assertNotIn("\tat ", run.stderr, args)

    def test_every_command_has_help(self):
        for args in (("--help",), ("setup", "--help"), ("test", "--help"), ("demo", "--help"),
                     ("data", "listings", "--help"), ("predict", "--help"), ("inspect", "--help"),
                     ("bench", "--help")):
            run = bighead(*args)
            self.assertEqual(run.returncode, 0, (args, run.stderr))
            self.assertIn("Usage", run.stdout, args)


if __name__ == "__main__":
    unittest.main()
