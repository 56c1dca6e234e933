"""One helper for tests that talk to the Bighead Java kernel over the Jupyter protocol with jupyter_client.

`KernelSession` starts the installed "bighead" kernelspec with its history and settings in a temporary folder
(BIGHEAD_HOME, BIGHEAD_CONFIG), runs cells, and files every IOPub message and shell reply under the request that
caused it, stamped with the time it was taken off the channel. Every wait has a deadline; nothing here sleeps
to let the kernel catch up.
"""
import os
import queue
import re
import shutil
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field

from jupyter_client.manager import KernelManager

KERNEL_NAME = "bighead"
START_TIMEOUT = 90
CELL_TIMEOUT = 60
POLL = 0.02


def kernel_java_home():
    """The real home of the JDK the kernel runs on: $BIGHEAD_JAVA_HOME, else the java on PATH (as bighead-kernel)."""
    java = os.path.join(os.environ["BIGHEAD_JAVA_HOME"], "bin", "java") if os.environ.get("BIGHEAD_JAVA_HOME") \
        else shutil.which("java")
    return os.path.dirname(os.path.dirname(os.path.realpath(java)))


def jdk_major(home):
    """The feature release of the JDK at `home` (17, 25), from its release file."""
    with open(os.path.join(home, "release")) as f:
        return int(re.search(r'^JAVA_VERSION="(?:1\.)?(\d+)', f.read(), re.M).group(1))


@dataclass
class Arrival:
    """A message and when the test took it off its channel (time.monotonic())."""
    at: float
    msg: dict

    @property
    def type(self):
        return self.msg["msg_type"]

    @property
    def content(self):
        return self.msg["content"]


@dataclass
class CellRun:
    """What one execute_request produced: the reply, and its IOPub messages in arrival order."""
    code: str
    msg_id: str
    reply: dict = None
    reply_at: float = None
    iopub: list = field(default_factory=list)
    input_requests: list = field(default_factory=list)

    @property
    def status(self):
        return self.reply["content"]["status"]

    @property
    def outputs(self):
        """IOPub messages other than status and execute_input."""
        return [a for a in self.iopub if a.type not in ("status", "execute_input")]

    def of_type(self, msg_type):
        return [a for a in self.iopub if a.type == msg_type]

    def stdout(self):
        return "".join(a.content["text"] for a in self.of_type("stream") if a.content["name"] == "stdout")

    def stderr(self):
        return "".join(a.content["text"] for a in self.of_type("stream") if a.content["name"] == "stderr")

    def result(self, mime="text/plain"):
        """The execute_result's data for `mime`, or None when there is no execute_result."""
        results = self.of_type("execute_result")
        return results[-1].content["data"].get(mime) if results else None

    def describe(self):
        """Everything the kernel sent for this cell, for failure messages."""
        lines = [f"cell {self.code!r}", f"  reply: {self.reply and self.reply['content']}"]
        lines += [f"  {a.type}: {a.content}" for a in self.iopub]
        return "\n".join(lines)


class KernelSession:
    """A running Bighead kernel and a blocking client, with messages filed by the request that caused them."""

    def __init__(self, extra_env=None):
        self.tmp = tempfile.TemporaryDirectory(prefix="bighead-kernel-test-")
        self.home = os.path.join(self.tmp.name, "home")
        self.config_file = os.path.join(self.tmp.name, "config.json")
        env = dict(os.environ, BIGHEAD_HOME=self.home, BIGHEAD_CONFIG=self.config_file)
        env.update(extra_env or {})
        self.km = KernelManager(kernel_name=KERNEL_NAME)
        self.iopub = defaultdict(list)   # parent msg_id -> [Arrival]
        self.orphans = []                # IOPub messages without a parent (e.g. status: starting)
        self.replies = {}                # parent msg_id -> Arrival (shell)
        self.kc = None
        self.log_path = os.path.join(self.tmp.name, "kernel.log")
        self._log = open(self.log_path, "ab")  # the kernel's own log; shown when a wait times out
        try:
            self.km.start_kernel(env=env, stdout=self._log, stderr=self._log)
            self._connect()
        except BaseException:
            self.close()
            raise

    def _connect(self):
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=START_TIMEOUT)
        self.pump(0.1)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        """Shuts the kernel down (waits for it) and removes the temporary folder."""
        try:
            if self.kc is not None:
                self.kc.stop_channels()
            if self.km.has_kernel:
                self.km.shutdown_kernel(now=not self.km.is_alive())
        finally:
            self._log.close()
            self.tmp.cleanup()

    def log_tail(self, lines=30):
        """The end of the kernel's log, for failure messages."""
        try:
            with open(self.log_path, "rb") as f:
                text = f.read().decode("utf-8", "replace")
        except OSError:
            return "(no kernel log)"
        return "kernel log:\n" + "\n".join(text.splitlines()[-lines:])

    def restart(self):
        """jupyter_client's restart: the old process ends, a new one starts on the same ports."""
        self.kc.stop_channels()
        self.km.restart_kernel(now=False)
        self.iopub.clear()
        self.replies.clear()
        self._connect()

    # --- receiving ---

    def pump(self, wait=POLL):
        """Files whatever arrived on IOPub and shell; waits up to `wait` seconds for the first message."""
        got = False
        for channel, store in ((self.kc.iopub_channel, "iopub"), (self.kc.shell_channel, "shell")):
            while True:
                try:
                    msg = channel.get_msg(timeout=wait if not got and store == "iopub" else 0)
                except queue.Empty:
                    break
                got = True
                arrival = Arrival(time.monotonic(), msg)
                parent = msg["parent_header"].get("msg_id")
                if store == "shell":
                    self.replies[parent] = arrival
                elif parent:
                    self.iopub[parent].append(arrival)
                else:
                    self.orphans.append(arrival)
        return got

    def wait_until(self, condition, timeout, what):
        """Pumps until condition() is true; fails with `what` after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout} s waiting for {what}\n{self.log_tail()}")
            self.pump()

    def idle(self, msg_id):
        return any(a.type == "status" and a.content["execution_state"] == "idle" for a in self.iopub[msg_id])

    def wait_reply(self, msg_id, timeout=CELL_TIMEOUT):
        """The shell reply to `msg_id`, once the kernel has also gone idle for it."""
        self.wait_until(lambda: msg_id in self.replies and self.idle(msg_id), timeout, f"the reply to {msg_id}")
        return self.replies[msg_id].msg

    def wait_iopub(self, predicate, timeout=CELL_TIMEOUT, what="an IOPub message"):
        """The first IOPub message (any parent) for which predicate(msg) holds."""
        found = []

        def check():
            for arrivals in list(self.iopub.values()) + [self.orphans]:
                for a in arrivals:
                    if predicate(a.msg):
                        found.append(a)
                        return True
            return False

        self.wait_until(check, timeout, what)
        return found[0]

    # --- requests ---

    def send_execute(self, code, **options):
        """Sends an execute_request without waiting; returns its msg_id."""
        return self.kc.execute(code, **options)

    def collect(self, msg_id, code="", timeout=CELL_TIMEOUT, answers=None):
        """Waits for a cell's reply and idle; answers input_requests from the `answers` list in order."""
        run = CellRun(code, msg_id)
        pending = list(answers or [])
        deadline = time.monotonic() + timeout
        while not (msg_id in self.replies and self.idle(msg_id)):
            if time.monotonic() > deadline:
                run.iopub = list(self.iopub[msg_id])
                raise AssertionError(f"timed out after {timeout} s waiting for the reply\n{run.describe()}\n"
                                     f"{self.log_tail()}")
            self.pump()
            try:
                ask = self.kc.stdin_channel.get_msg(timeout=0)
            except queue.Empty:
                continue
            run.input_requests.append(ask)
            if not pending:
                raise AssertionError(f"unexpected input_request {ask['content']} for {code!r}")
            self.kc.input(pending.pop(0))
        run.reply = self.replies[msg_id].msg
        run.reply_at = self.replies[msg_id].at
        run.iopub = list(self.iopub[msg_id])
        return run

    def execute(self, code, timeout=CELL_TIMEOUT, answers=None, **options):
        """Runs a cell and waits for it; returns a CellRun."""
        if answers is not None:
            options.setdefault("allow_stdin", True)
        return self.collect(self.send_execute(code, **options), code, timeout, answers)

    def ok(self, test, code, **kw):
        """Runs a cell and makes `test` fail unless it succeeded."""
        run = self.execute(code, **kw)
        test.assertEqual(run.status, "ok", run.describe())
        return run

    def value(self, test, code, mime="text/plain", **kw):
        """Runs a cell that must succeed and returns its execute_result data for `mime`."""
        run = self.ok(test, code, **kw)
        test.assertIsNotNone(run.result(mime), run.describe())
        return run.result(mime)

    def request(self, msg_type, content=None, timeout=CELL_TIMEOUT, channel="shell"):
        """Sends any request on shell or control and returns its reply message."""
        msg = self.kc.session.msg(msg_type, content or {})
        if channel == "control":
            self.kc.control_channel.send(msg)
            deadline = time.monotonic() + timeout
            while True:
                try:
                    reply = self.kc.control_channel.get_msg(timeout=max(0.0, deadline - time.monotonic()))
                except queue.Empty:
                    raise AssertionError(f"no control reply to {msg_type} within {timeout} s") from None
                if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
                    return reply
        self.kc.shell_channel.send(msg)
        return self.wait_reply(msg["header"]["msg_id"], timeout)

    def send_shell(self, msg_type, content):
        """Sends a shell message that gets no reply (comm_open, comm_msg, comm_close); returns its msg_id."""
        msg = self.kc.session.msg(msg_type, content)
        self.kc.shell_channel.send(msg)
        return msg["header"]["msg_id"]
