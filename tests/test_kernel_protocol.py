"""The Bighead Java kernel against jupyter_kernel_test, the Jupyter project's protocol conformance suite.

The suite starts the installed "bighead" kernelspec with start_new_kernel and validates every message it receives
against the messaging spec; the samples below are what a Java notebook user types. History lives in a temporary
BIGHEAD_HOME so earlier sessions on this machine cannot change what history_request returns.
"""
import os
import shutil
import tempfile
import unittest

import jupyter_kernel_test
from jupyter_client.manager import start_new_kernel

_ENV_KEYS = ("BIGHEAD_HOME", "BIGHEAD_CONFIG")


class BigheadKernelConformanceTest(jupyter_kernel_test.KernelTests):
    kernel_name = "bighead"
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("something went wrong");'

    completion_samples = [
        {"text": "System.out.printl", "matches": ["println("]},
        {"text": "Integer.MAX_", "matches": ["MAX_VALUE"]},
        {"text": "List.o", "matches": ["of("]},
    ]

    complete_code_samples = ["int a = 1;", "1 + 2", "import java.util.*", "%lsmagic", "%%time\nThread.sleep(1);"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int a = 1 +", "class X {"]
    invalid_code_samples = ["}", 'String s = "abc', "%"]

    code_generate_error = 'throw new RuntimeException("boom");'

    # JShell's way of showing values: strings quoted, chars in single quotes, arrays and lists spelled out
    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": '"a" + "b"', "result": '"ab"'},
        {"code": "'x'", "result": "'x'"},
        {"code": "Math.max(3, 7)", "result": "7"},
        {"code": "new int[] {1, 2, 3}", "result": "[1, 2, 3]"},
        {"code": 'List.of("x", "y")', "result": "[x, y]"},
        {"code": "record Point(int x, int y) {}\nnew Point(1, 2)", "result": "Point[x=1, y=2]"},
        {"code": 'Table.create("t", IntColumn.create("a", 1, 2))', "mime": "text/html"},
        {"code": 'markdown("**bold**")', "mime": "text/markdown"},
        {"code": 'vegaLite("{\\"mark\\": \\"point\\"}")', "mime": "application/vnd.vegalite.v5+json"},
    ]

    code_display_data = [
        {"code": 'display(html("<b>hi</b>"));', "mime": "text/html"},
        {"code": "display(svg(\"<svg xmlns='http://www.w3.org/2000/svg'/>\"));", "mime": "image/svg+xml"},
        {"code": 'display(markdown("# title"));', "mime": "text/markdown"},
        {"code": 'display(Table.create("t", IntColumn.create("a", 1)));', "mime": "text/html"},
    ]

    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "Math.max(*"  # matches exactly one of the distinct inputs above

    code_inspect_sample = "Math.max"
    code_clear_output = "clearOutput();"

    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.mkdtemp(prefix="bighead-kernel-conformance-")
        cls._saved_env = {key: os.environ.get(key) for key in _ENV_KEYS}
        os.environ["BIGHEAD_HOME"] = os.path.join(cls._tmp, "home")
        os.environ["BIGHEAD_CONFIG"] = os.path.join(cls._tmp, "config.json")
        cls._log = open(os.path.join(cls._tmp, "kernel.log"), "ab")  # keeps the kernel's log out of test output
        try:
            # what KernelTests.setUpClass does, plus the log file
            cls.km, cls.kc = start_new_kernel(kernel_name=cls.kernel_name, stdout=cls._log, stderr=cls._log)
        except BaseException:
            cls._restore()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            cls._restore()

    @classmethod
    def _restore(cls):
        cls._log.close()
        for key, value in cls._saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(cls._tmp, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
