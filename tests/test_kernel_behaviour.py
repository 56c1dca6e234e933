"""What a notebook user relies on from the Bighead Java kernel, checked over the real Jupyter protocol.

Each test class is one feature with one kernel (started through tests/kernel_session.py, with history and settings
in a temporary folder); classes whose tests change what a kernel is (restart, shutdown) get a kernel of their own.
Every wait has a deadline. Tests compare the order in which messages arrive, never how long something took.
"""
import hashlib
import hmac
import json
import os
import shutil
import subprocess
import tempfile
import textwrap
import time
import unittest
import uuid
from datetime import datetime, timezone

import zmq
from jupyter_kernel_test.msgspec_v5 import validate_message

from kernel_session import KernelSession, jdk_major, kernel_java_home

DEADLINE = 30


class KernelTestCase(unittest.TestCase):
    """One kernel for the whole class."""

    @classmethod
    def setUpClass(cls):
        cls.kernel = KernelSession()

    @classmethod
    def tearDownClass(cls):
        cls.kernel.close()

    def ok(self, code, **kw):
        return self.kernel.ok(self, code, **kw)

    def value(self, code, mime="text/plain", **kw):
        return self.kernel.value(self, code, mime, **kw)

    def assertCellError(self, run, ename):
        self.assertEqual(run.status, "error", run.describe())
        self.assertEqual(run.reply["content"]["ename"], ename, run.describe())

    def start_and_wait_for_output(self, code, marker):
        """Sends a cell and returns its msg_id once its stdout shows `marker` (the cell is then running)."""
        msg_id = self.kernel.send_execute(code)
        self.kernel.wait_iopub(lambda m: m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "stream"
                               and marker in m["content"]["text"], DEADLINE, f"{marker!r} from {code!r}")
        return msg_id


class InterruptTest(KernelTestCase):
    def interrupt_running_cell(self, code, marker):
        msg_id = self.start_and_wait_for_output(code, marker)
        self.kernel.km.interrupt_kernel()  # the kernelspec's interrupt_mode is "message": interrupt_request on control
        return self.kernel.collect(msg_id, code, timeout=DEADLINE)

    def test_a_runaway_busy_loop_is_stopped_and_earlier_state_is_kept(self):
        self.ok("int kept = 41;")
        # one snippet, so the loop is running (not being compiled) once "spinning" arrives
        run = self.interrupt_running_cell('{ System.out.println("spinning"); while (true) { } }', "spinning")
        self.assertCellError(run, "Interrupted")
        self.assertEqual([a.content["ename"] for a in run.of_type("error")], ["Interrupted"])
        self.assertEqual(self.value("1 + 1"), "2")
        self.assertEqual(self.value("kept + 1"), "42")

    def test_a_long_sleep_is_stopped_and_the_kernel_keeps_evaluating(self):
        self.ok('String before = "still here";')
        run = self.interrupt_running_cell('{ System.out.println("sleeping"); Thread.sleep(100000); }', "sleeping")
        self.assertCellError(run, "Interrupted")
        self.assertEqual(self.value("1 + 1"), "2")
        self.assertEqual(self.value("before"), '"still here"')

    def test_a_loop_calling_a_method_of_an_earlier_cell_is_stopped(self):
        self.ok("long calls = 0; void work() { calls++; }")
        run = self.interrupt_running_cell('{ System.out.println("working"); while (true) { work(); } }', "working")
        self.assertCellError(run, "Interrupted")
        self.assertRegex(self.value("calls"), r"^\d+$")  # the earlier cell's state is still there

    def test_a_read_from_a_pipe_that_never_answers_is_stopped(self):
        self.ok("var pipe = java.nio.channels.Pipe.open();")
        run = self.interrupt_running_cell('{ System.out.println("reading"); '
                                          'pipe.source().read(java.nio.ByteBuffer.allocate(1)); }', "reading")
        self.assertCellError(run, "Interrupted")
        self.assertEqual(self.value("pipe.sink().isOpen()"), "true")

    def test_a_socket_read_that_ignores_interrupts_is_left_behind_and_the_kernel_answers(self):
        # java.net.Socket reads ignore Thread.interrupt on every JDK: the kernel stops waiting for the cell's thread
        self.ok("var server = new java.net.ServerSocket(0);")
        code = ('try (var s = new java.net.Socket("127.0.0.1", server.getLocalPort())) {'
                ' System.out.println("waiting"); s.getInputStream().read(); }')
        run = self.interrupt_running_cell(code, "waiting")
        self.assertCellError(run, "Interrupted")
        self.assertIn("left to end by itself", run.stderr())
        self.assertEqual(self.value("server.isClosed()"), "false")
        self.ok("server.close();")

    def test_a_long_xgboost_fit_stops_between_boosting_rounds(self):
        self.ok("var listings = Listings.generate(2_000, 7);")
        # one block: it is running, not being compiled, once "fitting" arrives; the fit's loop must notice
        code = ('{ var trees = Pipeline.of(Select.of("accommodates", "bedrooms"), XGBoost.regressor().rounds(100_000))'
                '.target("price");\n  System.out.println("fitting");\n  trees.fit(listings); }')
        run = self.interrupt_running_cell(code, "fitting")
        self.assertCellError(run, "Interrupted")
        self.assertNotIn("left to end by itself", run.stderr(), "the fit loop itself must notice the interrupt")
        self.assertEqual(self.value("listings.rowCount()"), "2000")

    def test_an_interrupt_drops_the_cells_queued_behind_the_running_one(self):
        running = self.start_and_wait_for_output('{ System.out.println("busy"); while (true) { } }', "busy")
        queued = self.kernel.send_execute('System.setProperty("bighead.queued", "ran");')
        # kernel_info is answered on the shell thread in arrival order: once it is, the queued cell is in the queue
        # (shell and control are separate sockets; an interrupt can overtake a request sent just before it)
        self.kernel.request("kernel_info_request")
        self.kernel.km.interrupt_kernel()
        self.assertCellError(self.kernel.collect(running, timeout=DEADLINE), "Interrupted")
        self.assertCellError(self.kernel.collect(queued, timeout=DEADLINE), "Aborted")
        self.assertEqual(self.value('System.getProperty("bighead.queued")'), "null")

    def test_an_interrupt_while_the_cell_is_being_compiled_still_stops_it(self):
        slow_to_compile = "c += Stream.of(1, 2).map(v -> v + 1).filter(v -> v > 0).count(); " * 150
        code = f'{{ long c = 0; {slow_to_compile}System.out.println("compiled"); Thread.sleep(600000); }}'
        msg_id = self.kernel.send_execute(code)
        self.kernel.wait_iopub(lambda m: m["parent_header"].get("msg_id") == msg_id
                               and m["msg_type"] == "execute_input", DEADLINE, "execute_input")
        self.kernel.km.interrupt_kernel()  # lands while the block compiles, which takes about a second
        try:
            run = self.kernel.collect(msg_id, code, timeout=DEADLINE)
        except AssertionError:
            # the lost interrupt: stop the block now that it runs, so the kernel is usable again
            self.kernel.wait_iopub(lambda m: m["parent_header"].get("msg_id") == msg_id
                                   and m["msg_type"] == "stream", DEADLINE, "the block to run")
            self.kernel.km.interrupt_kernel()
            self.kernel.collect(msg_id, code, timeout=DEADLINE)
            raise
        self.assertCellError(run, "Interrupted")


class WireSecurityTest(KernelTestCase):
    """Messages are HMAC-signed with the connection key; anything else is dropped and the kernel keeps serving."""

    def setUp(self):
        info = self.kernel.km.get_connection_info()
        self.key = info["key"] if isinstance(info["key"], bytes) else info["key"].encode()
        self.socket = zmq.Context.instance().socket(zmq.DEALER)
        self.socket.linger = 0
        self.socket.connect(f"{info['transport']}://{info['ip']}:{info['shell_port']}")

    def tearDown(self):
        self.socket.close()

    def message(self, msg_type, content):
        """The four JSON frames of a request, and its msg_id."""
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "session": uuid.uuid4().hex, "username": "test", "msg_type": msg_type,
                  "version": "5.3", "date": datetime.now(timezone.utc).isoformat()}
        frames = [json.dumps(part).encode() for part in (header, {}, {}, content)]
        return frames, msg_id

    def sign(self, frames):
        mac = hmac.new(self.key, digestmod=hashlib.sha256)
        for frame in frames:
            mac.update(frame)
        return mac.hexdigest().encode()

    def send_signed(self, msg_type, content):
        frames, msg_id = self.message(msg_type, content)
        self.socket.send_multipart([b"<IDS|MSG>", self.sign(frames), *frames])
        return msg_id

    def receive(self, timeout=DEADLINE):
        """The next reply on our own socket, parsed (signature checked), or None after `timeout` seconds."""
        if not self.socket.poll(timeout * 1000):
            return None
        frames = self.socket.recv_multipart()
        at = frames.index(b"<IDS|MSG>")
        signature, parts = frames[at + 1], frames[at + 2:at + 6]
        self.assertTrue(hmac.compare_digest(signature, self.sign(parts)), "the kernel's reply is badly signed")
        header, parent, _, content = (json.loads(p) for p in parts)
        return {"header": header, "parent": parent, "content": content}

    def assert_still_serving(self, dropped_ids, pwned_property):
        """A signed kernel_info on our socket is the next reply; nothing ran for the dropped messages."""
        info_id = self.send_signed("kernel_info_request", {})
        reply = self.receive()
        self.assertIsNotNone(reply, "no kernel_info_reply after the bad messages")
        self.assertEqual(reply["parent"]["msg_id"], info_id)
        self.assertEqual(reply["header"]["msg_type"], "kernel_info_reply")
        # cells run in order, so a dropped execute_request that had been accepted would have run before this one
        self.assertEqual(self.value(f'System.getProperty("{pwned_property}")'), "null")
        self.assertIsNone(self.receive(timeout=0.2), "the kernel answered a message it should have dropped")
        for msg_id in dropped_ids:
            self.assertEqual(self.kernel.iopub.get(msg_id, []), [], "IOPub output for a dropped message")
        self.assertEqual(self.kernel.request("kernel_info_request")["content"]["status"], "ok")

    def test_a_correctly_signed_hand_built_request_is_executed(self):
        # proves the frames built here are right, so the dropped messages below are dropped for their signature
        msg_id = self.send_signed("execute_request", {"code": 'System.setProperty("bighead.signed", "yes");',
                                                      "silent": False, "store_history": False,
                                                      "user_expressions": {}, "allow_stdin": False})
        reply = self.receive()
        self.assertIsNotNone(reply, "no reply to a signed execute_request")
        self.assertEqual(reply["parent"]["msg_id"], msg_id)
        self.assertEqual(reply["content"]["status"], "ok", reply)
        self.assertEqual(self.value('System.getProperty("bighead.signed")'), '"yes"')

    def test_an_execute_request_with_a_wrong_signature_is_dropped(self):
        frames, msg_id = self.message("execute_request", {
            "code": 'System.setProperty("bighead.pwned", "yes");', "silent": False, "store_history": True,
            "user_expressions": {}, "allow_stdin": False})
        wrong = hmac.new(b"not the key", b"".join(frames), hashlib.sha256).hexdigest().encode()
        self.socket.send_multipart([b"<IDS|MSG>", wrong, *frames])
        tampered, tampered_id = self.message("execute_request", {"code": "1"})
        signature = self.sign(tampered)
        tampered[3] = json.dumps({"code": 'System.setProperty("bighead.pwned", "yes");', "silent": False,
                                  "store_history": True, "user_expressions": {}, "allow_stdin": False}).encode()
        self.socket.send_multipart([b"<IDS|MSG>", signature, *tampered])  # signed content swapped afterwards
        self.assert_still_serving([msg_id, tampered_id], "bighead.pwned")

    def test_messages_without_a_signature_or_with_garbage_frames_are_dropped(self):
        frames, unsigned_id = self.message("execute_request", {
            "code": 'System.setProperty("bighead.unsigned", "yes");', "silent": False, "store_history": True,
            "user_expressions": {}, "allow_stdin": False})
        self.socket.send_multipart([b"<IDS|MSG>", *frames])  # no signature frame at all
        self.socket.send_multipart([b"<IDS|MSG>", b"", *frames])  # an empty signature, as if there were no key
        self.socket.send_multipart([b"garbage"])
        self.socket.send_multipart([b"<IDS|MSG>"])
        self.socket.send_multipart([os.urandom(64) for _ in range(7)])
        not_json = [b"{not json", b"{}", b"{}", b"{}"]
        self.socket.send_multipart([b"<IDS|MSG>", self.sign(not_json), *not_json])  # signed, unreadable
        not_object = [b"[1, 2]", b"{}", b"{}", b"{}"]
        self.socket.send_multipart([b"<IDS|MSG>", self.sign(not_object), *not_object])  # signed, header a list
        no_type = [b"{}", b"{}", b"{}", b"{}"]
        self.socket.send_multipart([b"<IDS|MSG>", self.sign(no_type), *no_type])  # signed, no msg_type
        self.assert_still_serving([unsigned_id], "bighead.unsigned")


class RestartTest(KernelTestCase):
    def test_a_restart_forgets_every_variable_and_the_new_kernel_works(self):
        self.ok("int definedBeforeRestart = 7;")
        self.assertEqual(self.value("definedBeforeRestart * 6"), "42")
        old_pid = self.kernel.km.provisioner.pid
        self.kernel.restart()
        self.assertNotEqual(self.kernel.km.provisioner.pid, old_pid, "a restart starts a new process")
        run = self.kernel.execute("definedBeforeRestart")
        self.assertCellError(run, "CompileError")
        self.assertIn("cannot find symbol", run.reply["content"]["evalue"])
        self.assertEqual(self.value("1 + 1"), "2")
        self.assertEqual(self.value("Math.max(2, 5)"), "5")

    def test_history_from_before_a_restart_is_kept_as_an_earlier_session(self):
        self.ok('String marker = "kept across restarts";')
        before = self.kernel.request("history_request", {"hist_access_type": "tail", "n": 1, "output": False,
                                                         "raw": True})["content"]["history"]
        self.kernel.restart()
        self.ok("int afterRestart = 1;")
        history = self.kernel.request("history_request", {"hist_access_type": "search", "pattern": "*marker*",
                                                          "n": 10, "output": False, "raw": True})
        entries = history["content"]["history"]
        self.assertEqual([e[2] for e in entries], ['String marker = "kept across restarts";'])
        self.assertEqual(entries[0][0], before[0][0])
        tail = self.kernel.request("history_request", {"hist_access_type": "tail", "n": 1, "output": False,
                                                       "raw": True})["content"]["history"]
        self.assertEqual(tail[0][2], "int afterRestart = 1;")
        self.assertGreater(tail[0][0], before[0][0], "a new kernel process is a new history session")


class StateAcrossCellsTest(KernelTestCase):
    def test_a_class_defined_in_one_cell_is_used_in_the_next(self):
        self.ok("class Counter {\n    int n;\n    int next() { return ++n; }\n}")
        self.ok("Counter counter = new Counter();\ncounter.next();")
        self.assertEqual(self.value("counter.next()"), "2")

    def test_a_method_redefined_in_a_later_cell_takes_effect(self):
        self.ok('String greet(String who) { return "hello " + who; }')
        self.assertEqual(self.value('greet("ada")'), '"hello ada"')
        self.ok('String greet(String who) { return "goodbye " + who; }')
        self.assertEqual(self.value('greet("ada")'), '"goodbye ada"')

    def test_records_interfaces_generics_and_lambdas_persist(self):
        self.ok("record Pair<A, B>(A first, B second) {}")
        self.ok("interface Shape { double area(); }")
        self.ok("record Square(double side) implements Shape { public double area() { return side * side; } }")
        self.ok("<T extends Comparable<T>> T largest(List<T> items) { return Collections.max(items); }")
        self.ok("java.util.function.Function<Integer, Integer> twice = x -> 2 * x;")
        self.assertEqual(self.value('new Pair<>("a", 1)'), "Pair[first=a, second=1]")
        self.assertEqual(self.value("Shape s = new Square(3);\ns.area()"), "9.0")
        self.assertEqual(self.value("largest(List.of(3, 9, 4))"), "9")
        self.assertEqual(self.value("twice.apply(21)"), "42")

    def test_an_import_persists_into_later_cells(self):
        self.ok("import java.util.concurrent.atomic.AtomicInteger;")
        self.assertEqual(self.value("new AtomicInteger(5).incrementAndGet()"), "6")

    def test_the_notebook_imports_are_there_from_the_start(self):
        self.assertEqual(self.value('Table.create("t", IntColumn.create("a", 1, 2, 3)).rowCount()'), "3")
        self.assertEqual(self.value("Stream.of(1, 2, 3).map(x -> x * x).collect(Collectors.toList())"),
                         "[1, 4, 9]")

    def test_the_widget_controls_are_there_by_name_beside_the_pipelines_select(self):
        self.assertEqual(self.value('new VBox(new HBox(new Button("Go"), Dropdown.of("cpu", "gpu")), new IntSlider(),'
                                    ' new Text(), new Checkbox(), new Output()).getClass().getName()'),
                         '"org.bighead.widgets.VBox"')
        self.assertEqual(self.value("Select.class.getName()"), '"org.bighead.pipeline.stages.Select"')
        self.assertEqual(self.value("Layout.class.getName()"), '"org.bighead.pipeline.Layout"')


class StreamingTest(KernelTestCase):
    def test_stdout_and_stderr_reach_the_notebook_while_the_cell_runs(self):
        code = textwrap.dedent("""\
            for (int i = 1; i <= 5; i++) {
                System.out.println("line " + i);
                System.err.println("warning " + i);
                Thread.sleep(300);
            }""")
        run = self.ok(code)
        self.assertEqual(run.stdout(), "".join(f"line {i}\n" for i in range(1, 6)))
        self.assertEqual(run.stderr(), "".join(f"warning {i}\n" for i in range(1, 6)))
        for name in ("stdout", "stderr"):
            arrivals = [a.at for a in run.of_type("stream") if a.content["name"] == name]
            # buffered output would arrive in one burst with the reply; streamed output is spread over the run
            self.assertGreater(arrivals[-1] - arrivals[0], 0.6, f"{name} arrived in one burst:\n{run.describe()}")
            self.assertGreater(run.reply_at - arrivals[0], 0.6, f"{name} came only with the reply")

    def test_output_from_a_thread_the_cell_started_reaches_the_cell(self):
        run = self.ok('Thread t = new Thread(() -> System.out.println("from a thread"));\nt.start();\nt.join();')
        self.assertEqual(run.stdout(), "from a thread\n")


class StdinTest(KernelTestCase):
    def test_input_asks_the_frontend_and_returns_the_answer(self):
        code = 'String name = input("Name?");\nSystem.out.println("hi " + name);'
        run = self.kernel.execute(code, answers=["Ada"])
        self.assertEqual(run.status, "ok", run.describe())
        self.assertEqual(run.stdout(), "hi Ada\n")
        [ask] = run.input_requests
        self.assertEqual(ask["content"]["prompt"], "Name?")
        self.assertFalse(ask["content"]["password"])
        self.assertEqual(ask["parent_header"]["msg_id"], run.msg_id)

    def test_a_scanner_on_system_in_reads_what_the_frontend_answers(self):
        run = self.kernel.execute("new java.util.Scanner(System.in).nextLine()", answers=["typed line"])
        self.assertEqual(run.status, "ok", run.describe())
        self.assertEqual(run.result(), '"typed line"')
        self.assertEqual(len(run.input_requests), 1)

    def test_password_asks_for_hidden_input(self):
        run = self.kernel.execute('password("Token?").length()', answers=["s3cret"])
        self.assertEqual(run.result(), "6", run.describe())
        self.assertTrue(run.input_requests[0]["content"]["password"])

    def test_input_without_stdin_fails_with_a_clear_error(self):
        run = self.kernel.execute('input("Name?")', allow_stdin=False)
        self.assertCellError(run, "java.lang.IllegalStateException")
        self.assertIn("does not accept input", run.reply["content"]["evalue"])
        self.assertEqual(run.input_requests, [])

    def test_reading_system_in_without_stdin_fails_with_a_clear_error(self):
        run = self.kernel.execute("System.in.read()", allow_stdin=False)
        self.assertCellError(run, "java.io.IOException")
        self.assertIn("does not accept input", run.reply["content"]["evalue"])


class ErrorsTest(KernelTestCase):
    def test_a_compile_error_names_the_line_and_column_of_the_cell(self):
        run = self.kernel.execute("int a = 1;\nString s = 5;\nint b = 2;")
        self.assertCellError(run, "CompileError")
        self.assertIn("line 2, column 12", run.reply["content"]["evalue"])
        self.assertIn("incompatible types", run.reply["content"]["evalue"])

    def test_a_compile_error_column_counts_from_the_start_of_its_line(self):
        cases = {"int a = 1; String s = 5;": "line 1, column 23",
                 "int a = 1;\n\n    String s = 5;": "line 3, column 16",
                 "int a = 1;\nint b = 2;\nundefinedMethod();": "line 3, column 1"}
        for code, where in cases.items():
            with self.subTest(code=code):
                run = self.kernel.execute(code)
                self.assertCellError(run, "CompileError")
                self.assertIn(where, run.reply["content"]["evalue"])

    def test_a_compile_error_in_the_first_statement_names_its_line_and_column(self):
        run = self.kernel.execute("// a comment\nString s = 5;")
        self.assertCellError(run, "CompileError")
        evalue = run.reply["content"]["evalue"]
        self.assertIn("line 2, column 12", evalue)
        self.assertIn("incompatible types", evalue)
        self.assertIn("String s = 5;", "\n".join(run.reply["content"]["traceback"]))

    def test_a_runtime_exception_is_named_with_its_message_and_trace(self):
        run = self.kernel.execute("int[] numbers = new int[2];\nnumbers[5] = 1;")
        self.assertCellError(run, "java.lang.ArrayIndexOutOfBoundsException")
        self.assertIn("5", run.reply["content"]["evalue"])
        [error] = run.of_type("error")
        self.assertEqual(error.content["ename"], "java.lang.ArrayIndexOutOfBoundsException")
        self.assertIn("ArrayIndexOutOfBoundsException", error.content["traceback"][0])
        self.assertEqual(error.content["traceback"], run.reply["content"]["traceback"])

    def test_an_exception_thrown_in_a_cell_method_names_the_method(self):
        self.ok('void explode() { throw new IllegalStateException("from a method"); }')
        run = self.kernel.execute("explode();")
        self.assertCellError(run, "java.lang.IllegalStateException")
        self.assertEqual(run.reply["content"]["evalue"], "from a method")
        self.assertTrue(any("explode" in line for line in run.reply["content"]["traceback"]), run.describe())

    def test_a_trace_shows_the_cell_lines_first_and_one_line_per_library_without_the_kernel(self):
        self.ok('var prices = Table.create("prices", DoubleColumn.create("price", 1.0, 2.0));')
        run = self.kernel.execute('double total = 0;\ntotal += prices.doubleColumn("missing").sum();')
        self.assertCellError(run, "java.lang.IllegalArgumentException")
        self.assertEqual(run.reply["content"]["evalue"], "Column missing is not present in table prices")
        traceback = run.reply["content"]["traceback"]
        self.assertEqual(traceback[1], '    at line 2: total += prices.doubleColumn("missing").sum();')
        self.assertTrue(all("tech.tablesaw" in line for line in traceback[2:]), traceback)
        for hidden in ("do_it", "REPL.", "jdk.jshell", "org.bighead.kernel", "reflect"):
            self.assertFalse(any(hidden in line for line in traceback), (hidden, traceback))

    def test_xmode_full_shows_every_library_frame_and_minimal_only_the_message_until_set_back(self):
        failing = 'Integer.parseInt("twelve");'

        def output(line):
            run = self.kernel.execute(line)
            self.assertEqual(run.status, "ok", run.describe())
            return run.stdout()
        try:
            self.assertIn("Exception mode: full", output("%xmode full"))
            traceback = self.kernel.execute(failing).reply["content"]["traceback"]
            self.assertEqual(sum("java.lang.Integer.parseInt(" in line for line in traceback), 2, traceback)
            self.assertEqual(traceback[-1], '    at line 1: Integer.parseInt("twelve");')
            output("%xmode minimal")
            self.assertEqual(len(self.kernel.execute(failing).reply["content"]["traceback"]), 1)
            run = self.kernel.execute("%xmode verbose")
            self.assertCellError(run, "MagicError")
            self.assertIn("unknown mode 'verbose'; use readable, full or minimal", run.reply["content"]["evalue"])
        finally:
            output("%xmode readable")
        self.assertIn("Exception mode: readable", output("%xmode"))
        traceback = self.kernel.execute(failing).reply["content"]["traceback"]
        self.assertRegex(traceback[-1], r"^    … 3 frames in the JDK")

    def test_a_cause_is_shown_after_the_exception_it_caused(self):
        run = self.kernel.execute('try {\n    Integer.parseInt("twelve");\n} catch (NumberFormatException e) {\n'
                                  '    throw new IllegalArgumentException("not a count", e);\n}')
        self.assertCellError(run, "java.lang.IllegalArgumentException")
        self.assertEqual(run.reply["content"]["evalue"], "not a count")
        traceback = run.reply["content"]["traceback"]
        self.assertEqual(traceback[1], '    at line 4: throw new IllegalArgumentException("not a count", e);')
        causes = [i for i, line in enumerate(traceback) if "Caused by: " in line]
        self.assertEqual(len(causes), 1, traceback)
        self.assertIn('java.lang.NumberFormatException: For input string: "twelve"', traceback[causes[0]])
        self.assertEqual(traceback[causes[0] + 1], '    at line 2: Integer.parseInt("twelve");')
        self.assertRegex(traceback[causes[0] + 2], r"^    … \d frames in the JDK \(from .*Integer\.parseInt")

    def test_an_error_aborts_the_cells_queued_behind_it(self):
        failing = self.kernel.send_execute('Thread.sleep(500);\nthrow new IllegalStateException("first");')
        queued = self.kernel.send_execute('System.setProperty("bighead.after.error", "ran");')
        self.assertCellError(self.kernel.collect(failing), "java.lang.IllegalStateException")
        aborted = self.kernel.collect(queued)
        self.assertCellError(aborted, "Aborted")
        self.assertEqual(self.value('System.getProperty("bighead.after.error")'), "null")

    def test_without_stop_on_error_the_queued_cells_still_run(self):
        failing = self.kernel.send_execute('Thread.sleep(500);\nthrow new IllegalStateException("first");',
                                           stop_on_error=False)
        queued = self.kernel.send_execute('System.setProperty("bighead.no.stop", "ran");')
        self.assertEqual(self.kernel.collect(failing).status, "error")
        self.assertEqual(self.kernel.collect(queued).status, "ok")
        self.assertEqual(self.value('System.getProperty("bighead.no.stop")'), '"ran"')


class RichOutputTest(KernelTestCase):
    def assertValid(self, run):
        for arrival in run.iopub:
            validate_message(arrival.msg, arrival.type, run.msg_id)

    def test_display_update_and_clear_output_messages_have_the_protocol_shape(self):
        run = self.ok('String id = display(html("<i>one</i>"));\nupdateDisplay(id, html("<i>two</i>"));\n'
                      "clearOutput(true);")
        self.assertValid(run)
        self.assertEqual([a.type for a in run.outputs], ["display_data", "update_display_data", "clear_output"])
        shown, updated, cleared = (a.content for a in run.outputs)
        self.assertEqual(shown["data"], {"text/html": "<i>one</i>", "text/plain": "[HTML]"})
        self.assertEqual(updated["data"]["text/html"], "<i>two</i>")
        self.assertTrue(shown["transient"]["display_id"])
        self.assertEqual(updated["transient"]["display_id"], shown["transient"]["display_id"])
        self.assertEqual(cleared, {"wait": True})
        self.assertEqual(self.value("id"), json.dumps(shown["transient"]["display_id"]))

    def test_a_display_id_can_be_updated_from_a_later_cell(self):
        self.ok('String progress = display(markdown("0 %"));')
        run = self.ok('updateDisplay(progress, markdown("100 %"));')
        self.assertValid(run)
        [update] = run.of_type("update_display_data")
        self.assertEqual(update.content["data"]["text/markdown"], "100 %")
        self.assertEqual(update.content["transient"]["display_id"], self.value("progress").strip('"'))

    # as in IPython, a statement ended with ';' shows no value, so display(x); shows x once and not its id
    def test_a_display_call_as_the_last_statement_shows_no_value(self):
        run = self.ok('display(html("<b>hi</b>"));')
        self.assertEqual([a.type for a in run.outputs], ["display_data"], run.describe())

    def test_a_string_value_is_shown_escaped_as_jshell_shows_it(self):
        self.assertEqual(self.value('"say \\"hi\\"\\n"'), '"say \\"hi\\"\\n"')

    def test_a_tablesaw_table_shows_as_an_html_table(self):
        run = self.ok('Table.create("prices", DoubleColumn.create("price", 10.5, 20.25))')
        self.assertValid(run)
        html = run.result("text/html")
        self.assertIn("<table", html)
        self.assertIn("20.25", html)
        self.assertIn("price", run.result("text/plain"))

    def test_a_fitted_pipeline_shows_as_svg_and_its_metrics_as_vega_lite(self):
        self.ok("var model = ListingsPipelines.price().fit(Listings.generate(2000, 1));")
        svg = self.value("model", "image/svg+xml")
        self.assertTrue(svg.lstrip().startswith("<svg"), svg[:200])
        run = self.ok("model.evaluate(Listings.generate(500, 2))")
        self.assertValid(run)
        chart = run.result("application/vnd.vegalite.v5+json")
        self.assertIsInstance(chart, dict, "Vega-Lite travels as a JSON object, not a string")
        self.assertIn("rmse", run.result("text/plain"))

    def test_html_markdown_svg_and_vega_lite_helpers_give_their_mime_types(self):
        cases = {'html("<p>x</p>")': "text/html", 'markdown("*x*")': "text/markdown",
                 "svg(\"<svg xmlns='http://www.w3.org/2000/svg'/>\")": "image/svg+xml",
                 'vegaLite("{\\"mark\\": \\"bar\\"}")': "application/vnd.vegalite.v5+json"}
        for code, mime in cases.items():
            with self.subTest(code=code):
                run = self.ok(code)
                self.assertValid(run)
                self.assertIsNotNone(run.result(mime), run.describe())
                self.assertIsNotNone(run.result("text/plain"))


class CommTest(KernelTestCase):
    JSON = "com.fasterxml.jackson.databind.node.JsonNodeFactory.instance"

    def comm_messages(self, msg_type, comm_id):
        return [a for arrivals in self.kernel.iopub.values() for a in arrivals
                if a.type == msg_type and a.content.get("comm_id") == comm_id]

    def wait_comm(self, msg_type, comm_id, predicate=lambda content: True):
        return self.kernel.wait_iopub(lambda m: m["msg_type"] == msg_type and m["content"].get("comm_id") == comm_id
                                      and predicate(m["content"]), DEADLINE, f"{msg_type} on comm {comm_id}")

    def comm_info(self, target_name=None):
        content = {} if target_name is None else {"target_name": target_name}
        reply = self.kernel.request("comm_info_request", content)
        self.assertEqual(reply["content"]["status"], "ok")
        return reply["content"]["comms"]

    def test_a_comm_open_to_an_unknown_target_is_answered_with_a_comm_close(self):
        comm_id = uuid.uuid4().hex
        opening = self.kernel.send_shell("comm_open", {"comm_id": comm_id, "target_name": "no.such.target",
                                                       "data": {}})
        close = self.wait_comm("comm_close", comm_id)
        self.assertEqual(close.msg["parent_header"]["msg_id"], opening)
        self.assertNotIn(comm_id, self.comm_info())

    def test_a_comm_opened_from_java_reaches_the_frontend_and_is_listed(self):
        run = self.ok(textwrap.dedent(f"""\
            var opened = org.bighead.kernel.comm.Comms.get().open("test.target",
                    {self.JSON}.objectNode().put("hello", "from java"), List.of(), null);
            List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
            opened.onMessage((data, buffers) -> received.add(data.toString()));
            opened.send({self.JSON}.objectNode().put("n", 1));
            opened.id()"""))
        comm_id = json.loads(run.result())
        [open_msg] = run.of_type("comm_open")
        self.assertEqual(open_msg.content["comm_id"], comm_id)
        self.assertEqual(open_msg.content["target_name"], "test.target")
        self.assertEqual(open_msg.content["data"], {"hello": "from java"})
        [sent] = run.of_type("comm_msg")
        self.assertEqual(sent.content, {"comm_id": comm_id, "data": {"n": 1}})
        self.assertEqual(self.comm_info()[comm_id], {"target_name": "test.target"})
        self.assertIn(comm_id, self.comm_info("test.target"))
        self.assertNotIn(comm_id, self.comm_info("another.target"))

        self.kernel.send_shell("comm_msg", {"comm_id": comm_id, "data": {"from": "frontend"}})
        self.kernel.wait_until(lambda: self.value("received.size()") == "1", DEADLINE, "the message to reach Java")
        self.assertEqual(self.value("received.get(0)"), '"{\\"from\\":\\"frontend\\"}"')

        self.kernel.send_shell("comm_close", {"comm_id": comm_id, "data": {}})
        self.kernel.wait_until(lambda: self.value("opened.isClosed()") == "true", DEADLINE, "the comm to close")
        self.assertNotIn(comm_id, self.comm_info())

    def test_a_target_registered_in_java_echoes_while_another_cell_runs(self):
        self.ok(textwrap.dedent(f"""\
            org.bighead.kernel.comm.Comms.get().registerTarget("test.echo", (comm, data, buffers) -> {{
                comm.send({self.JSON}.objectNode().set("opened", data));
                comm.onMessage((message, messageBuffers) -> comm.send(message));
            }});"""))
        comm_id = uuid.uuid4().hex
        self.kernel.send_shell("comm_open", {"comm_id": comm_id, "target_name": "test.echo", "data": {"x": 1}})
        self.wait_comm("comm_msg", comm_id, lambda c: c["data"] == {"opened": {"x": 1}})
        self.assertEqual(self.comm_info("test.echo"), {comm_id: {"target_name": "test.echo"}})

        sleeper = self.start_and_wait_for_output('System.out.println("sleeping");\nThread.sleep(3000);', "sleeping")
        self.kernel.send_shell("comm_msg", {"comm_id": comm_id, "data": {"ping": 1}})
        echo = self.wait_comm("comm_msg", comm_id, lambda c: c["data"] == {"ping": 1})
        run = self.kernel.collect(sleeper)
        self.assertEqual(run.status, "ok", run.describe())
        self.assertLess(echo.at, run.reply_at, "the echo waited for the running cell to finish")


class MagicsTest(KernelTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.work = tempfile.mkdtemp(prefix="bighead-classpath-")
        cls.classes = cls.compile("bhtest.folder", "FromFolder", "from a folder")
        jar_classes = cls.compile("bhtest.jar", "FromJar", "from a jar")
        cls.jar = os.path.join(cls.work, "greeter.jar")
        subprocess.run(["jar", "--create", "--file", cls.jar, "-C", jar_classes, "."], check=True, timeout=120)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)
        super().tearDownClass()

    @classmethod
    def compile(cls, package, name, greeting):
        src = os.path.join(cls.work, "src", name + ".java")
        out = os.path.join(cls.work, name + "-classes")
        os.makedirs(os.path.dirname(src), exist_ok=True)
        with open(src, "w") as f:
            f.write(f'package {package};\npublic class {name} {{\n'
                    f'    public static String greet() {{ return "{greeting}"; }}\n}}\n')
        subprocess.run(["javac", "--release", "17", "-d", out, src], check=True, timeout=120)
        return out

    def magic_error(self, code):
        run = self.kernel.execute(code)
        self.assertCellError(run, "MagicError")
        return run.reply["content"]["evalue"]

    def test_lsmagic_lists_the_line_and_cell_magics(self):
        run = self.ok("%lsmagic")
        text = run.result()
        for magic in ("%bighead", "%classpath", "%maven", "%time", "%%time"):
            self.assertIn(magic, text)
        self.assertIn("<table", run.result("text/html"))

    def test_bighead_help_and_version_describe_the_platform(self):
        help_text = self.ok("%bighead help").stdout()
        for subcommand in ("config", "version", "help"):
            self.assertIn(subcommand, help_text)
        version = self.ok("%bighead version").stdout()
        self.assertIn("Bighead 0.1.0", version)
        home = kernel_java_home()
        self.assertIn(f"Java {jdk_major(home)}", version)
        self.assertIn(f" at {home}", version)
        self.assertIn("JIT quick (C1 only", version)  # kernel.jit's default

    def test_kernel_jit_full_adds_c2_and_a_bad_value_is_one_line(self):
        with KernelSession(extra_env={"BIGHEAD_KERNEL_JIT": "full"}) as full:
            self.assertIn("JIT full (C1 and C2)", full.ok(self, "%bighead version").stdout())
        launcher = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kernel", "bin", "bighead-kernel")
        run = subprocess.run([launcher, "unused.json"], capture_output=True, text=True, timeout=60,
                             env=dict(os.environ, BIGHEAD_KERNEL_JIT="fast"))
        self.assertEqual(run.returncode, 1)
        self.assertEqual(run.stderr.strip(),
                         "bighead-kernel: kernel.jit (BIGHEAD_KERNEL_JIT) is 'fast'; valid: quick, full")

    def test_bighead_config_saves_a_setting_and_shows_it(self):
        saved = self.ok("%bighead config registry.url http://x:1").stdout()
        self.assertIn("registry.url = http://x:1", saved)
        listing = self.ok("%bighead config").stdout()
        self.assertIn(self.kernel.config_file, listing)
        self.assertRegex(listing, r"registry\.url\s+http://x:1")
        with open(self.kernel.config_file) as f:
            self.assertEqual(json.load(f)["registry.url"], "http://x:1")
        self.assertIn("registry.url = http://x:1", self.ok("%bighead config registry.url").stdout())

    def test_mistyped_magics_fail_with_a_message_that_says_what_exists(self):
        self.assertIn("unknown magic %lsmagc (did you mean %lsmagic?)", self.magic_error("%lsmagc"))
        self.assertIn("see %lsmagic", self.magic_error("%nosuch"))
        self.assertIn("unknown %bighead subcommand 'confg' (did you mean config?)", self.magic_error("%bighead confg"))
        bad_flag = self.magic_error("%bighead config --bogus")
        self.assertIn("Unknown option: '--bogus'", bad_flag)
        self.assertIn("Usage: %bighead config", bad_flag)
        self.assertIn("invalid registry.url", self.magic_error("%bighead config registry.url not-a-url"))
        self.assertIn("bad Maven coordinate", self.magic_error("%maven gson"))

    def test_a_bad_magic_line_stops_the_cell_before_any_of_it_runs(self):
        self.magic_error('System.setProperty("bighead.before.magic", "ran");\n%nosuch')
        self.assertEqual(self.value('System.getProperty("bighead.before.magic")'), "null")

    def test_time_prints_the_wall_time_and_keeps_the_value(self):
        run = self.ok("%time Thread.sleep(50)")
        self.assertRegex(run.stdout(), r"Wall time: [\d.]+ (ms|s)\n")
        run = self.ok("%%time\nint total = 0;\nfor (int i = 1; i <= 10; i++) total += i;\ntotal")
        self.assertIn("Wall time:", run.stdout())
        self.assertEqual(run.result(), "55")

    def test_maven_adds_an_artifact_once(self):
        first = self.ok("%maven org.apache.commons:commons-lang3:3.17.0", timeout=120).stdout()
        self.assertIn("Added 1 jar: commons-lang3-3.17.0.jar", first)
        self.assertEqual(self.value('org.apache.commons.lang3.StringUtils.reverse("abc")'), '"cba"')
        again = self.ok("%maven org.apache.commons:commons-lang3:3.17.0", timeout=120).stdout()
        self.assertNotIn("Added", again)
        self.assertIn("Already on the class path: commons-lang3-3.17.0.jar", again)

    def test_maven_gson_then_gson_serializes_a_list(self):
        first = self.ok("%maven com.google.code.gson:gson:2.11.0", timeout=120).stdout()
        self.assertIn("gson-2.11.0.jar", first)
        self.assertEqual(self.value("new com.google.gson.Gson().toJson(java.util.List.of(1,2))"), '"[1,2]"')
        again = self.ok("%maven com.google.code.gson:gson:2.11.0", timeout=120).stdout()
        self.assertNotIn("Added", again)
        self.assertIn("Already on the class path", again)

    # cells load classes parent-first, so where the kernel ships a library (gson 2.13.1 comes with DJL) its copy
    # wins; %maven says so instead of silently using another version than the one asked for
    def test_adding_a_library_the_kernel_already_ships_warns_which_copy_cells_use(self):
        run = self.ok("%maven com.google.code.gson:gson:2.11.0", timeout=120)
        where = self.value("com.google.gson.Gson.class.getProtectionDomain().getCodeSource().getLocation()")
        if "gson-2.11.0.jar" not in where:
            self.assertIn("the kernel already provides com.google.gson", run.stderr() + run.stdout())

    def test_classpath_adds_a_class_folder_and_a_jar_and_lists_them(self):
        added = self.ok(f"%classpath {self.classes} {self.jar}").stdout()
        self.assertIn("Added 2 class path entries", added)
        self.assertEqual(self.value("bhtest.folder.FromFolder.greet()"), '"from a folder"')
        self.assertEqual(self.value("bhtest.jar.FromJar.greet()"), '"from a jar"')
        self.assertIn("Already on the class path: greeter.jar", self.ok(f"%classpath {self.jar}").stdout())
        listing = self.ok("%classpath").stdout()
        self.assertIn(self.classes, listing)
        self.assertIn(self.jar, listing)


class IntrospectionTest(KernelTestCase):
    def is_complete(self, code):
        return self.kernel.request("is_complete_request", {"code": code})["content"]

    def test_is_complete_tells_finished_unfinished_and_broken_code_apart(self):
        for code in ("int a = 1;", "1 + 2", "%time 1 + 1", "%%time\nint x = 1;", "int x = 1;\n%lsmagic"):
            with self.subTest(code=code):
                self.assertEqual(self.is_complete(code)["status"], "complete")
        for code in ("for (int i = 0; i < 3; i++) {", "int a = 1 +", "class X {"):
            with self.subTest(code=code):
                self.assertEqual(self.is_complete(code)["status"], "incomplete")
        self.assertEqual(self.is_complete("class X {")["indent"], "    ")
        for code in ("}", 'String s = "abc', "%", "% x"):
            with self.subTest(code=code):
                self.assertEqual(self.is_complete(code)["status"], "invalid")

    def test_completion_offers_a_variable_defined_in_an_earlier_cell(self):
        self.ok("int myCounter = 3;")
        code = '"é" + myCou'  # cursor positions count code points, not UTF-16 units
        reply = self.kernel.request("complete_request", {"code": code, "cursor_pos": len(code)})["content"]
        self.assertEqual(reply["status"], "ok")
        self.assertIn("myCounter", reply["matches"])
        self.assertEqual((reply["cursor_start"], reply["cursor_end"]), (6, 11))

    def test_inspect_finds_a_method_and_shows_its_signatures(self):
        reply = self.kernel.request("inspect_request", {"code": "Math.max", "cursor_pos": 8, "detail_level": 0})
        content = reply["content"]
        self.assertEqual(content["status"], "ok")
        self.assertTrue(content["found"])
        self.assertIn("int Math.max(int a, int b)", content["data"]["text/plain"])
        missing = self.kernel.request("inspect_request", {"code": "noSuchThing", "cursor_pos": 11,
                                                          "detail_level": 0})["content"]
        self.assertEqual((missing["status"], missing["found"]), ("ok", False))

    def test_completions_carry_their_kind_and_signature_with_methods_first(self):
        code = "Listings."
        reply = self.kernel.request("complete_request", {"code": code, "cursor_pos": len(code)})["content"]
        typed = reply["metadata"]["_jupyter_types_experimental"]
        self.assertEqual([t["text"] for t in typed], reply["matches"])
        self.assertTrue(all((t["start"], t["end"]) == (reply["cursor_start"], reply["cursor_end"]) for t in typed))
        # Listings has 25 constants and 3 methods: the methods come first, as a person completing it wants them
        self.assertEqual([(t["text"], t["type"]) for t in typed[:3]],
                         [("generate(", "method"), ("readCsv(", "method"), ("writeCsv(", "method")])
        self.assertEqual(typed[0]["signature"], "Table generate(int rows, long seed)")
        self.assertEqual({t["type"] for t in typed[3:-1]}, {"field"})
        self.assertEqual((typed[3]["text"], typed[3]["signature"]), ("ACCOMMODATES", "String"))
        self.ok("int myCounterOfRows = 3;")
        [mine] = self.kernel.request("complete_request", {"code": "myCounterOf", "cursor_pos": 11}
                                     )["content"]["metadata"]["_jupyter_types_experimental"]
        self.assertEqual((mine["text"], mine["type"], mine["signature"]), ("myCounterOfRows", "variable", "int"))

    def test_inspect_shows_the_javadoc_of_bigheads_own_api(self):
        code = "Listings.generate"
        reply = self.kernel.request("inspect_request", {"code": code, "cursor_pos": len(code), "detail_level": 0})
        text = reply["content"]["data"]["text/plain"]
        self.assertTrue(text.startswith("Table Listings.generate(int rows, long seed)\n"), text)
        self.assertIn("Generates rows listings, identical for the same (rows, seed) on any JVM.", text)

    def test_inspect_shows_the_jdks_javadoc_where_the_jdk_has_its_sources(self):
        if not os.path.isfile(os.path.join(kernel_java_home(), "lib", "src.zip")):
            self.skipTest(f"{kernel_java_home()} has no lib/src.zip (Debian: openjdk-NN-source)")
        reply = self.kernel.request("inspect_request", {"code": "Math.max", "cursor_pos": 8, "detail_level": 0})
        self.assertIn("Returns the greater of two int values.", reply["content"]["data"]["text/plain"])

    def test_history_tail_lists_the_last_cells_with_their_outputs(self):
        codes = ["int h1 = 1;", "h1 + 1", '"h" + 3']
        for code in codes:
            self.ok(code)
        reply = self.kernel.request("history_request", {"hist_access_type": "tail", "n": 3, "output": True,
                                                        "raw": True})["content"]
        self.assertEqual(reply["status"], "ok")
        entries = reply["history"]
        self.assertEqual([e[2] for e in entries], [[codes[0], None], [codes[1], "2"], [codes[2], '"h3"']])
        lines = [e[1] for e in entries]
        self.assertEqual(lines, list(range(lines[0], lines[0] + 3)))
        self.assertEqual(len({e[0] for e in entries}), 1)

    def test_execution_count_moves_only_for_cells_stored_in_history(self):
        first = self.ok("1").reply["content"]["execution_count"]
        silent = self.ok("2", store_history=False).reply["content"]["execution_count"]
        self.assertEqual(silent, first)
        self.assertEqual(self.ok("3").reply["content"]["execution_count"], first + 1)


class ControlChannelTest(KernelTestCase):
    def test_kernel_info_is_answered_on_the_control_channel(self):
        reply = self.kernel.request("kernel_info_request", channel="control")
        validate_message(reply, "kernel_info_reply", reply["parent_header"]["msg_id"])
        self.assertEqual(reply["content"]["language_info"]["name"], "java")
        self.assertEqual(reply["content"]["implementation"], "bighead")

    def test_kernel_info_on_control_is_answered_while_a_cell_runs(self):
        sleeper = self.start_and_wait_for_output('System.out.println("sleeping");\nThread.sleep(2000);', "sleeping")
        reply = self.kernel.request("kernel_info_request", channel="control")
        answered_at = time.monotonic()
        self.assertEqual(reply["content"]["status"], "ok")
        run = self.kernel.collect(sleeper)
        self.assertEqual(run.status, "ok", run.describe())
        self.assertLess(answered_at, run.reply_at, "control waited for the running cell")


class ShutdownTest(KernelTestCase):
    def test_a_shutdown_request_on_control_ends_the_process(self):
        self.ok('{ System.out.println("started"); }')
        reply = self.kernel.request("shutdown_request", {"restart": False}, channel="control")
        self.assertEqual(reply["content"], {"status": "ok", "restart": False})
        deadline = time.monotonic() + 10
        while self.kernel.km.is_alive():
            self.assertLess(time.monotonic(), deadline, "the kernel process is still alive after shutdown_request")
            time.sleep(0.05)


if __name__ == "__main__":
    unittest.main()
