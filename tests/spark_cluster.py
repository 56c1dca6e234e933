"""A Spark standalone cluster on loopback for tests: one Master and one Worker of Spark 4.2.0 (the jars Maven
fetched for spark-batch/), each a JVM of its own, started on free ports and stopped by PID.

The Worker starts executors as a real cluster does: JVMs of their own, with the "distribution's" jars (a SPARK_HOME
whose jars/ links the libraries of spark-batch's class path, Bighead's own jars left out) and whatever the
application sends them, so an application that forgets to send its own classes fails here as it would on a cluster.
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def java():
    home = os.environ.get("BIGHEAD_JAVA_HOME")
    return str(Path(home) / "bin" / "java") if home else shutil.which("java")


class StandaloneSpark:
    """`with StandaloneSpark(folder) as spark:` runs a cluster; `spark.master` is its spark:// URL."""

    def __init__(self, folder, cores=2, memory="2g"):
        self.folder = Path(folder)
        self.cores, self.memory = cores, memory
        self.processes = []
        self.master = None

    def __enter__(self):
        home = self.folder / "spark-home"
        (home / "jars").mkdir(parents=True, exist_ok=True)
        (home / "RELEASE").write_text("Spark 4.2.0 (the jars of spark-batch/target/classpath.txt)\n")
        # the distribution: Spark and the libraries on spark-batch's class path, without Bighead's own jars (those
        # have to come from the application, as on any cluster)
        for entry in (ROOT / "spark-batch" / "target" / "classpath.txt").read_text().strip().split(":"):
            jar = Path(entry)
            if jar.suffix == ".jar" and ROOT not in jar.parents:
                link = home / "jars" / jar.name
                if not link.exists():
                    link.symlink_to(jar)
        env = {**os.environ, "SPARK_HOME": str(home), "SPARK_SCALA_VERSION": "2.13", "SPARK_LOCAL_IP": "127.0.0.1"}
        classpath = str(home / "jars" / "*")
        port = free_port()
        self.master = f"spark://127.0.0.1:{port}"
        self._start("master", env, [java(), "-cp", classpath, "-Xmx256m", "-Dspark.master.rest.enabled=false",
                                    "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                                    str(port), "--webui-port", "0"], "I have been elected leader")
        self._start("worker", env, [java(), "-cp", classpath, "-Xmx256m", "org.apache.spark.deploy.worker.Worker",
                                    "--host", "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores",
                                    str(self.cores), "--memory", self.memory, "--work-dir",
                                    str(self.folder / "work"), self.master], "Successfully registered with master")
        return self

    def _start(self, name, env, command, ready, timeout=60):
        log = self.folder / f"{name}.log"
        with log.open("w") as out:
            process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env,
                                       start_new_session=True)
        self.processes.append(process)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if ready in log.read_text(errors="replace"):
                return
            if process.poll() is not None:
                break
            time.sleep(0.2)
        self.__exit__(None, None, None)
        raise AssertionError(f"Spark {name} did not start; its log ends: {log.read_text()[-2000:]}")

    def __exit__(self, *_):
        # the worker first: it stops the executors it started; then the master
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
        self.processes.clear()


def log_lines(folder, pattern):
    """Lines of the cluster's logs (master, worker, executors' stderr) matching a regex, for failure messages."""
    found = []
    for log in Path(folder).rglob("*"):
        if log.is_file() and (log.suffix == ".log" or log.name == "stderr"):
            found += [line for line in log.read_text(errors="replace").splitlines() if re.search(pattern, line)]
    return found
