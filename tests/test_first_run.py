"""The README's first run: `make lab` serves the first notebook (as root too), missing data is
reported once instead of as a cascade of errors, and executing a notebook prints no warning.

These start real processes (pytest, JupyterLab, a kernel), so they take a few seconds each.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent  # the environment running these tests stands in for .venv
MISSING = "data files needed are not available"
needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def run_pytest(args, env):
    return subprocess.run([sys.executable, "-m", "pytest", "-q", *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def no_data_env(tmp_path):
    """A child environment whose data folder is empty (so nothing can be found or downloaded)."""
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["NN_HELPERS_DATA"] = str(tmp_path / "empty")
    return env


# A notebook that loads wine, a data test, and a test that needs no data.
SELECTION = ["notebooks/03_loss_gradient_descent.ipynb", "tests/test_data.py::test_wine_red",
             "tests/test_data.py::test_one_hot_round_trip"]


def test_missing_data_skips_once_with_one_message_outside_ci(no_data_env):
    result = run_pytest(SELECTION, no_data_env)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert out.count(MISSING) == 1, out            # one message, not one per cell or file
    assert "wine/winequality-red.csv: not found" in out and "To fix:" in out
    assert no_data_env["NN_HELPERS_DATA"] in out   # where it looked
    assert "NameError" not in out and "Traceback" not in out and "failed" not in out, out
    assert "1 passed" in out, out  # the test that needs no data still runs


def test_missing_data_stops_ci_at_the_start_with_the_same_message(no_data_env):
    result = run_pytest(SELECTION, dict(no_data_env, CI="true"))
    out = result.stdout + result.stderr
    assert result.returncode == pytest.ExitCode.TESTS_FAILED, out
    assert out.count(MISSING) == 1 and "CI is set" in out, out
    assert "passed" not in out and "NameError" not in out, out


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _make_lab_command(*extra):
    # -o: take the environment as installed (the one running this test) instead of building one
    return ["make", "--no-print-directory", "-o", ".venv/.installed", "lab", f"BIN={BIN}", *extra]


@needs_make
def test_make_lab_serves_the_first_notebook(tmp_path):
    port, token = _free_port(), "first-run-test"
    flags = f"LAB_FLAGS=--no-browser --ip=127.0.0.1 --port={port} --IdentityProvider.token={token}"
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"))
    log = tmp_path / "lab.log"
    with open(log, "w") as out:
        lab = subprocess.Popen(_make_lab_command(flags), cwd=ROOT, env=env, stdout=out,
                               stderr=subprocess.STDOUT, start_new_session=True)
    # given a file, JupyterLab serves the file's folder: notebooks/ is the root it shows
    url = f"http://127.0.0.1:{port}/lab/tree/00_start_here.ipynb?token={token}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    page = response.read().decode()
                break
            except OSError:
                assert lab.poll() is None, f"make lab exited:\n{log.read_text()}"
                assert time.monotonic() < deadline, f"no answer in 90 s:\n{log.read_text()}"
                time.sleep(0.3)
        assert response.status == 200 and "JupyterLab" in page
        api = f"http://127.0.0.1:{port}/api/contents/00_start_here.ipynb?token={token}"
        with urllib.request.urlopen(api, timeout=5) as response:
            model = json.load(response)
        assert model["type"] == "notebook" and model["content"]["cells"], model.get("path")
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        lab.wait(30)
    said_root = "running as root, so JupyterLab is started with --allow-root" in log.read_text()
    assert said_root == (os.geteuid() == 0), log.read_text()


@needs_make
@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None,
                    reason="needs root and setpriv to try both users")
def test_make_lab_adds_allow_root_only_for_root():
    def lab_command(*as_user):
        """The command line `make lab` would run, as the given user."""
        out = subprocess.run([*as_user, *_make_lab_command("-n")], cwd=ROOT, text=True,
                             capture_output=True, check=True).stdout
        return [line for line in out.splitlines() if "jupyter lab" in line]

    nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    assert lab_command()[0].split()[1:3] == ["lab", "--allow-root"], lab_command()
    as_nobody = lab_command(*nobody)
    assert len(as_nobody) == 1 and "--allow-root" not in as_nobody[0], as_nobody


def test_executing_a_notebook_prints_no_kernel_warning(tmp_path):
    """The project's jupyter_config.json (installed into .venv by make) makes the kernel encrypt
    its traffic, so executing a notebook prints no warning about plain TCP."""
    import nbformat

    notebook = tmp_path / "tiny.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]), notebook)
    result = subprocess.run(
        [str(BIN / "jupyter"), "nbconvert", f"--config={ROOT / 'jupyter_config.json'}",
         "--to", "notebook", "--execute", "--inplace", str(notebook)],
        env=dict(os.environ, JUPYTER_NO_CONFIG="1"),  # no config but that file
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert nbformat.read(notebook, 4).cells[0].outputs[0]["data"]["text/plain"] == "2"
