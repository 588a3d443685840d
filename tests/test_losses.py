"""Each loss vs PyTorch float64 (value and gradients) at random and extreme scores; bad input."""

import math
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, strategies as st

from solveit_z2h.calculus import relative_error
from solveit_z2h.engine import Value
from solveit_z2h.losses import (
    binary_cross_entropy_with_logits,
    cross_entropy,
    hinge_loss,
    l2_regularization,
    logsumexp,
    mse_loss,
    softmax,
)

f64 = lambda xs: torch.tensor(xs, dtype=torch.float64, requires_grad=True)
scores = st.floats(-50, 50)


def assert_same(loss, leaves, t_loss, t_leaf, rtol=1e-12):
    loss.backward()
    t_loss.backward()
    assert relative_error(loss.data, t_loss.item()) <= rtol, (loss.data, t_loss.item())
    for v, g in zip(leaves, t_leaf.grad.flatten().tolist(), strict=True):
        assert relative_error(v.grad, g) <= rtol, (v.grad, g)


@pytest.mark.parametrize('reduction', ['mean', 'sum'])
@given(data=st.lists(st.tuples(scores, scores), min_size=1, max_size=8))
def test_mse(data, reduction):
    preds = [Value(p) for p, _ in data]
    t = f64([p for p, _ in data])
    assert_same(
        mse_loss(preds, [y for _, y in data], reduction),
        preds,
        F.mse_loss(t, torch.tensor([y for _, y in data], dtype=torch.float64), reduction=reduction),
        t,
    )


@given(data=st.lists(st.tuples(scores, st.sampled_from([-1, 1])), min_size=1, max_size=8))
def test_hinge(data):
    s = [Value(x) for x, _ in data]
    t = f64([x for x, _ in data])
    labels = torch.tensor([y for _, y in data], dtype=torch.float64)
    assert_same(hinge_loss(s, [y for _, y in data]), s, torch.relu(1 - labels * t).mean(), t)


@given(
    data=st.lists(
        st.tuples(st.floats(-1000, 1000), st.sampled_from([0, 1, 0.25])), min_size=1, max_size=8
    )
)
def test_binary_cross_entropy_with_logits(data):
    s = [Value(x) for x, _ in data]
    t = f64([x for x, _ in data])
    target = torch.tensor([y for _, y in data], dtype=torch.float64)
    assert_same(binary_cross_entropy_with_logits(s, [y for _, y in data]), s,
                F.binary_cross_entropy_with_logits(t, target), t, rtol=1e-10)


@given(rows=st.integers(1, 5), k=st.integers(2, 5), data=st.data())
def test_cross_entropy(rows, k, data):
    logits = [[data.draw(st.floats(-1000, 1000)) for _ in range(k)] for _ in range(rows)]
    targets = [data.draw(st.integers(0, k - 1)) for _ in range(rows)]
    vs = [[Value(x) for x in row] for row in logits]
    t = f64(logits)
    assert_same(
        cross_entropy(vs, targets),
        [v for row in vs for v in row],
        F.cross_entropy(t, torch.tensor(targets)),
        t,
        rtol=1e-10,
    )


@given(xs=st.lists(st.floats(-1000, 1000), min_size=1, max_size=6))
def test_logsumexp_and_softmax(xs):
    vs = [Value(x) for x in xs]
    t = f64(xs)
    assert_same(logsumexp(vs), vs, torch.logsumexp(t, 0), t)
    probs = softmax([Value(x) for x in xs])
    assert all(
        relative_error(p.data, q) <= 1e-12
        for p, q in zip(probs, torch.softmax(f64(xs), 0).tolist(), strict=True)
    )
    assert abs(sum(p.data for p in probs) - 1) < 1e-12


def test_l2_regularization_matches_pytorch():
    ps = [Value(x) for x in (0.5, -2.0, 3.0)]
    t = f64([0.5, -2.0, 3.0])
    assert_same(l2_regularization(ps, 1e-4), ps, 1e-4 * (t ** 2).sum(), t)


def test_the_lectures_summed_loss_is_four_times_the_mean():
    "The lecture's `sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))` is the 'sum' reduction."
    from solveit_z2h.nn import MLP
    xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
    ys = [1.0, -1.0, -1.0, 1.0]
    model = MLP(3, [4, 4, 1], out_act='tanh', seed=1)
    def grads(loss_of):
        model.zero_grad()
        loss = loss_of([model(x) for x in xs])
        loss.backward()
        return loss.data, [p.grad for p in model.parameters()]
    summed, g_sum = grads(lambda ypred: sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred)))
    reduced, g_red = grads(lambda ypred: mse_loss(ypred, ys, reduction='sum'))
    mean, g_mean = grads(lambda ypred: mse_loss(ypred, ys))
    assert summed == pytest.approx(reduced, rel=1e-15) and summed == pytest.approx(
        4 * mean, rel=1e-14
    )
    assert g_sum == pytest.approx(g_red, rel=1e-14) and g_sum == pytest.approx(
        [4 * g for g in g_mean], rel=1e-12
    )


def test_extreme_scores_do_not_overflow():
    assert cross_entropy([[Value(1000.0), Value(-1000.0)]], [1]).data == 2000.0
    assert binary_cross_entropy_with_logits([Value(-1000.0)], [1]).data == 1000.0
    assert binary_cross_entropy_with_logits([Value(1000.0)], [1]).data == 0.0


@pytest.mark.parametrize('index_type', [int, np.int64, np.int32, np.int8, np.uint8, np.intp])
def test_cross_entropy_accepts_numpy_integer_targets(index_type):
    "np.argmax and integer arrays give numpy integers: class indices too, same loss and gradients."
    rows = [[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]]
    ours = [[Value(x) for x in row] for row in rows]
    loss = cross_entropy(ours, [index_type(2), index_type(0)])
    t = f64(rows)
    assert_same(loss, [v for row in ours for v in row], F.cross_entropy(t, torch.tensor([2, 0])), t)
    plain = cross_entropy([[Value(x) for x in row] for row in rows], [2, 0])
    assert loss.data == plain.data


def test_cross_entropy_accepts_targets_from_argmax():
    scores = np.array([[0.1, 3.0, -1.0], [2.0, 0.0, 1.0]])
    targets = list(scores.argmax(axis=1))  # numpy integers
    assert cross_entropy(
        [[Value(x) for x in row] for row in scores.tolist()], targets
    ).data == pytest.approx(
        F.cross_entropy(torch.tensor(scores), torch.tensor(targets)).item(), rel=1e-12
    )


@pytest.mark.parametrize(
    'call, error, message',
    [
        (lambda: mse_loss([Value(1.0)], [1.0, 2.0]), ValueError, '1 outputs but 2 targets'),
        (lambda: mse_loss([], []), ValueError, 'no examples'),
        (lambda: mse_loss([Value(1.0)], [1.0], reduction='none'), ValueError, "'mean' or 'sum'"),
        (lambda: hinge_loss([Value(1.0)], [0]), ValueError, '2\\*y - 1'),
        (
            lambda: binary_cross_entropy_with_logits([Value(0.0)], [-1]),
            ValueError,
            'between 0 and 1',
        ),
        (
            lambda: cross_entropy([[Value(1.0), Value(2.0)]], [2]),
            ValueError,
            'not a class index for 2 classes',
        ),
        (
            lambda: cross_entropy([[Value(1.0), Value(2.0)]], [0.5]),
            TypeError,
            'integer class index, got float 0.5',
        ),
        (
            lambda: cross_entropy([[Value(1.0), Value(2.0)]], [1.0]),
            TypeError,
            'integer class index, got float 1.0',
        ),
        (
            lambda: cross_entropy([[Value(1.0), Value(2.0)]], [np.float64(1.0)]),
            TypeError,
            'got float64',
        ),
        (
            lambda: cross_entropy([[Value(1.0), Value(2.0)]], [True]),
            TypeError,
            'integer class index, got bool True',
        ),
        (
            lambda: cross_entropy([[Value(1.0), Value(2.0)]], [np.bool_(True)]),
            TypeError,
            'got bool',
        ),
        (lambda: cross_entropy([[Value(1.0), Value(2.0)]], ['1']), TypeError, 'got str'),
        (
            lambda: cross_entropy([[Value(1.0), Value(2.0)]], [np.int64(2)]),
            ValueError,
            'not a class index for 2 classes',
        ),
        (
            lambda: cross_entropy([[Value(1.0), Value(2.0)]], [np.int64(-1)]),
            ValueError,
            'not a class index for 2 classes',
        ),
        (lambda: logsumexp([Value(1.0), 'x']), TypeError, 'got str'),
        (lambda: softmax([None]), TypeError, 'got NoneType'),
        (lambda: cross_entropy([Value(1.0)], [0]), ValueError, 'list of class scores'),
        (lambda: logsumexp([]), ValueError, 'no numbers'),
        (lambda: l2_regularization([Value(1.0)], -1), ValueError, 'alpha must be'),
    ],
)
def test_bad_input_fails_clearly(call, error, message):
    with pytest.raises(error, match=message): call()


def test_huge_equal_scores_keep_their_digits():
    loss = cross_entropy([[Value(1e16), Value(1e16)]], [0])
    assert loss.data == pytest.approx(math.log(2), rel=1e-15)
    assert sum(p.data for p in softmax([Value(1e16), Value(1e16)])) == 1.0
    scores = [Value(1e16), Value(1e16 + 4)]
    loss = cross_entropy([scores], [0])
    loss.backward()
    t = torch.tensor([[1e16, 1e16 + 4]], dtype=torch.float64, requires_grad=True)
    expected = F.cross_entropy(t, torch.tensor([0]))
    expected.backward()
    assert relative_error(loss.data, expected.item()) < 1e-12
    assert all(relative_error(s.grad, g) < 1e-12 for s, g in zip(scores, t.grad[0].tolist()))


@pytest.mark.parametrize('xs', [[math.inf, 1.0], [-math.inf, -math.inf], [math.inf, -math.inf],
                                [2.0, -math.inf], [math.nan, 1.0], [math.inf, 800.0]])
def test_logsumexp_with_infinities_and_nan_is_pytorchs(xs):
    values = [Value(x) for x in xs]
    out = logsumexp(values)
    out.backward()
    t = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
    expected = torch.logsumexp(t, 0)
    expected.backward()
    for a, b in [(out.data, expected.item()), *zip([v.grad for v in values], t.grad.tolist())]:
        assert (math.isnan(a) and math.isnan(b)) or a == b or relative_error(a, b) < 1e-12, (a, b)


def test_numpy_float32_alpha_gives_python_floats():
    ps = [Value(0.5), Value(-2.0)]
    penalty = l2_regularization(ps, np.float32(0.1))
    penalty.backward()
    assert type(penalty.data) is float and all(type(p.grad) is float for p in ps)


@pytest.mark.parametrize('call, error, message', [
    (lambda: mse_loss([1.0, 2.0], [1.5, 2.5]), TypeError, 'mse_loss: the outputs must be Values'),
    (lambda: hinge_loss([0.5], [1]), TypeError, 'hinge_loss: the outputs must be Values'),
    (lambda: cross_entropy([[1.0, 2.0]], [0]), TypeError, 'cross_entropy: the outputs must be'),
    (lambda: cross_entropy([], []), ValueError, 'cross_entropy: no examples'),
    (lambda: l2_regularization([1.0, 2.0], 0.1), TypeError, 'needs Values .*got float'),
    (lambda: l2_regularization([[Value(1.0)]], 0.1), TypeError, 'needs Values .*got list'),
    (lambda: l2_regularization([Value(1.0)], math.nan), ValueError, 'alpha must be a finite'),
    (lambda: l2_regularization([Value(1.0)], math.inf), ValueError, 'alpha must be a finite'),
])
def test_edge_inputs_fail_clearly(call, error, message):
    with pytest.raises(error, match=message): call()
