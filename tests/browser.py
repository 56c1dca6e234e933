"""Debian's Chromium driven by Playwright, for the browser tests (test_widgets_browser.py, test_registry_ui.py).

Playwright's own browser download is never used: `./bighead test` installs Debian's chromium when /usr/bin/chromium
is missing. It runs as root in a sandboxed machine with no outside network: no sandbox, no GPU, nothing that phones
home (Playwright gives every launch a fresh, empty --user-data-dir of its own).
"""
from pathlib import Path

try:
    from playwright.sync_api import Error as PlaywrightError  # noqa: F401 - re-exported for the tests
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - requirements.txt pins it
    PlaywrightError, sync_playwright = Exception, None

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "target" / "screenshots"
MISSING = (sync_playwright is None and "playwright is not installed in .venv (run ./bighead setup)") or \
          (not CHROMIUM.exists() and f"{CHROMIUM} is missing (./bighead test installs it with apt-get)") or None


def launch(test_class, timeout_ms):
    """Starts Playwright and a headless Chromium for a test class, both stopped by the class's cleanups."""
    test_class.playwright = sync_playwright().start()
    test_class.addClassCleanup(test_class.playwright.stop)
    test_class.browser = test_class.playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                                               headless=True, timeout=timeout_ms)
    test_class.addClassCleanup(test_class.browser.close)
    return test_class.browser


def run_cell(page, cell, source=None, attempts=3):
    """Clicks into a JupyterLab cell's editor, types `source` (when given) and presses Shift+Enter, as a person
    would, until the cell's prompt shows it queued or run ([*] or [n]).

    Just after a notebook opens, key presses can be lost (seen about once in twenty runs: the cell kept its '[ ]'
    prompt, or an empty editor). So the typed text is checked before the key press, and a cell whose prompt still
    says '[ ]' was not sent: pressing again cannot run it twice."""
    editor = cell.locator(".jp-InputArea-editor")
    content = editor.locator(".cm-content")
    prompt = cell.locator(".jp-InputArea-prompt")
    for attempt in range(attempts):
        editor.click()
        editor.locator(".cm-editor.cm-focused").wait_for(state="attached")
        if source is not None and content.inner_text().strip() != source:
            page.keyboard.press("ControlOrMeta+a")
            page.keyboard.type(source)
            if content.inner_text().strip() != source:
                continue
        page.keyboard.press("Shift+Enter")
        try:
            page.wait_for_function("p => /\\[(\\*|\\d+)\\]/.test(p.textContent)", arg=prompt.element_handle(),
                                   timeout=10_000)
            return
        except PlaywrightError:
            print(f"\nShift+Enter was not taken (prompt {prompt.inner_text()!r}); pressing again", flush=True)
    raise AssertionError(f"the cell did not run after {attempts} attempts; its editor holds {content.inner_text()!r}")
