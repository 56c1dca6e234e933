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
