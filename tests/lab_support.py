"""What the browser tests share (the widget test and the RISE test): Chromium, the check that
it is there, and a JupyterLab server of their own on 127.0.0.1."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"      # Debian's; Playwright never downloads a browser here
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def require_browser(test="browser test", more_missing=()):
    """Skip without Chromium or Playwright (or what ``more_missing`` names) on a developer's
    machine; fail when the CI variable is set, so CI can never pass by skipping."""
    missing = [] if Path(CHROMIUM).exists() else [
        f"{CHROMIUM} not found (apt-get install -y chromium)"]
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package is not installed (pip install playwright)")
    missing += list(more_missing)
    if not missing:
        return
    reason = f"{test} needs " + "; ".join(missing)
    if os.environ.get("CI"):
        pytest.fail(reason + " -- and CI is set, so this is an error, not a skip")
    print(f"\nSKIPPED: {reason}")
    pytest.skip(reason)


@contextlib.contextmanager
def running_jupyterlab(root, work, port, log):
    """JupyterLab on 127.0.0.1:``port`` serving ``root``, with no token, its settings,
    runtime (the kernels' connection files) and workspaces in ``work`` and no news or update
    checks; its output goes to ``log``. Yields its URL; stops it on the way out."""
    settings = work / "settings"
    notify = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notify.parent.mkdir(parents=True)
    notify.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(work / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(settings),
               JUPYTERLAB_WORKSPACES_DIR=str(work / "workspaces"))
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
           "--IdentityProvider.token=", "--ServerApp.password=", f"--ServerApp.root_dir={root}",
           "--ServerApp.port_retries=0",   # fail, never move to a port the page does not use
           "--LabApp.news_url=None",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
           "--LabApp.extension_manager=readonly"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    start = time.monotonic()
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                urllib.request.urlopen(url + "/api/status", timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(f"jupyter lab exited; see {log}") from None
                if time.monotonic() - start > 60:
                    raise RuntimeError(f"jupyter lab did not come up in 60 s; see {log}") from None
                time.sleep(0.2)
        print(f"\n[timing] JupyterLab up in {time.monotonic() - start:.1f} s at {url}")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
