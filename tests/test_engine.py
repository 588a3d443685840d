"""The engine against PyTorch (float64) and central differences, on random graphs and on the edge cases."""
import gc
import math
import sys
import weakref

import pytest
import torch
from hypothesis import given, settings

from solveit_z2h.calculus import numerical_gradient, relative_error
from solveit_z2h.engine import Value, gradcheck, topological_order
from expressions import programs, run, run_torch, run_value


@settings(max_examples=300)
@given(programs(max_ops=16))
def test_random_graphs_match_pytorch(program):
    xs, ops = program
    leaves, out = run_value(ops, xs)
    out.backward()
    torch_out, torch_grads = run_torch(ops, xs)
    assert relative_error(out.data, torch_out) <= 1e-9
    for leaf, expected in zip(leaves, torch_grads, strict=True):
        assert relative_error(leaf.grad, expected) <= 1e-9, (leaf.grad, expected)


@settings(max_examples=300)
@given(programs(max_ops=16))
def test_random_graphs_match_central_differences(program):
    xs, ops = program
    leaves, out = run_value(ops, xs, max_abs=1e3)
    out.backward()
    numeric = numerical_gradient(lambda *ys: run(ops, [Value(y) for y in ys]).data, *xs)
    for leaf, expected in zip(leaves, numeric, strict=True):
        assert relative_error(leaf.grad, expected) <= 1e-5, (leaf.grad, expected)


def torch_grads(f, *xs):
    ts = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in xs]
    out = f(*ts)
    out.backward()
    return out.item(), [t.grad.item() for t in ts]


@pytest.mark.parametrize('f, xs', [
    (lambda a, b: a*b + a**2 - 1/b, (2.0, -3.0)),            # the expression from DESIGN.md
    (lambda a: 3 + a, (1.5,)), (lambda a: 3 - a, (1.5,)), (lambda a: 3 * a, (1.5,)),
    (lambda a: 3 / a, (1.5,)), (lambda a: 3 ** a, (1.5,)),   # numbers on the left: reflected operators
    (lambda a, b: a ** b, (1.7, -0.4)), (lambda a, b: b ** a, (0.3, 2.5)),  # Value exponents
    (lambda a: (-a).exp() - a.log() + a.tanh() * a.relu(), (0.8,)),
])
def test_operations_match_pytorch(f, xs):
    leaves = [Value(x) for x in xs]
    out = f(*leaves)
    out.backward()
    expected_out, expected_grads = torch_grads(f, *xs)
    assert relative_error(out.data, expected_out) <= 1e-12
    for leaf, g in zip(leaves, expected_grads, strict=True): assert relative_error(leaf.grad, g) <= 1e-12


def test_design_example():
    a, b = Value(2.0, label='a'), Value(-3.0, label='b')
    c = a*b + a**2 - 1/b
    c.backward()
    assert isinstance(a.grad, float) and isinstance(b.grad, float)
    assert (a.grad, b.grad) == pytest.approx((-3 + 4, 2 + 1/9), rel=1e-15)


@pytest.mark.parametrize('make, error, message', [
    (lambda: Value('abc'), TypeError, 'got str'),
    (lambda: Value(None), TypeError, 'got NoneType'),
    (lambda: Value(1 + 2j), TypeError, 'got complex'),
    (lambda: Value(2.0) + 'x', TypeError, "'Value' and 'str'"),
    (lambda: 'x' - Value(2.0), TypeError, "'str' and 'Value'"),
    (lambda: 'x' * Value(2.0), TypeError, "non-int of type 'Value'"),
    (lambda: Value(2.0) ** 'x', TypeError, "'Value' and 'str'"),
    (lambda: Value(-4.0) ** 0.5, ValueError, 'not a real number'),
    (lambda: Value(-8.0) ** (1/3), ValueError, 'not a real number'),
    (lambda: Value(0.0).log(), ValueError, 'only defined for positive numbers'),
    (lambda: Value(-1.0).log(), ValueError, 'only defined for positive numbers'),
    (lambda: Value(1.0) / Value(0.0), ZeroDivisionError, 'division by zero'),
    (lambda: Value(1.0) / 0, ZeroDivisionError, 'division by zero'),
    (lambda: 1 / Value(0.0), ZeroDivisionError, 'division by zero'),
    (lambda: Value(0.0) ** -1, ZeroDivisionError, 'zero cannot be raised to a negative power'),
    (lambda: Value(-2.0) ** Value(2.0), ValueError, 'base must not be negative'),
    (lambda: Value(1e200) ** 2, OverflowError, 'too large for a float'),
])
def test_bad_input_fails_clearly(make, error, message):
    with pytest.raises(error, match=message): make()


def test_negative_base_with_integer_exponent_is_fine():
    x = Value(-2.0)
    y = x ** 3
    y.backward()
    assert (y.data, x.grad) == (-8.0, 12.0)


@pytest.mark.parametrize('n, data, grad', [(0.5, 0.0, math.inf), (1, 0.0, 1.0), (2, 0.0, 0.0), (0, 1.0, 0.0)])
def test_powers_at_zero_match_pytorch(n, data, grad):
    x = Value(0.0)
    y = x ** n
    y.backward()
    t = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
    (t ** n).backward()
    assert (y.data, x.grad) == (data, grad) == ((t ** n).item(), t.grad.item())


@pytest.mark.parametrize('x', [1000.0, -1000.0, 20.0, -20.0])
def test_tanh_saturates_exactly(x):
    v = Value(x)
    t = v.tanh()
    t.backward()
    expected, (g,) = torch_grads(lambda a: a.tanh(), x)
    assert (t.data, v.grad) == (expected, g)
    if abs(x) == 1000: assert (t.data, v.grad) == (math.copysign(1.0, x), 0.0)


def test_exp_overflow_is_inf_like_pytorch():
    v = Value(1000.0)
    e = v.exp()
    e.backward()
    assert e.data == v.grad == math.inf == torch.tensor(1000.0, dtype=torch.float64).exp().item()


def test_a_chain_300_times_deeper_than_the_default_recursion_limit_backpropagates():
    a = Value(1.0)
    y = Value(0.0)
    depth = 300_000                    # make bench goes to 1,000,000
    for _ in range(depth): y = y + a   # each addition one level deeper
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)        # Python's default: torch and JAX, imported by other tests, raise it
    try: y.backward()
    finally: sys.setrecursionlimit(limit)
    assert a.grad == depth
    del y                              # and the chain is freed without a crash


def test_reused_nodes_accumulate():
    a = Value(3.0)
    b = a + a
    c = b + b
    c.backward()
    assert a.grad == 4.0


def test_backward_twice_accumulates_like_pytorch():
    a, b = Value(2.0), Value(-3.0)
    L = (a * b + 1).tanh() * a
    L.backward(); L.backward()
    ta, tb = (torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in (2.0, -3.0))
    tL = (ta * tb + 1).tanh() * ta
    tL.backward(retain_graph=True); tL.backward()
    assert relative_error(a.grad, ta.grad.item()) <= 1e-12
    assert relative_error(b.grad, tb.grad.item()) <= 1e-12
    L.zero_grad()
    assert a.grad == b.grad == 0.0


def test_finished_graph_has_no_reference_cycles():
    gc.disable()
    try:
        x = Value(2.0)
        y = ((x * x + 1) ** 0.5 / x).tanh()
        y.backward()
        probe = weakref.ref(y)
        del y
        assert probe() is None  # freed by reference counting alone: nothing for the cyclic collector to do
    finally:
        gc.enable()


def test_topological_order_puts_inputs_first_and_is_deterministic():
    def build():
        a, b = Value(1.0, label='a'), Value(2.0, label='b')
        c = a * b; c.label = 'c'
        d = c + a; d.label = 'd'
        e = d * c; e.label = 'e'
        return e
    order = topological_order(build())
    position = {node: i for i, node in enumerate(order)}
    assert all(position[child] < position[node] for node in order for child in node._prev)
    assert [n.label for n in order] == [n.label for n in topological_order(build())] == ['a', 'b', 'c', 'd', 'e']


def test_children_are_an_ordered_tuple():
    a, b = Value(5.0), Value(3.0)
    z = a - b
    assert z._prev == (a, b) and isinstance(z._prev, tuple) and z._op == '-'


def test_repr_is_one_line():
    a = Value(2.0, label='a')
    deep = a
    for _ in range(50): deep = deep * 1.01 + a
    assert repr(a) == "Value(data=2.0, grad=0.0, label='a')"
    assert '\n' not in repr(deep) and len(repr(deep)) < 80


def test_data_and_grad_are_floats():
    v = Value(3)
    assert type(v.data) is float and type(v.grad) is float
    (v * 2).backward()
    assert type(v.grad) is float


def test_gradcheck_accepts_right_and_rejects_wrong_gradients():
    assert gradcheck(lambda a, b: a * b.exp(), 1.5, -0.5) == pytest.approx([math.exp(-0.5), 1.5 * math.exp(-0.5)])
    wrong = lambda v: Value(v.data ** 2, (v,), 'wrong', _local_grads=(v.data,))
    with pytest.raises(AssertionError, match='central differences give'): gradcheck(wrong, 3.0)
