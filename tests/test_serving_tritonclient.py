"""`./bighead serve` driven by Triton's own HTTP client (tritonclient[http], the most used KServe v2 client): health,
metadata (BOOL for boolean inputs), and inference with every input as binary tensor data (the client's default) and
as JSON, outputs asked for as binary data and as JSON; every answer equals `./bighead predict` on the same rows.

tritonclient's pins clash with requirements.txt, so it lives in a venv of its own that `./bighead test` makes
(.bighead/tritonclient-venv, from tests/requirements-tritonclient.txt) and names in BIGHEAD_TRITONCLIENT_PYTHON. This
file is also the client: run by that Python with `--client URL MODEL`, it reads rows as JSON from stdin, drives the
server and prints what it got as JSON; the test runs it and compares.
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIGHEAD = str(ROOT / "bighead")
TIMEOUT = 300
TRITON_PYTHON = os.environ.get("BIGHEAD_TRITONCLIENT_PYTHON",
                               str(ROOT / ".bighead" / "tritonclient-venv" / "bin" / "python"))
# Rows with every value present: JSON has no NaN, and BOOL binary data no null.
ROWS = [
    {"neighbourhood": "Noe Valley", "room_type": "Entire home/apt", "accommodates": 4, "bedrooms": 2,
     "bathrooms": 1.5, "amenities": "Wifi, Kitchen, Washer, Dryer", "review_score": 4.9, "number_of_reviews": 12,
     "minimum_nights": 2, "host_is_superhost": False, "instant_bookable": True},
    {"neighbourhood": "Mission", "room_type": "Private room", "accommodates": 1, "bedrooms": 1,
     "bathrooms": 1, "amenities": "Wifi", "review_score": 4.8, "number_of_reviews": 120, "minimum_nights": 1,
     "host_is_superhost": True, "instant_bookable": False},
    {"neighbourhood": "SoMa", "room_type": "Shared room", "accommodates": 2, "bedrooms": 1,
     "bathrooms": 2, "amenities": "Küche 🏠", "review_score": 3.5, "number_of_reviews": 3, "minimum_nights": 30,
     "host_is_superhost": False, "instant_bookable": False},
]


def client(url, model):
    """Runs under the tritonclient venv: every call the test checks, its results as one JSON object."""
    import numpy as np
    import tritonclient.http as http

    rows = json.load(sys.stdin)
    c = http.InferenceServerClient(url.removeprefix("http://"))
    meta = c.get_model_metadata(model)
    out = {"live": c.is_server_live(), "ready": c.is_server_ready(), "model_ready": c.is_model_ready(model),
           "extensions": c.get_server_metadata()["extensions"],
           "datatypes": {i["name"]: i["datatype"] for i in meta["inputs"]}, "answers": {}}
    types = {"FP64": np.float64, "BOOL": np.bool_, "BYTES": np.object_}
    for binary_inputs in (True, False):
        inputs = []
        for i in meta["inputs"]:
            values = [r[i["name"]] for r in rows]
            if i["datatype"] == "BYTES":
                values = [v.encode("utf-8") for v in values]
            tensor = http.InferInput(i["name"], [len(rows)], i["datatype"])
            tensor.set_data_from_numpy(np.array(values, dtype=types[i["datatype"]]), binary_data=binary_inputs)
            inputs.append(tensor)
        for outputs in ("default", "binary", "json"):
            requested = None if outputs == "default" else [
                http.InferRequestedOutput("predictions", binary_data=outputs == "binary")]
            result = c.infer(model, inputs, outputs=requested)
            answer = result.get_response()
            out["answers"][f"inputs {'binary' if binary_inputs else 'json'}, outputs {outputs}"] = {
                "predictions": result.as_numpy("predictions").tolist(),
                "binary": [o["name"] for o in answer["outputs"] if "binary_data_size" in o.get("parameters", {})]}
    json.dump(out, sys.stdout)


def bighead(*args, stdin=None):
    return subprocess.run([BIGHEAD, *args], input=stdin, capture_output=True, text=True, timeout=TIMEOUT, cwd=ROOT)


class TritonClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        from test_registry_serving import Server
        cls.tmp = tempfile.TemporaryDirectory(prefix="bighead-triton-")
        bundle = Path(cls.tmp.name) / "listing-price.bighead"
        demo = bighead("demo", "--rows", "600", "--out", str(bundle))
        if demo.returncode != 0:
            raise AssertionError(f"./bighead demo failed:\n{demo.stderr}")
        lines = "".join(json.dumps(r) + "\n" for r in ROWS)
        predicted = bighead("predict", str(bundle), stdin=lines)
        if predicted.returncode != 0:
            raise AssertionError(f"./bighead predict failed:\n{predicted.stderr}")
        cls.expected = [json.loads(line)["prediction"] for line in predicted.stdout.splitlines()]
        cls.server = Server(["serve", str(bundle)], "/v2/health/ready", dict(os.environ))
        try:
            cls.result = cls.run_client(cls.server.url, "listing-price")
        except BaseException:
            cls.server.stop()
            cls.tmp.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.tmp.cleanup()

    @staticmethod
    def run_client(url, model):
        if not Path(TRITON_PYTHON).exists():
            raise AssertionError(f"no tritonclient venv at {TRITON_PYTHON}: ./bighead test makes it")
        run = subprocess.run([TRITON_PYTHON, __file__, "--client", url, model], input=json.dumps(ROWS),
                             capture_output=True, text=True, timeout=TIMEOUT)
        if run.returncode != 0:
            raise AssertionError(f"the tritonclient script failed:\n{run.stderr[-4000:]}")
        return json.loads(run.stdout)

    def test_health_and_server_metadata_declare_binary_tensor_data(self):
        self.assertTrue(self.result["live"])
        self.assertTrue(self.result["ready"])
        self.assertTrue(self.result["model_ready"])
        self.assertIn("binary_tensor_data", self.result["extensions"])

    def test_model_metadata_types_boolean_inputs_bool(self):
        types = self.result["datatypes"]
        self.assertEqual(types["host_is_superhost"], "BOOL")
        self.assertEqual(types["instant_bookable"], "BOOL")
        self.assertEqual(types["bedrooms"], "FP64")
        self.assertEqual(types["room_type"], "BYTES")
        self.assertEqual(set(types), set(ROWS[0]))

    def test_every_way_of_sending_and_receiving_tensors_gives_bighead_predicts_answers(self):
        answers = self.result["answers"]
        self.assertEqual(len(answers), 6)
        for how, answer in answers.items():
            with self.subTest(how):
                self.assertEqual(answer["predictions"], self.expected)

    def test_outputs_travel_as_binary_data_exactly_when_asked(self):
        answers = self.result["answers"]
        for inputs in ("binary", "json"):
            # with no outputs named, tritonclient asks for every output as binary data
            self.assertEqual(answers[f"inputs {inputs}, outputs default"]["binary"], ["predictions"])
            self.assertEqual(answers[f"inputs {inputs}, outputs binary"]["binary"], ["predictions"])
            self.assertEqual(answers[f"inputs {inputs}, outputs json"]["binary"], [])


if __name__ == "__main__" and sys.argv[1:2] == ["--client"]:
    client(sys.argv[2], sys.argv[3])
elif __name__ == "__main__":
    unittest.main()
