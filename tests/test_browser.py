"""Real-browser test: the notebooks' widgets work in JupyterLab, driven by Playwright.

It starts one JupyterLab server on 127.0.0.1 (no token, a temporary root holding a COPY of
the notebooks, isolated settings and workspaces), opens each widget notebook in Debian's
headless Chromium (/usr/bin/chromium; never a downloaded browser), runs all cells, moves
controls like a reader (keyboard, mouse drag, clicks, menus) and checks that what they drive
changed: the readout text AND the DATA-DEPENDENT part of the picture (the pixels the canvas
holds, read from the canvas element itself). The test asks the
notebook's own kernel (through the kernel's connection file) for the app's ``data_boxes()``:
the pixel box of every axes that shows data, minus its legend and texts; the title, tick
labels, legends and readout are outside what is compared, so a frozen curve (or surface,
path, bars, tiles) under a changing title fails. Every control must change every data axes
it is listed with.

It also checks that every app fits and reads: at 1280 x 800 with JupyterLab's file browser
open (the default) and at 1024 x 768 with it closed, no horizontal scrollbar in the notebook
or in the app's output, the app no wider than the notebook's content area, no text in the
controls under 14 px (the figures' text sizes are checked in tests/test_app_layout.py), a
text label on every visible button. And it measures the latency from a key press or click
reaching the page to the redrawn data pixels (the median of several changes), and the
frames a second while the playground plays: printed, never asserted tightly.
Screenshots of each widget before and after every interaction, and of the page at both
sizes, go to tests/screenshots/ (gitignored).

Run:   .venv/bin/python -m pytest -m browser -v -s tests/test_browser.py
Needs: apt-get install -y chromium  (skipped without it, unless the CI variable is set: then
       it fails, so CI can never pass by silently skipping).
"""

from __future__ import annotations

import ast
import base64
import io
import json
import re
import shutil
import socket
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from lab_support import require_browser, running_jupyterlab

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SHOTS = Path(__file__).resolve().parent / "screenshots"
LOG = Path(__file__).resolve().parent / "jupyterlab.log"
# Console messages that mean a widget failed on the page (model/view creation, rendering).
WIDGET_ERROR = re.compile(r"widget|jupyter-matplotlib|could not create|error rendering|"
                          r"failed to load model|comm", re.I)
TIMEOUT_MS = 60_000
SIZES = {"1280x800, file browser open": (1280, 800), "1024x768, file browser closed": (1024, 768)}
MIN_CONTROL_TEXT_PX = 14
CHANGED_PIXELS = 25       # fewer differing pixels inside the data boxes count as "unchanged"
RUNTIME = {}              # the server's runtime dir (the kernels' connection files)


def _free_port(preferred=8899):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", preferred))
            return preferred
        except OSError:
            s.bind(("127.0.0.1", 0))
            return s.getsockname()[1]


@pytest.fixture(scope="session")
def lab_url():
    """One JupyterLab server for the whole session, serving a copy of the notebooks."""
    require_browser()
    tmp = Path(tempfile.mkdtemp(prefix="nn-jlab-"))
    root = tmp / "root"
    # a copy: JupyterLab autosaves, and must not write browser-run outputs into the repo
    shutil.copytree(NOTEBOOKS, root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_*"))
    RUNTIME["dir"] = tmp / "runtime"
    try:
        with running_jupyterlab(root, tmp, _free_port(), LOG) as url:
            RUNTIME["url"] = url
            try:
                yield url
            finally:
                for client in _CLIENTS.values():
                    client.stop_channels()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def browser(lab_url, chromium):
    return chromium           # tests/conftest.py: one Chromium for the whole session


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    pg.console_errors = []
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    pg.on("pageerror", lambda e: pg.console_errors.append(f"page error: {e}"))
    yield pg
    context.close()


# ------------------------------------------------------------------------------ helpers
def run_all(page, url, notebook):
    """Open notebooks/<notebook> in a fresh workspace, wait for the kernel, run all cells and
    wait until the last code cell has run."""
    from playwright.sync_api import expect

    start = time.monotonic()
    page.notebook = notebook
    workspace = "t-" + re.sub(r"\W", "-", notebook)   # fresh: no tabs restored from earlier
    page.goto(f"{url}/lab/workspaces/{workspace}/tree/notebooks/{notebook}?reset",
              wait_until="domcontentloaded")
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=TIMEOUT_MS)
    # the status bar, not the toolbar: the latter says idle before the kernel is connected
    expect(page.locator(".jp-StatusBar-Widget").filter(
        has_text=re.compile(r"\(ipykernel\) \| Idle"))).to_be_visible(timeout=TIMEOUT_MS)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    panel = page.locator(".jp-NotebookPanel:visible")
    last_prompt = panel.locator(".jp-CodeCell .jp-InputPrompt").last
    errors = panel.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
                           ":has-text('Traceback')")
    deadline = time.monotonic() + 180
    while not re.fullmatch(r"\[\d+\]:", last_prompt.inner_text().strip()):
        if errors.count():                 # Run All stops at the first cell that raises
            pytest.fail(f"{notebook}: a cell raised in JupyterLab:\n{errors.first.text_content()}")
        assert time.monotonic() < deadline, f"{notebook}: Run All did not finish in 180 s"
        time.sleep(0.25)
    expect(page.locator(".jp-StatusBar-Widget").filter(
        has_text=re.compile(r"\(ipykernel\) \| Idle"))).to_be_visible(timeout=TIMEOUT_MS)
    print(f"[timing] {notebook}: opened and ran in {time.monotonic() - start:.1f} s")


_CLIENTS = {}


def kernel_eval(notebook, expression):
    """Evaluate ``expression`` in the kernel of the open ``notebook`` (silently: a
    ``user_expressions`` request on our own client of its connection file; nothing shows
    in the notebook) and return the Python literal it gives."""
    from jupyter_client import BlockingKernelClient

    sessions = json.load(urllib.request.urlopen(RUNTIME["url"] + "/api/sessions", timeout=10))
    kernel = next(s["kernel"]["id"] for s in sessions if s["path"].endswith(notebook))
    if kernel not in _CLIENTS:
        client = BlockingKernelClient(connection_file=str(RUNTIME["dir"] /
                                                          f"kernel-{kernel}.json"))
        client.load_connection_file()
        client.start_channels(iopub=False, stdin=False, hb=False)
        _CLIENTS[kernel] = client
    client = _CLIENTS[kernel]
    msg_id = client.execute("", silent=True, store_history=False,
                            user_expressions={"r": expression})
    while True:
        reply = client.get_shell_msg(timeout=60)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    result = reply["content"]["user_expressions"]["r"]
    assert result["status"] == "ok", (f"the kernel could not evaluate {expression}: "
                                      f"{result.get('ename')}: {result.get('evalue')}")
    return ast.literal_eval(result["data"]["text/plain"])


class AppView:
    """One app on the page: its element (class nn-app-<serial>), its canvas, and the kernel
    that runs it, which tells where its data axes are (``App.data_boxes``)."""

    def __init__(self, page, element):
        self.page, self.el = page, element
        classes = element.get_attribute("class")
        self.serial = int(re.search(r"\bnn-app-(\d+)\b", classes).group(1))
        self.notebook = page.notebook
        self.canvas = element.locator(".jupyter-matplotlib-canvas-div").first
        self.locator = element.locator

    def boxes(self):
        return json.loads(kernel_eval(
            self.notebook, f"__import__('nn_helpers.apps.base', fromlist=['App'])"
                           f".App.describe({self.serial})"))

    def screenshot(self, **kwargs):
        return self.el.screenshot(**kwargs)


def app_locator(page, inner=None):
    """The widget app (class nn-app) in the visible notebook, scrolled into view: the first
    one, or the first that contains ``inner``."""
    apps = page.locator(".jp-NotebookPanel:visible .jp-OutputArea .nn-app:visible")
    element = (apps.filter(has=page.locator(inner)) if inner else apps).first
    element.wait_for(state="visible", timeout=TIMEOUT_MS)
    canvas = element.locator(".jupyter-matplotlib-canvas-div").first
    canvas.wait_for(state="visible", timeout=TIMEOUT_MS)
    element.scroll_into_view_if_needed()
    return AppView(page, element)


_CANVAS_JS = """(serial) => document.querySelector(
  `.nn-app-${serial} .jupyter-matplotlib-canvas-div canvas`).toDataURL("image/png")"""


def canvas_png(view):
    """What the app's canvas holds (read from the canvas itself, not from the screen: a tall
    figure can be partly under JupyterLab's toolbar, whose kernel light would count)."""
    return base64.b64decode(view.page.evaluate(_CANVAS_JS, view.serial).split(",", 1)[1])


def canvas_image(view):
    """The canvas's pixels: an (h, w, 3) int array, and the PNG."""
    import numpy as np
    from PIL import Image

    png = canvas_png(view)
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int), png


def data_changes(before, after, boxes_before, boxes_after):
    """Pixels that differ inside each data axes (inside its frame, its legend and texts left
    out, before's and after's both): {axes name: count}."""
    import numpy as np

    scale = before.shape[1] / boxes_before["figure"][0]
    counts = {}
    differ_anywhere = np.abs(before - after).sum(axis=2) > 24
    outside = differ_anywhere.copy()
    for a, b in zip(boxes_before["axes"], boxes_after["axes"]):
        # the layout is frozen (App.redraw), so a box moves only when the data change its
        # shape (the playground's mosaic of hidden units, for another network): compare
        # the region both boxes cover
        box = [min(a["box"][0], b["box"][0]), min(a["box"][1], b["box"][1]),
               max(a["box"][2], b["box"][2]), max(a["box"][3], b["box"][3])]
        x0, y0, x1, y1 = (round(v * scale) for v in box)
        keep = np.zeros(before.shape[:2], bool)
        keep[y0 + 3:y1 - 2, x0 + 3:x1 - 2] = True            # inside the frame
        outside[y0:y1, x0:x1] = False
        for mx0, my0, mx1, my1 in a["masks"] + b["masks"]:
            keep[max(round(my0 * scale) - 2, 0):round(my1 * scale) + 2,
                 max(round(mx0 * scale) - 2, 0):round(mx1 * scale) + 2] = False
        counts[a["name"]] = int((differ_anywhere & keep).sum())
    counts["(outside the data: titles, ticks)"] = int(outside.sum())
    return counts


def check_interaction(view, readout, name, action, expected=None, settle=True,
                      must_change=None):
    """Do ``action``; assert that the readout text changes AND the pixels inside every data
    axes in ``must_change`` (default: all of the app's data axes) change.

    ``expected`` (a regex) must then match the readout. Saves app screenshots before/after
    (after the canvas settled, unless ``settle`` is False: a playing animation never does).
    """
    settle_canvas(view)
    boxes_before = view.boxes()
    text_before = readout.inner_text()
    pixels_before, png_before = canvas_image(view)
    SHOTS.mkdir(exist_ok=True)
    view.screenshot(path=str(SHOTS / f"{name}_before.png"))
    start = time.monotonic()
    action()
    deadline = start + 30
    while time.monotonic() < deadline:
        if readout.inner_text() != text_before and canvas_png(view) != png_before:
            break
        time.sleep(0.1)
    changed_in = time.monotonic() - start
    text_changed = readout.inner_text() != text_before
    if settle:
        settle_canvas(view)        # a drag passes through several values: show the last one
    pixels_after, _ = canvas_image(view)
    counts = data_changes(pixels_before, pixels_after, boxes_before, view.boxes())
    text_after = readout.inner_text()
    view.screenshot(path=str(SHOTS / f"{name}_after.png"))
    assert text_changed, f"{name}: the readout did not change: {text_after!r}"
    wanted = must_change or [axes["name"] for axes in boxes_before["axes"]]
    frozen = {axes: counts[axes] for axes in wanted if counts[axes] < CHANGED_PIXELS}
    assert not frozen, (f"{name}: the data did not change in {sorted(frozen)} (changed pixels "
                        f"inside each data axes: {counts}; readout now {text_after!r})")
    if expected is not None:
        assert re.search(expected, text_after), f"{name}: readout {text_after!r} !~ {expected}"
    print(f"[check] {name}: updated in {changed_in:.1f} s, changed pixels {counts} -> "
          f"{text_after[:70]!r}")
    return text_after


def settle_canvas(view, quiet=0.3, limit=15):
    """Wait until the canvas stops changing (the first draw or a redraw has landed)."""
    last, since, start = canvas_png(view), time.monotonic(), time.monotonic()
    while time.monotonic() - since < quiet and time.monotonic() - start < limit:
        time.sleep(0.1)
        now = canvas_png(view)
        if now != last:
            last, since = now, time.monotonic()


# In the page: watch the data boxes of the app's canvas every animation frame, and note the
# time (performance.now) when enough of their pixels differ from when it was armed.
_ARM_JS = """([serial, boxes, threshold]) => {
  const canvas = document.querySelector(`.nn-app-${serial} .jupyter-matplotlib-canvas-div canvas`);
  const ctx = canvas.getContext("2d", {willReadFrequently: true});
  const scale = canvas.width / boxes.figure[0];
  const areas = boxes.axes.map((a) => a.box.map((v) => Math.round(v * scale)))
                          .map(([x0, y0, x1, y1]) => [x0 + 3, y0 + 3, x1 - x0 - 5, y1 - y0 - 5]);
  const grab = () => areas.map(([x, y, w, h]) => ctx.getImageData(x, y, w, h).data);
  const first = grab();
  const watch = { changedAt: null, frames: 0, last: first, inputAt: null };
  window.__nnWatch = watch;
  // when the reader's key press or click reached the page (Playwright waits for the element
  // to be ready before it acts: that wait is the test's, not the app's)
  const input = (e) => { if (window.__nnWatch === watch && watch.inputAt === null)
                           watch.inputAt = e.timeStamp; };
  document.addEventListener("keydown", input, true);
  document.addEventListener("click", input, true);
  const differs = (a, b) => { let n = 0;
    for (let i = 0; i < a.length; i += 4)
      if (Math.abs(a[i] - b[i]) + Math.abs(a[i+1] - b[i+1]) + Math.abs(a[i+2] - b[i+2]) > 24) n++;
    return n; };
  const tick = () => {
    if (window.__nnWatch !== watch || watch.stop) return;
    const now = grab();
    if (now.some((d, k) => differs(d, watch.last[k]) >= threshold)) {
      watch.frames += 1; watch.last = now;
      if (watch.changedAt === null) watch.changedAt = performance.now();
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return performance.now();
}"""


def measure_latency(view, name, actions, timeout=15):
    """For each action: the time from the key press or click reaching the page to the first
    frame whose data pixels changed. Prints the median (not asserted: a shared machine's
    timing varies)."""
    import statistics

    page, boxes, latencies = view.page, view.boxes(), []
    for action in actions:
        settle_canvas(view)
        armed = page.evaluate(_ARM_JS, [view.serial, boxes, CHANGED_PIXELS])
        action()
        deadline = time.monotonic() + timeout
        while (changed := page.evaluate("window.__nnWatch.changedAt")) is None:
            assert time.monotonic() < deadline, f"{name}: no redraw of the data in {timeout} s"
            time.sleep(0.01)
        started = page.evaluate("window.__nnWatch.inputAt")
        latencies.append(changed - (armed if started is None else started))
    page.evaluate("window.__nnWatch.stop = true")
    median = statistics.median(latencies)
    LATENCIES[name] = median
    print(f"[latency] {name}: median {median:.0f} ms from the change to the redrawn data "
          f"(each: {', '.join(f'{v:.0f}' for v in latencies)} ms)")
    return median


def count_frames(view, seconds=3.0):
    """Frames whose data pixels changed, per second, while the app animates (Play)."""
    page = view.page
    page.evaluate(_ARM_JS, [view.serial, view.boxes(), CHANGED_PIXELS])
    time.sleep(seconds)
    frames = page.evaluate("window.__nnWatch.frames")
    page.evaluate("window.__nnWatch.stop = true")
    return frames / seconds


LATENCIES = {}


# ---------------------------------------------------------------- fits and reads
_FIT_JS = """(el) => {
  const panel = el.closest(".jp-NotebookPanel");
  const scroller = panel.querySelector(".jp-WindowedPanel-outer")
                   || panel.querySelector(".jp-Notebook");
  const output = el.closest(".jp-OutputArea-output");
  const shown = (e) => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
                         return r.width > 0 && r.height > 0 && s.visibility !== "hidden"; };
  let right = el.getBoundingClientRect().right;
  for (const d of el.querySelectorAll("*"))
    if (shown(d)) right = Math.max(right, d.getBoundingClientRect().right);
  const small = [];
  for (const d of [el, ...el.querySelectorAll("*")]) {
    if (!shown(d)) continue;
    const own = [...d.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const size = parseFloat(getComputedStyle(d).fontSize);
    if ((own || d.matches("select, input")) && size < MIN)
      small.push(`${d.tagName.toLowerCase()}.${d.className}: ${size}px ` +
                 `"${(d.innerText || d.value || "").trim().slice(0, 30)}"`);
  }
  const bare = [...el.querySelectorAll("button")].filter(shown).filter((b) => !b.innerText.trim())
                 .map((b) => b.outerHTML.slice(0, 100));
  return { notebookOverflow: scroller.scrollWidth - scroller.clientWidth,
           outputOverflow: output.scrollWidth - output.clientWidth,
           appRight: right, contentRight: output.getBoundingClientRect().right,
           appWidth: el.getBoundingClientRect().width, contentWidth: output.clientWidth,
           small: small.slice(0, 8), bare };
}""".replace("MIN", str(MIN_CONTROL_TEXT_PX))


def file_browser(page, want_open):
    """Open or close JupyterLab's file browser (the left side bar's first panel)."""
    panel = page.locator("#filebrowser")
    if panel.is_visible() != want_open:
        page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id='filebrowser']").click()
    from playwright.sync_api import expect

    expect(panel).to_be_visible() if want_open else expect(panel).to_be_hidden()


def check_fits(view, name):
    """At both sizes: no horizontal scrollbar in the notebook or the app's output, the app
    inside the notebook's content area, controls' text >= 14 px, every button labelled."""
    page = view.page
    problems = []
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        file_browser(page, want_open="open" in size)
        time.sleep(0.4)                         # JupyterLab re-lays out on a resize
        view.el.scroll_into_view_if_needed()
        fit = view.el.evaluate(_FIT_JS)
        tag = size.split(",")[0]
        page.screenshot(path=str(SHOTS / f"{name}_page_{tag}.png"))
        view.screenshot(path=str(SHOTS / f"{name}_app_{tag}.png"))
        print(f"[fit] {name} at {size}: app {fit['appWidth']:.0f} px in a {fit['contentWidth']}"
              f" px content area; overflow notebook {fit['notebookOverflow']} px, output "
              f"{fit['outputOverflow']} px")
        if fit["notebookOverflow"] > 1 or fit["outputOverflow"] > 1:
            problems.append(f"{size}: a horizontal scrollbar (the notebook overflows by "
                            f"{fit['notebookOverflow']} px, the app's output by "
                            f"{fit['outputOverflow']} px)")
        if fit["appRight"] > fit["contentRight"] + 1:
            problems.append(f"{size}: the app reaches {fit['appRight'] - fit['contentRight']:.0f}"
                            f" px past the notebook's content area")
        if fit["small"]:
            problems.append(f"{size}: text under {MIN_CONTROL_TEXT_PX} px: {fit['small']}")
        if fit["bare"]:
            problems.append(f"{size}: buttons without a text label: {fit['bare']}")
    page.set_viewport_size({"width": 1280, "height": 800})
    file_browser(page, want_open=True)
    view.el.scroll_into_view_if_needed()
    assert not problems, f"{name} does not fit or read:\n" + "\n".join(problems)



def slider(app, label):
    """The noUiSlider handle of the ipywidgets slider whose description is ``label``."""
    row = app.locator(".widget-slider").filter(has=app.page.locator(".widget-label",
                                                                     has_text=label)).first
    return row.locator(".noUi-handle").first


def press_keys(handle, *keys):
    def act():
        handle.focus()
        for key in keys:
            handle.page.keyboard.press(key)
    return act


def drag(handle, track_fraction):
    """Drag a slider handle with the mouse to ``track_fraction`` of its track."""
    def act():
        page = handle.page
        handle.scroll_into_view_if_needed()     # the mouse acts only inside the viewport
        box = handle.bounding_box()
        track = handle.locator("xpath=ancestor::*[contains(@class,'noUi-target')][1]")
        tb = track.bounding_box()
        y = box["y"] + box["height"] / 2
        page.mouse.move(box["x"] + box["width"] / 2, y)
        page.mouse.down()
        page.mouse.move(tb["x"] + tb["width"] * track_fraction, y, steps=8)
        page.mouse.up()
    return act


def assert_no_widget_errors(page):
    bad = [e for e in page.console_errors if WIDGET_ERROR.search(e)]
    assert not bad, f"widget errors in the browser console: {bad}"
    if page.console_errors:
        print(f"[console] other errors (not widget-related): {page.console_errors[:5]}")


# ------------------------------------------------------------------------ the notebooks
def alternate(handle, keys=("ArrowRight", "ArrowLeft"), n=5):
    """n keyboard changes of a slider, back and forth (for a latency median)."""
    return [press_keys(handle, keys[i % 2]) for i in range(n)]


def exercise_playground(page):
    """Every control of the playground changes the data part of the picture it drives (the
    surface, the loss curves, the network diagram: its node pictures, weight lines and the
    traced numbers), and the readout."""
    from playwright.sync_api import expect

    view = app_locator(page, ".pg-status")
    check_fits(view, "11")
    status = view.locator(".pg-status, .pg-error, .pg-diverged").first
    # "diagram nodes": the node pictures (the strips between the columns left out);
    # "diagram edges": the weight lines (the node pictures and traced numbers left out)
    nodes, edges = "diagram nodes", "diagram edges"
    everything = ["boundary", "loss", "diagram", nodes, edges]
    data = ["boundary", "loss", "diagram", nodes]     # new data, the same first weights
    # the cell after the playground switched it to circles and clicked Step 10 times
    expect(status).to_contain_text("epoch 10:", timeout=TIMEOUT_MS)

    def button(label):
        return view.locator("button", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))

    def select(description, option):
        row = view.locator(".widget-dropdown").filter(
            has=page.locator(".widget-label", has_text=re.compile(rf"^{description}$")))
        return lambda: row.locator("select").select_option(option)

    def fill(description, value):
        row = view.locator(".widget-inline-hbox").filter(
            has=page.locator(".widget-label", has_text=re.compile(rf"^{description}$")))

        def act():
            box = row.locator("input").first
            box.fill(str(value))
            box.press("Enter")
        return act

    step = button("Step")

    def train_a_little():
        """Two epochs first, so that a control that starts over changes the loss curve (and
        the weights) as well as what it changes itself."""
        before = status.inner_text()
        step.click()
        step.click()
        expect(status).not_to_have_text(before)
        expect(status).to_contain_text(re.compile(r"^epoch [2-9]\d*:"))

    # one epoch moves the weights by a few hundredths: the lines' widths by less than a
    # pixel, so the lines are checked where the weights change more (Reset below, ...)
    check_interaction(view, status, "11_step_button", lambda: step.click(), r"^epoch 11:",
                      must_change=data)
    measure_latency(view, "11 Step button", [lambda: step.click()] * 5)
    check_interaction(view, status, "11_reset_button", lambda: button("Reset").click(),
                      r"^epoch 0:", must_change=everything)
    train_a_little()
    # new noisy points, the same first weights: the points, the loss and the nodes'
    # pictures (their grid follows the points) change
    check_interaction(view, status, "11_noise_slider_keyboard",
                      press_keys(slider(view, "noise"), "ArrowRight"), r"^epoch 0:",
                      must_change=data)
    expect(view.el).to_contain_text("noise=0.15")
    train_a_little()
    check_interaction(view, status, "11_test_ratio_slider_keyboard",
                      press_keys(slider(view, "test points %"), "ArrowLeft"), r"^epoch 0:",
                      must_change=data)
    expect(view.el).to_contain_text("test_fraction=0.4")
    train_a_little()
    check_interaction(view, status, "11_feature_toggle", lambda: button("x1²").click(),
                      r"^epoch 0:", must_change=everything)
    expect(view.el).to_contain_text("features=('x1', 'x2', 'x1^2')")
    train_a_little()
    check_interaction(view, status, "11_units_box", fill("layer 1", 3), r"^epoch 0:",
                      must_change=everything)
    expect(view.el).to_contain_text("hidden=(3, 6)")
    train_a_little()
    check_interaction(view, status, "11_add_layer_button", lambda: button("+ layer").click(),
                      r"^epoch 0:", must_change=everything)
    expect(view.el).to_contain_text("hidden=(3, 6, 4)")
    train_a_little()
    check_interaction(view, status, "11_remove_layer_button",
                      lambda: button("− layer").click(), r"^epoch 0:", must_change=everything)
    expect(view.el).to_contain_text("hidden=(3, 6)")
    train_a_little()
    check_interaction(view, status, "11_activation_menu_linear",
                      select("activation", "linear"), r"^epoch 0:", must_change=everything)
    expect(view.el).to_contain_text("activation='identity'")

    def l1_then_steps():
        select("regularization", "L1")()
        select("reg. rate", "0.3")()
        for _ in range(3):
            step.click()
    check_interaction(view, status, "11_l1_menu_then_steps", l1_then_steps,
                      r"^epoch 3:.*L1 penalty", must_change=everything)
    check_interaction(view, status, "11_trace_example", lambda: button("Trace example").click(),
                      r"^trace of training example 0:", must_change=["boundary", "diagram"])
    check_interaction(view, status, "11_trace_next_example",
                      lambda: button("Trace example").click(),
                      r"^trace of training example 1:", must_change=["boundary", "diagram"])
    train_a_little()              # a step clears the trace: only the test points may change
    check_interaction(view, status, "11_show_test_points",
                      lambda: view.locator("label", has_text="show test points").click(),
                      r"test points hidden$", must_change=["boundary"])
    check_interaction(view, status, "11_discretize_output",
                      lambda: view.locator("label", has_text="discretize output").click(),
                      r"output discretized$", must_change=["boundary"])
    train_a_little()
    check_interaction(view, status, "11_new_seed_button", lambda: button("New seed").click(),
                      r"^epoch 0:", must_change=everything)
    expect(view.el).to_contain_text("seed=1)")
    play = view.locator("button", has_text=re.compile(r"^\s*(Play|Pause)\s*$"))
    check_interaction(view, status, "11_play", lambda: play.click(), settle=False)
    expect(play).to_have_text(re.compile("Pause"))
    epoch = lambda: int(re.search(r"epoch (\d+):", status.inner_text()).group(1))  # noqa: E731
    first, started = epoch(), time.monotonic()
    frames = count_frames(view, 3.0)
    epochs = (epoch() - first) / (time.monotonic() - started)
    print(f"[latency] 11 Play: {frames:.1f} redrawn frames/s, {epochs:.1f} epochs/s")
    LATENCIES["11 Play frames/s"] = frames
    LATENCIES["11 Play epochs/s"] = epochs
    expect(status).to_contain_text(re.compile(r"epoch ([2-9]\d|\d{3,}):"), timeout=30_000)
    play.click()                          # the same button, now labelled Pause, pauses
    expect(play).to_have_text(re.compile("Play"))
    time.sleep(0.6)                                       # a tick already in flight may land
    paused = status.inner_text()
    time.sleep(1.0)
    assert status.inner_text() == paused, "training went on after Pause"
    check_interaction(view, status, "11_dataset_menu_regression",
                      select("data set", "bumps (regression)"), r"^epoch 0: train MSE",
                      must_change=everything)
    expect(view.el).to_contain_text("dataset='bumps'")
    train_a_little()

    def load_code():
        view.locator("input[placeholder*='PlaygroundModel']").fill(
            "PlaygroundModel(dataset='spirals', hidden=(8, 8, 8), activation='relu')")
        button("Load code").click()
    check_interaction(view, status, "11_load_code", load_code, r"^epoch 0:",
                      must_change=everything)
    expect(view.el).to_contain_text("dataset='spirals'")
    expect(view.el).to_contain_text("hidden=(8, 8, 8)")
    assert view.locator(".pg-error").count() == 0, view.locator(".pg-error").first.inner_text()


def exercise_activations(page):
    view = app_locator(page, ".nn-readout")
    check_fits(view, "02")
    readout = view.locator(".nn-readout").first
    weight = slider(view, "weight w")
    check_interaction(view, readout, "02_weight_slider_keyboard",
                      press_keys(weight, "ArrowRight", "ArrowRight"))
    measure_latency(view, "02 weight slider", alternate(weight))
    check_interaction(view, readout, "02_bias_slider_drag", drag(slider(view, "bias b"), 0.8))
    check_interaction(view, readout, "02_activation_menu",
                      lambda: view.locator("select").first.select_option("relu"), r"relu")


def exercise_learning_rate(page):
    view = app_locator(page, ".nn-readout")
    check_fits(view, "03")
    readout = view.locator(".nn-readout").first
    check_interaction(view, readout, "03_learning_rate_slider_keyboard",
                      press_keys(slider(view, "learning rate"), "ArrowLeft", "ArrowLeft"))
    # to about 5 steps: the path stops far from the lowest point (the last of 30 steps
    # near the minimum move it by less than a marker)
    check_interaction(view, readout, "03_steps_slider_drag", drag(slider(view, "steps"), 0.04))
    measure_latency(view, "03 steps slider", alternate(slider(view, "steps")))


def pen_stroke(pad, points):
    """Draw one stroke with the mouse on the drawing pad: press at the first point, move
    through the others in small steps, release (points in pad pixels, from its top left)."""
    def act():
        page = pad.page
        pad.scroll_into_view_if_needed()
        box = pad.bounding_box()
        scale = box["width"] / 280
        (x, y), rest = points[0], points[1:]
        page.mouse.move(box["x"] + x * scale, box["y"] + y * scale)
        page.mouse.down()
        for x, y in rest:
            page.mouse.move(box["x"] + x * scale, box["y"] + y * scale, steps=6)
        page.mouse.up()
    return act


def exercise_handwriting(page):
    from nn_helpers.handwriting import EXAMPLE_STROKES

    view = app_locator(page, ".nn-drawing-pad")
    check_fits(view, "12")
    readout = view.locator(".nn-readout").first
    pad = view.locator("canvas.nn-drawing-pad").first
    clear = view.locator("button", has_text="Clear")
    check_interaction(view, readout, "12_clear", lambda: clear.click(), r"Draw a digit")
    for digit in "107":
        strokes = EXAMPLE_STROKES[digit]
        for stroke in strokes[:-1]:
            pen_stroke(pad, stroke)()
        # the network reads after each stroke: the last one must change the bars and readout
        text = check_interaction(view, readout, f"12_draw_{digit}",
                                 pen_stroke(pad, strokes[-1]), r"reads a \d")
        if digit == "1":
            assert "reads a 1" in text, f"a clear 1 drawn with the mouse was read as: {text!r}"
        if digit != "7":
            check_interaction(view, readout, f"12_clear_after_{digit}",
                              lambda: clear.click(), r"Draw a digit")
    one = EXAMPLE_STROKES["1"]
    measure_latency(view, "12 Clear button / a stroke (drawing it included)",
                    [lambda: clear.click(), pen_stroke(pad, one[0])] * 3)


def exercise_line(page):
    view = app_locator(page, ".nn-readout")
    check_fits(view, "01")
    readout = view.locator(".nn-readout").first
    w1 = slider(view, "weight w1")
    check_interaction(view, readout, "01_w1_slider_keyboard",
                      press_keys(w1, "ArrowLeft", "ArrowLeft"))
    measure_latency(view, "01 w1 slider", alternate(w1))
    check_interaction(view, readout, "01_bias_slider_drag", drag(slider(view, "bias b"), 0.9))


def exercise_stepper(page):
    view = app_locator(page, ".nn-readout")
    check_fits(view, "05")
    readout = view.locator(".nn-readout").first
    next_button = view.locator("button", has_text="Next")
    check_interaction(view, readout, "05_next_button", lambda: next_button.click())
    measure_latency(view, "05 Next button", [lambda: next_button.click()] * 5)
    check_interaction(view, readout, "05_back_button",
                      lambda: view.locator("button", has_text="Back").click())
    check_interaction(view, readout, "05_step_slider_keyboard",
                      press_keys(slider(view, "step"), "End"))
    check_interaction(view, readout, "05_activation_menu",
                      lambda: view.locator("select").first.select_option("relu"))


def exercise_chain(page):
    view = app_locator(page, ".nn-readout")
    check_fits(view, "04")
    readout = view.locator(".nn-readout").first
    size = slider(view, "nudge size")
    # a tiny nudge (0.001 -> 0.0013) moves the ratios in their 5th digit: the bars do not
    # visibly move, the chain's numbers (its data) do; the drag below moves the bars
    check_interaction(view, readout, "04_nudge_size_slider_keyboard",
                      press_keys(size, "ArrowRight", "ArrowRight"), must_change=["chain"])
    measure_latency(view, "04 nudge size slider", alternate(size))
    check_interaction(view, readout, "04_nudge_size_slider_drag", drag(size, 0.9))
    check_interaction(view, readout, "04_nudge_menu",
                      lambda: view.locator("select").first.select_option("b"), r"^nudge b by")


WIDGET_NOTEBOOKS = {
    "11_playground.ipynb": exercise_playground,
    "02_activations.ipynb": exercise_activations,
    "03_loss_gradient_descent.ipynb": exercise_learning_rate,
    "12_your_handwriting.ipynb": exercise_handwriting,
    "01_neuron_affine.ipynb": exercise_line,
    "04_chain_rule.ipynb": exercise_chain,
    "05_backpropagation.ipynb": exercise_stepper,
}


@pytest.mark.parametrize("notebook", [
    pytest.param(name, marks=pytest.mark.skipif(not (NOTEBOOKS / name).exists(),
                                                reason=f"notebooks/{name} does not exist yet"))
    for name in WIDGET_NOTEBOOKS])
def test_widgets_respond_in_jupyterlab(page, lab_url, notebook):
    run_all(page, lab_url, notebook)
    WIDGET_NOTEBOOKS[notebook](page)
    assert_no_widget_errors(page)


def test_zz_latency_summary():
    """Print every latency measured above in one table (run last: 'zz')."""
    if LATENCIES:
        print("\n[latency] summary (median ms from a control change to the redrawn data):")
        for name, value in LATENCIES.items():
            print(f"[latency]   {name:55s} {value:7.1f}")
