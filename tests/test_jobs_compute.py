"""Where a job's workload runs is configuration (`jobs.compute`): a retrain of a version trained in an environment
image runs in that image on the job's instance type through the compute layer. Against moto server, the EC2
stand-in (nothing boots there: an instance is a record), a retrain job's RunInstances carries the image, the
instance type, the job's command and recipe in the user data and the run's tags, and the run's timeout terminates
the instance. The docker back end runs the real thing in test_jobs_retrain.py (RetrainJobsInTheNotebookImageTest).
"""
import hashlib
import json
import os
import unittest
import urllib.request
import uuid
from pathlib import Path

from registry_case import RegistryTestCase

ROOT = Path(__file__).resolve().parent.parent
BIGHEAD = str(ROOT / "bighead")
IMAGE = "registry.internal:5000/bighead/env-cpu-notebook:3c24fcaa4aa9"
CELLS = ["var split = Split.random(Listings.readCsv(Path.of(data)), 0.8, 7);\n"
         "var model = ListingsPipelines.price().fit(split.train());"]


class JobsTest(RegistryTestCase):
    prefix = "bighead-jobs-compute-"
    timeout = 600

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bundle = cls.dir / "price.bighead"
        cls.bighead("demo", "--rows", "1000", "--out", str(cls.bundle))
        # a version as %bighead register records it from a notebook of the hub: its cells and its image
        cls.register("price", {"environmentImage": IMAGE, "cells": CELLS, "model": "model"})

    @classmethod
    def register(cls, model, lineage):
        data = cls.bundle.read_bytes()
        info = {"sha256": hashlib.sha256(data).hexdigest(), "lineage": lineage, "metrics": {"test.mae": 20.0}}
        boundary = uuid.uuid4().hex
        body = b"".join([
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"info\"\r\n"
            f"Content-Type: application/json\r\n\r\n{json.dumps(info)}\r\n".encode(),
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"bundle\"; filename=\"m.bighead\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n".encode(), data, f"\r\n--{boundary}--\r\n".encode()])
        request = urllib.request.Request(
            f"{cls.registry.url}/api/models/{model}/versions", data=body, method="POST",
            headers={"Authorization": f"Bearer {cls.registry.token}",
                     "Content-Type": f"multipart/form-data; boundary={boundary}"})
        with urllib.request.urlopen(request, timeout=60) as r:
            return json.loads(r.read())

    def retrain(self, job, *extra):
        self.bighead("jobs", "create", job, "--kind", "retrain", "--model", "price/1", "--schedule", "@weekly",
                     "--metric", "test.mae", "--promote-to", "champion", "--retries", "0", *extra)
        self.bighead("jobs", "run", job, "--wait", check=False)
        return self.history(job)[0]


class JobsWithoutAComputeBackEndTest(JobsTest):
    def test_an_unknown_instance_type_is_refused_at_create_and_nothing_is_stored(self):
        r = self.bighead("jobs", "create", "oversized", "--kind", "retrain", "--model", "price/1", "--schedule",
                         "@weekly", "--metric", "test.mae", "--promote-to", "champion", "--instance-type", "m5.huge",
                         check=False)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("unknown instance type 'm5.huge'", r.stderr)
        self.assertNotIn("Exception", r.stderr)
        self.assertNotIn("oversized", self.bighead("jobs", "list").stdout)

    def test_a_version_trained_in_an_image_is_not_retrained_outside_it(self):
        run = self.retrain("price-local", "--input", "s3://listings/week2.csv")
        self.assertEqual(run["status"], "failed", run)
        self.assertIn(f"was trained in {IMAGE}", run["message"])
        self.assertIn("set jobs.compute (BIGHEAD_JOBS_COMPUTE) to docker or ec2", run["message"])


@unittest.skipUnless(os.environ.get("BIGHEAD_MOTO_SERVER"), "needs moto server: run through ./bighead test")
class RetrainJobOnEc2AgainstMotoTest(JobsTest):
    @classmethod
    def setUpClass(cls):
        from ec2_standin import Ec2StandIn
        cls.ec2 = Ec2StandIn()
        cls.addClassCleanup(cls.ec2.stop)
        cls.registry_env = {**cls.ec2.env(), "BIGHEAD_JOBS_COMPUTE": "ec2",
                            "BIGHEAD_JOBS_REGISTRY_URL": "http://10.0.0.5:8470"}
        super().setUpClass()

    def instances_of(self, job):
        return [i for i in self.ec2.instances() if i["tags"].get("org.bighead.owner") == f"job:{job}"]

    def test_a_retrain_starts_an_instance_of_its_type_running_its_image_and_its_timeout_terminates_it(self):
        run = self.retrain("price-weekly", "--input", "s3://listings/{date}.csv", "--instance-type", "m5.xlarge",
                           "--timeout", "4")
        self.assertEqual(run["status"], "failed", run)  # moto boots nothing: the run can only time out
        self.assertIn("timed out after 4 s; the training notebook was stopped", run["message"])
        self.assertEqual((run["outputs"]["compute"], run["outputs"]["image"], run["outputs"]["instanceType"]),
                         ("ec2", IMAGE, "m5.xlarge"))
        [instance] = self.instances_of("price-weekly")
        self.assertEqual(instance["type"], "m5.xlarge")
        self.assertEqual(instance["image"], self.ec2.ami)
        self.assertEqual(instance["state"], "terminated")
        run_id = f"price-weekly@{run['logicalTime']}"
        self.assertEqual(instance["tags"]["org.bighead.job-run"], run_id)
        self.assertEqual(instance["tags"]["org.bighead.purpose"], "job")
        self.assertEqual(instance["tags"]["org.bighead.managed-by"], "bighead")
        self.assertEqual(instance["tags"]["org.bighead.image"], IMAGE)
        script = instance["user_data"]
        self.assertIn(f"docker pull {IMAGE}", script)
        self.assertIn("jupyter nbconvert --to notebook --execute", script)
        for variable in (f"BIGHEAD_JOB_RUN={run_id}", f"BIGHEAD_IMAGE={IMAGE}", "BIGHEAD_INSTANCE_TYPE=m5.xlarge",
                         "BIGHEAD_BACKEND=ec2", "BIGHEAD_REGISTRY_URL=http://10.0.0.5:8470",
                         "BIGHEAD_JOB_DIR=/tmp/bighead-job", "BIGHEAD_JOB_NOTEBOOK="):
            self.assertIn(variable, script)
        self.assertIn(f"org.bighead.job-run={run_id}", script)

    def test_a_file_of_the_registrys_machine_is_refused_on_ec2_and_no_instance_starts(self):
        week2 = self.dir / "week2.csv"
        week2.write_text("bedrooms,price\n1,100\n")
        run = self.retrain("price-from-here", "--input", str(week2))
        self.assertEqual(run["status"], "failed", run)
        self.assertIn("which an EC2 instance cannot read: give the job its data by URL (s3://…)", run["message"])
        self.assertEqual(self.instances_of("price-from-here"), [])
