"""Java widgets over the real Jupyter protocol: the test plays JupyterLab's widget manager with jupyter_client.

A cell creates a Java Dropdown; the test reads its comm_open on IOPub, checks the state against what ipywidgets
8.1.9 sends, then changes it as the browser would (comm_msg "update") and sees the echo_update, the Java observer
and the new value in a later cell. Also: request_state, the jupyter.widget.control comm (page reload), a Button
click reaching Java while nothing runs, the Output widget capturing a cell's output, and a progress bar updated
10,000 times in a loop arriving as a few coalesced updates.

Runs the installed "bighead" kernelspec through tests/kernel_session.py (BIGHEAD_HOME and BIGHEAD_CONFIG in a
temporary folder). Run by `./bighead test` with the project's .venv Python.
"""
import unittest

from kernel_session import KernelSession

VIEW = "application/vnd.jupyter.widget-view+json"

# ipywidgets 8.1.9: Dropdown(options=["a", "b", "c"]).get_state(), its layout and style references renamed
DROPDOWN_STATE = {
    "_dom_classes": [], "_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
    "_model_name": "DropdownModel", "_options_labels": ["a", "b", "c"], "_view_count": None,
    "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0", "_view_name": "DropdownView",
    "description": "", "description_allow_html": False, "disabled": False, "index": 0,
    "layout": "IPY_MODEL_layout", "style": "IPY_MODEL_style", "tabbable": None, "tooltip": None,
}


class WidgetsProtocolTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.kernel = KernelSession()
        run = cls.kernel.execute(
            'var d = org.bighead.widgets.Dropdown.of("a", "b", "c");\n'
            'd.observe("value", ch -> System.out.println("chose " + ch.newValue()));\n'
            'd')
        assert run.status == "ok", run.describe()
        cls.dropdown_cell = run
        opens = {a.content["comm_id"]: a.content for a in run.of_type("comm_open")}
        cls.opens = opens
        cls.dropdown = next(c for c in opens.values() if c["data"]["state"]["_model_name"] == "DropdownModel")

    @classmethod
    def tearDownClass(cls):
        cls.kernel.close()

    def comm_msgs(self, comm_id, method=None, parent=None):
        """comm_msgs the kernel sent on a comm (optionally with this method and parent msg_id), in arrival order."""
        found = []
        for arrivals in list(self.kernel.iopub.values()) + [self.kernel.orphans]:
            for a in arrivals:
                c = a.content
                if a.type == "comm_msg" and c["comm_id"] == comm_id and (method is None or c["data"]["method"] == method) \
                        and (parent is None or a.msg["parent_header"].get("msg_id") == parent):
                    found.append(a)
        return sorted(found, key=lambda a: a.at)

    def browser_sends(self, comm_id, data):
        """A comm_msg from the 'browser'; returns its msg_id once the kernel is idle again for it."""
        msg_id = self.kernel.send_shell("comm_msg", {"comm_id": comm_id, "data": data})
        self.kernel.wait_until(lambda: self.kernel.idle(msg_id), 30, f"the kernel to handle {data}")
        return msg_id

    def test_a_dropdown_opens_with_the_state_ipywidgets_sends(self):
        state = dict(self.dropdown["data"]["state"])
        layout, style = state["layout"][len("IPY_MODEL_"):], state["style"][len("IPY_MODEL_"):]
        self.assertEqual(self.opens[layout]["data"]["state"]["_model_name"], "LayoutModel")
        self.assertEqual(self.opens[style]["data"]["state"]["_model_name"], "DescriptionStyleModel")
        state["layout"], state["style"] = "IPY_MODEL_layout", "IPY_MODEL_style"
        self.assertEqual(state, DROPDOWN_STATE)
        self.assertEqual(self.dropdown["target_name"], "jupyter.widget")
        self.assertEqual(self.dropdown["data"]["buffer_paths"], [])
        open_msg = next(a for a in self.dropdown_cell.of_type("comm_open")
                        if a.content["comm_id"] == self.dropdown["comm_id"])
        self.assertEqual(open_msg.msg["metadata"], {"version": "2.1.0"})

    def test_the_cells_value_is_the_widget_view_with_a_text_fallback(self):
        data = self.dropdown_cell.of_type("execute_result")[0].content["data"]
        self.assertEqual(data[VIEW], {"version_major": 2, "version_minor": 0, "model_id": self.dropdown["comm_id"]})
        self.assertEqual(data["text/plain"], "Dropdown(options=('a', 'b', 'c'), value='a')")
        # the models it needs were opened before the view was shown
        types = [a.type for a in self.dropdown_cell.iopub]
        self.assertLess(max(i for i, t in enumerate(types) if t == "comm_open"), types.index("execute_result"))

    def test_choosing_in_the_browser_is_echoed_reaches_the_java_observer_and_the_value(self):
        comm = self.dropdown["comm_id"]
        update = self.browser_sends(comm, {"method": "update", "state": {"index": 2}, "buffer_paths": []})

        echoes = self.comm_msgs(comm, "echo_update", parent=update)
        self.assertEqual([e.content["data"]["state"] for e in echoes], [{"index": 2}])
        self.kernel.wait_iopub(lambda m: m["msg_type"] == "stream" and "chose c" in m["content"]["text"],
                               timeout=30, what="the observer's output 'chose c'")
        self.assertEqual(self.kernel.value(self, "d.value()"), '"c"')
        self.assertEqual(self.kernel.value(self, "d.index()"), "2")

    def test_request_state_is_answered_with_the_full_state_and_the_request_as_parent(self):
        comm = self.dropdown["comm_id"]
        request = self.browser_sends(comm, {"method": "request_state"})

        replies = self.comm_msgs(comm, "update", parent=request)
        self.assertEqual(len(replies), 1)
        self.assertEqual(set(replies[0].content["data"]["state"]), set(DROPDOWN_STATE))

    def test_the_control_comm_returns_every_widget_state_for_a_reloaded_page(self):
        control = "control-" + self.id().rsplit(".", 1)[-1]
        opened = self.kernel.send_shell("comm_open", {"comm_id": control, "target_name": "jupyter.widget.control",
                                                      "data": {}})
        self.kernel.wait_until(lambda: self.kernel.idle(opened), 30, "the control comm to open")
        request = self.browser_sends(control, {"method": "request_states"})

        replies = self.comm_msgs(control, "update_states", parent=request)
        self.assertEqual(len(replies), 1)
        states = replies[0].content["data"]["states"]
        mine = states[self.dropdown["comm_id"]]
        self.assertEqual((mine["model_name"], mine["model_module"], mine["model_module_version"]),
                         ("DropdownModel", "@jupyter-widgets/controls", "2.0.0"))
        self.assertEqual(set(mine["state"]), set(DROPDOWN_STATE))
        for model_id in self.opens:
            self.assertIn(model_id, states)

    def test_a_button_click_reaches_java_while_no_cell_runs(self):
        run = self.kernel.ok(self, "var clicks = new java.util.concurrent.atomic.AtomicInteger();\n"
                                   'var b = new org.bighead.widgets.Button("Stop").onClick(x -> clicks.incrementAndGet());\n'
                                   "b")
        button = next(a.content["comm_id"] for a in run.of_type("comm_open")
                      if a.content["data"]["state"]["_model_name"] == "ButtonModel")

        self.browser_sends(button, {"method": "custom", "content": {"event": "click"}})

        self.assertEqual(self.kernel.value(self, "clicks.get()"), "1")

    def test_a_stop_click_reaches_a_training_loop_while_its_cell_runs(self):
        code = ("var progress = new org.bighead.widgets.TrainingProgress();\n"
                "display(progress);\n"
                "int last = 0;\n"
                "for (int i = 1; i <= 2000 && progress.onStep(i, 2000, Map.of(\"loss\", 1.0 / i)); i++) {\n"
                "    last = i;\n"
                "    Thread.sleep(5);\n"
                "}\n"
                "System.out.println(\"stopped after \" + last);")
        cell = self.kernel.send_execute(code)
        opened = self.kernel.wait_iopub(
            lambda m: m["msg_type"] == "comm_open" and m["parent_header"].get("msg_id") == cell
            and m["content"]["data"]["state"]["_model_name"] == "ButtonModel", timeout=60, what="the Stop button")

        self.kernel.send_shell("comm_msg", {"comm_id": opened.content["comm_id"],
                                            "data": {"method": "custom", "content": {"event": "click"}}})

        run = self.kernel.collect(cell, code)
        self.assertEqual(run.status, "ok", run.describe())
        steps = int(run.stdout().split("stopped after ")[1])
        self.assertLess(steps, 2000, run.describe())

    def test_output_captures_a_cells_output_by_its_msg_id(self):
        run = self.kernel.ok(self, "var out = new org.bighead.widgets.Output();\n"
                                   "display(out);\n"
                                   'out.capture(() -> System.out.println("inside"));\n'
                                   'System.out.println("outside");')
        out = next(a.content["comm_id"] for a in run.of_type("comm_open")
                   if a.content["data"]["state"]["_model_name"] == "OutputModel")
        events = []
        for a in run.iopub:
            if a.type == "comm_msg" and a.content["comm_id"] == out and "msg_id" in a.content["data"]["state"]:
                events.append(("msg_id", a.content["data"]["state"]["msg_id"]))
            elif a.type == "stream":
                events.append(("stdout", a.content["text"]))
        self.assertEqual(events, [("msg_id", run.msg_id), ("stdout", "inside\n"), ("msg_id", ""),
                                  ("stdout", "outside\n")])

    def test_ten_thousand_progress_updates_arrive_as_a_few_with_the_last_value(self):
        run = self.kernel.ok(self, "var p = new org.bighead.widgets.IntProgress(0, 0, 10000);\n"
                                   "display(p);\n"
                                   "for (int i = 1; i <= 10000; i++) p.value(i);")
        bar = next(a.content["comm_id"] for a in run.of_type("comm_open")
                   if a.content["data"]["state"]["_model_name"] == "IntProgressModel")

        self.kernel.wait_until(
            lambda: any(u.content["data"]["state"].get("value") == 10000 for u in self.comm_msgs(bar, "update")),
            30, "the last value 10000")
        updates = self.comm_msgs(bar, "update")
        self.assertLess(len(updates), 100)
        self.assertEqual(updates[-1].content["data"]["state"]["value"], 10000)


if __name__ == "__main__":
    unittest.main()
