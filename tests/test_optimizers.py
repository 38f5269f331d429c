"""Optimizers and schedules: each update rule equals torch.optim's to 1e-10 in float64."""

import math

import numpy as np
import pytest

from nn_helpers import SGD, Adam, AdamW, Constant, Cosine, Network, StepDecay, train
from nn_helpers import torch_bridge as tb
from nn_helpers.data import one_hot
from nn_helpers.optimizers import make_schedule

torch = pytest.importorskip("torch") if tb.have_torch() else None
needs_torch = pytest.mark.skipif(torch is None, reason="PyTorch is not installed")


def _data(n=24, seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, 5)), one_hot(rng.integers(0, 3, n), 3)


def _net():
    return Network([5, 7, 3], hidden="tanh", output="softmax", loss="cross_entropy",
                   init="xavier", seed=1)


def _torch_twin(net, torch_optimizer, **settings):
    """The same network in torch, with weight decay on the weights only (as ours)."""
    model = tb.to_torch(net, "float64")
    linears = [m for m in model if isinstance(m, torch.nn.Linear)]
    decay = settings.pop("weight_decay", 0.0)
    groups = [{"params": [m.weight for m in linears], "weight_decay": decay},
              {"params": [m.bias for m in linears], "weight_decay": 0.0}]
    return model, linears, torch_optimizer(groups, **settings)


def _largest_difference(net, linears):
    return max(max(float(np.abs(W - m.weight.detach().numpy().T).max()),
                   float(np.abs(b - m.bias.detach().numpy()).max()))
               for W, b, m in zip(net.weights, net.biases, linears))


CASES = [  # (ours, torch's class, settings)
    (SGD, "SGD", dict(lr=0.3)),
    (SGD, "SGD", dict(lr=0.3, weight_decay=0.05)),
    (SGD, "SGD", dict(lr=0.1, momentum=0.9)),
    (SGD, "SGD", dict(lr=0.1, momentum=0.9, weight_decay=0.01, nesterov=True)),
    (Adam, "Adam", dict(lr=0.01)),
    (Adam, "Adam", dict(lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)),
    (AdamW, "AdamW", dict(lr=0.01, weight_decay=0.1)),
]


@needs_torch
@pytest.mark.parametrize("ours,theirs,settings", CASES)
def test_each_update_rule_matches_torch_optim(ours, theirs, settings):
    X, Y = _data()
    net = _net()
    model, linears, optimizer = _torch_twin(net, getattr(torch.optim, theirs), **settings)
    mine = ours(**settings)
    rng = np.random.default_rng(0)
    for _ in range(30):
        rows = rng.choice(len(X), 8, replace=False)
        mine.step(net, net.gradients(X[rows], Y[rows]))
        optimizer.zero_grad()
        tb.torch_cost(model, X[rows], Y[rows], net).backward()
        optimizer.step()
    assert _largest_difference(net, linears) < 1e-10
    assert _largest_difference(_net(), linears) > 1e-2    # the weights did move


def _torch_lrs(schedule_maker, total, lr=0.5):
    parameter = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([parameter], lr=lr)
    scheduler = schedule_maker(optimizer)
    lrs = []
    for _ in range(total):
        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return lrs


@needs_torch
@pytest.mark.parametrize("name", ["constant", "step", "cosine", "warmup+cosine", "warmup+step"])
def test_schedules_match_torch_lr_schedulers(name):
    S = torch.optim.lr_scheduler
    per_epoch, epochs, lr = 7, 6, 0.5
    total, w = per_epoch * epochs, 2 * per_epoch
    ours, theirs = {
        "constant": (Constant(), lambda o: S.ConstantLR(o, factor=1.0)),
        "step": (StepDecay(every=2, gamma=0.3), lambda o: S.StepLR(o, 2 * per_epoch, 0.3)),
        "cosine": (Cosine(final=0.1), lambda o: S.CosineAnnealingLR(o, total, eta_min=0.05)),
        "warmup+cosine": (Cosine(warmup=2), lambda o: S.SequentialLR(o, [
            S.LinearLR(o, start_factor=1 / w, total_iters=w - 1),
            S.CosineAnnealingLR(o, total - w)], milestones=[w])),
        "warmup+step": (StepDecay(every=1, gamma=0.5, warmup=2), lambda o: S.SequentialLR(o, [
            S.LinearLR(o, start_factor=1 / w, total_iters=w - 1),
            S.StepLR(o, per_epoch, 0.5)], milestones=[w])),
    }[name]
    mine = [lr * ours.factor(t, total, per_epoch) for t in range(total)]
    np.testing.assert_allclose(mine, _torch_lrs(theirs, total, lr), rtol=1e-10, atol=0)


@needs_torch
def test_train_with_adamw_and_a_warm_cosine_schedule_matches_a_torch_loop():
    """train() end to end: same shuffles, the schedule's lr at every step, same weights."""
    X, Y = _data(40)
    net = _net()
    model, linears, optimizer = _torch_twin(net, torch.optim.AdamW, lr=0.02, weight_decay=0.1)
    history = train(net, X, Y, epochs=4, batch_size=16, optimizer=AdamW(lr=0.02,
                    weight_decay=0.1), schedule=Cosine(warmup=1), seed=3, progress=False)
    schedule, per_epoch = Cosine(warmup=1), 3
    rng, t = np.random.default_rng(3), 0
    for _ in range(4):
        order = rng.permutation(len(X))
        for first in range(0, len(X), 16):
            rows = order[first:first + 16]
            for group in optimizer.param_groups:
                group["lr"] = 0.02 * schedule.factor(t, 4 * per_epoch, per_epoch)
            optimizer.zero_grad()
            tb.torch_cost(model, X[rows], Y[rows], net).backward()
            optimizer.step()
            t += 1
    assert _largest_difference(net, linears) < 1e-10
    assert history.lr[-1] == pytest.approx(0.02 * schedule.factor(11, 12, 3))


def test_an_optimizer_passed_again_continues_where_it_stopped():
    """Two train calls with one Adam object = one call of twice the epochs (full batches, so
    the shuffles change only the order of a sum, i.e. rounding); a new Adam restarts."""
    X, Y = _data(16)
    once, twice, restarted = _net(), _net(), _net()
    train(once, X, Y, epochs=6, batch_size=16, optimizer="adam", lr=0.01, progress=False)
    adam = Adam(lr=0.01)
    train(twice, X, Y, epochs=3, batch_size=16, optimizer=adam, progress=False)
    train(twice, X, Y, epochs=3, batch_size=16, optimizer=adam, progress=False)
    assert adam.steps == 6
    train(restarted, X, Y, epochs=3, batch_size=16, optimizer="adam", lr=0.01, progress=False)
    train(restarted, X, Y, epochs=3, batch_size=16, optimizer="adam", lr=0.01, progress=False)
    for W1, W2, W3 in zip(once.weights, twice.weights, restarted.weights):
        np.testing.assert_allclose(W1, W2, rtol=0, atol=1e-14)
        assert np.abs(W1 - W3).max() > 1e-4          # the state is what made them equal


def test_an_optimizer_belongs_to_one_network():
    adam = Adam(_net())
    with pytest.raises(ValueError, match="another network"):
        adam.step(_net(), _net().gradients(*_data()))


def test_bad_settings_are_refused_with_the_fix():
    with pytest.raises(ValueError, match="nesterov=True needs momentum"):
        SGD(lr=0.1, nesterov=True)
    with pytest.raises(ValueError, match=r"betas\[1\] must be below 1"):
        Adam(betas=(0.9, 1.0))
    with pytest.raises(ValueError, match="schedule='linear' is not known"):
        make_schedule("linear")
    with pytest.raises(ValueError, match="every must be"):
        StepDecay(every=0)


def test_warmup_ramps_linearly_to_the_full_rate():
    factors = [Cosine(warmup=1).factor(t, 40, 4) for t in range(6)]
    assert factors[:4] == [0.25, 0.5, 0.75, 1.0]
    assert factors[4] == 1.0 and factors[5] < 1.0     # the cosine starts after the warm-up
    assert Cosine().factor(40, 40, 4) == pytest.approx(0.0)
    assert math.isclose(StepDecay(every=1, gamma=0.5).factor(4, 40, 4), 0.5)


def test_a_constant_rate_with_warm_up_ramps_in_train():
    X, Y = _data(40)
    history = train(_net(), X, Y, epochs=3, batch_size=10, lr=0.2,
                    schedule=Constant(warmup=2), progress=False)
    assert history.lr == pytest.approx([0.1, 0.2, 0.2])   # 4 of 8 warm-up steps, then full
