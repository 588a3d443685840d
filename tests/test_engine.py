"""The engine against PyTorch (float64) and central differences, on random graphs and edge cases."""

import gc
import math
import sys
import weakref

import pytest
import torch
from hypothesis import assume, given, settings, strategies as st

from solveit_z2h.calculus import numerical_gradient, relative_error
from solveit_z2h.engine import Value, gradcheck, topological_order
from expressions import EDGE_OPS, edge_programs, programs, run, run_torch, run_value


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
    # numbers on the left: reflected operators
    (lambda a: 3 / a, (1.5,)), (lambda a: 3 ** a, (1.5,)),
    (lambda a, b: a ** b, (1.7, -0.4)), (lambda a, b: b ** a, (0.3, 2.5)),  # Value exponents
    (lambda a: (-a).exp() - a.log() + a.tanh() * a.relu(), (0.8,)),
])
def test_operations_match_pytorch(f, xs):
    leaves = [Value(x) for x in xs]
    out = f(*leaves)
    out.backward()
    expected_out, expected_grads = torch_grads(f, *xs)
    assert relative_error(out.data, expected_out) <= 1e-12
    for leaf, g in zip(leaves, expected_grads, strict=True):
        assert relative_error(leaf.grad, g) <= 1e-12


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


@pytest.mark.parametrize(
    'n, data, grad', [(0.5, 0.0, math.inf), (1, 0.0, 1.0), (2, 0.0, 0.0), (0, 1.0, 0.0)]
)
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
    # Python's default: torch and JAX, imported by other tests, raise it
    sys.setrecursionlimit(1000)
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


@pytest.mark.parametrize('build', [
    lambda x: ((x * x + 1) ** 0.5 / x).tanh(),
    lambda x: x / 1e-310 + (x * 1e-310).log(),  # subnormal: steps of their own (1/x is inf)
    lambda x: (x - 3).relu() * x,               # a ReLU that is off: a step of its own too
])
def test_finished_graph_has_no_reference_cycles(build):
    gc.disable()
    try:
        x = Value(2.0)
        y = build(x)
        y.backward()
        probes = [weakref.ref(node) for node in topological_order(y) if node is not x]
        del y
        # freed by reference counting alone, every node: nothing for the cyclic collector to do
        assert [p() for p in probes] == [None] * len(probes)
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
    assert (
        [n.label for n in order]
        == [n.label for n in topological_order(build())]
        == ['a', 'b', 'c', 'd', 'e']
    )


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
    assert gradcheck(lambda a, b: a * b.exp(), 1.5, -0.5) == pytest.approx(
        [math.exp(-0.5), 1.5 * math.exp(-0.5)]
    )
    wrong = lambda v: Value(v.data ** 2, (v,), 'wrong', _local_grads=(v.data,))
    with pytest.raises(AssertionError, match='central differences give'): gradcheck(wrong, 3.0)


def agrees_with_pytorch(ours: float, theirs: float, rtol: float = 1e-7, atol: float = 0.0) -> bool:
    "nan where PyTorch gives nan, the same infinity, or a close finite number."
    if math.isnan(theirs): return math.isnan(ours)
    if math.isinf(theirs): return ours == theirs
    close = relative_error(ours, theirs) <= rtol or abs(ours - theirs) <= atol
    return math.isfinite(ours) and close


def largest_term(root: Value) -> float:
    "The largest finite |local derivative × grad| of a pass: a gradient's rounding scales with it."
    terms = (abs(g * node.grad) for node in topological_order(root) for g in node._local_grads)
    return max((t for t in terms if math.isfinite(t)), default=0.0)


@settings(max_examples=200)
@given(edge_programs())
def test_random_graphs_with_nan_inf_huge_and_tiny_numbers_match_pytorch(program):
    xs, ops = program
    leaves = [Value(x) for x in xs]
    tensors = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in xs]
    nodes, t_nodes = list(leaves), list(tensors)
    for name, args in ops:
        ours, theirs = EDGE_OPS[name]
        t_out = theirs(*(t_nodes[i] for i in args))
        # -(a/b)/b for d(a/b)/db: PyTorch's -a/(b*b) underflows to 0/0 = nan for 0 < |b| < 1e-154
        assume(name != 'div' or not 0 < abs(t_nodes[args[1]].item()) < 1e-150)
        try: out = ours(*(nodes[i] for i in args))
        except (ZeroDivisionError, ValueError, OverflowError) as err:
            # allowed only where PyTorch has no finite answer, and it must say what went wrong
            assert not math.isfinite(t_out.item()), (name, err)
            assert f'{type(err).__name__}: {err}'.count(' ') >= 3, err
            return
        assert agrees_with_pytorch(out.data, t_out.item()), (name, out.data, t_out.item())
        nodes.append(out); t_nodes.append(t_out)
    total = sum(nodes[len(xs) + 1:], nodes[len(xs)])
    t_total = sum(t_nodes[len(xs) + 1:], t_nodes[len(xs)])
    total.backward(); t_total.backward()
    assert agrees_with_pytorch(total.data, t_total.item())
    # huge terms that cancel (1/b - a/b² at tiny b) leave rounding errors of their size
    atol = 1e-12 * largest_term(total)
    for leaf, t in zip(leaves, tensors):
        expected = 0.0 if t.grad is None else t.grad.item()
        assert agrees_with_pytorch(leaf.grad, expected, atol=atol), (leaf.grad, expected)


NAN, INF = math.nan, math.inf


@pytest.mark.parametrize('f', [
    lambda a: a + 1.0, lambda a: a - 1.0, lambda a: a * 2.0, lambda a: a / 2.0, lambda a: 2.0 / a,
    lambda a: a ** 2, lambda a: a ** 0.5, lambda a: 2.0 ** a, lambda a: a ** a, lambda a: -a,
    lambda a: a.exp(), lambda a: a.log(), lambda a: a.tanh(), lambda a: a.relu(),
])
def test_nan_propagates_through_every_operation_as_in_pytorch(f):
    a = Value(NAN)
    out = f(a)
    out.backward()
    t = torch.tensor(NAN, dtype=torch.float64, requires_grad=True)
    f(t).backward()
    assert math.isnan(out.data)
    expected = t.grad.item()
    assert math.isnan(a.grad) == math.isnan(expected) and (math.isnan(a.grad) or a.grad == expected)


def test_relu_of_nan_is_nan_and_a_relu_that_is_off_stops_an_infinite_gradient():
    assert math.isnan(Value(NAN).relu().data)
    x = Value(-1.0)
    (x.relu() * INF).backward()  # PyTorch masks: 0 passes back, not 0 × inf = nan
    assert x.grad == 0.0


def test_bool_is_pytorchs():
    numbers = (0.0, -0.0, 2.0, NAN)
    assert [bool(Value(v)) for v in numbers] == [bool(torch.tensor(v)) for v in numbers]


def test_numpy_float32_never_reaches_data_or_grad():
    np = pytest.importorskip('numpy')
    a = Value(np.float32(0.5))
    out = Value(np.float32(2.0), (a,), 'f', _local_grads=(np.float32(3.0),)) + np.float32(1.0) * a
    out.backward()
    assert type(a.data) is float and type(a.grad) is float and type(out.data) is float
    assert a.grad == 4.0


def test_the_slope_of_a_over_b_for_b_does_not_underflow():
    a, b = Value(1e-300), Value(3e-162)
    (a / b).backward()
    assert relative_error(b.grad, -(1e-300 / 3e-162) / 3e-162) < 1e-15
    assert abs(b.grad + 1.1111111111111111e23) < 1e8  # -1e-300 / 9e-324 was 9% off


def same_float(a, b):
    "Equal, or both nan: the gradients of an edge case, bit for bit where PyTorch's are numbers."
    return a == b or (math.isnan(a) and math.isnan(b))


@pytest.mark.parametrize('scale', [0.0, 1e-310, 1.0])  # the gradient that reaches the operation
@pytest.mark.parametrize('f, xs', [
    (lambda a: a.log(), (5e-324,)), (lambda a: a.log(), (1e-310,)),
    (lambda a, b: a / b, (1e-320, 5e-324)), (lambda a, b: a / b, (1.0, 1e-310)),
    (lambda a: a / a, (1e-310,)),
])
def test_dividing_by_a_subnormal_passes_gradients_as_pytorch(f, xs, scale):
    "1/x overflows for a subnormal x: grad / x, as PyTorch computes, keeps a zero gradient zero."
    leaves = [Value(x) for x in xs]
    (f(*leaves) * scale).backward()
    _, expected = torch_grads(lambda *ts: f(*ts) * scale, *xs)
    got = [leaf.grad for leaf in leaves]
    assert all(same_float(g, e) for g, e in zip(got, expected, strict=True)), (got, expected)


@pytest.mark.parametrize('f, xs', [
    (lambda a, b: a / b, (1.0, 1e200)), (lambda a, b: a / b, (1e-200, 1e-200)),
    (lambda a: a ** -3, (1e-100,)),
])
def test_divisions_and_powers_that_overflow_an_intermediate_give_pytorchs_numbers(f, xs):
    leaves = [Value(x) for x in xs]
    out = f(*leaves)
    out.backward()
    expected, grads = torch_grads(f, *xs)
    assert relative_error(out.data, expected) < 1e-15
    for leaf, g in zip(leaves, grads): assert leaf.grad == g or relative_error(leaf.grad, g) < 1e-15


def test_a_failed_backward_changes_no_gradient():
    a = Value(3.0)
    b = a * 2.0
    no_rule = Value(b.data, (b,), 'mine')  # a learner's operation with no way back
    out = a * no_rule
    with pytest.raises(RuntimeError, match="has no way to pass its gradient back"): out.backward()
    assert (a.grad, b.grad, no_rule.grad, out.grad) == (0.0, 0.0, 0.0, 0.0)
    def broken(): raise ZeroDivisionError("a bug in the learner's _backward")
    no_rule._backward = broken
    (a * 1.0).backward()
    before = [a.grad, b.grad, no_rule.grad, out.grad]
    with pytest.raises(ZeroDivisionError, match='a bug'): out.backward()
    assert [a.grad, b.grad, no_rule.grad, out.grad] == before


def _recursive_order(root):
    "The lecture's build_topo: the order topological_order must give, for graphs it can reach."
    order, visited = [], set()
    def build(v):
        if v not in visited:
            visited.add(v)
            for child in v._prev: build(child)
            order.append(v)
    build(root)
    return order


@st.composite
def linear_graphs(draw):
    "Leaves, then nodes of 1 to 4 inputs (any earlier node, repeats allowed) with numeric slopes."
    n_leaves = draw(st.integers(1, 4))
    leaves = draw(st.lists(st.floats(-3, 3), min_size=n_leaves, max_size=n_leaves))
    nodes = []
    for k in range(draw(st.integers(1, 12))):
        arity = draw(st.integers(1, 4))
        inputs = draw(st.lists(st.integers(0, n_leaves + k - 1), min_size=arity, max_size=arity))
        slopes = draw(st.lists(st.floats(-2, 2), min_size=arity, max_size=arity))
        nodes.append((inputs, slopes))
    return leaves, nodes


@settings(max_examples=200)
@given(linear_graphs())
def test_nodes_of_any_arity_backpropagate_and_sort_as_the_lecture_does(graph):
    leaves, nodes = graph
    values = [Value(x) for x in leaves]
    # forward mode, independently of backward(): d(node)/d(leaf j) for every node
    tangents = [[float(i == j) for j in range(len(leaves))] for i in range(len(leaves))]
    for inputs, slopes in nodes:
        data = sum(s * values[i].data for i, s in zip(inputs, slopes))
        values.append(Value(data, tuple(values[i] for i in inputs), 'lin', _local_grads=slopes))
        tangents.append([sum(s * tangents[i][j] for i, s in zip(inputs, slopes))
                         for j in range(len(leaves))])
    out = values[-1]
    node = values[-1]
    assert node._prev == tuple(values[i] for i in nodes[-1][0])
    assert node._local_grads == tuple(float(s) for s in nodes[-1][1])
    assert topological_order(out) == _recursive_order(out)
    out.backward()
    for j, leaf in enumerate(values[:len(leaves)]):
        assert leaf.grad == pytest.approx(tangents[-1][j], rel=1e-12, abs=1e-12)


def test_inputs_read_back_in_order_for_every_way_of_making_a_node():
    from solveit_z2h.engine import _node, _result
    a, b, c = Value(1.0), Value(2.0), Value(3.0)
    for children in [(), (a,), (a, b), (a, b, c), (c, a, c, b)]:
        slopes = tuple(float(k + 1) for k in range(len(children)))
        checked = Value(0.0, children, 'f', _local_grads=slopes)
        for node in (checked, _result(0.0, children, 'f', slopes)):
            assert (node._prev, node._local_grads) == (children, slopes)
    assert Value(0.0, (a, b), 'f')._local_grads == ()  # a learner's node: no slopes given
    assert _node(6.0, '*', a, 2.0, b, 1.0)._prev == (a, b)
    assert _node(1.0, 'neg', a, -1.0)._prev == (a,)


def test_a_node_is_one_object_for_the_garbage_collector():
    gc.collect(); gc.disable()
    try:
        before = len(gc.get_objects())
        x = y = Value(1.0)
        for _ in range(10_000): y = y * x + 1.0  # the constant 1.0 is a node too
        assert (len(gc.get_objects()) - before) / 30_000 == pytest.approx(1.0, abs=1e-3)
    finally:
        gc.enable()


def test_a_subclass_of_value_sorts_and_backpropagates():
    class Named(Value):
        __slots__ = ()
    a, b = Named(2.0), Named(3.0)
    out = Named(a.data * b.data, (a, b), '*', _local_grads=(b.data, a.data)) + a
    assert topological_order(out) == _recursive_order(out)
    out.backward()
    assert (a.grad, b.grad) == (4.0, 2.0)


def test_no_grad_gives_the_same_numbers_and_records_nothing():
    from solveit_z2h.engine import is_grad_enabled, no_grad
    a, b = Value(1.5), Value(-0.5)
    f = lambda: ((a * b + a.exp()) / (b ** 2 + 1) - a.log()).tanh().relu() + (a ** b)
    recorded = f()
    with no_grad():
        unrecorded = f()
        assert not is_grad_enabled()
    assert is_grad_enabled()
    assert unrecorded.data == recorded.data and unrecorded._prev == ()
    with pytest.raises(RuntimeError, match=r"computed under no_grad\(\)"): unrecorded.backward()
    assert (a.grad, b.grad) == (0.0, 0.0)
    (unrecorded * b).backward()  # afterwards a constant: b gets its gradient, a none
    assert (a.grad, b.grad) == (0.0, unrecorded.data)


def test_no_grad_is_restored_after_an_error_and_when_nested():
    from solveit_z2h.engine import is_grad_enabled, no_grad
    with no_grad():
        with no_grad(): pass
        assert not is_grad_enabled()
    with pytest.raises(KeyError):
        with no_grad(): raise KeyError('inside')
    assert is_grad_enabled()


def test_a_subnormal_divisor_under_no_grad_sends_nothing_back_later():
    from solveit_z2h.engine import no_grad
    a, tiny = Value(1e-300), Value(5e-324)
    with no_grad(): q, lg = a / tiny, tiny.log()
    (q * 1e-30 + lg).backward()  # q and lg are constants here: no gradient reaches a or tiny
    assert (a.grad, tiny.grad) == (0.0, 0.0)


def test_every_way_of_making_a_node_inside_no_grad_is_a_constant_that_refuses_backward():
    import math as m
    from solveit_z2h.activations import sigmoid
    from solveit_z2h.engine import no_grad
    x = Value(0.7)
    def lecture_sin(v):  # the lecture's way: a node made by hand, then its own _backward
        out = Value(m.sin(v.data), (v,), 'sin')
        def _backward(): v.grad += m.cos(v.data) * out.grad
        out._backward = _backward
        return out
    with no_grad():
        made = [x * 2, x.relu(), (-x).relu(), sigmoid(x), lecture_sin(x),
                Value(1.0, (x, x, x), 'f', _local_grads=(1, 1, 1))]
    for node in made:
        assert node._prev == ()
        with pytest.raises(RuntimeError, match=r'under no_grad\(\)'): node.backward()
        (node * x).backward()  # a constant afterwards: x gets node.data, nothing through node
        assert x.grad == pytest.approx(node.data)
        x.grad = 0.0


def test_no_grad_as_a_decorator():
    from solveit_z2h.engine import is_grad_enabled, no_grad
    @no_grad()
    def measured(v):
        "Evaluate without a graph."
        assert not is_grad_enabled()
        return v * v
    assert measured(Value(3.0))._prev == () and is_grad_enabled()
    assert measured.__doc__ == "Evaluate without a graph."


def test_a_hand_made_leaf_with_an_op_still_backpropagates():
    leaf = Value(1.0, (), 'x')
    leaf.backward()
    assert leaf.grad == 1.0


def test_topological_order_takes_the_lectures_set_of_inputs():
    class Lecture:
        def __init__(self, data, children=()): self.data, self._prev = data, set(children)
    a = Lecture(1.0); b = Lecture(2.0, (a,)); c = Lecture(3.0, (a, b))
    order = topological_order(c)
    assert order[-1] is c and order.index(a) < order.index(b) and len(order) == 3


def _ladder(n):
    "y, then y*x + y, n times: every level uses the one below it twice (d out/dx = n at x = 0)."
    x, y = Value(0.0), Value(1.0)
    out = y
    for _ in range(n): out = out * x + out
    return x, y, out


def test_a_graph_deeper_than_the_recursion_limit_sorts_in_the_lectures_order():
    from solveit_z2h.engine import _order_with_stack
    x, y, out = _ladder(2_000)             # 4,000 levels
    limit = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(1000)
        falls_back = topological_order(out)
        out.backward(); out.backward()     # the stack's order, then inner grads zeroed
        sys.setrecursionlimit(10_000)
        assert falls_back == _recursive_order(out) == _order_with_stack(out)
    finally: sys.setrecursionlimit(limit)
    assert (x.grad, y.grad) == (2 * 2_000, 2.0)  # leaves accumulate over the two passes
    assert falls_back[:2] == [y, x] and {n.grad for n in falls_back[2:]} == {1.0}  # one pass each


def test_both_ways_through_backward_give_every_node_the_same_grad(monkeypatch):
    "backward() sorts and zeroes in one walk unless a learner made a node; then it checks first."
    from solveit_z2h import engine
    def grads_of_two_passes(checked):
        monkeypatch.setattr(engine, '_checks_needed', [checked])
        a, b = Value(0.7), Value(-1.3)
        out = ((a * b).tanh() + a.exp() * b - (a / b).relu()) ** 2
        out.backward(); once = [n.grad for n in topological_order(out)]
        out.backward(); twice = [n.grad for n in topological_order(out)]
        return once, twice, [bool(n._prev) for n in topological_order(out)]
    once, twice, inner = grads_of_two_passes(False)
    assert grads_of_two_passes(True) == (once, twice, inner)
    assert [g for g, i in zip(twice, inner) if i] == [g for g, i in zip(once, inner) if i]
    assert twice[:2] == pytest.approx([2 * once[0], 2 * once[1]], rel=1e-15)  # leaves accumulate
    ta, tb = (torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in (0.7, -1.3))
    (((ta * tb).tanh() + ta.exp() * tb - (ta / tb).relu()) ** 2).backward()
    assert relative_error(once[0], ta.grad.item()) <= 1e-12
    assert relative_error(once[1], tb.grad.item()) <= 1e-12
