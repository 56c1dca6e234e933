"""Widgets benchmark: Bighead's Java widgets next to ipywidgets 8 on ipykernel, in the same run, through
jupyter_client playing the frontend (what JupyterLab's widget manager sends and reads).

round trip   A cell displays an IntSlider whose observer copies each new value into a Label. The client then sends,
             one at a time, what a browser sends when the slider moves: comm_msg {"method": "update", "state":
             {"value": i}, "buffer_paths": []}, and times, from the send:
               echo      the comm_msg "echo_update" carrying value i back (ipywidgets 8's acknowledgement)
               observer  the Label's "update" with str(i): the observer ran and its change reached the frontend
               idle      the iopub status "idle" closing the comm_msg
             --n measured after --warmup untimed; at the end a cell checks that the observer ran every time.
progress     One cell runs a loop of --steps steps, each a fixed amount of CPU work (summing the same 100,000
             doubles: a Java loop; numpy's sum on ipykernel), with and without `bar.value(i)` (an IntProgress on
             display, one update per step), alternating which comes first, --reps repetitions after two untimed
             ones; the cell times itself: wall time (System.nanoTime / time.perf_counter_ns), the loop thread's CPU
             time, and the CPU time of all the kernel's threads (Bighead: every Java thread's, from ThreadMXBean;
             ipykernel: time.process_time). Reported: the throughput loss of the loop with the bar against the same
             loop without it (median and range over repetitions, in wall time; the goal is ≤ 2 %), the same in CPU
             time, the cost per update, and how many update messages of the bar reached the client.

Usage: .venv/bin/python bench/widgets_bench.py [--n 1000] [--warmup 200] [--steps 2000] [--reps 40]
                                               [--kernels bighead,python3]
"""
import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import zmq

from kernel_bench import Client, machine, start  # the same small client loop as the kernel benchmark

TIMEOUT_S = 60
LOSS_GOAL = 2.0  # % at the median

ROUND_TRIP_CELL = {
    "bighead": (
        "var slider = new org.bighead.widgets.IntSlider(0, 0, 100_000_000);\n"
        "var mirror = new org.bighead.widgets.Label();\n"
        "var seen = new java.util.concurrent.atomic.AtomicInteger();\n"
        "slider.observe(\"value\", ch -> { seen.incrementAndGet(); mirror.value(String.valueOf(ch.newValue())); });\n"
        "display(slider);\n"
        "display(mirror);"),
    "python3": (
        "import ipywidgets as w\n"
        "from IPython.display import display\n"
        "slider = w.IntSlider(value=0, min=0, max=100_000_000)\n"
        "mirror = w.Label()\n"
        "seen = [0]\n"
        "def mirror_value(change):\n"
        "    seen[0] += 1\n"
        "    mirror.value = str(change['new'])\n"
        "slider.observe(mirror_value, 'value')\n"
        "display(slider, mirror)"),
}
SEEN = {"bighead": "System.out.println(\"SEEN \" + seen.get());", "python3": "print('SEEN', seen[0])"}

PROGRESS_CELL = {
    "bighead": """
double work(double[] data) {
    double s = 0;
    for (double v : data) s += v;
    return s;
}
var threads = java.lang.management.ManagementFactory.getThreadMXBean();
long javaThreadsCpu() {   // every live Java thread's CPU time, ns (the JVM's own GC and JIT threads are not among them)
    long sum = 0;
    for (long id : threads.getAllThreadIds()) sum += Math.max(0, threads.getThreadCpuTime(id));
    return sum;
}
var bar = new org.bighead.widgets.IntProgress(0, 0, %(steps)d);
display(bar);
double[] data = new java.util.Random(1).doubles(100_000).toArray();
double sink = 0;
var plain = new java.util.ArrayList<long[]>();
var withBar = new java.util.ArrayList<long[]>();
for (int r = -2; r < %(reps)d; r++) {
    for (int k = 0; k < 2; k++) {
        boolean useBar = (k == 0) == (Math.floorMod(r, 2) == 0);   // alternate which comes first
        bar.value(0);
        long p0 = javaThreadsCpu(), c0 = threads.getCurrentThreadCpuTime(), t0 = System.nanoTime();
        for (int i = 1; i <= %(steps)d; i++) {
            sink += work(data);
            if (useBar) bar.value(i);
        }
        long t1 = System.nanoTime(), c1 = threads.getCurrentThreadCpuTime(), p1 = javaThreadsCpu();
        long[] t = {t1 - t0, c1 - c0, p1 - p0};
        if (r >= 0) (useBar ? withBar : plain).add(t);
    }
}
bar.description("done");   // the end: the client waits for this
var json = new StringBuilder("RESULT {");
for (var e : java.util.Map.of("plain", plain, "with", withBar).entrySet()) {
    json.append('"').append(e.getKey()).append("\\": [");
    for (int i = 0; i < e.getValue().size(); i++) {
        long[] t = e.getValue().get(i);
        json.append(i == 0 ? "" : ", ").append("[" + t[0] + ", " + t[1] + ", " + t[2] + "]");
    }
    json.append("], ");
}
System.out.println(json.append("\\"sink\\": ").append(sink).append("}"));
""",
    "python3": """
import json, time
import numpy as np
import ipywidgets as w
from IPython.display import display
bar = w.IntProgress(value=0, min=0, max=%(steps)d)
display(bar)
data = np.random.default_rng(1).random(100_000)
sink = 0.0
plain, with_bar = [], []
for r in range(-2, %(reps)d):
    for k in range(2):
        use_bar = (k == 0) == (r %% 2 == 0)   # alternate which comes first
        bar.value = 0
        p0, c0, t0 = time.process_time_ns(), time.thread_time_ns(), time.perf_counter_ns()
        for i in range(1, %(steps)d + 1):
            sink += float(data.sum())
            if use_bar:
                bar.value = i
        t1, c1, p1 = time.perf_counter_ns(), time.thread_time_ns(), time.process_time_ns()
        t = [t1 - t0, c1 - c0, p1 - p0]
        if r >= 0:
            (with_bar if use_bar else plain).append(t)
bar.description = "done"   # the end: the client waits for this
print("RESULT " + json.dumps({"plain": plain, "with": with_bar, "sink": sink}))
""",
}


def execute_request(code):
    return {"code": code, "silent": False, "store_history": False, "user_expressions": {}, "allow_stdin": False,
            "stop_on_error": True}


def recv(client, socket):
    _, msg = client.session.recv(socket, mode=zmq.NOBLOCK)
    return msg


def run_cell(client, code, on_iopub=None):
    """Runs a cell, reading iopub all along (a fast producer must not fill the socket); returns its stdout and
    every iopub message it caused, in order. Fails on an error reply."""
    msg_id = client.send("execute_request", execute_request(code))
    reply, idle, stdout, messages = None, False, [], []
    deadline = time.monotonic() + TIMEOUT_S * 5
    while reply is None or not idle:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"the cell did not finish within {TIMEOUT_S * 5} s:\n{code}")
        ready = dict(client.poller.poll(int(remaining * 1000)))
        if client.shell in ready:
            msg = recv(client, client.shell)
            if msg and msg["parent_header"].get("msg_id") == msg_id:
                reply = msg["content"]
        if client.iopub in ready:
            while client.iopub.poll(0):
                msg = recv(client, client.iopub)
                if not msg:
                    continue
                messages.append(msg)
                if on_iopub:
                    on_iopub(msg)
                if msg["parent_header"].get("msg_id") == msg_id:
                    if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":
                        stdout.append(msg["content"]["text"])
                    elif msg["msg_type"] == "error":
                        raise RuntimeError("\n".join(msg["content"]["traceback"]))
                    elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                        idle = True
    if reply.get("status") != "ok":
        raise RuntimeError(f"cell failed: {reply}\n{code}")
    return "".join(stdout), messages


def opened(messages, model_name):
    """The comm_id of the comm_open for a widget model among `messages`."""
    for m in messages:
        if m["msg_type"] == "comm_open" and m["content"]["data"]["state"].get("_model_name") == model_name:
            return m["content"]["comm_id"]
    raise RuntimeError(f"no comm_open for {model_name}")


def quantile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def summary_ms(ns):
    return {"p50": quantile(ns, 0.5) / 1e6, "p99": quantile(ns, 0.99) / 1e6, "mean": statistics.fmean(ns) / 1e6}


def round_trips(name, client, args):
    _, messages = run_cell(client, ROUND_TRIP_CELL[name])
    slider, mirror = opened(messages, "IntSliderModel"), opened(messages, "LabelModel")
    echo, observer, idle = [], [], []
    gc.disable()
    try:
        for i in range(1, args.warmup + args.n + 1):
            start = time.perf_counter_ns()
            msg_id = client.send("comm_msg", {"comm_id": slider, "data": {
                "method": "update", "state": {"value": i}, "buffer_paths": []}})
            got = {}
            deadline = time.monotonic() + TIMEOUT_S
            while len(got) < 3:
                if not client.iopub.poll(max(0, int((deadline - time.monotonic()) * 1000))):
                    raise TimeoutError(f"{name}: round trip {i} incomplete after {TIMEOUT_S} s: got {sorted(got)}")
                while client.iopub.poll(0):
                    msg = recv(client, client.iopub)
                    now = time.perf_counter_ns()
                    if not msg:
                        continue
                    c = msg["content"]
                    if msg["msg_type"] == "comm_msg":
                        method, state = c["data"]["method"], c["data"].get("state", {})
                        if c["comm_id"] == slider and method == "echo_update" and state.get("value") == i:
                            got.setdefault("echo", now)
                        elif c["comm_id"] == mirror and method == "update" and state.get("value") == str(i):
                            got.setdefault("observer", now)
                    elif (msg["msg_type"] == "status" and c["execution_state"] == "idle"
                          and msg["parent_header"].get("msg_id") == msg_id):
                        got.setdefault("idle", now)
            if i > args.warmup:
                echo.append(got["echo"] - start)
                observer.append(got["observer"] - start)
                idle.append(got["idle"] - start)
    finally:
        gc.enable()
    out, _ = run_cell(client, SEEN[name])
    seen = int(out.split("SEEN")[1].split()[0])
    if seen != args.warmup + args.n:
        raise RuntimeError(f"{name}: the observer ran {seen} times for {args.warmup + args.n} updates")
    return {"echo": summary_ms(echo), "observer": summary_ms(observer), "idle": summary_ms(idle)}


def progress(name, client, args):
    code = PROGRESS_CELL[name] % {"steps": args.steps, "reps": args.reps}
    bar_id, values, done = [None], [], [False]

    def count(msg):
        c = msg["content"]
        if msg["msg_type"] == "comm_open" and c["data"]["state"].get("_model_name") == "IntProgressModel":
            bar_id[0] = c["comm_id"]
        elif msg["msg_type"] == "comm_msg" and c["comm_id"] == bar_id[0] and c["data"]["method"] == "update":
            state = c["data"]["state"]
            if state.get("value"):  # a step's value; 0 is a reset between loops
                values.append(state["value"])
            if state.get("description") == "done":
                done[0] = True

    out, _ = run_cell(client, code, count)
    # a coalesced last update may follow the cell's idle by a few ms
    deadline = time.monotonic() + 2
    while not done[0] and time.monotonic() < deadline:
        if client.iopub.poll(100):
            msg = recv(client, client.iopub)
            if msg:
                count(msg)
    result = json.loads(out.split("RESULT", 1)[1].strip().splitlines()[0])
    plain, with_bar = result["plain"], result["with"]  # per repetition: [wall, loop thread CPU, process CPU] ns

    def losses(j):
        return [100.0 * (w[j] / p[j] - 1) for w, p in zip(with_bar, plain)]

    def median(runs, j):
        return statistics.median(r[j] for r in runs)

    wall = losses(0)
    calls = (args.reps + 2) * args.steps  # bar.value(i) in the loops, the resets to 0 aside
    return {"step_us": median(plain, 0) / args.steps / 1e3,
            "plain_ms": median(plain, 0) / 1e6, "with_ms": median(with_bar, 0) / 1e6,
            "loss_median": statistics.median(wall), "loss_min": min(wall), "loss_max": max(wall),
            "loss_best": 100.0 * (min(r[0] for r in with_bar) / min(r[0] for r in plain) - 1),
            "loss_thread_cpu": statistics.median(losses(1)),
            "loss_process_cpu": statistics.median(losses(2)),
            "per_update_us": (median(with_bar, 0) - median(plain, 0)) / args.steps / 1e3,
            "per_update_cpu_us": (median(with_bar, 2) - median(plain, 2)) / args.steps / 1e3,
            "updates": len(values), "calls": calls, "final_seen": done[0]}

def measure(name, args, tmp):
    km = start(name, tmp, 0)
    client = Client(km)
    try:
        client.wait_ready(execute_request("int warm = 1;" if name == "bighead" else "warm = 1"))
        print(f"  {name}: round trips...", file=sys.stderr, flush=True)
        trips = round_trips(name, client, args)
        print(f"  {name}: progress loop...", file=sys.stderr, flush=True)
        loop = progress(name, client, args)
    finally:
        client.close()
        km.shutdown_kernel(now=False)
    return {"trips": trips, "loop": loop}


def report(results, args):
    names = list(results)
    print(f"\nround trip: the client sends a slider 'update' as a browser does, one at a time; {args.n} measured "
          f"after {args.warmup} warm-up. Times in ms, from the send.")
    head = f"{'measure':<44}{'kernel':<10}{'p50':>9}{'p99':>9}{'mean':>9}"
    print(head)
    print("-" * len(head))
    rows = (("echo", "update → echo_update on iopub"), ("observer", "update → the observer's Label update"),
            ("idle", "update → iopub idle"))
    for key, label in rows:
        for i, name in enumerate(names):
            s = results[name]["trips"][key]
            print(f"{label if i == 0 else '':<44}{name:<10}{s['p50']:>9.3f}{s['p99']:>9.3f}{s['mean']:>9.3f}")
    print(f"\nprogress: {args.steps} steps of work (sum of 100,000 doubles: a Java loop / numpy) with and without "
          f"one progress-bar update per step, alternating, {args.reps} repetitions after 2 untimed, in one cell.")
    head = (f"{'kernel':<10}{'step':>9}{'loop plain':>12}{'with bar':>11}{'loss: wall median':>19}{'(min … max)':>22}"
            f"{'best/best':>11}{'loop CPU':>10}{'all CPU':>10}{'per update':>12}{'updates at client':>20}"
            f"{'goal ≤ 2 %':>12}")
    print(head)
    print("-" * len(head))
    for i, name in enumerate(names):
        s = results[name]["loop"]
        goal = ("ok" if s["loss_median"] <= LOSS_GOAL else "MISSED") if i == 0 else ""
        spread = f"({s['loss_min']:.2f} … {s['loss_max']:.2f} %)"
        print(f"{name:<10}{s['step_us']:>7.1f}µs{s['plain_ms']:>10.1f}ms{s['with_ms']:>9.1f}ms"
              f"{s['loss_median']:>18.2f}%{spread:>22}{s['loss_best']:>10.2f}%{s['loss_thread_cpu']:>9.2f}%"
              f"{s['loss_process_cpu']:>9.2f}%{s['per_update_us']:>10.2f}µs"
              f"{s['updates']:>9} of {s['calls']:<8}{goal:>12}")
    print("loss: (loop with the bar) / (loop without) - 1 per repetition, median and range, in wall time; best/best: "
          "fastest with over fastest without (the runs least disturbed by anything else); loop CPU: the same median "
          "in the loop thread's CPU time (what other processes take from it does not count); all CPU: in the CPU time "
          "of all the kernel's threads, its sending threads included (Bighead: all Java threads; ipykernel: the "
          "process). per update: the wall medians' difference / "
          "steps.")
    print("updates at client: the bar's updates with a step's value that reached the client, of the bar.value(i) "
          "calls in the loops; the cell's last change seen by the client: "
          + ", ".join(f"{n} {'yes' if results[n]['loop']['final_seen'] else 'NO'}" for n in names))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="measured round trips (default 1000)")
    parser.add_argument("--warmup", type=int, default=200, help="untimed round trips first (default 200)")
    parser.add_argument("--steps", type=int, default=2000, help="loop steps per repetition (default 2000)")
    parser.add_argument("--reps", type=int, default=40, help="timed repetitions of each loop (default 40)")
    parser.add_argument("--kernels", default="bighead,python3", help="kernelspec names, ours first")
    args = parser.parse_args()
    if args.n < 1 or args.warmup < 0 or args.steps < 1 or args.reps < 1:
        parser.error("--n, --steps and --reps must be ≥ 1, --warmup ≥ 0")
    print(machine())
    results = {}
    with tempfile.TemporaryDirectory(prefix="bighead-widgets-bench-") as tmp:
        for name in args.kernels.split(","):
            if name not in ROUND_TRIP_CELL:
                parser.error(f"no cells known for kernel '{name}' (known: {', '.join(ROUND_TRIP_CELL)})")
            print(f"measuring {name}...", file=sys.stderr, flush=True)
            results[name] = measure(name, args, Path(tmp))
    report(results, args)


if __name__ == "__main__":
    main()
