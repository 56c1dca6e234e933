"""The Export button in a real JupyterLab page, clicked like a person clicks it (Debian's Chromium, Playwright).

A notebook trains a pipeline with a custom stage written in its cells (a record, a class, a helper method in another
cell), keeps its held-out rows and what the notebook predicts for them, and shows `ExportButton.of(model)`. The test
types a name and an alias into the form, picks "local serving process", clicks Export and watches the steps tick
in the page (validate, capture, register, serve; schedule skipped). The endpoint the page shows then answers the
notebook's prediction for every held-out row, bit for bit; the registry UI shows the version with its cells and the
alias. The serving process is a deployment: it outlives the click, and the test stops it with `./bighead
deployments stop`. Screenshots go to target/screenshots/export-*.png.
"""
import json
import os
import subprocess
import tempfile
import time
import unittest
from contextlib import contextmanager
from pathlib import Path

import test_lab  # the ./bighead lab server helper (a module: its tests are not collected twice)
import test_registry_serving as serving
import test_export

from browser import MISSING, SCREENSHOTS, PlaywrightError, launch, run_cell

ROOT = Path(__file__).resolve().parent.parent
BIGHEAD = str(ROOT / "bighead")
STEP_TIMEOUT_MS = 60_000
EXPORT_TIMEOUT_MS = 120_000
NOTEBOOK = "export-browser-test.ipynb"
NAME = "crowding-ui"


def cells(held_out):
    return test_export.STAGE_CELLS + [
        # the held-out rows (the model's input columns) and what the notebook predicts for each
        'var rows = new ArrayList<Map<String, Object>>();\n'
        'var held = split.test();\n'
        'for (int i = 0; i < held.rowCount(); i++) {\n'
        '    var row = new LinkedHashMap<String, Object>();\n'
        '    for (var name : model.inputSchema().names()) {\n'
        '        var column = held.column(name);\n'
        '        if (!column.isMissing(i)) row.put(name, column.get(i));\n'
        '    }\n'
        '    rows.add(Map.of("row", row, "prediction", model.predict(row).value()));\n'
        '}\n'
        f'Files.writeString(Path.of({json.dumps(str(held_out))}),\n'
        '    new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(rows));\n'
        'System.out.println("held out: " + rows.size());',
        'ExportButton.of(model)',
    ]


@unittest.skipIf(MISSING, MISSING)
class ExportBrowserTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for old in SCREENSHOTS.glob("export-*.png"):
            old.unlink()
        cls.console = []
        tmp = tempfile.TemporaryDirectory(prefix="bighead-export-browser-")
        cls.addClassCleanup(tmp.cleanup)
        work = Path(tmp.name)
        cls.work = work
        cls.held_out = work / "held-out.json"
        cls.env = dict(os.environ, BIGHEAD_HOME=str(work / "home"))
        registry = serving.Server(["registry", "serve", "--data", str(work / "registry"), "--job-workers", "0"],
                                  "/api/health", cls.env)
        cls.addClassCleanup(registry.stop)
        cls.registry_url = registry.url
        cls.env.update(BIGHEAD_REGISTRY_URL=registry.url,
                       BIGHEAD_REGISTRY_TOKEN=(work / "registry" / "admin.token").read_text().strip())
        # a deployment outlives the page and the kernel: stopped here whatever happens
        cls.addClassCleanup(lambda: subprocess.run([BIGHEAD, "deployments", "stop", NAME], cwd=ROOT, env=cls.env,
                                                   capture_output=True, timeout=60))

        root = work / "root"
        root.mkdir()
        (root / NOTEBOOK).write_text(json.dumps({
            "cells": [{"cell_type": "code", "execution_count": None, "id": f"cell-{i}", "metadata": {},
                       "outputs": [], "source": source} for i, source in enumerate(cells(cls.held_out))],
            "metadata": {"kernelspec": {"name": "bighead", "display_name": "Java (Bighead)", "language": "java"},
                         "language_info": {"name": "java"}},
            "nbformat": 4, "nbformat_minor": 5}, indent=1))
        settings = work / "settings" / "@jupyterlab" / "apputils-extension"
        settings.mkdir(parents=True)
        (settings / "notification.jupyterlab-settings").write_text(
            json.dumps({"fetchNews": "false", "checkForUpdates": False}))
        cls.lab = test_lab.Lab(work, extra_args=[f"--ServerApp.root_dir={root}"],
                               extra_env={"JUPYTERLAB_SETTINGS_DIR": str(work / "settings"),
                                          "BIGHEAD_REGISTRY_URL": cls.env["BIGHEAD_REGISTRY_URL"],
                                          "BIGHEAD_REGISTRY_TOKEN": cls.env["BIGHEAD_REGISTRY_TOKEN"]})
        cls.addClassCleanup(cls.lab.stop)
        cls.lab.wait_until_up()

        launch(cls, STEP_TIMEOUT_MS)
        context = cls.browser.new_context(viewport={"width": 1280, "height": 1100})
        context.set_default_timeout(STEP_TIMEOUT_MS)
        cls.page = context.new_page()
        cls.page.on("console", lambda m: cls.console.append(f"{m.type}: {m.text}"))
        cls.page.on("pageerror", lambda e: cls.console.append(f"page error: {e}"))

    @classmethod
    def shot(cls, name):
        try:  # a screenshot is for people; it never decides the test
            cls.page.screenshot(path=str(SCREENSHOTS / f"export-{name}.png"), full_page=True)
        except PlaywrightError:
            pass

    @classmethod
    @contextmanager
    def diagnosed(cls, step):
        try:
            yield
        except (AssertionError, PlaywrightError) as e:
            cls.shot("failure")
            log = cls.lab.log_path.read_text(errors="replace")[-8000:]
            raise AssertionError(f"{step}: {e}\n--- JupyterLab and kernel log (end) ---\n{log}\n"
                                 f"--- browser console (end) ---\n" + "\n".join(cls.console[-40:])) from e

    def cell(self, i):
        return self.page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").nth(i)

    def test_a_click_takes_the_notebooks_model_to_a_live_recorded_endpoint(self):
        page, count = self.page, len(cells(self.held_out))
        with self.diagnosed("open the notebook and run its cells"):
            page.goto(f"{self.lab.base}/lab/tree/{NOTEBOOK}?token={self.lab.token}")
            self.cell(count - 1).wait_for(state="visible")
            page.locator('.jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator[data-status="idle"]') \
                .wait_for(state="attached", timeout=STEP_TIMEOUT_MS * 2)
            for i in range(count):
                run_cell(page, self.cell(i))
            form = self.cell(count - 1).locator(".widget-vbox").first
            form.locator("button", has_text="Export").wait_for(state="visible", timeout=EXPORT_TIMEOUT_MS * 2)
            self.shot("1-form")

        with self.diagnosed("fill in the form and click Export"):
            name = form.locator(".widget-text", has_text="name").locator("input")
            name.fill(NAME)
            form.locator(".widget-text", has_text="alias").locator("input").fill("champion")
            form.locator(".widget-dropdown select").select_option("local serving process")
            page.wait_for_timeout(300)  # let the last change reach the kernel before the click
            form.locator("button", has_text="Export").click()
            steps = self.cell(count - 1).locator("table.bh-export-steps")
            for step in ("validate", "capture", "register", "serve"):
                steps.locator(f"tr[data-step={step}][data-status=done]").wait_for(
                    state="attached", timeout=EXPORT_TIMEOUT_MS)
            steps.locator("tr[data-step=schedule][data-status=skipped]").wait_for(state="attached")
            endpoint = self.cell(count - 1).locator("code.bh-export-endpoint")
            endpoint.wait_for(state="visible")
            self.shot("2-exported")
        url = endpoint.inner_text().strip()
        self.assertEqual(self.cell(count - 1).locator("tr[data-status=failed]").count(), 0)

        held = json.loads(self.held_out.read_text())
        self.assertGreater(len(held), 100)
        self.assertTrue(url.endswith(f"/v2/models/{NAME}/predict"), url)  # the records endpoint, ready to call
        answer = serving.post_json(url, {"instances": [h["row"] for h in held]})
        self.assertEqual(answer["predictions"], [h["prediction"] for h in held])  # every row, bit for bit

        with self.diagnosed("the registry UI shows the version with its cells and the alias"):
            page.goto(f"{self.registry_url}/#/models/{NAME}/versions/1")
            page.locator("main[aria-busy=false]").wait_for(state="attached")
            page.get_by_text("record FittedCrowding", exact=False).first.wait_for(state="attached")
            page.get_by_text("champion").first.wait_for(state="visible")
            self.shot("3-registry")

        listed = subprocess.run([BIGHEAD, "deployments", "list", "--json"], cwd=ROOT, env=self.env,
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(listed.returncode, 0, listed.stderr)
        self.assertIn(NAME, listed.stdout)


if __name__ == "__main__":
    unittest.main()
