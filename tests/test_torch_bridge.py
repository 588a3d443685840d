"""The PyTorch bridge: identical networks, weights both ways, training runs that agree per step."""

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from solveit_z2h.calculus import relative_error
from solveit_z2h.data import make_blobs, make_moons
from solveit_z2h.losses import cross_entropy, hinge_loss, l2_regularization
from solveit_z2h.nn import ACTIVATIONS, MLP
from solveit_z2h.optim import SGD, Adam, LinearLR
from solveit_z2h.torch_bridge import copy_weights_from_torch, copy_weights_to_torch, to_torch
from solveit_z2h.train import fit


def torch_params(torch_model):
    "The torch model's weights in our parameters() order: per neuron, its weight row then its bias."
    return [
        v
        for lin in torch_model.modules()
        if isinstance(lin, nn.Linear)
        for row, b in zip(lin.weight.tolist(), lin.bias.tolist(), strict=True)
        for v in (*row, b)
    ]


@pytest.mark.parametrize('act', sorted(ACTIVATIONS))
@pytest.mark.parametrize('out_act', [None, 'sigmoid'])
def test_to_torch_computes_the_same_function_and_gradients(act, out_act):
    model = MLP(3, [6, 5, 2], act=act, out_act=out_act, seed=2)
    torch_model = to_torch(model)
    x = [0.4, -2.5, 1.1]
    out = model(x)
    (out[0] * out[1]).backward()
    tout = torch_model(torch.tensor([x], dtype=torch.float64))[0]
    (tout[0] * tout[1]).backward()
    assert all(relative_error(a.data, b) <= 1e-12 for a, b in zip(out, tout.tolist(), strict=True))
    grads = [
        v
        for lin in torch_model.modules()
        if isinstance(lin, nn.Linear)
        for row, b in zip(lin.weight.grad.tolist(), lin.bias.grad.tolist(), strict=True)
        for v in (*row, b)
    ]
    assert all(
        relative_error(p.grad, g) <= 1e-12 for p, g in zip(model.parameters(), grads, strict=True)
    )


def test_softplus_is_exact_beyond_pytorchs_threshold():
    model = MLP(1, [1, 1], act='softplus', seed=0)
    neuron = model.layers[0].neurons[0]
    neuron.w[0].data, neuron.b.data = 1.0, 0.0
    x = [20.5]
    assert (
        relative_error(
            model(x).data, to_torch(model)(torch.tensor([x], dtype=torch.float64)).item()
        )
        <= 1e-15
    )


def test_weights_travel_both_ways():
    model = MLP(2, [4, 3], seed=0)
    torch_model = to_torch(model)
    assert torch_params(torch_model) == [p.data for p in model.parameters()]
    with torch.no_grad():
        for p in torch_model.parameters(): p.add_(1.0)
    copy_weights_from_torch(torch_model, model)
    assert [p.data for p in model.parameters()] == torch_params(torch_model)
    fresh = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 3)).double()
    copy_weights_to_torch(model, fresh)
    assert torch_params(fresh) == [p.data for p in model.parameters()]


@pytest.mark.parametrize(
    'call, message',
    [
        (lambda: to_torch(MLP(2, [3, 1], act=lambda v: v.relu())), 'custom function'),
        (
            lambda: copy_weights_to_torch(MLP(2, [3, 1]), nn.Sequential(nn.Linear(2, 3))),
            '2 layers but the torch model has 1',
        ),
        (
            lambda: copy_weights_from_torch(
                nn.Sequential(nn.Linear(3, 2), nn.Linear(2, 1)), MLP(2, [3, 1])
            ),
            'weight of shape \\(3, 2\\)',
        ),
        (
            lambda: copy_weights_to_torch(MLP(2, [1]), nn.Sequential(nn.Linear(2, 1, bias=False))),
            'and no bias',
        ),
    ],
)
def test_mismatches_fail_clearly(call, message):
    with pytest.raises(ValueError, match=message): call()


def run_both(
    model,
    X,
    y_ours,
    y_torch,
    ours_loss,
    torch_loss,
    make_ours,
    make_torch,
    steps=25,
    regularize=False,
    dtype=torch.float64,
):
    torch_model = to_torch(model, dtype=dtype)
    opt = make_ours(model.parameters())
    history = fit(
        model,
        X,
        y_ours,
        ours_loss,
        opt,
        steps=steps,
        scheduler=LinearLR(opt, 1.0, 0.1, steps),
        progress=False,
        regularization=(lambda: l2_regularization(model.parameters(), 1e-4))
        if regularize
        else None,
    )
    topt = make_torch(torch_model.parameters())
    tsched = torch.optim.lr_scheduler.LinearLR(topt, 1.0, 0.1, steps)
    X_t, losses = torch.tensor(X, dtype=dtype), []
    for _ in range(steps):
        loss = torch_loss(torch_model(X_t), y_torch)
        if regularize: loss = loss + 1e-4 * sum((p ** 2).sum() for p in torch_model.parameters())
        topt.zero_grad(); loss.backward(); topt.step(); tsched.step()
        losses.append(loss.item())
    return history.loss, losses, [p.data for p in model.parameters()], torch_params(torch_model)


def test_whole_run_parity_hinge_l2_sgd_momentum_weight_decay():
    X, y = make_moons(60, noise=0.1, seed=2)
    y_pm = [2 * t - 1 for t in y]
    ours, theirs, params, tparams = run_both(
        MLP(2, [16, 16, 1], act='relu', seed=0), X, y_pm, torch.tensor(y_pm, dtype=torch.float64),
        hinge_loss, lambda s, t: torch.relu(1 - t * s[:, 0]).mean(),
        lambda ps: SGD(ps, lr=0.5, momentum=0.9, weight_decay=1e-3),
        lambda ps: torch.optim.SGD(ps, lr=0.5, momentum=0.9, weight_decay=1e-3), regularize=True)
    assert len(ours) == 25 and ours[-1] < ours[0]
    assert max(relative_error(a, b) for a, b in zip(ours, theirs, strict=True)) <= 1e-9
    assert max(relative_error(a, b) for a, b in zip(params, tparams, strict=True)) <= 1e-9


def test_whole_run_parity_cross_entropy_adam():
    X, y = make_blobs(60, centers=3, seed=4)
    ours, theirs, params, tparams = run_both(
        MLP(2, [8, 8, 3], act='gelu', seed=3),
        X,
        y,
        torch.tensor(y),
        cross_entropy,
        F.cross_entropy,
        lambda ps: Adam(ps, lr=0.02, weight_decay=1e-3),
        lambda ps: torch.optim.Adam(ps, lr=0.02, weight_decay=1e-3),
    )
    assert ours[-1] < ours[0] / 2
    assert max(relative_error(a, b) for a, b in zip(ours, theirs, strict=True)) <= 1e-9
    assert max(relative_error(a, b) for a, b in zip(params, tparams, strict=True)) <= 1e-9


def test_a_float32_copy_agrees_only_to_float32_precision():
    "Chapter 11's claim: float32 training agrees with float64 to ~1e-6 relative, never to 1e-15."
    X, y = make_moons(60, noise=0.1, seed=2)
    y_pm = [2 * t - 1 for t in y]
    ours, theirs, params, tparams = run_both(
        MLP(2, [16, 16, 1], act='relu', seed=0),
        X,
        y_pm,
        torch.tensor(y_pm, dtype=torch.float32),
        hinge_loss,
        lambda s, t: torch.relu(1 - t * s[:, 0]).mean(),
        lambda ps: SGD(ps, lr=0.5, momentum=0.9, weight_decay=1e-3),
        lambda ps: torch.optim.SGD(ps, lr=0.5, momentum=0.9, weight_decay=1e-3),
        regularize=True,
        dtype=torch.float32,
    )
    worst = max(
        relative_error(a, b)
        for a, b in [*zip(ours, theirs, strict=True), *zip(params, tparams, strict=True)]
    )
    assert 1e-7 < worst < 1e-5


def test_to_torch_builds_the_dtype_asked_for():
    model = MLP(2, [3, 1], seed=0)
    for dtype in (torch.float32, torch.float64):
        assert all(p.dtype == dtype for p in to_torch(model, dtype=dtype).parameters())
