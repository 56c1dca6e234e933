"""The registry's and the serving runtime's HTTP APIs under a fuzzer: schemathesis generates requests from each
server's own OpenAPI document and checks every answer against it (no 5xx, only documented status codes, bodies,
content types and headers as declared, writes refused without the token). After the registry has been fuzzed, it
must still be consistent: every version's bundle downloads and matches its SHA-256, aliases and deployments point at
versions that exist.

Real servers as a user starts them (`./bighead registry serve`, `./bighead serve FILE`), on free loopback ports, with
their data in a temporary folder. schemathesis runs from its own venv (.bighead/fuzz-venv, pinned in
tests/fuzz/requirements.txt, made by `./bighead test`), with a fixed seed and a bounded number of examples per
operation, so a run is reproducible and takes a few minutes. The full reports stay in .bighead/fuzz-reports/.
"""
import concurrent.futures
import gzip
import hashlib
import http.client
import json
import os
import subprocess
import tempfile
import unittest
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from test_registry_serving import Server

ROOT = Path(__file__).resolve().parent.parent
BIGHEAD = str(ROOT / "bighead")
FUZZ_VENV = Path(os.environ.get("BIGHEAD_FUZZ_VENV", ROOT / ".bighead" / "fuzz-venv"))
REPORTS = ROOT / ".bighead" / "fuzz-reports"
SEED = 20261206
MAX_EXAMPLES = 40           # per operation in the fuzzing phase ...
MAX_SCENARIOS = 15          # ... and sequences of calls in the stateful one: the test takes 2-4 minutes on 2 cores
FUZZ_TIMEOUT = 900
CHECKS = [
    "not_a_server_error",            # no 5xx, no network error (a connection closed early counts)
    "status_code_conformance",       # only documented status codes
    "content_type_conformance",      # the documented media type
    "response_schema_conformance",   # bodies as the schemas say
    "response_headers_conformance",  # documented headers present and well-formed
    "ignored_auth",                  # an operation that declares the bearer token refuses a request without it
    "unsupported_method",            # a method the document does not list on a path: 405 with Allow (RFC 9110)
    "allow_header_conformance",      # Allow on a 405 names exactly the documented methods
    "positive_data_acceptance",      # what the document allows is accepted: it says what the server enforces
    "negative_data_rejection",       # what the document forbids is refused with a 4xx
    "missing_required_header",       # a required header left out is a 4xx
    "use_after_free",                # stateful: a deleted alias is gone
    "ensure_resource_availability",  # stateful: what was just created can be read
    # object_level_authorization is left out: reads are open to everyone by design (registry/API.md, Auth) and the
    # registry has one kind of write token, so there is no other user's object to reach
]

# Models, versions and aliases the servers hold, offered to the fuzzer for half of the path and query values: a
# purely random name is a 404 every time and never reaches the code behind it. The other half stays random.
CONFIG = """
[generation]
database = "none"
max-examples = {max_examples}

[phases.stateful.generation]
max-examples = {max_scenarios}

[phases.coverage]
unexpected-methods = ["GET", "PUT", "POST", "DELETE", "PATCH", "TRACE"]

[checks]
enabled = false
{checks}

[dictionaries.models]
values = {models}
[dictionaries.versions]
values = {versions}
[dictionaries.aliases]
values = {aliases}

[parameters]
"path.name" = {{ dictionary = "models", probability = 0.5 }}
"path.version" = {{ dictionary = "versions", probability = 0.5 }}
"path.alias" = {{ dictionary = "aliases", probability = 0.5 }}
"query.alias" = {{ dictionary = "aliases", probability = 0.5 }}
{parameters}
{extra}"""

# positive_data_acceptance is off where no schema can say what is valid, so a schema-valid request may rightly be
# a 400: an upload must be a valid .bighead bundle whose SHA-256 is info.sha256 (a fuzzer cannot make one) ...
REGISTRY_PARAMETERS = '"body.version" = { dictionary = "versions", probability = 0.5 }  # alias moves, deployments'
REGISTRY_EXTRA = """
[[operations]]
include-path = "/api/models/{name}/versions"
include-method = "POST"
checks.positive_data_acceptance.enabled = false

# ensure_resource_availability reads any 404 after a create as "the created resource is gone". Recording a
# deployment or moving an alias names a version in the body, and an unknown one is a 404 for that version (API.md:
# 404 unknown model/version/alias, as MLflow's RESOURCE_DOES_NOT_EXIST), while the model the request created is
# there: every other check still runs on these operations.
[[operations]]
include-path = "/api/models/{name}/deployments"
include-method = "POST"
checks.ensure_resource_availability.enabled = false

[[operations]]
include-path = "/api/models/{name}/aliases/{alias}"
include-method = "PUT"
checks.ensure_resource_availability.enabled = false

[auth.openapi.bearer]
bearer = "${BIGHEAD_FUZZ_TOKEN}"
"""
# ... and a KServe v2 tensor's "data" must hold as many elements as the product of its "shape"
SERVING_EXTRA = """
[[operations]]
include-path-regex = "^/v2/models/.*/infer$"
checks.positive_data_acceptance.enabled = false
"""


def config(models, versions, aliases, extra, parameters=""):
    """The schemathesis configuration (TOML) for one server."""
    return CONFIG.format(max_examples=MAX_EXAMPLES, max_scenarios=MAX_SCENARIOS,
                         checks="\n".join(f"{check}.enabled = true" for check in CHECKS),
                         models=json.dumps(models), versions=json.dumps(versions), aliases=json.dumps(aliases),
                         parameters=parameters, extra=extra)


def bighead(*args, env=None, timeout=300):
    done = subprocess.run([BIGHEAD, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise AssertionError(f"./bighead {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def get(url, encoding="gzip"):
    """GET as an ordinary HTTP client does (gzip accepted): (status, headers, body decoded)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request, timeout=30) as r:
        body = r.read()
        if r.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return r.status, r.headers, body


def get_json(url):
    return json.loads(get(url)[2])


def quoted(segment):
    return urllib.parse.quote(str(segment), safe="")


class FuzzApisTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.schemathesis = FUZZ_VENV / "bin" / "schemathesis"
        if not cls.schemathesis.exists():
            raise AssertionError(f"{cls.schemathesis} is missing: `./bighead test` creates it from "
                                 "tests/fuzz/requirements.txt")
        cls.tmp = tempfile.TemporaryDirectory(prefix="bighead-fuzz-")
        cls.dir = Path(cls.tmp.name)
        cls.servers = []
        # a config file of its own (none): the user's ~/.bighead/config.json does not reach these servers
        cls.env = dict(os.environ, BIGHEAD_HOME=str(cls.dir / "home"), BIGHEAD_CONFIG=str(cls.dir / "config.json"))
        try:
            cls.start_servers()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def start_servers(cls):
        # two different bundles (data sizes differ, so their SHA-256s do), trained side by side
        big, small = cls.dir / "listing-price.bighead", cls.dir / "listing-price-small.bighead"
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            for done in [pool.submit(bighead, "demo", "--rows", rows, "--seed", seed, "--out", str(path))
                         for rows, seed, path in (("2000", "42", big), ("1000", "7", small))]:
                done.result()

        data = cls.dir / "registry"
        registry = Server(["registry", "serve", "--data", str(data)], "/api/health", cls.env)
        cls.servers.append(registry)
        cls.registry_url = registry.url
        cls.token = (data / "admin.token").read_text().strip()
        env = dict(cls.env, BIGHEAD_REGISTRY_URL=registry.url, BIGHEAD_REGISTRY_TOKEN=cls.token)
        bighead("registry", "register", "listing-price", str(big), env=env)
        bighead("registry", "register", "listing-price", str(small), env=env)
        bighead("registry", "register", "pricing-copy", str(big), "--alias", "staging", env=env)
        bighead("registry", "alias", "listing-price", "champion", "1", "--reason", "first", env=env)
        bighead("registry", "alias", "listing-price", "staging", "2", env=env)
        request = urllib.request.Request(
            registry.url + "/api/models/listing-price/deployments", method="POST",
            data=json.dumps({"version": 1, "alias": "champion", "target": "http://127.0.0.1:9",
                             "kind": "serving", "status": "running"}).encode(),
            headers={"Content-Type": "application/json", "Authorization": "Bearer " + cls.token})
        urllib.request.urlopen(request, timeout=30).close()

        serving = Server(["serve", str(big)], "/v2/health/ready", cls.env)
        cls.servers.append(serving)
        cls.serving_url = serving.url
        cls.serving_versions = get_json(serving.url + "/v2/models/listing-price")["versions"]

    @classmethod
    def tearDownClass(cls):
        for server in reversed(cls.servers):
            server.stop()
        cls.tmp.cleanup()

    def fuzz(self, name, schema_url, settings):
        """Runs schemathesis against one server with `settings` (TOML); returns its exit code and its report. The
        report and the settings stay in REPORTS (NAME.txt, NAME.toml): `schemathesis --config-file NAME.toml run
        URL --seed SEED` replays the run against servers set up as here."""
        REPORTS.mkdir(parents=True, exist_ok=True)
        settings_file = REPORTS / f"{name}.toml"
        settings_file.write_text(settings)
        work = self.dir / ("fuzz-" + name)
        work.mkdir()
        # one worker: hypothesis describes strategies with ast.parse, which on Python 3.11 before 3.11.8 fails at
        # random when two threads parse at once ("SystemError: AST constructor recursion depth mismatch",
        # CPython gh-106905) and shows up as a schemathesis "Runtime Error" or "Inconsistent results"
        command = [str(self.schemathesis), "--config-file", str(settings_file), "run", schema_url, "--seed",
                   str(SEED), "--workers", "1", "--no-color", "--output-truncate", "false", "--request-timeout", "30"]
        done = subprocess.run(command, cwd=work, env=dict(os.environ, BIGHEAD_FUZZ_TOKEN=self.token),
                              capture_output=True, text=True, timeout=FUZZ_TIMEOUT)
        report = done.stdout + done.stderr
        (REPORTS / f"{name}.txt").write_text(" ".join(command) + "\n\n" + report)
        return done.returncode, report

    def test_serving_runtime_answers_as_its_openapi_document_says(self):
        code, report = self.fuzz("serving", self.serving_url + "/openapi.json",
                                 config(["listing-price"], self.serving_versions, ["champion"], SERVING_EXTRA))
        if code != 0:
            self.fail(f"schemathesis exited {code}: the serving runtime does not answer as /openapi.json says "
                      f"(report in .bighead/fuzz-reports/serving.txt):\n{report}")

    def test_registry_answers_as_its_openapi_document_says_and_stays_consistent(self):
        code, report = self.fuzz("registry", self.registry_url + "/api/openapi.json",
                                 config(["listing-price", "pricing-copy"], [1, 2], ["champion", "staging"],
                                        REGISTRY_EXTRA, REGISTRY_PARAMETERS))
        problems = self.inconsistencies()
        if code != 0 or problems:
            self.fail(f"schemathesis exited {code}" + ("" if code == 0 else
                      ": the registry does not answer as /api/openapi.json says (report in "
                      f".bighead/fuzz-reports/registry.txt):\n{report}")
                      + "\nThe registry after fuzzing: " + ("consistent" if not problems else
                                                             "\n".join(["inconsistent:", *problems])))

    def inconsistencies(self):
        """What is wrong with the registry's content: bundles that do not download or match their SHA-256,
        aliases and deployments pointing at versions that do not exist."""
        problems = []
        api = self.registry_url + "/api/models"
        for model in get_json(api)["models"]:
            name = model["name"]
            base = f"{api}/{quoted(name)}"
            versions = get_json(base + "/versions")["versions"]
            numbers = {v["version"] for v in versions}
            if len(numbers) != model["versionCount"] or (numbers and max(numbers) != model["latestVersion"]):
                problems.append(f"{name}: versionCount {model['versionCount']}, latestVersion "
                                f"{model['latestVersion']}, but versions {sorted(numbers)}")
            for version in versions:
                url = f"{base}/versions/{version['version']}/bundle"
                try:
                    _, headers, body = get(url)
                except (urllib.error.URLError, http.client.HTTPException, OSError, EOFError) as e:  # a cut-off body too
                    problems.append(f"GET {url} (Accept-Encoding: gzip) failed: {e!r}")
                    _, headers, body = get(url, encoding="identity")   # the bytes may still be wrong
                digest = hashlib.sha256(body).hexdigest()
                if digest != version["sha256"] or headers.get("X-Bighead-SHA256") != version["sha256"]:
                    problems.append(f"GET {url}: {len(body)} bytes with SHA-256 {digest}, X-Bighead-SHA256 "
                                    f"{headers.get('X-Bighead-SHA256')}, version says {version['sha256']}")
            for alias, number in get_json(base + "/aliases")["aliases"].items():
                if number not in numbers:
                    problems.append(f"{name}@{alias} points at version {number}, which does not exist")
            for deployment in get_json(base + "/deployments")["deployments"]:
                if deployment["version"] not in numbers:
                    problems.append(f"{name}: deployment {deployment['target']} runs version "
                                    f"{deployment['version']}, which does not exist")
        return problems


if __name__ == "__main__":
    unittest.main()
