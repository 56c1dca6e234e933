"""BigheadSpawner: a notebook server in a Bighead environment on an instance type (JupyterHub's `bighead` spawner).

Thin on purpose: what may be offered (environments, instance types, back ends) comes from the Java side, and every
start, poll and stop goes through Bighead's compute layer (ComputeClient), which runs containers on this machine's
Docker or instances on EC2. The spawner keeps the workload id in the hub's database, so a restarted hub finds its
running servers again.
"""
import asyncio
import hashlib
import re

from jupyterhub.spawner import Spawner
from jupyterhub.utils import random_port
from tornado import web
from tornado.httpclient import AsyncHTTPClient
from traitlets import Dict, Integer, List, Unicode, default

from . import form
from .compute import ComputeClient, ComputeError

MANAGED = "org.bighead"


def refusal(status, message):
    """An HTTP error whose message is the one the form, the spawn page and the REST API show, without tornado's
    "HTTP 400: Bad Request (…)" wrapping."""
    error = web.HTTPError(status, message.replace("%", "%%"))
    error.jupyterhub_message = message
    return error


class BigheadSpawner(Spawner):
    compute_url = Unicode(
        config=True, help="The compute service's URL (set by Bighead's hub configuration, which starts it).")
    compute_token = Unicode(config=True, help="The compute service's token (set with compute_url).")
    default_environment = Unicode(
        "cpu", config=True, help="The environment when user_options name none (REST calls without options).")
    default_instance_type = Unicode(
        "", config=True, help="The instance type when user_options name none; default: the first the back end offers.")
    home_volume = Unicode(
        "bighead-home-{username}", config=True,
        help="The named volume mounted as the home folder, one per user: it outlives stops and environment changes;"
             " deleting the user removes it.")
    home_path = Unicode("/home/jovyan", config=True, help="Where the home volume is mounted.")
    ec2_port = Integer(8888, config=True, help="The notebook server's port on an EC2 instance (its own address).")
    gpu_cull_idle_timeout = Integer(
        0, config=True,
        help="Seconds a server on a GPU type may sit idle (no activity, no busy kernel) before it stops itself;"
             " 0: only the hub's culler applies. GPU hours are dear: teams set this shorter than the culler's.")
    extra_labels = Dict(config=True, help="More labels on every notebook workload.")
    hub_id = Unicode(
        "", config=True,
        help="What tells this hub's workloads from another hub's on the same engine or account (label "
             "org.bighead.hub, part of the container's name). Default: from the hub's own API address, so a "
             "restarted hub keeps it and a second hub on this machine (another port) gets its own.")
    backends = List(Unicode(), config=True, help="Back ends to offer (default: all the compute service has).")

    workload_id = Unicode(allow_none=True, default_value=None)
    backend = Unicode("docker")
    image = Unicode("")

    @default("options_from_form")
    def _default_options_from_form(self):
        return lambda formdata: form.options_from_form(formdata)

    @default("apply_user_options")
    def _default_apply_user_options(self):
        return BigheadSpawner._apply_choice

    @default("start_timeout")
    def _default_start_timeout(self):
        return 600  # a first spawn may build the environment's notebook image

    @default("http_timeout")
    def _default_http_timeout(self):
        return 120

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._events = asyncio.Queue()
        self._choice = None

    # --- data from the Java side -----------------------------------------------------------------------------------

    def compute(self):
        if not self.compute_url:
            raise web.HTTPError(500, "BigheadSpawner.compute_url is not set: start the hub with ./bighead hub")
        return ComputeClient(self.compute_url, self.compute_token)

    async def _offers(self):
        offers = await self.compute().offers()
        if self.backends:
            offers["backends"] = [b for b in offers["backends"] if b in self.backends] or offers["backends"]
        return offers

    async def get_options_form(self):
        try:
            offers = await self._offers()
        except ComputeError as e:
            return f'<div class="alert alert-danger">The environments could not be listed: {e}</div>'
        return form.render(offers, self.orm_spawner.user_options if self.orm_spawner else None)

    @staticmethod
    async def _apply_choice(spawner, user_options):
        """user_options from the form or the REST API, checked before anything is created: a 400 names the bad value
        and lists the valid ones."""
        options = dict(user_options or {})
        unknown = sorted(set(options) - {"environment", "instance_type", "backend"})
        if unknown:
            raise refusal(400, f"unknown option(s) {', '.join(unknown)} (valid: environment, instance_type, backend)")
        backend = options.get("backend")
        instance_type = options.get("instance_type") or spawner.default_instance_type
        if not backend or not instance_type or spawner.backends:
            # defaults and this hub's back ends come from the offers; a full choice goes straight to the check
            offers = await spawner._offers()
            backend = backend or offers["backends"][0]
            if backend not in offers["backends"]:
                raise refusal(400, f"unknown back end '{backend}' (valid: {', '.join(offers['backends'])})")
            instance_type = instance_type or next(
                (t["name"] for t in offers["instance_types"] if backend in t["offered_on"]), "")
        environment = options.get("environment") or spawner.default_environment
        try:
            spawner._choice = await spawner.compute().check(environment, instance_type, backend)
        except ComputeError as e:
            raise refusal(400 if e.status == 400 else 502, str(e)) from None
        spawner.log.info("%s: %s on %s (%s)", spawner._log_name, environment, instance_type, backend)

    # --- the life of a server -------------------------------------------------------------------------------------

    def _emit(self, progress, message):
        self._events.put_nowait({"progress": progress, "message": message})

    async def progress(self):
        while True:
            event = await self._events.get()
            if event is None:
                return
            yield event

    def _hub_id(self):
        return self.hub_id or hashlib.sha256(self.hub.api_url.encode()).hexdigest()[:8]

    def _labels(self):
        labels = {
            f"{MANAGED}.hub": self._hub_id(),
            f"{MANAGED}.owner": self.user.name,
            f"{MANAGED}.purpose": "notebook",
            f"{MANAGED}.hub-server": self.name or "",
            f"{MANAGED}.environment": self._choice["environment"],
        }
        labels.update(self.extra_labels)
        return labels

    def _container_name(self):
        # a second hub on the same engine has servers of the same names: the hub's id keeps them apart
        raw = f"bighead-{self.user.name}" + (f"-{self.name}" if self.name else "") + f"-{self._hub_id()}"
        return re.sub(r"[^a-zA-Z0-9_.-]", "-", raw)

    def _home_volume(self):
        return re.sub(r"[^a-zA-Z0-9_.-]", "-", self.home_volume.format(username=self.user.name))

    def get_args(self):
        args = list(super().get_args())
        if self._choice and self._choice.get("gpu") and self.gpu_cull_idle_timeout > 0:
            t = self.gpu_cull_idle_timeout
            # the server culls its idle kernels (never a busy one), then stops itself once nothing happens
            args += [f"--MappingKernelManager.cull_idle_timeout={t}", "--MappingKernelManager.cull_interval=60",
                     "--MappingKernelManager.cull_busy=False", "--MappingKernelManager.cull_connected=True",
                     f"--ServerApp.shutdown_no_activity_timeout={t}"]
        return args

    async def start(self):
        if self._choice is None:  # a start without apply_user_options (older hubs, tests)
            await self._apply_choice(self, self.user_options)
        choice = self._choice
        self.backend = choice["backend"]
        self._events = asyncio.Queue()
        compute = self.compute()
        try:
            self._emit(10, f"Preparing the {choice['environment']} notebook image")
            image = await compute.image(choice["environment"], self.backend)
            self.image = image["image"]
            said = "present" if image["status"] == "present" else f"built in {image['seconds']:.0f} s"
            self._emit(40, f"Image {self.image} {said}")

            # leftovers of this server (a crash, a hub that died mid-spawn) go first: the name is taken otherwise
            # (this hub's only: another hub's alice on the same engine is somebody else's server)
            for old in await compute.list({f"{MANAGED}.hub": self._hub_id(), f"{MANAGED}.owner": self.user.name,
                                           f"{MANAGED}.hub-server": self.name or ""}, self.backend):
                self.log.info("removing %s's leftover workload %s", self._log_name, old["id"])
                await compute.stop(old["id"], self.backend)

            if self.backend == "docker":
                self.ip, self.port = "127.0.0.1", random_port()
            else:
                self.ip, self.port = "0.0.0.0", self.ec2_port
            env = self.get_env()
            env.update({
                "BIGHEAD_ENVIRONMENT": choice["environment"],
                "BIGHEAD_INSTANCE_TYPE": choice["instance_type"],
                "BIGHEAD_IMAGE": self.image,
                "BIGHEAD_IMAGE_ID": image.get("image_id") or "",
                "BIGHEAD_BACKEND": self.backend,
            })
            self._emit(50, f"Starting on {choice['instance_type']} ({self.backend})")
            workload = await compute.start({
                "backend": self.backend,
                "image": self.image,
                "instance_type": choice["instance_type"],
                "name": self._container_name(),
                "command": ["jupyterhub-singleuser", *self.get_args()],
                "env": env,
                "labels": self._labels(),
                "volumes": {self._home_volume(): self.home_path},
            })
            self.workload_id = workload["id"]
            where = "container" if self.backend == "docker" else "instance"
            self._emit(80, f"Started {where} {workload['id'][:12]} on {choice['instance_type']};"
                           " waiting for JupyterLab to answer")
            address = workload.get("address") or "127.0.0.1"
            if self.backend == "docker":
                await self._wait_until_answering(compute)
                self._emit(95, "JupyterLab is answering")
                return ("127.0.0.1", self.port)
            return (address, self.port)
        except ComputeError as e:
            # the compute layer removed whatever the failed call created; say what went wrong where the user looks
            raise refusal(400 if e.status == 400 else 503, f"Could not start your server: {e}") from None
        finally:
            self._events.put_nowait(None)

    async def _wait_until_answering(self, compute):
        """Waits, polling every 50 ms, until the new server answers HTTP, so the hub finds it up at its first look
        (its own readiness poll backs off with jitter: up to seconds); a server that exits meanwhile fails the spawn
        with its last lines of output."""
        url = f"http://127.0.0.1:{self.port}{self.server.base_url if self.server else '/'}api"
        client = AsyncHTTPClient()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.http_timeout
        next_look = loop.time() + 1
        while loop.time() < deadline:
            try:
                response = await client.fetch(url, request_timeout=2, raise_error=False)
                if response.code != 599:  # any answer: the server is listening
                    return
            except OSError:  # not listening yet
                pass
            if loop.time() >= next_look:
                next_look = loop.time() + 1
                workload = await compute.status(self.workload_id, self.backend)
                if workload["state"] not in ("running", "pending", "unknown"):
                    tail = (await compute.logs(self.workload_id, self.backend, tail=15)).strip()
                    raise refusal(503, f"Your server exited (code {workload.get('exit_code')}) before it answered;"
                                       f" its last lines:\n{tail}")
            await asyncio.sleep(0.05)
        # the hub's own wait (http_timeout) decides from here

    async def poll(self):
        if not self.workload_id:
            return 0
        try:
            workload = await self.compute().status(self.workload_id, self.backend)
        except ComputeError as e:
            if e.status == 404:
                return 0
            self.log.warning("could not poll %s (%s): assuming it runs", self._log_name, e)
            return None
        if workload["state"] in ("running", "pending", "unknown"):
            return None
        return workload.get("exit_code") or 0

    async def stop(self, now=False):
        if not self.workload_id:
            return
        try:
            await self.compute().stop(self.workload_id, self.backend)
        except ComputeError as e:
            if e.status != 404:
                raise
        self.workload_id = None

    async def delete_forever(self):
        """The user is deleted (the default server's spawner is deleted only then): their home volume goes too."""
        if self.name:
            return
        try:
            offers = await self._offers()
            for backend in offers["backends"]:
                await self.compute().delete_volume(self._home_volume(), backend)
        except ComputeError as e:
            if e.status != 404:
                self.log.warning("could not remove %s's home volume: %s", self.user.name, e)

    # --- what the hub keeps across restarts ------------------------------------------------------------------------

    def get_state(self):
        state = super().get_state()
        if self.workload_id:
            state.update(workload_id=self.workload_id, backend=self.backend, image=self.image)
        return state

    def load_state(self, state):
        super().load_state(state)
        self.workload_id = state.get("workload_id")
        self.backend = state.get("backend", "docker")
        self.image = state.get("image", "")

    def clear_state(self):
        super().clear_state()
        self.workload_id = None
