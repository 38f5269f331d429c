"""Shared pytest set-up: the custom markers, and the one headless Chromium of the session."""

import pytest
from lab_support import CHROME_ARGS, CHROMIUM


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "browser: drives JupyterLab in headless Chromium (about 30-60 s); "
        "deselect with -m 'not browser'")


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for every browser test of the session. Playwright's sync API
    runs one instance per thread: a second ``sync_playwright()`` while the first is open
    fails ("using Playwright Sync API inside the asyncio loop"), so the tests share this."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS,
                                             headless=True)
        yield browser
        browser.close()
