"""Each activation's value and gradient vs PyTorch float64: at random points, ±1000, ±20, near 0."""

import math

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, strategies as st

from solveit_z2h.activations import gelu, leaky_relu, relu, sigmoid, silu, softplus, tanh
from solveit_z2h.calculus import relative_error
from solveit_z2h.engine import Value, gradcheck

# (ours, PyTorch's). F.softplus switches to the identity above x = 20, so the exact reference is
# logaddexp(x, 0).
PAIRS = {
    'tanh': (tanh, torch.tanh),
    'sigmoid': (sigmoid, torch.sigmoid),
    'relu': (relu, torch.relu),
    'leaky_relu': (leaky_relu, F.leaky_relu),
    'leaky_relu(0.2)': (lambda x: leaky_relu(x, 0.2), lambda t: F.leaky_relu(t, 0.2)),
    'gelu': (gelu, F.gelu),
    'gelu(tanh)': (lambda x: gelu(x, approximate='tanh'), lambda t: F.gelu(t, approximate='tanh')),
    'silu': (silu, F.silu),
    'softplus': (softplus, lambda t: torch.logaddexp(t, torch.zeros_like(t))),
}
EDGES = [1000.0, -1000.0, 20.0, -20.0, 1e-8, -1e-8, 0.0, 1e-300, -1e-300]


def ours(fn, x):
    v = Value(x)
    out = fn(v)
    out.backward()
    return out.data, v.grad


def theirs(fn, x):
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    out = fn(t)
    out.backward()
    return out.item(), t.grad.item()


def assert_matches_pytorch(name, x, rtol):
    (value, grad), (t_value, t_grad) = ours(PAIRS[name][0], x), theirs(PAIRS[name][1], x)
    assert math.isfinite(value) and math.isfinite(grad), (name, x, value, grad)
    assert relative_error(value, t_value) <= rtol, (name, x, value, t_value)
    assert relative_error(grad, t_grad) <= rtol, (name, x, grad, t_grad)


@pytest.mark.parametrize('name', PAIRS)
@given(x=st.floats(-1000, 1000))
def test_random_points_match_pytorch(name, x):
    assert_matches_pytorch(name, x, 1e-9)


@pytest.mark.parametrize('name', PAIRS)
@pytest.mark.parametrize('x', EDGES)
def test_edge_points_match_pytorch(name, x):
    assert_matches_pytorch(name, x, 1e-12)


@pytest.mark.parametrize('name', PAIRS)
@pytest.mark.parametrize('x', [-2.7, -0.4, 0.3, 1.9])
def test_gradients_match_central_differences(name, x):
    gradcheck(PAIRS[name][0], x)


@pytest.mark.parametrize('fn', [sigmoid, leaky_relu, gelu, silu, softplus])
def test_fused_activations_are_one_node(fn):
    x = Value(0.5)
    out = fn(x)
    assert out._prev == (x,) and len(out._local_grads) == 1 and out._op


def test_every_activation_has_pytorchs_name():
    from solveit_z2h.nn import ACTIVATIONS
    assert all(callable(getattr(F, name)) for name in ACTIVATIONS)


def test_tanh_and_relu_are_the_engine_primitives():
    x = Value(0.3)
    assert tanh(x)._op == x.tanh()._op == 'tanh' and relu(x)._op == x.relu()._op == 'relu'


def test_numbers_are_accepted_and_bad_input_is_named():
    assert sigmoid(0.0).data == 0.5 and softplus(0).data == math.log(2)
    with pytest.raises(TypeError, match='got str'): sigmoid('x')
    with pytest.raises(ValueError, match="'none' or 'tanh'"): gelu(Value(1.0), approximate='fast')


def test_number_to_value_conversion_lives_in_the_engine():
    import solveit_z2h.activations as activations
    import solveit_z2h.engine as engine
    assert activations._as_value is engine._as_value
    with pytest.raises(TypeError, match='got NoneType'): relu(None)


def test_a_chain_of_ten_sigmoids_stays_below_the_quarter_power_bound():
    "Chapter 04's exercise 3: (1/4)**10 bounds the gradient; its true max is ~3.9e-7 at x ≈ -0.16."

    def chain_gradient(x):
        v = Value(x); out = v
        for _ in range(10): out = sigmoid(out)
        out.backward()
        return v.grad
    grads = {x: chain_gradient(x) for x in [i / 1000 for i in range(-3000, 3001)]}
    x_top = max(grads, key=grads.get)
    assert max(grads.values()) < 0.25 ** 10
    assert abs(grads[x_top] / 3.9e-7 - 1) < 0.01 and abs(x_top + 0.16) < 0.01
    assert 2.4 < 0.25 ** 10 / grads[x_top] < 2.5


@pytest.mark.parametrize('name', PAIRS)
@pytest.mark.parametrize('x', [math.nan, math.inf, -math.inf, 1e300, -1e300, 1e103, -1e103])
def test_nan_inf_and_huge_inputs_give_pytorchs_values(name, x):
    "nan where PyTorch gives nan, never a finite number; elsewhere the same value, no error."
    ours_fn, theirs_fn = PAIRS[name]
    if name == 'softplus': theirs_fn = F.softplus  # logaddexp's gradient at inf is inf - inf
    (value, grad), (t_value, t_grad) = ours(ours_fn, x), theirs(theirs_fn, x)
    for a, b in [(value, t_value), (grad, t_grad)]:
        if math.isnan(b): assert math.isnan(a), (name, x, a, b)
        else: assert a == b or relative_error(a, b) <= 1e-12, (name, x, a, b)


def test_gelu_tanh_at_1e103_is_pytorchs():
    ours_fn, theirs_fn = PAIRS['gelu(tanh)']
    assert ours(ours_fn, 1e103) == theirs(theirs_fn, 1e103) == (1e103, 1.0)
