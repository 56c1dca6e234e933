"""Kernel benchmark: Jupyter protocol round trips of the Bighead kernel next to ipykernel, in the same run.

For each kernel (started through jupyter_client from its kernelspec) it measures, one request at a time:
  kernel_info      kernel_info_request on the shell channel → kernel_info_reply
  cell → reply     execute_request of a trivial cell (`int x = 1;` / `x = 1`) → execute_reply
  cell → idle      the same request → the iopub status "idle" that closes it (what a front end waits for)
first --cold pairs on the fresh kernel (what a notebook user meets), then --warmup untimed pairs, then --n of each
kind warm (the goals: kernel_info ≤ 2 ms, trivial cell ≤ 15 ms at p50); and over --starts fresh kernel processes,
start → first result: process launch → execute_reply of a trivial cell sent at once (it waits in the socket).

The client loop is small: jupyter_client's Session signs and parses, pyzmq sockets, one poller, the garbage
collector off while timing. Its own cost (building, signing and sending a request; verifying and parsing what comes
back) is timed inside the loop and reported beside each figure ("client"), and the round trip without it ("net")
is what the kernel and the transport took. The kernels' own logs go to a file, not the report.

Usage: .venv/bin/python bench/kernel_bench.py [--n 500] [--cold 50] [--warmup 200] [--starts 5]
                                              [--kernels bighead,python3]
"""
import argparse
import gc
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import zmq
from jupyter_client import KernelManager, __version__ as jupyter_client_version

TRIVIAL = {"bighead": "int x = 1;", "python3": "x = 1"}
GOALS = {"kernel_info": 2.0, "reply": 15.0}  # ms at p50; the goal for a trivial cell is on its reply
TIMEOUT_MS = 60_000


def ms(ns):
    return ns / 1e6


class Timed:
    """Round trips of one kind: total wall times and the client's share of each, in ns."""

    def __init__(self):
        self.total, self.client = [], []

    def add(self, total, client):
        self.total.append(total)
        self.client.append(client)

    def p(self, q, values=None):
        values = sorted(values if values is not None else self.total)
        return values[min(len(values) - 1, int(q * len(values)))]

    def summary(self):
        t = self.total
        return {"p50": ms(self.p(0.5)), "p99": ms(self.p(0.99)), "mean": ms(statistics.fmean(t)),
                "client_p50": ms(self.p(0.5, self.client)),
                "minus_client_p50": ms(self.p(0.5, [a - b for a, b in zip(t, self.client)]))}


class Client:
    """A minimal blocking client on a running kernel's shell and iopub sockets."""

    def __init__(self, km):
        self.kc = km.client()
        self.kc.start_channels(shell=True, iopub=True, stdin=False, hb=False, control=False)
        self.session = self.kc.session
        self.shell = self.kc.shell_channel.socket
        self.iopub = self.kc.iopub_channel.socket
        self.poller = zmq.Poller()
        self.poller.register(self.shell, zmq.POLLIN)
        self.poller.register(self.iopub, zmq.POLLIN)

    def close(self):
        self.kc.stop_channels()

    def send(self, msg_type, content):
        msg = self.session.msg(msg_type, content)
        self.session.send(self.shell, msg)
        return msg["header"]["msg_id"]

    def _recv(self, socket):
        _, msg = self.session.recv(socket, mode=zmq.NOBLOCK)
        return msg

    def drain_iopub(self):
        while self.iopub.poll(0):
            self._recv(self.iopub)

    def wait_ready(self, execute):
        """Returns once the kernel has run a cell. ipykernel 7 may drop an execute_request that comes just after
        its first kernel_info_reply, while it still starts up: resend until one is answered."""
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while time.monotonic() < deadline:
            msg_id = self.send("execute_request", execute)
            if self.shell.poll(2000):
                while self.shell.poll(100):
                    msg = self._recv(self.shell)
                    if msg and msg["parent_header"].get("msg_id") == msg_id:
                        time.sleep(0.2)
                        self.drain_iopub()
                        return
        raise TimeoutError(f"the kernel did not run a cell within {TIMEOUT_MS} ms")

    def round_trip(self, msg_type, content, reply_type, wait_idle):
        """One request: (ns to the reply, ns to iopub idle or None, ns the client spent)."""
        start = time.perf_counter_ns()
        msg_id = self.send(msg_type, content)
        client = time.perf_counter_ns() - start
        reply_at = idle_at = None
        while reply_at is None or (wait_idle and idle_at is None):
            ready = dict(self.poller.poll(TIMEOUT_MS))
            if not ready:
                raise TimeoutError(f"no {reply_type} within {TIMEOUT_MS} ms")
            if self.shell in ready:
                t = time.perf_counter_ns()
                msg = self._recv(self.shell)
                now = time.perf_counter_ns()
                client += now - t
                if msg and msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == reply_type:
                    if msg["content"].get("status", "ok") != "ok":
                        raise RuntimeError(f"{reply_type}: {msg['content']}")
                    reply_at = now
            if wait_idle and self.iopub in ready:
                while self.iopub.poll(0):
                    t = time.perf_counter_ns()
                    msg = self._recv(self.iopub)
                    now = time.perf_counter_ns()
                    client += now - t
                    if (msg and msg["msg_type"] == "status" and msg["parent_header"].get("msg_id") == msg_id
                            and msg["content"]["execution_state"] == "idle"):
                        idle_at = now
        return reply_at - start, (idle_at - start if idle_at else None), client


def environment(tmp):
    return dict(os.environ, BIGHEAD_HOME=str(tmp / "bighead-home"), BIGHEAD_CONFIG=str(tmp / "config.json"),
                IPYTHONDIR=str(tmp / "ipython"), JUPYTER_RUNTIME_DIR=str(tmp / "runtime"))


def start(name, tmp, n):
    km = KernelManager(kernel_name=name, connection_file=str(tmp / f"{name}-{n}.json"))
    with open(tmp / f"{name}-{n}.log", "w") as log:
        km.start_kernel(env=environment(tmp), stdout=log, stderr=log)
    return km


def measure(name, args, tmp):
    km = start(name, tmp, 0)
    client = Client(km)
    try:
        execute = {"code": TRIVIAL[name], "silent": False, "store_history": True, "user_expressions": {},
                   "allow_stdin": False, "stop_on_error": True}
        client.wait_ready(execute)
        cold_info, cold_reply = Timed(), Timed()
        for _ in range(args.cold):  # a fresh kernel, as a notebook user meets it
            total, _, own = client.round_trip("kernel_info_request", {}, "kernel_info_reply", False)
            cold_info.add(total, own)
            client.drain_iopub()  # untimed: its busy/idle pair
            to_reply, _, own = client.round_trip("execute_request", execute, "execute_reply", True)
            cold_reply.add(to_reply, own)
        for _ in range(args.warmup):
            client.round_trip("kernel_info_request", {}, "kernel_info_reply", False)
            client.round_trip("execute_request", execute, "execute_reply", True)
        client.drain_iopub()
        kernel_info, reply, idle = Timed(), Timed(), Timed()
        gc.disable()  # the client's garbage collector must not land in the kernel's figures
        try:
            for _ in range(args.n):
                total, _, own = client.round_trip("kernel_info_request", {}, "kernel_info_reply", False)
                kernel_info.add(total, own)
                client.drain_iopub()  # untimed: its busy/idle pair
            for _ in range(args.n):
                to_reply, to_idle, own = client.round_trip("execute_request", execute, "execute_reply", True)
                reply.add(to_reply, own)
                idle.add(to_idle, own)
        finally:
            gc.enable()
        version = kernel_version(client)
    finally:
        client.close()
        km.shutdown_kernel(now=False)
    return {"kernel_info": kernel_info.summary(), "reply": reply.summary(), "idle": idle.summary(),
            "cold_info": cold_info.summary(), "cold_reply": cold_reply.summary(),
            "start": start_to_first_result(name, args, tmp), "version": version}


def kernel_version(client):
    msg_id = client.send("kernel_info_request", {})
    while client.shell.poll(TIMEOUT_MS):
        msg = client._recv(client.shell)
        if msg and msg["parent_header"].get("msg_id") == msg_id:
            c = msg["content"]
            return f"{c.get('implementation', '?')} {c.get('implementation_version', '?')}"
    raise TimeoutError(f"no kernel_info_reply within {TIMEOUT_MS} ms")


def start_to_first_result(name, args, tmp):
    """Median over fresh processes of: launch → execute_reply of a trivial cell (requests queue until bound)."""
    times = []
    for i in range(args.starts):
        t0 = time.perf_counter_ns()
        km = start(name, tmp, i + 1)
        client = Client(km)
        try:
            execute = {"code": TRIVIAL[name], "silent": False, "store_history": True, "user_expressions": {},
                       "allow_stdin": False, "stop_on_error": True}
            msg_id = client.send("execute_request", execute)
            while True:
                if not client.shell.poll(TIMEOUT_MS):
                    raise TimeoutError(f"{name}: no first execute_reply within {TIMEOUT_MS} ms")
                msg = client._recv(client.shell)
                if msg and msg["parent_header"].get("msg_id") == msg_id:
                    times.append(time.perf_counter_ns() - t0)
                    break
        finally:
            client.close()
            km.shutdown_kernel(now=False)
    return {"median": ms(statistics.median(times)), "min": ms(min(times)), "max": ms(max(times))}


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "?")
    # the kernel's JDK, as bighead-kernel picks it: $BIGHEAD_JAVA_HOME, else the java on PATH
    home = os.environ.get("BIGHEAD_JAVA_HOME")
    java_cmd = os.path.join(home, "bin", "java") if home else "java"
    java = subprocess.run([java_cmd, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return (f"machine: {os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}; {java}; "
            f"Python {platform.python_version()}, jupyter_client {jupyter_client_version}, pyzmq {zmq.__version__}; "
            f"{time.strftime('%Y-%m-%d %H:%M %Z')}; load average {os.getloadavg()[0]:.2f} (another busy process skews "
            f"every figure)")


def report(results, args):
    names = list(results)
    base = names[1] if len(names) > 1 else None
    print(f"\nwarm: {args.n} round trips of each kind after {args.cold} cold and {args.warmup} warm-up pairs; cold: "
          f"the first {args.cold} pairs on a fresh kernel; start → first result: median, min, max over {args.starts} "
          f"fresh kernel processes.\nTimes in ms. client: the client's own share (sign + send + parse); "
          f"net: round trip minus it. ratio: p50 over the second kernel's.")
    print("kernels: " + ", ".join(f"{n} = {results[n]['version']}" for n in names) + "\n")
    head = (f"{'measure':<38}{'kernel':<10}{'p50':>9}{'p99':>9}{'mean':>9}{'client p50':>12}{'net p50':>10}"
            f"{'goal (p50)':>15}{'ratio':>8}")
    print(head)
    print("-" * len(head))
    rows = (("kernel_info", "kernel_info round trip, warm"), ("reply", "trivial cell → execute_reply, warm"),
            ("idle", "trivial cell → iopub idle, warm"), ("cold_info", "kernel_info round trip, cold"),
            ("cold_reply", "trivial cell → execute_reply, cold"))
    for key, label in rows:
        for i, name in enumerate(names):
            s = results[name][key]
            goal = ratio = ""
            if i == 0 and key in GOALS:
                goal = f"≤ {GOALS[key]:g} {'ok' if s['p50'] <= GOALS[key] else 'MISSED'}"
            if i == 0 and base:
                ratio = f"{s['p50'] / results[base][key]['p50']:.2f}×"
            print(f"{label if i == 0 else '':<38}{name:<10}{s['p50']:>9.3f}{s['p99']:>9.3f}{s['mean']:>9.3f}"
                  f"{s['client_p50']:>12.3f}{s['minus_client_p50']:>10.3f}{goal:>15}{ratio:>8}")
    for i, name in enumerate(names):
        s = results[name]["start"]
        ratio = f"{s['median'] / results[base]['start']['median']:.2f}×" if i == 0 and base else ""
        label = "start → first result (med/min/max)" if i == 0 else ""
        print(f"{label:<38}{name:<10}{s['median']:>9.0f}{s['min']:>9.0f}{s['max']:>9.0f}{'':>37}{ratio:>8}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=500, help="measured round trips per kind (default 500)")
    parser.add_argument("--cold", type=int, default=50, help="pairs measured first, on the fresh kernel")
    parser.add_argument("--warmup", type=int, default=200, help="untimed kernel_info + cell pairs next")
    parser.add_argument("--starts", type=int, default=5, help="fresh kernels for start to first result")
    parser.add_argument("--kernels", default="bighead,python3", help="kernelspec names, ours first")
    args = parser.parse_args()
    if args.n < 1 or args.starts < 1 or args.cold < 1 or args.warmup < 0:
        parser.error("--n, --cold and --starts must be ≥ 1, --warmup ≥ 0")
    print(machine())
    results = {}
    with tempfile.TemporaryDirectory(prefix="bighead-kernel-bench-") as tmp:
        for name in args.kernels.split(","):
            if name not in TRIVIAL:
                parser.error(f"no trivial cell known for kernel '{name}' (known: {', '.join(TRIVIAL)})")
            print(f"measuring {name}...", file=sys.stderr, flush=True)
            results[name] = measure(name, args, Path(tmp))
    report(results, args)


if __name__ == "__main__":
    main()
