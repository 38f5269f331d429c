"""How fast does nn_helpers.train run an MNIST epoch, against a per-example loop, PyTorch
and the bare matrix products?

# n: 60,000 training examples, d = 784 pixels, h = 100 hidden units, k = 10 classes, m: batch.

The network is the textbook one: [784, 100, 10], sigmoid everywhere, quadratic cost,
plain SGD (lr 3.0). Five implementations train it on real MNIST:

* ``loop``    nn_helpers.reference.train_per_example: one example at a time (textbook)
* ``nn``      nn_helpers.train (the vectorized core)
* ``bare``    the same step as one flat, hand-tuned NumPy loop: NumPy's floor for it
* ``torch``   PyTorch eager on the CPU, autograd + torch.optim.SGD, same initial weights,
              same data order (the same permutation per epoch), same thread count
* ``matmul``  only the five matrix products of each step, on unshuffled batches, into
              preallocated arrays: the floor for any implementation of this step
* ``adam``    nn_helpers.train with optimizer="adam" (lr 0.001): the cost of Adam's update
* ``base``    nn_helpers.train from another copy of the package (``--baseline PATH``, e.g.
              a git worktree of the commit before a change): old and new, side by side

Every (implementation, batch size, dtype) run happens in a fresh subprocess, so its peak
memory (ru_maxrss) is its own; runs alternate (implementations rotate within a round, and
rounds repeat), and a cell reports the median over all its epochs. The machine's matrix
product peak is measured the same way, on one large square product.

Before timing, the script checks that all four trainers give the same weights after
one SGD step from the same start (and prints the differences).

    NN_HELPERS_DATA=/path/to/data python benchmarks/train_speed.py            # full
    NN_HELPERS_DATA=/path/to/data python benchmarks/train_speed.py --quick    # ~1 min
    ... train_speed.py --baseline /path/to/old/checkout --threads default
Results: a table on stdout and benchmarks/results/train_speed.json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

SIZES = [784, 100, 10]
LR = 3.0
SEED = 0
HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "train_speed.json"
IMPLEMENTATIONS = ("loop", "nn", "base", "adam", "bare", "torch", "matmul")
THREADS = "1"   # the worker's --threads


# ------------------------------------------------------------------------ data
def mnist(dtype):
    """X (n, 784) in [0, 1] and one-hot Y (n, 10), both in ``dtype``."""
    from nn_helpers.data import load_mnist, one_hot

    X, y, _, _ = load_mnist(dtype=dtype)
    return X, one_hot(y, 10, dtype=dtype)


def flops_per_epoch(n, sizes=SIZES):
    """Floating-point operations of the matrix products in one epoch (2 per multiply-add).

    Per example and layer: forward A @ W and BP4 A.T @ delta, n_in * n_out each; BP2
    delta @ W.T for every layer but the first (no delta is needed for the inputs).
    """
    layers = list(zip(sizes[:-1], sizes[1:]))
    mac = sum(2 * a * b for a, b in layers) + sum(a * b for a, b in layers[1:])
    return 2 * mac * n


def batches(n, m):
    return range(0, n, m)


# -------------------------------------------------------------- implementations
def epochs_nn(X, Y, m, epochs, dtype, optimizer="sgd"):
    from nn_helpers import Network, train

    net = Network(SIZES, seed=SEED, dtype=dtype)
    settings = {"lr": LR} if optimizer == "sgd" else {"optimizer": optimizer, "lr": 0.001}
    if THREADS not in ("default", "1"):       # --threads N: nn_helpers uses N threads too
        settings["threads"] = int(THREADS)
    history = train(net, X, Y, epochs=epochs, batch_size=m, seed=SEED, progress=False,
                    **settings)
    return history.seconds, history.loss[-1]


def epochs_loop(X, Y, m, epochs, dtype, examples):
    """The per-example loop on the first ``examples`` rows, scaled to a 60,000-row epoch."""
    from nn_helpers import Network
    from nn_helpers.reference import train_per_example

    net = Network(SIZES, seed=SEED, dtype=dtype)
    X, Y = X[:examples], Y[:examples]
    seconds = []
    for epoch in range(epochs):
        start = time.perf_counter()
        train_per_example(net, X, Y, epochs=1, batch_size=m, lr=LR, seed=SEED + epoch)
        seconds.append((time.perf_counter() - start) * 60000 / examples)
    return seconds, None


def epochs_bare(X, Y, m, epochs, dtype, net=None):
    """The same training written as one flat NumPy loop: what hand-tuned NumPy reaches.

    No package structure (no Cache, Buffers or optimizer objects, no checks), every array
    preallocated, sigma(Z) written over Z, the update done in the gradient's place.
    nn_helpers over this is the price of its structure (and of keeping Z for the reader);
    this over ``matmul`` is the floor of NumPy itself for this step. ``net`` (trained in
    place) is for the one-step check.
    """
    from nn_helpers import Network

    net = net or Network(SIZES, seed=SEED, dtype=dtype)
    (W1, b1), (W2, b2) = net.parameters
    xb, yb = np.empty((m, 784), dtype), np.empty((m, 10), dtype)
    Z1, D1, F1 = (np.empty((m, 100), dtype) for _ in range(3))   # Z, delta, sigma'(Z)
    Z2 = np.empty((m, 10), dtype)
    dW1, dW2 = np.empty_like(W1), np.empty_like(W2)
    rng = np.random.default_rng(SEED)  # the same orders as nn_helpers.train
    seconds, total = [], 0.0
    with np.errstate(over="ignore"):   # e^-z overflows to inf for very negative z: fine
        for _ in range(epochs):
            start = time.perf_counter()
            order, total = rng.permutation(len(X)), 0.0
            for first in batches(len(X), m):
                rows = order[first:first + m]
                r = len(rows)
                x = np.take(X, rows, axis=0, out=xb[:r], mode="clip")
                y = np.take(Y, rows, axis=0, out=yb[:r], mode="clip")
                a1 = _bare_sigmoid(np.matmul(x, W1, out=Z1[:r]), b1)
                a2 = _bare_sigmoid(np.matmul(a1, W2, out=Z2[:r]), b2)
                d2 = a2 - y
                total += 0.5 * float(np.vdot(d2, d2))
                d2 /= r
                d2 *= a2 * (1 - a2)                                    # BP1
                np.matmul(a1.T, d2, out=dW2)                           # BP4
                d1 = np.matmul(d2, W2.T, out=D1[:r])                   # BP2
                f1 = np.subtract(1, a1, out=F1[:r])
                f1 *= a1
                d1 *= f1
                np.matmul(x.T, d1, out=dW1)                            # BP4
                for P, dP in ((W1, dW1), (b1, d1.sum(axis=0)), (W2, dW2), (b2, d2.sum(axis=0))):
                    dP *= LR
                    P -= dP
            seconds.append(time.perf_counter() - start)
    return seconds, total / len(X)


def _bare_sigmoid(Z, b):
    """Z += b, then sigma(Z) written over Z (the bare loop keeps no Z)."""
    Z += b
    np.negative(Z, out=Z)
    np.exp(Z, out=Z)
    Z += 1
    return np.reciprocal(Z, out=Z)


def torch_model(dtype, threads):
    """Parameters (W as (n_in, n_out), like nn_helpers) and an SGD optimiser."""
    import torch

    from nn_helpers import Network

    if threads != "default":           # "default": PyTorch's own choice, as a user runs it
        torch.set_num_threads(int(threads))
    net = Network(SIZES, seed=SEED, dtype=dtype)
    params = [torch.tensor(p, requires_grad=True) for pair in net.parameters for p in pair]
    return params, torch.optim.SGD(params, lr=LR)


def torch_step(params, optimiser, xb, yb):
    """Forward, quadratic cost (1/2m) sum ||a - y||^2, autograd backward, SGD step."""
    import torch

    A = xb
    for W, b in zip(params[0::2], params[1::2]):
        A = torch.sigmoid(A @ W + b)
    cost = 0.5 * ((A - yb) ** 2).sum() / xb.shape[0]
    optimiser.zero_grad(set_to_none=True)
    cost.backward()
    optimiser.step()
    return cost


def epochs_torch(X, Y, m, epochs, dtype, threads):
    import torch

    params, optimiser = torch_model(dtype, threads)
    Xt, Yt = torch.from_numpy(X), torch.from_numpy(Y)  # shares memory: no copy
    rng = np.random.default_rng(SEED)  # the same orders as nn_helpers.train
    seconds, total = [], 0.0
    for _ in range(epochs):
        start = time.perf_counter()
        order = torch.from_numpy(rng.permutation(len(X)))
        total = 0.0
        for first in batches(len(X), m):
            rows = order[first:first + m]
            cost = torch_step(params, optimiser, Xt[rows], Yt[rows])
            total += float(cost) * len(rows)  # nn_helpers.train also reads every cost
        seconds.append(time.perf_counter() - start)
    return seconds, total / len(X)


def epochs_matmul(X, Y, m, epochs, dtype):
    """Only the products of each step, into preallocated arrays (no shuffle, no activations)."""
    rng = np.random.default_rng(SEED)
    W1, W2 = (rng.standard_normal(s).astype(dtype) for s in ((784, 100), (100, 10)))
    Z1, D1 = np.empty((m, 100), dtype), np.empty((m, 100), dtype)
    Z2 = np.empty((m, 10), dtype)
    dW1, dW2 = np.empty_like(W1), np.empty_like(W2)
    seconds = []
    for _ in range(epochs):
        start = time.perf_counter()
        for first in batches(len(X), m):
            xb = X[first:first + m]
            r = len(xb)
            np.matmul(xb, W1, out=Z1[:r])           # forward, layer 1
            np.matmul(Z1[:r], W2, out=Z2[:r])       # forward, layer 2
            np.matmul(Z1[:r].T, Z2[:r], out=dW2)    # BP4, layer 2
            np.matmul(Z2[:r], W2.T, out=D1[:r])     # BP2
            np.matmul(xb.T, D1[:r], out=dW1)        # BP4, layer 1
        seconds.append(time.perf_counter() - start)
    return seconds, None


def peak_gflops(dtype, size=1024, repeats=5):
    """GFLOP/s of one large square product: what the BLAS reaches at its best here."""
    rng = np.random.default_rng(0)
    A, B = (rng.random((size, size)).astype(dtype) for _ in range(2))
    C = np.empty_like(A)
    np.matmul(A, B, out=C)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        np.matmul(A, B, out=C)
        times.append(time.perf_counter() - start)
    return 2 * size**3 / np.median(times) / 1e9


def worker(args):
    """One implementation, one batch size, one dtype; prints a JSON line."""
    if args.impl == "peak":
        print(json.dumps({"gflops": peak_gflops(args.dtype)}))
        return
    global THREADS
    THREADS = str(args.threads) if args.impl != "base" else "1"   # old code: its own rule
    X, Y = mnist(args.dtype)
    m, e, dt = args.batch, args.epochs, args.dtype
    if args.impl in ("nn", "base"):     # "base" runs with the baseline first on sys.path
        seconds, loss = epochs_nn(X, Y, m, e, dt)
    elif args.impl == "adam":
        seconds, loss = epochs_nn(X, Y, m, e, dt, optimizer="adam")
    elif args.impl == "bare":
        seconds, loss = epochs_bare(X, Y, m, e, dt)
    elif args.impl == "loop":
        seconds, loss = epochs_loop(X, Y, m, e, dt, args.loop_examples)
    elif args.impl == "torch":
        seconds, loss = epochs_torch(X, Y, m, e, dt, args.threads)
    else:
        seconds, loss = epochs_matmul(X, Y, m, e, dt)
    print(json.dumps({"seconds": seconds, "loss": loss, "maxrss_mb": peak_memory_mb()}))


def peak_memory_mb():
    """This process's peak resident memory. VmHWM belongs to the process image; ru_maxrss
    would also count the parent's memory at fork time (Linux keeps it across exec)."""
    try:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmHWM")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# ------------------------------------------------------------ one-step check
def check_one_step(dtype, m=10, have_torch=True):
    """All trainers start from the same weights and take one SGD step on the same batch."""
    import nn_helpers
    from nn_helpers.reference import sgd_step_per_example

    X, Y = mnist(dtype)
    xb, yb = X[:m], Y[:m]
    start = nn_helpers.Network(SIZES, seed=SEED, dtype=dtype)

    vectorized = start.copy()  # nn_helpers.train on exactly this batch: one step
    nn_helpers.train(vectorized, xb, yb, epochs=1, batch_size=m, lr=LR, progress=False)
    looped = start.copy()
    sgd_step_per_example(looped.weights, looped.biases, xb, yb, LR)
    bare = start.copy()
    epochs_bare(xb, yb, m, 1, dtype, net=bare)
    results = {"loop": [p for pair in looped.parameters for p in pair],
               "bare": [p for pair in bare.parameters for p in pair]}
    if have_torch:
        import torch

        params, optimiser = torch_model(dtype, 1)
        torch_step(params, optimiser, torch.from_numpy(xb), torch.from_numpy(yb))
        results["torch"] = [p.detach().numpy() for p in params]

    moved = max(float(np.abs(a - b).max()) for a, b in zip(
        [p for pair in vectorized.parameters for p in pair],
        [p for pair in start.parameters for p in pair]))
    tolerance = 1e-10 if dtype == "float64" else 2e-5
    report = {"moved": moved, "tolerance": tolerance}
    for name, params in results.items():
        diff = max(float(np.abs(a - b).max()) for a, b in zip(
            [p for pair in vectorized.parameters for p in pair], params))
        report[name] = diff
        print(f"  one step, {dtype}, batch {m}: max |nn_helpers - {name}| = {diff:.2e} "
              f"(tolerance {tolerance:g}; the step moved weights by up to {moved:.2e})")
        assert diff < tolerance, f"{name} disagrees with nn_helpers after one step: {diff}"
    return report


# --------------------------------------------------------------------- driver
def run_worker(impl, m, dtype, args):
    env = dict(os.environ)
    if args.threads != "default":      # otherwise each library picks its own thread count
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            env[var] = str(args.threads)
    if impl == "base":
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [args.baseline,
                                                          env.get("PYTHONPATH")]))
    cmd = [sys.executable, __file__, "--worker", impl, "--batch", str(m), "--dtype", dtype,
           "--epochs", str(args.epochs), "--threads", str(args.threads),
           "--loop-examples", str(args.loop_examples)]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(f"{impl} (batch {m}, {dtype}) failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def have_torch():
    try:
        import torch  # noqa: F401
    except ImportError:
        return False
    return True


def measure(args):
    impls = [i for i in IMPLEMENTATIONS if (i != "torch" or have_torch())
             and (i != "base" or args.baseline) and i not in args.skip]
    cells = {}  # (impl, dtype, m) -> {"seconds": [...], "maxrss_mb": [...], "loss": ...}
    peaks = {dtype: [] for dtype in args.dtypes}
    for round_ in range(args.repeats):
        for dtype in args.dtypes:
            peaks[dtype].append(run_worker("peak", 0, dtype, args)["gflops"])
            for m in args.batch_sizes:
                todo = [i for i in impls if i != "loop" or m in args.loop_batch_sizes]
                shift = round_ % len(todo)             # rotate who goes first
                for impl in todo[shift:] + todo[:shift]:
                    r = run_worker(impl, m, dtype, args)
                    cell = cells.setdefault(f"{impl}/{dtype}/{m}",
                                            {"seconds": [], "maxrss_mb": [], "loss": None})
                    cell["seconds"] += r["seconds"]
                    cell["maxrss_mb"].append(r["maxrss_mb"])
                    cell["loss"] = r["loss"]
                    print(f"  round {round_ + 1}/{args.repeats} {dtype} batch {m:4d} "
                          f"{impl:6s} " + " ".join(f"{s:.3f}" for s in r["seconds"])
                          + f" s/epoch, {r['maxrss_mb']:.0f} MB", flush=True)
    return cells, {dtype: float(np.median(v)) for dtype, v in peaks.items()}


def summarise(cells, peaks, args):
    rows = []
    gflop = flops_per_epoch(60000) / 1e9
    for dtype in args.dtypes:
        for m in args.batch_sizes:
            med = {}
            mem = {}
            for impl in IMPLEMENTATIONS:
                cell = cells.get(f"{impl}/{dtype}/{m}")
                if cell:
                    med[impl] = float(np.median(cell["seconds"]))
                    mem[impl] = float(max(cell["maxrss_mb"]))
            nn = med["nn"]
            rows.append({
                "dtype": dtype, "batch": m, "seconds": med, "peak_memory_mb": mem,
                "torch_over_nn": ratio(med.get("torch"), nn),
                "nn_over_base": ratio(nn, med.get("base")),
                "adam_over_nn": ratio(med.get("adam"), nn),
                "loop_over_nn": ratio(med.get("loop"), nn),
                "nn_over_bare": ratio(nn, med.get("bare")),
                "bare_over_matmul": ratio(med.get("bare"), med.get("matmul")),
                "nn_over_matmul": ratio(nn, med.get("matmul")),
                "nn_gflops": gflop / nn,
                "matmul_gflops": ratio(gflop, med.get("matmul")),
                "nn_fraction_of_peak": gflop / nn / peaks[dtype],
            })
    return rows


def ratio(a, b):
    """a / b, or None when either implementation did not run."""
    return a / b if a is not None and b is not None else None


def fmt(x, spec):
    return "-" if x is None else format(x, spec)


def times(x, spec):
    """A speed-up such as 1.97x, or - when that implementation did not run."""
    return "-" if x is None else format(x, spec) + "x"


def table(rows, peaks):
    lines = [
        "| dtype | batch | loop s | nn_helpers s | baseline s | Adam s | bare NumPy s "
        "| PyTorch s | matmuls alone s | PyTorch / nn | loop / nn | nn / baseline | Adam / nn "
        "| nn / bare | nn / matmuls | bare / matmuls "
        "| nn GFLOP/s (% of peak) | peak MB nn / torch / loop |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        s, mem = r["seconds"], r["peak_memory_mb"]
        lines.append(
            f"| {r['dtype']} | {r['batch']} | {fmt(s.get('loop'), '.2f')} | {s['nn']:.3f} | "
            f"{fmt(s.get('base'), '.3f')} | {fmt(s.get('adam'), '.3f')} | "
            f"{fmt(s.get('bare'), '.3f')} | {fmt(s.get('torch'), '.3f')} | "
            f"{fmt(s.get('matmul'), '.3f')} | "
            f"{times(r['torch_over_nn'], '.2f')} | {times(r['loop_over_nn'], '.1f')} | "
            f"{fmt(r['nn_over_base'], '.2f')} | {fmt(r['adam_over_nn'], '.2f')} | "
            f"{fmt(r['nn_over_bare'], '.2f')} | {fmt(r['nn_over_matmul'], '.2f')} | "
            f"{fmt(r['bare_over_matmul'], '.2f')} | {r['nn_gflops']:.0f} "
            f"({100 * r['nn_fraction_of_peak']:.0f}%) | {mem['nn']:.0f} / "
            f"{fmt(mem.get('torch'), '.0f')} / {fmt(mem.get('loop'), '.0f')} |")
    peak = ", ".join(f"{d}: {g:.0f} GFLOP/s" for d, g in peaks.items())
    lines.append(f"\nMatrix-product peak (one 1024x1024 product, same threads): {peak}.")
    return "\n".join(lines)


def parse(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--batch-sizes", type=lambda s: [int(x) for x in s.split(",")],
                   default=[10, 32, 128, 512])
    p.add_argument("--dtypes", type=lambda s: s.split(","), default=["float32", "float64"])
    p.add_argument("--epochs", type=int, default=3, help="epochs per run (default 3)")
    p.add_argument("--repeats", type=int, default=3, help="alternating rounds (default 3)")
    p.add_argument("--threads", type=lambda s: s if s == "default" else int(s), default=1,
                   help="BLAS/PyTorch threads for every run (default 1), or 'default': each "
                        "library's own choice, as a user runs it (see README)")
    p.add_argument("--baseline", help="another checkout of the package, timed as 'base'")
    p.add_argument("--skip", type=lambda s: s.split(","), default=[],
                   help="implementations not to run, e.g. loop,matmul")
    p.add_argument("--loop-batch-sizes", type=lambda s: [int(x) for x in s.split(",")],
                   default=[10], help="batch sizes that also time the per-example loop")
    p.add_argument("--loop-examples", type=int, default=6000,
                   help="the per-example loop trains on this many examples, scaled to 60,000")
    p.add_argument("--quick", action="store_true",
                   help="one round, one epoch, batch 10 and 128, float32 only")
    p.add_argument("--no-save", action="store_true", help="do not write the JSON file")
    p.add_argument("--worker", choices=IMPLEMENTATIONS + ("peak",), help=argparse.SUPPRESS)
    p.add_argument("--batch", type=int, help=argparse.SUPPRESS)
    p.add_argument("--dtype", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    args.impl = args.worker
    if args.quick:
        args.repeats, args.epochs, args.batch_sizes = 1, 1, [10, 128]
        args.dtypes, args.loop_examples = ["float32"], 2000
    return args


def main(argv=None):
    args = parse(argv)
    if args.worker:
        worker(args)
        return
    torch_ok = have_torch()
    print("One-step agreement (same start, same batch, lr 3.0):")
    check = {dtype: check_one_step(dtype, have_torch=torch_ok) for dtype in args.dtypes}
    started = time.time()
    cells, peaks = measure(args)
    rows = summarise(cells, peaks, args)
    print()
    print(table(rows, peaks))
    info = {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.processor() or ''}",
        "cpu": _cpu_name(),
        "load_average_at_end": os.getloadavg(),
        "minutes": (time.time() - started) / 60,
        "python": platform.python_version(), "numpy": np.__version__,
        "torch": _torch_version() if torch_ok else None,
        "settings": {k: getattr(args, k) for k in (
            "batch_sizes", "dtypes", "epochs", "repeats", "threads", "loop_batch_sizes",
            "loop_examples", "baseline")},
        "network": {"sizes": SIZES, "activation": "sigmoid", "loss": "quadratic", "lr": LR},
        "gflop_per_epoch": flops_per_epoch(60000) / 1e9,
        "peak_gflops": peaks, "one_step_check": check, "rows": rows, "runs": cells,
    }
    if not args.no_save:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(info, indent=1))
        print(f"\nWritten to {RESULTS}")


def _cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            return next(line.split(":", 1)[1].strip() for line in f if "model name" in line)
    except (OSError, StopIteration):
        return platform.processor()


def _torch_version():
    import torch

    return torch.__version__


if __name__ == "__main__":
    main()
