"""Optimisers and the schedule against PyTorch, step by step, on random gradients; validation; weight decay = L2."""
import pytest
import torch
from hypothesis import given, strategies as st

from solveit_z2h.calculus import relative_error
from solveit_z2h.engine import Value
from solveit_z2h.losses import l2_regularization
from solveit_z2h.nn import MLP
from solveit_z2h.optim import SGD, Adam, LinearLR

CONFIGS = {
    'sgd': (lambda ps: SGD(ps, lr=0.1), lambda ts: torch.optim.SGD(ts, lr=0.1)),
    'sgd_momentum_wd': (lambda ps: SGD(ps, lr=0.05, momentum=0.9, weight_decay=0.01),
                        lambda ts: torch.optim.SGD(ts, lr=0.05, momentum=0.9, weight_decay=0.01)),
    'adam': (lambda ps: Adam(ps, lr=0.01), lambda ts: torch.optim.Adam(ts, lr=0.01)),
    'adam_wd': (lambda ps: Adam(ps, lr=0.02, betas=(0.8, 0.95), eps=1e-6, weight_decay=0.05),
                lambda ts: torch.optim.Adam(ts, lr=0.02, betas=(0.8, 0.95), eps=1e-6, weight_decay=0.05)),
}
floats = st.floats(-10, 10)


@pytest.mark.parametrize('config', CONFIGS)
@given(start=st.lists(floats, min_size=1, max_size=4), data=st.data())
def test_steps_match_pytorch(config, start, data):
    ours = [Value(x) for x in start]
    theirs = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in start]
    make_ours, make_theirs = CONFIGS[config]
    opt, topt = make_ours(ours), make_theirs(theirs)
    sched, tsched = LinearLR(opt, 1.0, 0.2, 4), torch.optim.lr_scheduler.LinearLR(topt, 1.0, 0.2, 4)
    for _ in range(6):
        grads = data.draw(st.lists(floats, min_size=len(start), max_size=len(start)))
        for p, t, g in zip(ours, theirs, grads, strict=True):
            p.grad = g
            t.grad = torch.tensor(g, dtype=torch.float64)
        opt.step(); topt.step()
        sched.step(); tsched.step()
        assert relative_error(opt.lr, topt.param_groups[0]['lr']) <= 1e-12
        for p, t in zip(ours, theirs, strict=True): assert relative_error(p.data, t.item()) <= 1e-10, (p.data, t.item())


def test_zero_grad_clears_every_parameter():
    model = MLP(2, [3, 1])
    opt = Adam(model.parameters())
    model([1.0, 2.0]).backward()
    opt.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())


def test_sgd_weight_decay_is_l2_regularization():
    def one_step(weight_decay, alpha):
        model = MLP(2, [4, 1], seed=1)
        loss = (model([0.5, -1.0]) - 2.0) ** 2 + l2_regularization(model.parameters(), alpha)
        opt = SGD(model.parameters(), lr=0.1, weight_decay=weight_decay)
        loss.backward()
        opt.step()
        return [p.data for p in model.parameters()]
    assert one_step(0.2, 0.0) == pytest.approx(one_step(0.0, 0.1), rel=1e-14)


def test_linear_lr_holds_its_end_value():
    opt = SGD([Value(1.0)], lr=2.0)
    sched = LinearLR(opt, start_factor=0.5, end_factor=1.0, total_iters=3)
    seen = [opt.lr]
    for _ in range(5): sched.step(); seen.append(opt.lr)
    assert seen == pytest.approx([1.0, 4 / 3, 5 / 3, 2.0, 2.0, 2.0])


@pytest.mark.parametrize('make, error, message', [
    (lambda: SGD([], lr=0.1), ValueError, 'no parameters'),
    (lambda: SGD([Value(1.0)], lr=-1), ValueError, 'lr must be'),
    (lambda: SGD([Value(1.0)], lr=0.1, momentum=1.0), ValueError, 'momentum must be'),
    (lambda: SGD([Value(1.0)], lr=0.1, weight_decay=-0.1), ValueError, 'weight_decay must be'),
    (lambda: SGD([1.0], lr=0.1), TypeError, 'parameters must be Values'),
    (lambda: Adam([Value(1.0)], lr='fast'), ValueError, 'lr must be'),
    (lambda: Adam([Value(1.0)], betas=(1.2, 0.999)), ValueError, r'betas\[0\] must be'),
    (lambda: Adam([Value(1.0)], eps=-1), ValueError, 'eps must be'),
    (lambda: LinearLR(SGD([Value(1.0)], lr=1.0), start_factor=0), ValueError, 'start_factor must be'),
    (lambda: LinearLR(SGD([Value(1.0)], lr=1.0), total_iters=0), ValueError, 'total_iters must be'),
])
def test_bad_hyperparameters_fail_clearly(make, error, message):
    with pytest.raises(error, match=message): make()
