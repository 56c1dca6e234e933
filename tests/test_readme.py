"""Every command block of README.md (```bash, ```sh, ```shell, ```console) runs as a reader would run it: in order,
in one shell session (exports and `cd` carry over from block to block), from a folder of its own where `./bighead`
is this checkout's, with a fresh HOME and BIGHEAD_HOME. A command that fails fails the test, naming its line in
README.md; so does a `curl` that gets an HTTP error (the fresh HOME's .curlrc says `fail-with-body`).

Servers are started in the background and the session goes on once they print their ready line; they are stopped
when the test ends. SERVERS below says which commands serve; a new kind of server in README belongs there (else
its command runs into FOREGROUND_TIMEOUT). `./bighead test` is not run: it is what runs this test.

README's commands use fixed ports (8470, 8080, 8888). So that they never meet another process's, the session runs
in a network namespace of its own (`unshare -n`, as root, which CI is) with only a loopback interface; elsewhere it
runs on the machine's network and needs those ports free.
"""
import os
import re
import shlex
import signal
import subprocess
import tempfile
import time
import unittest
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SHELL_FENCES = {"bash", "sh", "shell", "console"}
FOREGROUND_TIMEOUT = 600
READY_TIMEOUT = 120

# command prefix → the line (regular expression) it prints once it serves
SERVERS = {
    "./bighead lab": r"http://127\.0\.0\.1:\d+/lab",
    "./bighead registry serve": r"Bighead registry on http://",
    "./bighead serve": r"Serving \S+ \S+ on http://",
    "./bighead hub": r"JupyterHub is now running at http://",
}
KEPT_SETTINGS = {"BIGHEAD_JAVA_HOME", "BIGHEAD_JAVA_OPTS"}
NOT_RUN = {
    "./bighead test": "it is what runs this test",
}


@dataclass
class Command:
    line: int       # of README.md, 1-based, where the command starts
    text: str


def blocks(markdown):
    """(line of the opening fence, language, [(line, text)…]) for every fenced block."""
    found, current = [], None
    for number, line in enumerate(markdown.splitlines(), start=1):
        fence = re.match(r"^\s*```\s*([\w-]*)", line)
        if current is None and fence:
            current = (number, fence.group(1).lower(), [])
        elif current is not None and fence and not fence.group(1):
            found.append(current)
            current = None
        elif current is not None:
            current[2].append((number, line))
    return found


def is_complete(text):
    """Whether `text` is whole bash commands: no open quote, continuation or compound command."""
    if text.rstrip().endswith("\\"):
        return False
    return subprocess.run(["bash", "-n", "-c", text], capture_output=True).returncode == 0


def commands(language, lines):
    """The commands of one block, each with the README line where it starts; a console block's are the lines
    after `$ ` (what follows them until the next `$ ` is output)."""
    found, pending, start = [], [], None
    for number, line in lines:
        if language == "console":
            if line.startswith("$ "):
                line = line[2:]
            elif not pending:
                continue
        if not pending and not line.strip():
            continue
        if not pending:
            start = number
        pending.append(line)
        text = "\n".join(pending)
        if is_complete(text):
            found.append(Command(start, text))
            pending = []
    if pending:
        found.append(Command(start, "\n".join(pending)))  # runs, fails and says where
    return found


def kind(command):
    words = command.text.split("#", 1)[0].split()
    for table, name in ((NOT_RUN, "not run"), (SERVERS, "server")):
        for prefix in table:
            if words[:len(prefix.split())] == prefix.split():
                return name, table[prefix]
    return "foreground", None


class Namespace:
    """A network namespace with only loopback, held open by a sleeping process; `wrap` runs a command in it.
    Without root (or unshare) there is none and commands run on the machine's network."""

    def __init__(self):
        self.holder = None
        if os.geteuid() != 0:
            return
        try:
            self.holder = subprocess.Popen(["unshare", "--net", "sh", "-c",
                                            "ip link set lo up && echo up && exec sleep 86400"],
                                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        except OSError:
            return
        if self.holder.stdout.readline() != "up\n":   # the namespace exists and its loopback is up, or neither
            self.close()

    def wrap(self, argv):
        return ["nsenter", "--net=/proc/%d/ns/net" % self.holder.pid, "--", *argv] if self.holder else argv

    def close(self):
        if self.holder:
            self.holder.kill()
            self.holder.wait()
            self.holder.stdout.close()
        self.holder = None


class ReadmeCommandsTest(unittest.TestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory(prefix="bighead-readme-")
        self.addCleanup(tmp.cleanup)
        self.dir = Path(tmp.name)
        self.work = self.dir / "checkout"       # the reader's working folder: ./bighead and notebooks/ are ours
        self.work.mkdir()
        launcher = self.work / "bighead"
        launcher.write_text(f"#!/bin/sh\nexec {shlex.quote(str(ROOT / 'bighead'))} \"$@\"\n")
        launcher.chmod(0o755)
        (self.work / "notebooks").symlink_to(ROOT / "notebooks")
        home = self.dir / "home"
        home.mkdir()
        (home / ".curlrc").write_text("fail-with-body\n")   # an HTTP error fails the command, its body shown
        self.state = self.dir / "session.env"   # the session's exports and working folder, block to block
        # a reader's shell: none of the test run's BIGHEAD_* settings (registry URL, token, ports…) but the JDK's
        env = {k: v for k, v in os.environ.items() if not k.startswith("BIGHEAD_") or k in KEPT_SETTINGS}
        env.update(HOME=str(home), BIGHEAD_HOME=str(home / ".bighead"),
                   BIGHEAD_CONFIG=str(home / ".bighead" / "config.json"))   # Java's user.home is not $HOME
        self.env = env
        subprocess.run(["bash", "-c", f"cd {shlex.quote(str(self.work))} && export -p > {self.state}"], env=env,
                       check=True)
        # builds (with the machine's Maven repository and network) what the blocks would otherwise build inside
        # the namespace, with neither
        setup = subprocess.run([str(ROOT / "bighead"), "setup"], cwd=ROOT, capture_output=True, text=True,
                               timeout=FOREGROUND_TIMEOUT)
        self.assertEqual(setup.returncode, 0, setup.stdout + setup.stderr)
        self.namespace = Namespace()
        self.addCleanup(self.namespace.close)

    @staticmethod
    def stop(proc, log):
        """SIGTERM to the server's process group (all that Ctrl-C in its terminal would stop), SIGKILL after 30 s."""
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()

    def script(self, command, keep_state):
        """bash source that restores the session, runs the command and, when asked, saves the session again."""
        save = f'\n__status=$?; export -p > {self.state}; echo "cd $(printf %q "$PWD")" >> {self.state}; ' \
               'exit $__status' if keep_state else ""
        return f"set -o pipefail\nsource {self.state}\n{command}{save}"

    def run_foreground(self, command):
        try:
            done = subprocess.run(self.namespace.wrap(["bash", "-c", self.script(command.text, True)]),
                                  env=self.env, cwd=self.work, capture_output=True, text=True,
                                  timeout=FOREGROUND_TIMEOUT)
        except subprocess.TimeoutExpired as e:
            self.fail(f"README.md line {command.line}: `{command.text}` did not finish in {FOREGROUND_TIMEOUT} s "
                      f"(if it serves, add it to SERVERS in tests/test_readme.py):\n{e.stdout}\n{e.stderr}")
        self.assertEqual(done.returncode, 0, f"README.md line {command.line}: `{command.text}` exited "
                                             f"{done.returncode}:\n{done.stdout}\n{done.stderr}")

    def start_server(self, command, ready):
        log = open(self.dir / f"server-{command.line}.log", "w+")
        proc = subprocess.Popen(self.namespace.wrap(["bash", "-c", self.script("exec " + command.text, False)]),
                                env=self.env, cwd=self.work, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
        self.addCleanup(self.stop, proc, log)    # cleanups run last in, first out: servers before the namespace
        deadline = time.monotonic() + READY_TIMEOUT
        while True:
            output = (self.dir / f"server-{command.line}.log").read_text(errors="replace")
            if re.search(ready, output):
                return
            if proc.poll() is not None:
                self.fail(f"README.md line {command.line}: `{command.text}` exited {proc.returncode} before it "
                          f"printed /{ready}/:\n{output}")
            if time.monotonic() > deadline:
                self.fail(f"README.md line {command.line}: `{command.text}` did not print /{ready}/ within "
                          f"{READY_TIMEOUT} s:\n{output}")
            time.sleep(0.1)

    def test_every_command_block_of_the_readme_runs(self):
        ran = 0
        for line, language, lines in blocks(README.read_text()):
            if language not in SHELL_FENCES:
                continue
            for command in commands(language, lines):   # the first failure ends the test: later ones depend on it
                what, detail = kind(command)
                if what == "not run":
                    continue
                if what == "server":
                    self.start_server(command, detail)
                else:
                    self.run_foreground(command)
                ran += 1
        self.assertGreater(ran, 0, "README.md has no command block")


class ReadmeBlocksTest(unittest.TestCase):
    def test_blocks_are_found_with_their_language_and_lines(self):
        markdown = "text\n```bash\n./bighead demo\n```\n```java\nint x;\n```\n"
        self.assertEqual(blocks(markdown), [(2, "bash", [(3, "./bighead demo")]), (5, "java", [(6, "int x;")])])

    def test_commands_are_split_where_bash_would_split_them(self):
        lines = list(enumerate(["a \\", "  b", "", "c '{", "  d}'  # e", "f"], start=10))
        self.assertEqual([(c.line, c.text) for c in commands("bash", lines)],
                         [(10, "a \\\n  b"), (13, "c '{\n  d}'  # e"), (15, "f")])
        lines = list(enumerate(["$ echo hi", "hi", "$ ls", "x"], start=1))
        self.assertEqual([(c.line, c.text) for c in commands("console", lines)], [(1, "echo hi"), (3, "ls")])


if __name__ == "__main__":
    unittest.main()
