"""The lecture's API works on our `Value`: micrograd's constructor, every node's `_backward()`, and
operations written the lecture's way (a closure assigned to `out._backward`), mixed with the
engine's own."""
import gc
import math
import weakref

import pytest
import torch

from solveit_z2h.engine import Value, gradcheck, topological_order
from lecture import lecture_neuron


def sin(self):
    "An operation typed exactly as the lecture types its operations."
    out = Value(math.sin(self.data), (self,), 'sin')
    def _backward():
        self.grad += math.cos(self.data) * out.grad
    out._backward = _backward
    return out


def test_micrograd_constructor():
    a, b = Value(2.0, label='a'), Value(-3.0, label='b')
    c = Value(a.data * b.data, (a, b), '*')
    assert (c.data, c._prev, c._op, c.label, c.grad) == (-6.0, (a, b), '*', '', 0.0)
    d = Value(1.0, [a, b], '+', 'd')            # a list of children is accepted, stored as a tuple
    assert (d._prev, d._op, d.label) == ((a, b), '+', 'd')
    assert Value(1.0, (a, b)).label == ''       # children no longer land in `label`
    assert Value(1.0, _children=(a,), _op='tanh', label='t')._prev == (a,)


@pytest.mark.parametrize('make, message', [
    (lambda: Value(1.0, 'a'), '_children must be a tuple of Values, got str'),
    (lambda: Value(1.0, 3), '_children must be a tuple of Values, got int'),
    (lambda: Value(1.0, {Value(2.0)}), '_children must be a tuple of Values, got set'),
    (lambda: Value(1.0, (2.0,)), '_children must hold Values only, got float'),
    (lambda: Value(1.0, (), 7), '_op must be a str, got int'),
    (lambda: Value(1.0, (), '', 3), 'label must be a str, got int'),
    (lambda: Value(1.0, label=None), 'label must be a str, got NoneType'),
])
def test_wrong_types_for_children_op_label_are_named(make, message):
    with pytest.raises(TypeError, match=message): make()


def test_local_grads_must_match_children():
    with pytest.raises(ValueError, match='2 local derivatives for 1 children'):
        Value(1.0, (Value(2.0),), 'f', _local_grads=(1.0, 2.0))


def test_manual_walkthrough_runs_cell_for_cell_with_the_lectures_numbers():
    v = lecture_neuron()
    v['o'].grad = 1.0
    for name in ['o', 'n', 'b', 'x1w1x2w2', 'x2w2', 'x1w1']: v[name]._backward()
    got = {k: v[k].grad for k in ['n', 'b', 'x1w1x2w2', 'x2w2', 'x1w1', 'x1', 'w1', 'x2', 'w2']}
    expected = dict(n=0.5, b=0.5, x1w1x2w2=0.5, x2w2=0.5, x1w1=0.5, x1=-1.5, w1=1.0, x2=0.5, w2=0.0)
    assert got == pytest.approx(expected, abs=1e-12)
    auto = lecture_neuron()
    auto['o'].backward()
    assert {k: auto[k].grad for k in got} == pytest.approx(got, abs=1e-15)


def test_a_leafs_backward_does_nothing():
    a = Value(2.0)
    a.grad = 3.0
    a._backward()
    assert a.grad == 3.0


def test_every_node_has_a_callable_backward():
    a, b = Value(2.0), Value(3.0)
    out = ((a * b + a) / b - 1).exp().log().tanh() ** 2 + (-a).relu()
    assert all(callable(node._backward) for node in topological_order(out))


def test_lecture_style_op_through_backward_and_gradcheck():
    grads = gradcheck(lambda a, b: sin(a * b) * a + b.tanh() - sin(a) / b, 0.7, -1.3)
    ts = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in (0.7, -1.3)]
    a, b = ts
    (torch.sin(a * b) * a + torch.tanh(b) - torch.sin(a) / b).backward()
    assert grads == pytest.approx([t.grad.item() for t in ts], rel=1e-12)


def test_lecture_style_op_as_a_method_and_used_twice():
    Value.sin = sin
    try:
        x = Value(0.4)
        y = x.sin() * x.sin()          # the same closure-made node type, used on two paths
        y.backward()
        assert x.grad == pytest.approx(2 * math.sin(0.4) * math.cos(0.4), rel=1e-14)
    finally:
        del Value.sin


def test_assigned_backward_replaces_a_built_in_step():
    a = Value(3.0)
    b = a + a
    def overwrite():  # the lecture's '=' bug, assigned to a built-in node
        a.grad = b.grad
    b._backward = overwrite
    b.backward()
    assert a.grad == 1.0
    b._backward = None             # back to the engine's own step
    a.grad = 0.0
    b.backward()
    assert a.grad == 2.0


def test_backward_must_be_callable():
    with pytest.raises(TypeError, match='_backward must be a function of no arguments, got float'):
        Value(1.0)._backward = 1.0


def test_a_node_with_inputs_and_no_rule_is_an_error_not_a_silent_zero():
    a = Value(0.5)
    out = Value(math.sin(a.data), (a,), 'sin')  # the lecture's op, with its _backward forgotten
    with pytest.raises(
        RuntimeError, match="made by 'sin' from 1 input.*has no way to pass its gradient back"
    ):
        out.backward()
    out.grad = 1.0
    with pytest.raises(RuntimeError, match='has no way to pass its gradient back'):
        out._backward()


def test_built_in_ops_make_no_cycles_and_a_closure_op_does():
    gc.collect(); gc.disable()
    try:
        x = Value(0.5)
        built_in = weakref.ref(((x * 2 + 1) / 3 - x).tanh().exp())
        assert built_in() is None               # freed by reference counting alone
        closure_made = weakref.ref(sin(x))
        assert closure_made() is not None       # the closure's cycle keeps it alive ...
        gc.collect()
        assert closure_made() is None           # ... until the collector runs
    finally:
        gc.enable()
