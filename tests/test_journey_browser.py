"""The journey (../shared/JOURNEY.md) in one browser test, as a newcomer does it: Debian's Chromium (Playwright) on the
real hub (`./bighead hub`), a real Docker engine and a real registry.

alice logs in → the spawn form: she picks the cpu environment and an instance type → her server starts and
JupyterLab opens → she uploads notebooks/00-quickstart.ipynb with the file browser's Upload button and opens it (the
notebooks are not in the environment's image: that image is content-addressed and shared with serving and jobs, so a
notebook edit would rebuild it; her home is her own volume, kept across servers) → Run All: where it runs, the data, the pipeline, training, evaluation, the export
magic with its endpoint, and the endpoint's first prediction beside the notebook's → in the Export form above she
adds a weekly retrain and clicks Export: the steps tick → the endpoint the page shows answers, for the listing the
notebook predicts, exactly what the notebook printed → the version's link opens the registry UI: the version with
its cells, who made it and from which notebook, the champion alias, the retrain job on the model page and the job's
own page → she stops her server from the hub's home page: the container, and the endpoint in it, are gone.

The hub and the registry are the ones test_hub shares (hub.shared()). Screenshots of each step go to
target/journey/NN-step.png; on failure target/journey/failure.png, the hub's log and the browser console are shown.
Whatever happens, alice's server, containers and home volume are removed at the end.
"""
import json
import os
import re
import time
import unittest
from contextlib import contextmanager
from pathlib import Path

import requests

import hub as hubs
from browser import MISSING, PlaywrightError, launch
from hub import PASSWORD, SPAWN_DEADLINE
from test_hub import containers, docker

ROOT = Path(__file__).resolve().parent.parent
QUICKSTART = ROOT / "notebooks" / "00-quickstart.ipynb"
SHOTS = ROOT / "target" / "journey"
USER = "alice"
MODEL = "quickstart-price"            # the name the quickstart's export magic gives
JOB = f"{MODEL}-retrain"
SCHEDULE = "retrain @weekly --metric test.rmse"
CELLS = json.loads(QUICKSTART.read_text())["cells"]
STEP_MS = 120_000
RUN_ALL_MS = 900_000                  # the whole notebook: training, export, a server's start, on a loaded machine


def listing_of(notebook_cell):
    """The listing the quickstart predicts for, read from its `Map.of("key", value, …)` cell: strings, numbers
    and booleans as Java writes them."""
    values = {}
    for key, raw in re.findall(r'"(\w+)",\s*("[^"]*"|true|false|-?\d+(?:\.\d+)?)', notebook_cell):
        if raw.startswith('"'):
            values[key] = raw[1:-1]
        elif raw in ("true", "false"):
            values[key] = raw == "true"
        else:
            values[key] = float(raw) if "." in raw else int(raw)
    return values


@unittest.skipUnless(os.environ.get("BIGHEAD_TEST_ENGINE"), "needs a Docker engine: run through ./bighead test")
@unittest.skipIf(MISSING, MISSING or "")
class JourneyInTheBrowserTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.shared = hubs.shared()
        cls.hub = cls.shared.hub
        cls.addClassCleanup(cls.remove_alices_server)
        SHOTS.mkdir(parents=True, exist_ok=True)
        for old in SHOTS.glob("*.png"):
            old.unlink()
        launch(cls, STEP_MS)
        cls.context = cls.browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=False)
        cls.addClassCleanup(cls.context.close)
        cls.context.set_default_timeout(STEP_MS)
        cls.page = cls.context.new_page()
        cls.console = []
        cls.page.on("console", lambda m: cls.console.append(f"{m.type}: {m.text}"))
        cls.page.on("pageerror", lambda e: cls.console.append(f"page error: {e}"))
        # JupyterLab asks once whether to fetch Jupyter's news; she says no when it is in her way
        news = cls.page.locator(".jp-Notification-Toast, .Toastify__toast").filter(has_text="Jupyter news")
        cls.page.add_locator_handler(news, lambda toast: toast.get_by_role("button", name="No", exact=True).click())

    @classmethod
    def remove_alices_server(cls):
        """Her server (and the endpoint running in it), any container left, her home volume."""
        try:
            cls.hub.stop_server(USER)
        finally:
            for cid in containers(USER):
                docker("rm", "-f", cid)
            docker("volume", "rm", "-f", f"bighead-test-home-{USER}")

    def shot(self, page, name):
        try:  # a screenshot is for people; it never decides the test
            page.screenshot(path=str(SHOTS / f"{name}.png"))
        except PlaywrightError:
            pass

    @contextmanager
    def step(self, name):
        """One step of the journey: a screenshot of the page in front of her (self.front) when it ends, and what to
        look at when it fails."""
        started = time.monotonic()
        try:
            yield
        except (AssertionError, PlaywrightError) as e:
            self.shot(self.front, "failure")
            raise AssertionError(f"step {name}: {e}\n--- hub log (end) ---\n{self.hub.output(4000)}\n"
                                 "--- browser console (end) ---\n" + "\n".join(self.console[-30:])) from e
        self.shot(self.front, name)
        print(f"\n  journey step {name}: {time.monotonic() - started:.1f} s", end="", flush=True)

    def cell(self, index):
        """The notebook's cell `index`, in view. JupyterLab keeps only the cells near the view shown (a windowed
        list), so the notebook is scrolled towards it, as she would, until it is there."""
        cell = self.page.locator(f'.jp-NotebookPanel .jp-Cell[data-windowed-list-index="{index}"]')
        scroller = self.page.locator(".jp-NotebookPanel .jp-WindowedPanel-outer")
        for _ in range(100):
            if cell.count() and cell.is_visible():
                cell.scroll_into_view_if_needed()
                return cell
            scroller.evaluate("""(e, target) => {
                const shown = [...e.querySelectorAll('.jp-Cell[data-windowed-list-index]')]
                    .filter(c => c.getBoundingClientRect().height > 0)
                    .map(c => Number(c.dataset.windowedListIndex));
                const down = !shown.length || target > Math.max(...shown);
                e.scrollTop += (down ? 1 : -1) * e.clientHeight * 0.8;
            }""", index)
            self.page.wait_for_timeout(100)
        raise AssertionError(f"cell {index} never came into view")

    def output_of(self, index, text, timeout_ms):
        """The output of cell `index` that shows `text`, once it does (the cell is brought into view to look)."""
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            output = self.cell(index).locator(".jp-OutputArea-output", has_text=text)
            try:
                output.first.wait_for(timeout=5_000)
                output.first.scroll_into_view_if_needed()  # drawn: JupyterLab skips drawing cells out of view
                return output.first
            except PlaywrightError:
                if time.monotonic() > deadline:
                    raise

    def code_cell(self, source):
        """The quickstart's code cell that is `source`, else the one that starts with it: its index and source."""
        cells = [(i, "".join(c["source"])) for i, c in enumerate(CELLS) if c["cell_type"] == "code"]
        found = [c for c in cells if c[1].strip() == source] or [c for c in cells if c[1].startswith(source)]
        self.assertEqual(len(found), 1, f"one code cell of the quickstart is or starts with {source!r}")
        return found[0]

    def test_alice_goes_from_login_to_a_live_endpoint_and_a_scheduled_job(self):
        page, hub = self.page, self.hub
        self.front = page
        with self.step("01-login"):
            page.goto(f"{hub.url}/hub/login")
            page.fill("#username_input", USER)
            page.fill("#password_input", PASSWORD)

        with self.step("02-spawn-form"):
            page.click("#login_submit")
            page.goto(f"{hub.url}/hub/spawn")
            page.locator("#bighead-env-cpu").wait_for()
            self.assertIn("CPU", page.locator("label[for=bighead-env-cpu]").inner_text())
            page.check("#bighead-env-cpu")
            page.check('input[name=instance_type][value="m5.large"]')  # 2 vCPUs, 8 GiB: training and a server
            self.assertIn("m5.large", page.locator('tr[data-bighead-type="m5.large"]').inner_text())

        with self.step("03-server-started"):
            page.locator("#spawn_form [type=submit]").click()
            page.wait_for_url(f"**/user/{USER}/lab**", timeout=SPAWN_DEADLINE * 1000)
            page.locator(".jp-LauncherCard", has_text="Java (Bighead)").first.wait_for()
            server = hub.server(USER)
            self.assertEqual(server["user_options"], {"environment": "cpu", "instance_type": "m5.large",
                                                      "backend": "docker"})
            self.assertEqual(len(containers(USER)), 1)

        with self.step("04-quickstart-uploaded"):
            with page.expect_file_chooser() as chooser:
                page.locator('.jp-FileBrowser-toolbar [data-command="filebrowser:upload"], '
                             '.jp-FileBrowser-toolbar .jp-ToolbarButtonComponent[title^="Upload"]').first.click()
            chooser.value.set_files(str(QUICKSTART))
            item = page.locator(".jp-DirListing-item", has_text=QUICKSTART.name)
            item.wait_for()

        with self.step("05-quickstart-open"):
            item.dblclick()
            page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for()
            # the notebook names its kernel: JupyterLab starts the Bighead kernel for it
            page.locator(".jp-NotebookPanel-toolbar .jp-KernelName", has_text="Java (Bighead)").wait_for()
            page.locator('.jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator[data-status="idle"]') \
                .wait_for(state="attached", timeout=STEP_MS * 2)

        env_cell, _ = self.code_cell("%bighead env")
        magic_cell, _ = self.code_cell("%bighead export model --name")
        form_cell, _ = self.code_cell("%bighead export model")  # alone: the Export form
        endpoint_cell, listing_source = self.code_cell("Map<String, Object> listing")
        with self.step("06-run-all"):
            page.locator(".lm-MenuBar-item", has_text="Run").first.click()
            page.locator(".lm-Menu-item", has_text="Run All Cells").first.click()
            # the last cell's print: Run All stops at a failing cell, so every cell before it ran cleanly
            # text_content, not inner_text: the words are there even while JupyterLab has not drawn the cell
            text = self.output_of(endpoint_cell, "notebook:", RUN_ALL_MS).text_content()
            where = self.output_of(env_cell, "m5.large", STEP_MS).text_content()
            for fragment in ("cpu", "m5.large", "docker"):
                self.assertIn(fragment, where)
            magic = self.cell(magic_cell).locator("table.bh-export-steps")
            for done in ("validate", "capture", "register", "serve"):
                self.assertEqual(magic.locator(f"tr[data-step={done}][data-status=done]").count(), 1, done)
            self.output_of(endpoint_cell, "notebook:", STEP_MS)  # back to the prediction, for the screenshot
            endpoint_says = re.search(r"endpoint: (\S+)", text)
            notebook_says = re.search(r"notebook: (\S+)", text)
            self.assertTrue(endpoint_says and notebook_says, text)
            self.assertEqual(endpoint_says.group(1), notebook_says.group(1))
        notebook_prediction = float(notebook_says.group(1))

        form = self.cell(form_cell).locator(".widget-vbox").first
        with self.step("07-export-clicked"):
            form.scroll_into_view_if_needed()
            form.locator(".widget-text", has_text="name").locator("input").fill(MODEL)
            form.locator(".widget-text", has_text="alias").locator("input").fill("champion")
            form.locator(".widget-dropdown select").select_option("local serving process")
            form.locator(".widget-text", has_text="schedule").locator("input").fill(SCHEDULE)
            # the values travel to the kernel on the page's one websocket, before the click's message
            form.locator("button", has_text="Export").click()
            steps = self.cell(form_cell).locator("table.bh-export-steps")
            for done in ("validate", "capture", "register", "serve", "schedule"):
                steps.locator(f"tr[data-step={done}][data-status=done]").wait_for(state="attached", timeout=STEP_MS)
            result = self.cell(form_cell).locator(".bh-export-result")
            result.wait_for()
            self.assertIn(f"{MODEL} v1", result.text_content())  # the model the magic exported: no second version
            self.assertIn(JOB, steps.locator("tr[data-step=schedule]").text_content())
            self.assertEqual(self.cell(form_cell).locator("tr[data-status=failed]").count(), 0)

        with self.step("08-endpoint-answers"):
            url = result.locator("code.bh-export-endpoint").text_content().strip()
            self.assertTrue(url.endswith(f"/v2/models/{MODEL}/predict"), url)
            answer = requests.post(url, json={"instances": [listing_of(listing_source)]}, timeout=30)
            self.assertEqual(answer.status_code, 200, answer.text)
            self.assertEqual(answer.json()["predictions"], [notebook_prediction])  # what the notebook printed

        with self.step("09-registry-version"):
            with self.context.expect_page() as opened:  # the link opens the registry UI in a new tab
                result.locator("a", has_text=f"{MODEL} v1").click()
            registry = self.front = opened.value
            registry.locator("main[aria-busy=false]").wait_for(state="attached")
            lineage = registry.locator("#lineage")
            lineage.get_by_text("ListingsPipelines.price()").first.wait_for()
            text = lineage.inner_text()
            self.assertIn(QUICKSTART.name, text)
            self.assertIn("bighead/env-cpu-notebook:", text)
            self.assertIn(USER, text)
            registry.get_by_text("champion").first.wait_for()

        with self.step("10-registry-model"):
            registry.locator("a", has_text=MODEL).first.click()
            registry.locator("#aliases tr[data-alias=champion]").wait_for()
            self.assertIn("v1", registry.locator("#aliases tr[data-alias=champion]").inner_text())
            # who moved the alias and made the version: alice, by her own token
            self.assertIn(USER, registry.locator("#alias-history tr.move[data-alias=champion]").first.inner_text())
            self.assertIn(USER, registry.locator("#versions tr", has_text="v1").first.inner_text())
            jobs = registry.locator("#jobs")
            jobs.get_by_text(JOB).first.wait_for()
            self.assertIn("retrain", jobs.inner_text())

        with self.step("11-registry-job"):
            jobs.locator("a", has_text=JOB).first.click()
            registry.locator("#schedule").wait_for()
            self.assertIn(f"{MODEL}@champion", registry.locator("main").inner_text())
            self.assertIn("test.rmse", registry.locator("main").inner_text())

        self.front = page
        with self.step("12-server-stopped"):
            page.goto(f"{hub.url}/hub/home")
            page.locator("#stop").click()
            page.locator("#start").wait_for(state="visible", timeout=STEP_MS)
            deadline = time.monotonic() + 60
            while containers(USER) and time.monotonic() < deadline:
                time.sleep(0.5)
            self.assertEqual(containers(USER), [])
            with self.assertRaises(requests.ConnectionError):  # the endpoint ran in her server
                requests.post(url, json={"instances": [listing_of(listing_source)]}, timeout=10)


if __name__ == "__main__":
    unittest.main()
