"""Shared pytest set-up: the custom markers."""


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "browser: drives JupyterLab in headless Chromium (about 30-60 s); "
        "deselect with -m 'not browser'")
