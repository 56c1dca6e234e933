"""Java widgets in a real JupyterLab page: headless Chromium, driven by Playwright, clicks and chooses like a person.

`./bighead lab` serves a temporary root holding one notebook (kernelspec "bighead"). The test opens it in Debian's
Chromium (/usr/bin/chromium; Playwright never downloads a browser here), waits for the kernel, and runs cells with
Shift+Enter (JupyterLab and the widgets' extension loaded with no "Unsatisfied version" warning and no error in the
browser console): a Dropdown whose observer prints "chose X" (and writes it to an Output widget, since output from a
comm callback has no cell to go to), a Button whose click handler counts and writes "clicked", and the reference
pipeline trained with a TrainingMonitor on display (progress bar, live loss chart, Stop button). Then it clicks the
button and chooses "c" in the dropdown's <select>, runs a cell that prints the Java-side state and checks that the
page shows "c" and one click; checks that the monitor's progress bar (jupyterlab_widgets 3:
`.widget-hprogress .progress-bar`, its inline width) reaches 100% and its chart shows the training loss; and that
what a click handler prints while a cell runs stays out of that cell's output. Then a PipelineView of the model:
its graph fits the cell (the model box is not off its right edge) and a click on a box in the graph chooses that
stage; `model.stage("xgboost")` shows a card, not `XGBoostModel@…`; and Stop, clicked during a long fit, ends it
with the button saying "Stopped". Screenshots of every step go to
target/screenshots/ for people to look at; the server's log (the kernel's included) and the browser console are
printed only when something fails. Every wait has a deadline.

Run by `./bighead test` (which installs Debian's chromium when /usr/bin/chromium is missing).
"""
import json
import tempfile
import time
import unittest
from contextlib import contextmanager
from pathlib import Path

import test_lab  # the ./bighead lab server helper (imported as a module so its tests are not collected twice)

from browser import MISSING, SCREENSHOTS, PlaywrightError, launch, run_cell

ROOT = Path(__file__).resolve().parent.parent
STEP_TIMEOUT_MS = 60_000     # any one wait in the page
TRAIN_TIMEOUT_MS = 180_000   # 200 boosting rounds on 3,000 rows, the first fit in a fresh JVM included
NOTEBOOK = "widgets-browser-test.ipynb"

CELLS = [
    # 0: a dropdown whose observer prints the choice; the Output widget below it shows what it printed
    'var chosen = new org.bighead.widgets.Output();\n'
    'var d = org.bighead.widgets.Dropdown.of("a", "b", "c");\n'
    'd.observe("value", ch -> {\n'
    '    System.out.println("chose " + ch.newValue());\n'
    '    chosen.appendStdout("chose " + ch.newValue() + "\\n");\n'
    '});\n'
    'display(d);\n'
    'display(chosen);',
    # 1: a button that counts its clicks in Java and says so in an Output widget
    'var clicks = new java.util.concurrent.atomic.AtomicInteger();\n'
    'var said = new org.bighead.widgets.Output();\n'
    'var b = new org.bighead.widgets.Button("Click me").onClick(x -> {\n'
    '    clicks.incrementAndGet();\n'
    '    System.out.println("clicked");\n'
    '    said.appendStdout("clicked\\n");\n'
    '});\n'
    'display(b);\n'
    'display(said);',
    # 2: the reference pipeline trained with a TrainingMonitor on display: progress bar, live loss chart, Stop
    'var monitor = new org.bighead.widgets.TrainingMonitor();\n'
    'display(monitor);\n'
    'var model = ListingsPipelines.price().fit(Listings.generate(3000, 1), monitor);\n'
    'System.out.println("trained: " + model.getClass().getSimpleName());',
    # 3: the Java side's view of what the page did
    'System.out.println("state: value=" + d.value() + " clicks=" + clicks.get());\n'
    'd.value()',
    # 4: a cell that waits for a click; the click handler prints while the cell runs
    'var release = new java.util.concurrent.CountDownLatch(1);\n'
    'var go = new org.bighead.widgets.Button("Release").onClick(x -> {\n'
    '    System.out.println("printed by the click handler");\n'
    '    release.countDown();\n'
    '});\n'
    'display(go);\n'
    'System.out.println("released: " + release.await(60, java.util.concurrent.TimeUnit.SECONDS));',
    # 5: the fitted pipeline to explore: its graph (boxes clickable), a button per stage, the chosen stage's card
    'var view = org.bighead.widgets.PipelineView.of(model);\n'
    'display(view);',
    # 6: one fitted stage of it, shown as itself
    'model.stage("xgboost")',
    # 7: a long fit that the test stops with the monitor's Stop button
    'var monitor2 = new org.bighead.widgets.TrainingMonitor();\n'
    'display(monitor2);\n'
    'var stopped = Pipeline.of(ListingsPipelines.preprocessingThen(XGBoost.regressor().rounds(20000).threads(1)))\n'
    '    .target(Listings.PRICE).fit(Listings.generate(3000, 2), monitor2);\n'
    'System.out.println("stopped after " + monitor2.step() + " rounds");',
]


def notebook():
    return {
        "cells": [{"cell_type": "code", "execution_count": None, "id": f"cell-{i}", "metadata": {}, "outputs": [],
                   "source": source} for i, source in enumerate(CELLS)],
        "metadata": {"kernelspec": {"name": "bighead", "display_name": "Java (Bighead)", "language": "java"},
                     "language_info": {"name": "java"}},
        "nbformat": 4, "nbformat_minor": 5,
    }


@unittest.skipIf(MISSING, MISSING)
class WidgetsBrowserTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.started = time.monotonic()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for old in SCREENSHOTS.glob("widgets-*.png"):
            old.unlink()
        cls.console = []
        tmp = tempfile.TemporaryDirectory(prefix="bighead-widgets-browser-")
        cls.addClassCleanup(tmp.cleanup)
        work = Path(tmp.name)
        root = work / "root"
        root.mkdir()
        (root / NOTEBOOK).write_text(json.dumps(notebook(), indent=1))
        # no news or update checks (they would try the network), no announcement toast over the cells
        settings = work / "settings" / "@jupyterlab" / "apputils-extension"
        settings.mkdir(parents=True)
        (settings / "notification.jupyterlab-settings").write_text(
            json.dumps({"fetchNews": "false", "checkForUpdates": False}))
        cls.lab = test_lab.Lab(work, extra_args=[f"--ServerApp.root_dir={root}"],
                               extra_env={"JUPYTERLAB_SETTINGS_DIR": str(work / "settings")})
        cls.addClassCleanup(cls.lab.stop)  # the server's whole process group, kernel included, even on failure
        cls.lab.wait_until_up()

        launch(cls, STEP_TIMEOUT_MS)
        context = cls.browser.new_context(viewport={"width": 1280, "height": 1000})
        context.set_default_timeout(STEP_TIMEOUT_MS)
        cls.page = context.new_page()
        cls.page.on("console", lambda m: cls.console.append(f"{m.type}: {m.text}"))
        cls.page.on("pageerror", lambda e: cls.console.append(f"page error: {e}"))

        with cls.diagnosed("open the notebook and run its first three cells"):
            cls.open_notebook()
            for i in range(3):
                cls.run_cell(i)
            cls.shot("02-cells-running")

    # --- helpers ---

    @classmethod
    def shot(cls, name, show=None):
        """A screenshot for people, with `show` (a locator) scrolled into view first."""
        try:  # a screenshot is for people; it never decides the test
            if show is not None:
                show.scroll_into_view_if_needed(timeout=5_000)
        except PlaywrightError:
            pass
        try:
            cls.page.screenshot(path=str(SCREENSHOTS / f"widgets-{name}.png"), full_page=True)
        except PlaywrightError:
            pass

    @classmethod
    @contextmanager
    def diagnosed(cls, step):
        """Turns a failure in `step` into one with a screenshot, the server's log (the kernel's) and the console."""
        try:
            yield
        except (AssertionError, PlaywrightError) as e:
            cls.shot("failure")
            log = cls.lab.log_path.read_text(errors="replace")[-8000:]
            console = "\n".join(cls.console[-40:])
            raise AssertionError(f"{step}: {e}\n--- JupyterLab and kernel log (end) ---\n{log}\n"
                                 f"--- browser console (end) ---\n{console}\n"
                                 f"--- screenshot: {SCREENSHOTS / 'widgets-failure.png'}") from e

    @classmethod
    def cell(cls, i):
        return cls.page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").nth(i)

    @classmethod
    def open_notebook(cls):
        lab = cls.lab
        cls.page.goto(f"{lab.base}/lab/tree/{NOTEBOOK}?token={lab.token}")
        cls.cell(len(CELLS) - 1).wait_for(state="visible")
        # the kernel has started and answered: the notebook toolbar's indicator says idle
        cls.page.locator('.jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator[data-status="idle"]') \
            .wait_for(state="attached", timeout=STEP_TIMEOUT_MS * 2)
        cls.shot("01-opened")

    @classmethod
    def run_cell(cls, i):
        run_cell(cls.page, cls.cell(i))

    def wait_for_text(self, locator, text, timeout=STEP_TIMEOUT_MS):
        locator.filter(has_text=text).first.wait_for(state="visible", timeout=timeout)

    # --- tests (alphabetical order is the order they run in) ---

    def test_0_jupyterlab_and_its_widgets_extension_load_without_version_warnings_or_console_errors(self):
        # JupyterLab loads every prebuilt extension at start and logs "Unsatisfied version" for each shared package
        # an extension was built against that this JupyterLab does not provide: requirements.txt's jupyterlab and
        # jupyterlab_widgets pins must agree. By now the notebook is open and the widgets of cells 0 and 1 are drawn.
        with self.diagnosed("wait for the first widgets to be drawn"):
            self.cell(1).locator("button.widget-button", has_text="Click me").wait_for(state="visible")
        loaded = list(self.console)
        self.assertEqual([m for m in loaded if "Unsatisfied version" in m or "No satisfying version" in m], [],
                         "\n".join(loaded))
        self.assertEqual([m for m in loaded if m.startswith(("error:", "page error:"))], [], "\n".join(loaded))

    def test_1_a_click_and_a_choice_in_the_page_reach_java(self):
        page = self.page
        with self.diagnosed("click the button"):
            button = self.cell(1).locator("button.widget-button", has_text="Click me")
            button.wait_for(state="visible")
            button.click()
            self.wait_for_text(self.cell(1).locator(".widget-output"), "clicked")
            self.shot("03-clicked", self.cell(1).locator(".widget-output"))

        with self.diagnosed('choose "c" in the dropdown'):
            select = self.cell(0).locator(".widget-dropdown select")
            select.wait_for(state="visible")
            self.assertEqual(select.input_value(), "a")
            select.select_option("c")
            self.wait_for_text(self.cell(0).locator(".widget-output"), "chose c")
            self.shot("04-chosen", self.cell(0).locator(".widget-output"))

        with self.diagnosed("run the cell that prints the Java-side state"):
            self.run_cell(3)
            outputs = self.cell(3).locator(".jp-OutputArea-output")
            self.wait_for_text(outputs, "state: value=c clicks=1", timeout=TRAIN_TIMEOUT_MS)  # queued after training
            self.wait_for_text(outputs, '"c"')
            self.shot("05-state", outputs.last)
        text = self.cell(3).locator(".jp-OutputArea").inner_text()
        self.assertIn("state: value=c clicks=1", text)
        self.assertIn('"c"', text)
        self.assertEqual(self.cell(1).locator(".widget-output").inner_text().count("clicked"), 1)
        self.assertEqual(page.locator(".jp-Cell .jp-mod-error, .jp-RenderedText[data-mime-type='application/"
                                      "vnd.jupyter.stderr']").count(), 0, "an error or stderr output in the page")

    def test_2_the_training_progress_bar_reaches_100_percent(self):
        with self.diagnosed("wait for the progress bar to reach 100%"):
            bar = self.cell(2).locator(".widget-hprogress .progress-bar")
            bar.wait_for(state="visible")
            self.page.wait_for_function("bar => bar.style.width === '100%'", arg=bar.element_handle(),
                                        timeout=TRAIN_TIMEOUT_MS)
            self.wait_for_text(self.cell(2).locator(".jp-OutputArea-output"), "trained:", timeout=TRAIN_TIMEOUT_MS)
            self.shot("06-trained", self.cell(2).locator(".widget-html svg"))
        self.assertEqual(bar.evaluate("b => b.style.width"), "100%")
        self.assertIn("progress-bar-success", bar.get_attribute("class"))  # the bar turns green when done
        status = self.cell(2).locator(".widget-hprogress .widget-label").inner_text()
        self.assertIn("done 200/200", status)  # the bar's label is the monitor's status line
        chart = self.cell(2).locator(".widget-html svg polyline.bh-series")
        self.assertGreaterEqual(chart.count(), 1, "no loss curve in the monitor's chart")
        self.assertEqual(chart.first.get_attribute("data-series"), "train-rmse")
        self.assertTrue(self.cell(2).locator("button.widget-button", has_text="Stop").is_disabled())

    def test_3_a_click_handlers_print_does_not_land_in_the_running_cell(self):
        with self.diagnosed("click a button while a cell waits for it"):
            self.run_cell(4)
            button = self.cell(4).locator("button.widget-button", has_text="Release")
            button.wait_for(state="visible")
            button.click()
            self.wait_for_text(self.cell(4).locator(".jp-OutputArea-output"), "released: true")
            self.shot("07-handler-output", self.cell(4).locator(".jp-OutputArea-output").last)
        streams = self.cell(4).locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stdout']")
        self.assertNotIn("printed by the click handler", "\n".join(streams.all_inner_texts()))

    def test_4_the_pipeline_graph_fits_its_cell_and_a_click_on_a_box_chooses_that_stage(self):
        with self.diagnosed("show the PipelineView and click the model's box in its graph"):
            self.run_cell(5)
            out = self.cell(5).locator(".jp-OutputArea-output").first
            box = self.cell(5).locator(".widget-html svg g[data-stage='xgboost']")
            box.wait_for(state="visible")
            self.shot("08-pipeline-view", out)
            # the whole drawing, model box included, fits the cell: it scales down rather than running off
            right = box.bounding_box()["x"] + box.bounding_box()["width"]
            area = out.bounding_box()
            self.assertLessEqual(right, area["x"] + area["width"] + 0.5, "the model box is off the cell")
            box.click()
            chosen = self.cell(5).locator(".widget-toggle-buttons button.mod-active")
            self.wait_for_text(chosen, "xgboost")
            self.wait_for_text(self.cell(5).locator(".bh-stage"), "settings.max_depth")
            self.shot("09-stage-chosen-from-graph", out)
        self.assertEqual(chosen.inner_text().strip(), "xgboost")

    def test_5_a_fitted_model_shows_itself_as_a_card(self):
        with self.diagnosed("show model.stage(\"xgboost\")"):
            self.run_cell(6)
            card = self.cell(6).locator(".jp-OutputArea-output .bh-stage")
            card.wait_for(state="visible")
            self.shot("10-stage-card", card)
        text = self.cell(6).locator(".jp-OutputArea").inner_text()
        self.assertIn("200 trees, depth 6", text)
        self.assertIn("settings.max_depth", text)
        self.assertNotIn("XGBoostModel@", text)

    def test_6_stop_ends_training_and_the_button_says_stopped(self):
        with self.diagnosed("start a long fit, click Stop, and wait for it to end"):
            self.run_cell(7)
            status = self.cell(7).locator(".widget-hprogress .widget-label")
            self.wait_for_text(status, "/20000", timeout=TRAIN_TIMEOUT_MS)
            self.cell(7).locator("button.widget-button", has_text="Stop").click()
            self.wait_for_text(self.cell(7).locator(".jp-OutputArea-output"), "stopped after",
                               timeout=TRAIN_TIMEOUT_MS)
            stop = self.cell(7).locator("button.widget-button")
            self.wait_for_text(stop, "Stopped")
            self.shot("11-stopped", self.cell(7).locator(".jp-OutputArea-output").first)
        self.assertIn("stopped at", status.inner_text())
        self.assertEqual(stop.inner_text().strip(), "Stopped")
        self.assertTrue(stop.is_disabled())

    @classmethod
    def tearDownClass(cls):
        print(f"\nbrowser test: {time.monotonic() - cls.started:.1f} s; screenshots in {SCREENSHOTS}", flush=True)


if __name__ == "__main__":
    unittest.main()
