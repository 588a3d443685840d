"""Optimisers and the schedule against PyTorch, step by step, on random gradients; validation;
weight decay = L2 in SGD and Adam, and AdamW's decoupled decay; chapter 07's valley paths (SGD
scales each coordinate; Adam ignores a coordinate's scale, but not a turned valley)."""
import math
import random

import numpy as np
import pytest
import torch
from hypothesis import given, strategies as st

from solveit_z2h.calculus import relative_error
from solveit_z2h.engine import Value
from solveit_z2h.losses import l2_regularization
from solveit_z2h.nn import MLP
from solveit_z2h.optim import SGD, Adam, AdamW, LinearLR

CONFIGS = {
    'sgd': (lambda ps: SGD(ps, lr=0.1), lambda ts: torch.optim.SGD(ts, lr=0.1)),
    'sgd_momentum_wd': (
        lambda ps: SGD(ps, lr=0.05, momentum=0.9, weight_decay=0.01),
        lambda ts: torch.optim.SGD(ts, lr=0.05, momentum=0.9, weight_decay=0.01),
    ),
    'adam': (lambda ps: Adam(ps, lr=0.01), lambda ts: torch.optim.Adam(ts, lr=0.01)),
    'adam_wd': (
        lambda ps: Adam(ps, lr=0.02, betas=(0.8, 0.95), eps=1e-6, weight_decay=0.05),
        lambda ts: torch.optim.Adam(ts, lr=0.02, betas=(0.8, 0.95), eps=1e-6, weight_decay=0.05),
    ),
    'adamw': (lambda ps: AdamW(ps), lambda ts: torch.optim.AdamW(ts)),
    'adamw_wd': (
        lambda ps: AdamW(ps, lr=0.05, betas=(0.8, 0.95), eps=1e-6, weight_decay=0.3),
        lambda ts: torch.optim.AdamW(ts, lr=0.05, betas=(0.8, 0.95), eps=1e-6, weight_decay=0.3),
    ),
    'adam_decoupled': (
        lambda ps: Adam(ps, lr=0.05, weight_decay=0.1, decoupled_weight_decay=True),
        lambda ts: torch.optim.Adam(ts, lr=0.05, weight_decay=0.1, decoupled_weight_decay=True),
    ),
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
        for p, t in zip(ours, theirs, strict=True):
            assert relative_error(p.data, t.item()) <= 1e-10, (p.data, t.item())


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


def test_linear_lr_has_pytorchs_defaults():
    "LinearLR(opt) as PyTorch's: from a third of the rate up to all of it over 5 steps, then holds."
    ours, theirs = (
        SGD([Value(0.0)], lr=0.3),
        torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.3),
    )
    sched, tsched = LinearLR(ours), torch.optim.lr_scheduler.LinearLR(theirs)
    for _ in range(8):
        assert relative_error(ours.lr, theirs.param_groups[0]['lr']) <= 1e-12
        theirs.step(); sched.step(); tsched.step()
    assert ours.lr == pytest.approx(0.3, rel=1e-12)


def _run_against_pytorch(make_ours, make_theirs, steps, seed=0):
    "Largest relative difference from PyTorch's, over `steps` steps with the same random gradients."
    rng = random.Random(seed)
    start = [rng.uniform(-3, 3) for _ in range(6)]
    ours = [Value(x) for x in start]
    theirs = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in start]
    opt, topt = make_ours(ours), make_theirs(theirs)
    worst = 0.0
    for _ in range(steps):
        for p, t in zip(ours, theirs, strict=True):
            # a gradient that depends on where the parameter is
            p.grad = rng.gauss(0, 1) + 0.5 * p.data
            t.grad = torch.tensor(p.grad, dtype=torch.float64)
        opt.step(); topt.step()
        worst = max(
            [worst] + [relative_error(p.data, t.item()) for p, t in zip(ours, theirs, strict=True)]
        )
    return worst


@pytest.mark.parametrize('config', ['adamw', 'adamw_wd', 'adam_wd', 'adam_decoupled'])
def test_many_steps_match_pytorch(config):
    assert _run_against_pytorch(*CONFIGS[config], steps=1000) <= 1e-12


def test_adamw_has_pytorchs_defaults():
    defaults = torch.optim.AdamW([torch.zeros(1, requires_grad=True)]).defaults
    opt = AdamW([Value(1.0)])
    assert (opt.lr, opt.betas, opt.eps, opt.weight_decay) == (
        defaults['lr'],
        defaults['betas'],
        defaults['eps'],
        defaults['weight_decay'],
    )
    assert opt.decoupled_weight_decay and isinstance(opt, Adam)
    assert repr(opt).startswith('AdamW(lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.01)')


def _run_with_l2(make_optimizer, alpha, steps=100):
    model = MLP(2, [4, 1], seed=1)
    opt = make_optimizer(model.parameters())
    for k in range(steps):
        x = [0.5 * (k % 3), -1.0 + 0.25 * (k % 5)]
        loss = (model(x) - 2.0) ** 2 + l2_regularization(model.parameters(), alpha)
        opt.zero_grad(); loss.backward(); opt.step()
    return [p.data for p in model.parameters()]


def test_adam_weight_decay_is_l2_regularization_but_adamw_is_not():
    adam_decay = _run_with_l2(lambda ps: Adam(ps, lr=0.01, weight_decay=0.2), alpha=0.0)
    adam_l2 = _run_with_l2(lambda ps: Adam(ps, lr=0.01), alpha=0.1)
    adamw = _run_with_l2(lambda ps: AdamW(ps, lr=0.01, weight_decay=0.2), alpha=0.0)
    assert max(abs(a - b) for a, b in zip(adam_decay, adam_l2, strict=True)) <= 1e-12
    assert max(abs(a - b) for a, b in zip(adamw, adam_l2, strict=True)) > 1e-2


def test_adamw_decay_without_gradient_is_a_plain_shrink():
    p = Value(2.0)
    opt = AdamW([p], lr=0.1, weight_decay=0.01)
    for _ in range(10): p.grad = 0.0; opt.step()
    assert p.data == pytest.approx(2.0 * 0.999 ** 10, rel=1e-14)
    # chapter 07's exercise 4: Adam's coupled decay moves it about lr per step instead, to about
    # 1.02
    r = Value(2.0)
    opt = Adam([r], lr=0.1, weight_decay=0.01)
    for _ in range(10): r.grad = 0.0; opt.step()
    assert r.data == pytest.approx(1.02, abs=0.01)
    # Adam's coupled decay is normalised by sqrt(v): a step of about lr, whatever weight_decay is
    q = Value(2.0)
    Adam([q], lr=0.1, weight_decay=1e-4).step()
    assert q.data == pytest.approx(1.9, abs=1e-5)


def test_adam_steps_are_lr_long_under_a_constant_gradient():
    for g in (1e-3, 0.5, 1e3):
        p = Value(0.0)
        opt = Adam([p], lr=0.01)
        for t in range(1, 50):
            before = p.data
            p.grad = g; opt.step()
            assert before - p.data == pytest.approx(0.01, rel=1e-4), (g, t)


def test_adamw_updates_arrays_in_place_like_values():
    "The optimisers are duck-typed: anything with .data, .grad and zero_grad(), e.g. tensor arrays."

    class ArrayParam:
        def __init__(self, data):
            self.data, self.grad = np.array(data, dtype=float), np.zeros(len(data))

        def zero_grad(self): self.grad = np.zeros_like(self.data)
    start, grads = [0.5, -1.5, 2.0], [[0.3, -0.1, 2.0], [1.0, 0.5, -0.25]]
    arr, vals = ArrayParam(start), [Value(x) for x in start]
    opt_arr, opt_vals = (
        AdamW([arr], lr=0.1, weight_decay=0.05),
        AdamW(vals, lr=0.1, weight_decay=0.05),
    )
    data_before = arr.data
    for g in grads:
        arr.grad = np.array(g)
        for v, gi in zip(vals, g, strict=True): v.grad = gi
        opt_arr.step(); opt_vals.step()
    assert arr.data is data_before  # updated in place
    assert arr.data.tolist() == pytest.approx([v.data for v in vals], rel=1e-15)


@pytest.mark.parametrize('make', [lambda ps: SGD(ps, lr=0.1, momentum=0.9, weight_decay=0.01),
                                  lambda ps: Adam(ps, lr=0.05, weight_decay=0.1),
                                  lambda ps: Adam(ps, lr=0.05, betas=(0.8, 0.99), eps=1e-6)])
def test_every_optimizer_updates_arrays_in_place_like_values(make):
    "SGD's velocity and Adam's m and v work elementwise on numpy-array .data and .grad."

    class ArrayParam:
        def __init__(self, data):
            self.data, self.grad = np.array(data, dtype=float), np.zeros(len(data))

        def zero_grad(self): self.grad = np.zeros_like(self.data)
    rng = np.random.default_rng(0)
    start = rng.normal(size=4)
    arr, vals = ArrayParam(start), [Value(float(x)) for x in start]
    opt_arr, opt_vals = make([arr]), make(vals)
    data_before = arr.data
    for _ in range(5):
        g = rng.normal(size=4)
        arr.grad = g
        for v, gi in zip(vals, g.tolist(), strict=True): v.grad = gi
        opt_arr.step(); opt_vals.step()
    assert arr.data is data_before
    assert arr.data.tolist() == pytest.approx([v.data for v in vals], rel=1e-13)


@pytest.mark.parametrize(
    'make, error, message',
    [
        (lambda: SGD([], lr=0.1), ValueError, 'no parameters'),
        (lambda: SGD([Value(1.0)], lr=-1), ValueError, 'lr must be'),
        (lambda: SGD([Value(1.0)], lr=0.1, momentum=1.0), ValueError, 'momentum must be'),
        (lambda: SGD([Value(1.0)], lr=0.1, weight_decay=-0.1), ValueError, 'weight_decay must be'),
        (lambda: SGD([1.0], lr=0.1), TypeError, 'parameters must be Values'),
        (lambda: Adam([Value(1.0)], lr='fast'), ValueError, 'lr must be'),
        (lambda: Adam([Value(1.0)], betas=(1.2, 0.999)), ValueError, r'betas\[0\] must be'),
        (lambda: Adam([Value(1.0)], eps=-1), ValueError, 'eps must be'),
        (lambda: AdamW([Value(1.0)], weight_decay=-0.01), ValueError, 'weight_decay must be'),
        (lambda: AdamW([Value(1.0)], betas=(0.9, 1.5)), ValueError, r'betas\[1\] must be'),
        (lambda: AdamW([], lr=0.1), ValueError, 'no parameters'),
        (
            lambda: LinearLR(SGD([Value(1.0)], lr=1.0), start_factor=0),
            ValueError,
            'start_factor must be',
        ),
        (
            lambda: LinearLR(SGD([Value(1.0)], lr=1.0), total_iters=0),
            ValueError,
            'total_iters must be',
        ),
    ],
)
def test_bad_hyperparameters_fail_clearly(make, error, message):
    with pytest.raises(error, match=message): make()


def _descend(make_optimizer, loss, start, steps=50):
    "The points (x, y) `make_optimizer([x, y])` visits in `steps` steps down `loss(x, y)` (ch. 07)."
    x, y = Value(start[0]), Value(start[1])
    opt = make_optimizer([x, y])
    path = [(x.data, y.data)]
    for _ in range(steps):
        opt.zero_grad(); loss(x, y).backward(); opt.step()
        path.append((x.data, y.data))
    return path


@pytest.mark.parametrize('lr, steepness', [(0.035, 50), (0.01, 150), (0.3, 2)])
def test_sgd_in_a_quadratic_valley_scales_each_coordinate(lr, steepness):
    "On ½(x² + k·y²) SGD multiplies x by 1 - lr and y by 1 - k·lr each step: y flips once k·lr > 1."
    path = _descend(
        lambda ps: SGD(ps, lr=lr),
        lambda x, y: 0.5 * (x**2 + steepness * y**2),
        (-5.0, 2.0),
        steps=20,
    )
    for k, (x, y) in enumerate(path):
        assert x == pytest.approx(-5.0 * (1 - lr) ** k, rel=1e-12)
        assert y == pytest.approx(2.0 * (1 - steepness * lr) ** k, rel=1e-12)


@pytest.mark.parametrize('steepness', [50, 1000])
def test_adams_path_does_not_depend_on_a_coordinates_scale(steepness):
    "Adam divides each coordinate's gradient by its own size: scaling y changes only eps's share."
    bowl = _descend(lambda ps: Adam(ps, lr=0.3), lambda x, y: 0.5 * (x ** 2 + y ** 2), (-5.0, 2.0))
    valley = _descend(
        lambda ps: Adam(ps, lr=0.3), lambda x, y: 0.5 * (x**2 + steepness * y**2), (-5.0, 2.0)
    )
    assert max(abs(a - b) for p, q in zip(bowl, valley, strict=True) for a, b in zip(p, q)) < 1e-7
    sgd_bowl = _descend(lambda ps: SGD(ps, lr=0.001), lambda x, y: 0.5 * (x**2 + y**2), (-5.0, 2.0))
    sgd_valley = _descend(
        lambda ps: SGD(ps, lr=0.001), lambda x, y: 0.5 * (x**2 + steepness * y**2), (-5.0, 2.0)
    )
    # SGD's path depends on it
    assert max(abs(p[1] - q[1]) for p, q in zip(sgd_bowl, sgd_valley, strict=True)) > 0.5


def test_sgd_and_momentum_turn_with_the_valley_but_adam_does_not():
    "Turning the loss (and start) turns SGD's and momentum's paths with it; Adam's steps do not."
    r = 0.5 ** 0.5
    def valley(x, y): return 0.5 * (x ** 2 + 50 * y ** 2)
    def turned(x, y): return valley(r * (x + y), r * (y - x))
    def turn_back(path): return [(r * (x + y), r * (y - x)) for x, y in path]
    for make in (lambda ps: SGD(ps, lr=0.035), lambda ps: SGD(ps, lr=0.005, momentum=0.9)):
        along, across = (
            _descend(make, valley, (-5.0, 2.0)),
            _descend(make, turned, (-3.5 / r, -1.5 / r)),
        )
        assert (
            max(
                abs(a - b)
                for p, q in zip(along, turn_back(across), strict=True)
                for a, b in zip(p, q)
            )
            < 1e-12
        )
    along = _descend(lambda ps: Adam(ps, lr=0.3), valley, (-5.0, 2.0))
    across = _descend(lambda ps: Adam(ps, lr=0.3), turned, (-3.5 / r, -1.5 / r))
    # 2.80 against 0.12 from the minimum
    assert abs(np.hypot(*across[-1]) - np.hypot(*along[-1])) > 2.0


@pytest.mark.parametrize('make, error, message', [
    (lambda w: SGD([w, Value(2.0), w], lr=0.1), ValueError, 'parameter 2 is parameter 0 again'),
    (lambda w: Adam([w, w]), ValueError, 'parameter 1 is parameter 0 again'),
    (lambda w: Adam([w], betas=0.9), ValueError, r'betas must be a pair .*got 0.9'),
    (lambda w: AdamW([w], betas=(0.9, 0.99, 0.999)), ValueError, r'betas must be a pair'),
    (lambda w: SGD([w], lr=0.1, weight_decay=math.nan), ValueError, 'weight_decay must be'),
    (lambda w: AdamW([w], weight_decay=math.nan), ValueError, 'weight_decay must be'),
])
def test_duplicate_parameters_and_bad_betas_fail_clearly(make, error, message):
    with pytest.raises(error, match=message): make(Value(1.0))


def test_numpy_float32_hyperparameters_keep_parameters_python_floats():
    for make in [lambda ps: SGD(ps, lr=np.float32(0.1), momentum=np.float32(0.5)),
                 lambda ps: Adam(ps, lr=np.float32(0.1), betas=np.array([0.9, 0.999], 'float32'))]:
        w = Value(1.0)
        opt = make([w])
        LinearLR(opt, start_factor=np.float32(0.5))
        (w * w).backward()
        opt.step()
        assert type(w.data) is float and type(opt.lr) is float


def test_a_tensor_without_grad_is_refused():
    from solveit_z2h.tensor import Tensor
    with pytest.raises(ValueError, match='requires_grad=False'): SGD([Tensor([1.0, 2.0])], lr=0.1)
    t = Tensor([1.0, 2.0], requires_grad=True)
    opt = SGD([t], lr=0.1)
    t.grad = None
    with pytest.raises(RuntimeError, match=r'has no \.grad: call loss.backward\(\) before step'):
        opt.step()


@pytest.mark.parametrize('make, make_torch', [
    (lambda ps: SGD(ps, lr=0.1), lambda ts: torch.optim.SGD(ts, lr=0.1)),
    (lambda ps: Adam(ps, lr=0.1), lambda ts: torch.optim.Adam(ts, lr=0.1)),
    (lambda ps: AdamW(ps, lr=0.1, weight_decay=0.0),
     lambda ts: torch.optim.AdamW(ts, lr=0.1, weight_decay=0.0)),
    (lambda ps: AdamW(ps, lr=0.1), lambda ts: torch.optim.AdamW(ts, lr=0.1)),
])
def test_an_infinite_parameter_stays_infinite_as_in_pytorch(make, make_torch):
    "Weight decay 0 is no decay at all (0 * inf is nan); AdamW's shrinks p by a factor (inf - inf)."
    ours = [Value(math.inf), Value(-1.5)]
    theirs = [torch.tensor(p.data, dtype=torch.float64, requires_grad=True) for p in ours]
    for p, t in zip(ours, theirs): p.grad = 0.5; t.grad = torch.tensor(0.5, dtype=torch.float64)
    make(ours).step(); make_torch(theirs).step()
    assert [p.data for p in ours] == [t.item() for t in theirs]
    assert ours[0].data == math.inf
