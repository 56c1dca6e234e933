"""Environments on a real Docker engine, as a user drives them: `./bighead env list|show|build|run|create`.

`./bighead test` starts Bighead's own engine (scripts/engine.sh) unless your Docker answers, and exports DOCKER_HOST
and BIGHEAD_TEST_ENGINE=1; the engine's data root is cached in .bighead/engine/, so base images are made once.
Builds here are the small CPU runtime image and the notebook image of the same environment; the GPU and Spark
images are rendered and validated in the Java tests (environments/) and built on demand.
"""
import json
import os
import re
import subprocess
import tempfile
import textwrap
import unittest
from pathlib import Path

from test_registry_serving import Server

ROOT = Path(__file__).resolve().parent.parent
BIGHEAD = str(ROOT / "bighead")
REFERENCE = re.compile(r"^bighead/env-cpu:[0-9a-f]{12}$")


def bighead(*args, env=None, timeout=900):
    return subprocess.run([BIGHEAD, *args], cwd=ROOT, env=env or os.environ, capture_output=True, text=True,
                          timeout=timeout)


def docker(*args):
    return subprocess.run(["docker", *args], capture_output=True, text=True, timeout=120)


def assert_one_line_error(test, result, *fragments):
    test.assertNotEqual(result.returncode, 0, result.stdout)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    test.assertEqual(len(lines), 1, result.stderr)
    test.assertNotIn("Exception", result.stderr)
    for fragment in fragments:
        test.assertIn(fragment, lines[0])


def bighead_containers():
    out = docker("ps", "-a", "-q", "--filter", "label=org.bighead.managed-by=bighead").stdout
    return out.split()


@unittest.skipUnless(os.environ.get("BIGHEAD_TEST_ENGINE"), "needs a Docker engine: run through ./bighead test")
class EnvironmentsOnARealEngineTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        build = bighead("env", "build", "cpu")
        assert build.returncode == 0, build.stdout + build.stderr
        cls.first_build = build
        cls.image = build.stdout.strip().splitlines()[-1]

    def test_list_shows_the_teams_environments_with_their_hardware_needs(self):
        result = bighead("env", "list", "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        envs = {e["name"]: e for e in json.loads(result.stdout)}
        self.assertLessEqual({"cpu", "gpu", "spark"}, set(envs))
        for env in envs.values():
            self.assertLessEqual({"name", "description", "gpu", "jdk", "image"}, set(env))
        self.assertTrue(envs["gpu"]["gpu"])
        self.assertFalse(envs["cpu"]["gpu"])
        self.assertEqual(envs["cpu"]["jdk"], 17)
        self.assertEqual(envs["cpu"]["image"], self.image)

    def test_an_unknown_environment_is_one_line_naming_the_valid_ones(self):
        assert_one_line_error(self, bighead("env", "show", "cpuu"), "unknown environment 'cpuu'", "cpu, ")
        assert_one_line_error(self, bighead("env", "run", "nope", "--", "true"), "unknown environment 'nope'")

    def test_a_build_prints_its_layers_and_ends_with_the_reference_and_a_second_is_a_cache_hit(self):
        self.assertRegex(self.image, REFERENCE)
        again = bighead("env", "build", "cpu")
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn("up to date: " + self.image, again.stdout)
        self.assertEqual(again.stdout.strip().splitlines()[-1], self.image)

    @unittest.skipUnless(os.environ.get("BIGHEAD_IMAGES_REGISTRY"), "no image registry (./bighead engine start runs one)")
    def test_push_sends_the_image_to_the_image_registry(self):
        registry = os.environ["BIGHEAD_IMAGES_REGISTRY"]
        pushed = bighead("env", "build", "cpu", "--push")
        self.assertEqual(pushed.returncode, 0, pushed.stderr)
        reference = pushed.stdout.strip().splitlines()[-1]
        self.assertEqual(reference, registry + "/" + self.image)
        import urllib.request
        with urllib.request.urlopen(f"http://{registry}/v2/bighead/env-cpu/tags/list", timeout=10) as r:
            self.assertIn(self.image.split(":")[1], json.loads(r.read())["tags"])

    def test_the_image_carries_labels_the_registry_can_record(self):
        labels = json.loads(docker("image", "inspect", "--format", "{{json .Config.Labels}}", self.image).stdout)
        self.assertEqual(labels["org.bighead.environment"], "cpu")
        self.assertEqual(labels["org.bighead.jdk"], "17")
        self.assertEqual(labels["org.bighead.flavor"], "runtime")
        self.assertRegex(labels["org.bighead.spec-hash"], r"^[0-9a-f]{64}$")
        self.assertTrue(labels["org.bighead.spec-hash"].startswith(self.image.split(":")[1]))
        self.assertTrue(labels["org.bighead.version"])
        self.assertTrue(labels["org.bighead.created-by"])

    def test_run_passes_output_and_the_exit_code_through(self):
        version = bighead("env", "run", "cpu", "--", "java", "-version")
        self.assertEqual(version.returncode, 0, version.stderr)
        self.assertIn('version "17', version.stderr)
        failed = bighead("env", "run", "cpu", "--", "sh", "-c", "echo out; echo err >&2; exit 7")
        self.assertEqual(failed.returncode, 7)
        self.assertEqual(failed.stdout, "out\n")
        self.assertIn("err", failed.stderr)
        self.assertEqual(bighead_containers(), [], "env run leaves no container behind")

    def test_the_compute_command_starts_lists_logs_and_stops_a_workload(self):
        volume = "bighead-test-compute"
        started = bighead("compute", "start", "--image", self.image, "--instance-type", "t3.medium", "--label",
                          "org.bighead.owner=compute-test", "--volume", f"{volume}=/data", "-e", "GREETING=hello",
                          "--json", "--", "sh", "-c", "echo $GREETING > /data/g; cat /data/g; sleep 60")
        self.assertEqual(started.returncode, 0, started.stderr)
        workload = json.loads(started.stdout)
        try:
            self.assertEqual(workload["backend"], "docker")
            self.assertEqual(workload["instance_type"], "t3.medium")
            self.assertEqual(workload["labels"]["org.bighead.owner"], "compute-test")
            self.assertEqual(workload["labels"]["org.bighead.environment"], "cpu")  # the image's own labels
            listed = json.loads(bighead("compute", "list", "--label", "org.bighead.owner=compute-test",
                                        "--json").stdout)
            self.assertEqual([w["id"] for w in listed], [workload["id"]])
            status = json.loads(bighead("compute", "status", workload["id"], "--json").stdout)
            self.assertIn(status["state"], ("running", "exited"))
            for _ in range(50):
                logs = bighead("compute", "logs", workload["id"]).stdout
                if "hello" in logs:
                    break
            self.assertIn("hello", logs)
        finally:
            stopped = bighead("compute", "stop", workload["id"])
            self.addCleanup(docker, "volume", "rm", "-f", volume)
        self.assertEqual(stopped.returncode, 0, stopped.stderr)
        self.assertEqual(json.loads(bighead("compute", "list", "--label", "org.bighead.owner=compute-test",
                                            "--json").stdout), [])
        self.assertEqual(docker("volume", "rm", volume).returncode, 0, "the named volume outlives its workload")
        assert_one_line_error(self, bighead("compute", "status", workload["id"]), "no workload")

    def test_run_applies_the_instance_types_memory_limit(self):
        # t3.medium: 2 vCPU, 4096 MiB (cgroup v1 here; v2 names the file memory.max)
        result = bighead("env", "run", "cpu", "--instance-type", "t3.medium", "--", "sh", "-c",
                         "cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.strip(), str(4096 * 1024 * 1024))

    def test_a_type_larger_than_the_host_is_refused_saying_what_the_host_has(self):
        result = bighead("env", "run", "cpu", "--instance-type", "m5.24xlarge", "--", "true")
        assert_one_line_error(self, result, "m5.24xlarge needs 96 vCPUs", "this host has")
        gpu = bighead("env", "run", "cpu", "--instance-type", "p3.2xlarge", "--", "true")
        assert_one_line_error(self, gpu, "p3.2xlarge has 1 GPU(s) and this host has none")
        unknown = bighead("env", "run", "cpu", "--instance-type", "m5.huge", "--", "true")
        assert_one_line_error(self, unknown, "unknown instance type 'm5.huge'")
        self.assertEqual(bighead_containers(), [])

    def test_the_runtime_image_trains_and_predicts_the_same_on_java_17_and_25(self):
        """XGBoost's natives load in the FROM-scratch image, and the environment on the current LTS JDK
        (cpu-jdk25, its JRE jlinked from Temurin 25) trains the same model to the same prediction."""
        jdk25 = bighead("env", "build", "cpu-jdk25")
        if "needs JDK 25 and none" in jdk25.stderr:
            self.skipTest("no JDK 25 on this machine: " + jdk25.stderr.strip())
        self.assertEqual(jdk25.returncode, 0, jdk25.stdout + jdk25.stderr)
        predictions = {}
        for env in ("cpu", "cpu-jdk25"):
            result = bighead("env", "run", env, "--", "bighead", "demo", "--out", "/tmp/demo.bighead")
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            predictions[env] = re.search(r'\{"prediction":([0-9.]+)\}', result.stdout).group(1)
        self.assertEqual(predictions["cpu"], predictions["cpu-jdk25"])
        version = bighead("env", "run", "cpu-jdk25", "--", "java", "-version")
        self.assertIn('version "25', version.stderr)


@unittest.skipUnless(os.environ.get("BIGHEAD_TEST_ENGINE"), "needs a Docker engine: run through ./bighead test")
class NotebookImageTest(unittest.TestCase):
    """The notebook flavour: Debian (debootstrap), Python, JupyterLab, JupyterHub's single-user server and the
    Bighead kernel, with the same class path as the runtime image."""

    @classmethod
    def setUpClass(cls):
        build = bighead("env", "build", "cpu", "--notebook")
        assert build.returncode == 0, build.stdout + build.stderr
        cls.image = build.stdout.strip().splitlines()[-1]

    def test_it_runs_the_single_user_server_and_lists_the_bighead_kernel(self):
        self.assertRegex(self.image, r"^bighead/env-cpu-notebook:[0-9a-f]{12}$")
        version = bighead("env", "run", "cpu", "--flavor", "notebook", "--", "jupyterhub-singleuser", "--version")
        self.assertEqual(version.returncode, 0, version.stderr)
        self.assertRegex(version.stdout.strip(), r"^\d+\.\d+")
        specs = bighead("env", "run", "cpu", "--flavor", "notebook", "--", "jupyter", "kernelspec", "list", "--json")
        self.assertEqual(specs.returncode, 0, specs.stderr)
        self.assertIn("bighead", json.loads(specs.stdout)["kernelspecs"])

    def test_the_bighead_kernel_answers_a_cell_inside_the_image(self):
        script = textwrap.dedent("""
            from jupyter_client.manager import start_new_kernel
            km, kc = start_new_kernel(kernel_name="bighead", startup_timeout=120)
            try:
                reply = kc.execute_interactive("var x = 20 + 22; x", timeout=120,
                                               output_hook=lambda m: m["msg_type"] == "execute_result"
                                               and print(m["content"]["data"]["text/plain"]))
                print("status", reply["content"]["status"])
            finally:
                kc.stop_channels(); km.shutdown_kernel(now=True)
        """)
        result = bighead("env", "run", "cpu", "--flavor", "notebook", "--", "python3", "-c", script)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("42", result.stdout)
        self.assertIn("status ok", result.stdout)

    def test_shift_tab_in_the_image_shows_the_javadoc_of_bigheads_own_api(self):
        # the image carries Bighead's -sources.jar files (lib/bighead/sources/), where the kernel reads Javadoc
        script = textwrap.dedent("""
            from jupyter_client.manager import start_new_kernel
            km, kc = start_new_kernel(kernel_name="bighead", startup_timeout=120)
            try:
                reply = kc.inspect("Listings.generate", cursor_pos=len("Listings.generate"), reply=True, timeout=120)
                print(reply["content"]["data"]["text/plain"])
            finally:
                kc.stop_channels(); km.shutdown_kernel(now=True)
        """)
        result = bighead("env", "run", "cpu", "--flavor", "notebook", "--", "python3", "-c", script)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("Table Listings.generate(int rows, long seed)", result.stdout)
        self.assertIn("Generates rows listings, identical for the same (rows, seed) on any JVM.", result.stdout)


@unittest.skipUnless(os.environ.get("BIGHEAD_TEST_ENGINE"), "needs a Docker engine: run through ./bighead test")
class DerivedEnvironmentTest(unittest.TestCase):
    """`env create NAME --from BASE --maven …`: kept by the registry, listed beside the team's, built with a user
    layer of its own on top of the base's cached layers."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="bighead-envs-")
        cls.addClassCleanup(cls.tmp.cleanup)
        cls.dir = Path(cls.tmp.name)
        cls.env = dict(os.environ, BIGHEAD_CONFIG=str(cls.dir / "config.json"))
        cls.registry = Server(["registry", "serve", "--data", str(cls.dir / "registry")], "/api/health", cls.env)
        cls.addClassCleanup(cls.registry.stop)   # runs even when the rest of setUpClass fails
        cls.env["BIGHEAD_REGISTRY_URL"] = cls.registry.url
        cls.env["BIGHEAD_REGISTRY_TOKEN"] = (cls.dir / "registry" / "admin.token").read_text().strip()
        # the base first, as a team has it: the derived build then reuses its layers from the engine's cache
        base = bighead("env", "build", "cpu", env=cls.env)
        assert base.returncode == 0, base.stdout + base.stderr

    def test_a_derived_environment_is_recorded_listed_built_and_runs_its_extra_jar(self):
        # images are content-addressed: one left by an earlier run would make this build "up to date"
        for image_id in set(docker("images", "-q", "bighead/env-cpu-jsoup").stdout.split()):
            docker("rmi", "-f", image_id)
        created = bighead("env", "create", "cpu-jsoup", "--from", "cpu", "--maven", "org.jsoup:jsoup:1.18.3",
                          "--description", "cpu with jsoup", "--json", env=self.env)
        self.assertEqual(created.returncode, 0, created.stdout + created.stderr)
        self.assertIn("user          built", created.stdout)
        self.assertIn("dependencies  cached", created.stdout)
        record = json.loads(created.stdout[created.stdout.index("{"):])
        self.assertEqual(record["from"], "cpu")
        self.assertEqual(record["created_by"], "admin")
        self.assertRegex(record["image"], r"^bighead/env-cpu-jsoup:[0-9a-f]{12}$")
        self.assertTrue(record["image_digest"].startswith("sha256:"))

        listed = {e["name"]: e for e in json.loads(bighead("env", "list", "--json", env=self.env).stdout)}
        self.assertEqual(listed["cpu-jsoup"]["from"], "cpu")
        self.assertEqual(listed["cpu-jsoup"]["image"], record["image"])
        self.assertIn("cpu", listed)

        jar = bighead("env", "run", "cpu-jsoup", "--", "sh", "-c", "ls /opt/bighead/lib/user", env=self.env)
        self.assertEqual(jar.stdout.split(), ["jsoup-1.18.3.jar"])

    def test_a_coordinate_that_does_not_resolve_is_refused_before_anything_is_written(self):
        result = bighead("env", "create", "cpu-bad", "--from", "cpu", "--maven", "org.bighead.nope:nope:0.0.1",
                         env=self.env)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("do not resolve", result.stderr)
        self.assertIn("org.bighead.nope:nope", result.stderr)
        self.assertNotIn("Exception", result.stderr)
        names = [e["name"] for e in json.loads(bighead("env", "list", "--json", env=self.env).stdout)]
        self.assertNotIn("cpu-bad", names)

    def test_a_failing_build_names_its_step_and_output_and_leaves_no_environment(self):
        result = bighead("env", "create", "cpu-badpip", "--from", "cpu", "--flavor", "notebook",
                         "--pip", "bighead-no-such-package==0.0.1", env=self.env)
        self.assertNotEqual(result.returncode, 0, result.stdout)
        self.assertNotIn("Exception", result.stderr)
        self.assertRegex(result.stderr, r"step \d+/\d+ \(RUN /opt/venv/bin/pip install .*bighead-no-such-package")
        self.assertIn("last output:", result.stderr)
        self.assertIn("bighead-no-such-package", result.stderr.split("last output:")[1])
        names = [e["name"] for e in json.loads(bighead("env", "list", "--json", env=self.env).stdout)]
        self.assertNotIn("cpu-badpip", names)

    def test_another_version_of_a_carried_library_is_a_conflict(self):
        result = bighead("env", "create", "cpu-old-jackson", "--from", "cpu", "--maven",
                         "com.fasterxml.jackson.core:jackson-databind:2.15.0", env=self.env)
        assert_one_line_error(self, result, "version conflict", "jackson-databind")

    def test_a_name_that_exists_is_refused(self):
        assert_one_line_error(self, bighead("env", "create", "gpu", "--from", "cpu", env=self.env),
                              "environment 'gpu' already exists")


if __name__ == "__main__":
    unittest.main()
