"""Bighead's own widgets over the real Jupyter protocol: a cell trains with `TrainingMonitor.show()`.

The cell fits the reference price pipeline (200 boosting rounds) on 3,000 generated listings with a monitor that
shows itself; the test plays JupyterLab's side with jupyter_client and checks what a browser would get: the
monitor's widget models opened (comm_open), the view displayed in the cell, and progress updates on the bar's comm
whose value reaches its max before the cell's execute_reply, with the final chart and status line.

Runs the installed "bighead" kernelspec through tests/kernel_session.py (BIGHEAD_HOME and BIGHEAD_CONFIG in a
temporary folder). Run by `./bighead test` with the project's .venv Python.
"""
import unittest

from kernel_session import KernelSession

VIEW = "application/vnd.jupyter.widget-view+json"
ROUNDS = 200

TRAIN = (
    "var model = ListingsPipelines.price().fit(Listings.generate(3000, 1), org.bighead.widgets.TrainingMonitor.show());\n"
    'System.out.println("trees " + ((org.bighead.pipeline.model.XGBoostModel) model.model()).trees().numTrees());'
)


class TrainingMonitorTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.kernel = KernelSession()
        cls.cell = cls.kernel.execute(TRAIN, timeout=180)

    @classmethod
    def tearDownClass(cls):
        cls.kernel.close()

    def opened(self, model_name):
        """comm ids of the widgets of this model the cell opened, in order."""
        return [a.content["comm_id"] for a in self.cell.of_type("comm_open")
                if a.content["data"]["state"]["_model_name"] == model_name]

    def states(self, comm_id):
        """(arrival, merged state so far) after each update the kernel sent on a comm during the cell."""
        opening = next(a for a in self.cell.of_type("comm_open") if a.content["comm_id"] == comm_id)
        state = dict(opening.content["data"]["state"])
        out = []
        for a in self.cell.of_type("comm_msg"):
            data = a.content["data"]
            if a.content["comm_id"] == comm_id and data.get("method") == "update":
                state.update(data["state"])
                out.append((a, dict(state)))
        return out

    def test_the_cell_trains_every_round(self):
        self.assertEqual(self.cell.status, "ok", self.cell.describe())
        self.assertEqual(self.cell.stdout(), f"trees {ROUNDS}\n", self.cell.describe())

    def test_the_monitors_widgets_are_opened_and_its_view_is_displayed_in_the_cell(self):
        for model in ("IntProgressModel", "ButtonModel", "HTMLModel", "HBoxModel", "VBoxModel"):
            self.assertTrue(self.opened(model), f"no {model} opened\n{self.cell.describe()}")
        for a in self.cell.of_type("comm_open"):
            self.assertEqual(a.content["target_name"], "jupyter.widget")
        shown = [a.content["data"] for a in self.cell.of_type("display_data") if VIEW in a.content["data"]]
        self.assertEqual(len(shown), 1, self.cell.describe())
        self.assertIn(shown[0][VIEW]["model_id"], self.opened("VBoxModel"))
        self.assertTrue(shown[0]["text/plain"].startswith("TrainingMonitor("), shown[0])

    def test_the_progress_value_reaches_max_before_the_execute_reply(self):
        (bar,) = self.opened("IntProgressModel")
        updates = self.states(bar)
        self.assertGreater(len(updates), 0, self.cell.describe())
        done = [(a, s) for a, s in updates if s["max"] == ROUNDS and s["value"] == ROUNDS]
        self.assertTrue(done, f"the bar never reached {ROUNDS}: {[s['value'] for _, s in updates]}")
        arrival, state = done[0]
        self.assertLessEqual(arrival.at, self.cell.reply_at)
        idle = next(i for i, a in enumerate(self.cell.iopub)
                    if a.type == "status" and a.content["execution_state"] == "idle")
        self.assertLess(self.cell.iopub.index(arrival), idle)
        last_arrival, last_state = updates[-1]
        self.assertEqual((last_state["value"], last_state["bar_style"]), (ROUNDS, "success"))
        self.assertLessEqual(last_arrival.at, self.cell.reply_at)
        self.assertEqual(arrival.msg["parent_header"]["msg_id"], self.cell.msg_id)
        # coalesced: far fewer updates than rounds reach the browser
        self.assertLess(len(updates), ROUNDS)

    def test_the_chart_and_status_show_the_finished_run(self):
        (bar,) = self.opened("IntProgressModel")
        status = self.states(bar)[-1][1]["description"]  # the bar's label is the status line
        self.assertTrue(status.startswith(f"done {ROUNDS}/{ROUNDS} in "), status)
        charts = [c for c in self.opened("HTMLModel") if self.states(c)]
        self.assertEqual(len(charts), 1)
        chart = self.states(charts[0])[-1][1]["value"]
        self.assertIn("<svg", chart)
        self.assertIn('<polyline class="bh-series" data-series="train-rmse"', chart)


if __name__ == "__main__":
    unittest.main()
