"""A test class with a registry of its own: `./bighead registry serve` on a free port in a temporary folder, and
`./bighead` commands run against it as a user's shell would (BIGHEAD_REGISTRY_URL/_TOKEN, a config file of the
test's own). Subclasses set `registry_env` for the registry's settings and `prefix` for the folder's name."""
import json
import os
import subprocess
import tempfile
import unittest
import urllib.request
from pathlib import Path

from test_bighead_register_magic import Registry

ROOT = Path(__file__).resolve().parent.parent
BIGHEAD = str(ROOT / "bighead")


class RegistryTestCase(unittest.TestCase):
    registry_env = {}  # the registry's settings beyond the defaults
    prefix = "bighead-registry-case-"
    timeout = 900  # one ./bighead command (a retrain trains a model)

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix=cls.prefix)
        cls.addClassCleanup(cls.tmp.cleanup)
        cls.dir = Path(cls.tmp.name)
        cls.registry = Registry(cls.dir / "registry", env={**os.environ, **cls.registry_env})
        cls.addClassCleanup(cls.registry.stop)
        cls.env = {**os.environ, "BIGHEAD_REGISTRY_URL": cls.registry.url,
                   "BIGHEAD_REGISTRY_TOKEN": cls.registry.token, "BIGHEAD_CONFIG": str(cls.dir / "config.json")}

    @classmethod
    def bighead(cls, *args, check=True):
        """Runs ./bighead against this class's registry; raises with its output when it fails and `check`."""
        r = subprocess.run([BIGHEAD, *args], cwd=ROOT, env=cls.env, capture_output=True, text=True,
                           timeout=cls.timeout)
        if check and r.returncode != 0:
            raise AssertionError(f"./bighead {' '.join(args)} exited {r.returncode}:\n{r.stdout}\n{r.stderr}")
        return r

    @classmethod
    def api(cls, path):
        """GET a registry API path with the admin token, as JSON."""
        request = urllib.request.Request(cls.registry.url + path,
                                         headers={"Authorization": f"Bearer {cls.registry.token}"})
        with urllib.request.urlopen(request, timeout=30) as r:
            return json.loads(r.read())

    def history(self, job):
        """A job's runs, newest first, as `jobs history --json` prints them."""
        return json.loads(self.bighead("jobs", "history", job, "--json").stdout)
