"""Kernel-side cost of one control change in each widget app: milliseconds per change.

    python benchmarks/app_redraw.py              # every app, 20 changes each
    python benchmarks/app_redraw.py --changes 50

A change costs, in the kernel: the app's update (the pure function, new artist data), the
drawing (matplotlib's Agg renderer) and ipympl's PNG of the pixels that changed. Each app
is timed twice on the same changes, as if a browser view were open:

- layered: what the apps do (``App.moving``): only the moving artists are drawn again, over
  a kept copy of the rest, unless something in that rest changed;
- full: every artist drawn again (the moving artists' ``animated`` flag cleared), which
  is what every change cost before the layered drawing.

What a reader feels adds the messages between the browser and the kernel and the browser's
own drawing: tests/test_browser.py measures that, from a key press to the changed pixels.
This script isolates the part the apps control. Results: printed, and written to
``benchmarks/results/app_redraw.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path

import numpy as np

RESULTS = Path(__file__).resolve().parent / "results" / "app_redraw.json"


def _learning_rate_app():
    from nn_helpers.apps import learning_rate_explorer

    rng = np.random.default_rng(0)
    x = rng.normal(size=100)
    return learning_rate_explorer(x, 0.4 * x + 5.6 + 0.7 * rng.normal(size=100))


def _digit_reader():
    from nn_helpers import Network
    from nn_helpers.apps import DigitReader

    return DigitReader(Network([784, 30, 10], seed=0))


def _alternate(name, values):
    """A change that moves control ``name`` back and forth between ``values``."""
    return lambda app, i: setattr(app.controls[name], "value", values[i % len(values)])


def cases():
    """(name, make the app, change number i) for every app and its most used control."""
    from nn_helpers.apps import (
        Playground,
        activation_explorer,
        backprop_stepper,
        chain_explorer,
        line_explorer,
    )

    strokes = [[[[60, 40], [60, 200]]], [[[40, 40], [200, 200], [40, 200]]]]
    return [
        ("01 weight w1 slider", line_explorer, _alternate("weight w1", [0.06, 0.07])),
        ("02 weight w slider", activation_explorer, _alternate("weight w", [1.1, 1.2])),
        ("03 learning rate slider", _learning_rate_app,
         _alternate("learning rate", [0.15, 0.2])),
        ("04 nudge size slider", chain_explorer,
         _alternate("nudge size", [10 ** -0.95, 10 ** -0.9])),
        ("05 Next (step slider)", backprop_stepper, lambda app, i: app.set_step(1 + i % 18)),
        ("11 Step (one epoch)", Playground, lambda app, i: app.step_button.click()),
        ("12 a new drawing", _digit_reader, lambda app, i: app.draw(strokes[i % 2])),
    ]


def time_changes(make, change, n, layered):
    """Median ms per change (update + drawing + PNG), and how many were full drawings."""
    app = make()
    if not layered:
        for artist in app.figure.findobj(lambda a: a.get_animated()):
            artist.set_animated(False)
    canvas = app.canvas
    canvas.syncing_data_url = False          # as if a browser view had said hello
    canvas.draw()
    canvas.get_diff_image()
    full = []
    draw = canvas.draw
    canvas.draw = lambda: (full.append(1), draw())
    times = []
    for i in range(n):
        start = time.perf_counter()
        change(app, i)
        canvas.get_diff_image()              # what ipympl sends to the browser
        times.append(time.perf_counter() - start)
    app.close()
    return 1000 * statistics.median(times), len(full)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--changes", type=int, default=20, help="changes per app (default 20)")
    args = parser.parse_args()
    rows = []
    print(f"{'app and control':28s} {'layered ms':>10s} {'full ms':>8s}  full drawings "
          f"(layered)")
    for name, make, change in cases():
        layered, full_draws = time_changes(make, change, args.changes, layered=True)
        full, _ = time_changes(make, change, args.changes, layered=False)
        rows.append({"app": name, "layered_ms": round(layered, 1), "full_ms": round(full, 1),
                     "full_drawings_of_layered": full_draws, "changes": args.changes})
        print(f"{name:28s} {layered:10.1f} {full:8.1f}  {full_draws} of {args.changes}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({
        "rows": rows, "python": platform.python_version(), "machine": platform.machine(),
        "load_average": os.getloadavg()[0]}, indent=1) + "\n")


if __name__ == "__main__":
    main()
