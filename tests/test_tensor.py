"""The tensor engine against PyTorch (float64) and central differences: broadcasting, matrix
products, reductions, indexing, random graphs with reused nodes, losses, TensorMLP and the
optimisers; and its errors."""
import gc
import weakref

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from solveit_z2h.engine import topological_order
from solveit_z2h.losses import mse_loss
from solveit_z2h.nn import MLP
from solveit_z2h.optim import SGD, Adam
from solveit_z2h.tensor import (
    Linear,
    Tensor,
    TensorMLP,
    _unbroadcast,
    batch_cross_entropy,
    gradcheck,
    batch_hinge_loss,
    batch_mse_loss,
)


def close(ours, theirs, rtol=1e-12):
    "Arrays equal to rtol of the larger magnitudes (tiny entries compared absolutely, same scale)."
    ours, theirs = np.asarray(ours, dtype=float), np.asarray(theirs, dtype=float)
    assert ours.shape == theirs.shape, (ours.shape, theirs.shape)
    np.testing.assert_allclose(
        ours, theirs, rtol=rtol, atol=rtol * max(1.0, np.abs(theirs).max(initial=0.0))
    )


def both(f, *arrays, weights=None):
    "Run f on our Tensors and float64 torch tensors (summed against fixed weights): values, grads."
    ours = [Tensor(a, requires_grad=True) for a in arrays]
    theirs = [torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in arrays]
    out, ref = f(*ours), f(*theirs)
    w = np.linspace(-1.0, 2.0, out.data.size).reshape(out.shape) if weights is None else weights
    (out * w).sum().backward()
    (ref * torch.tensor(w)).sum().backward()
    close(out.data, ref.detach().numpy())
    # PyTorch leaves .grad None for an input the output does not use
    for t, r in zip(ours, theirs, strict=True):
        close(t.grad, np.zeros(t.shape) if r.grad is None else r.grad.numpy())
    return out


shapes = st.lists(st.integers(1, 4), min_size=0, max_size=3).map(tuple)


@st.composite
def broadcast_pair(draw):
    "Two broadcastable shapes: each drops leading dimensions of a common shape, squashes some to 1."
    full = draw(shapes)
    def part():
        keep = draw(st.integers(0, len(full)))
        return tuple(1 if draw(st.booleans()) else n for n in full[len(full) - keep:])
    return part(), part()


def arrays(shape, low=-3.0, high=3.0, seed=0):
    return np.random.default_rng(seed).uniform(low, high, size=shape)


@given(broadcast_pair(), st.sampled_from(['+', '-', '*', '/']), st.integers(0, 2**16))
def test_broadcasting_arithmetic_matches_pytorch(pair, op, seed):
    a = arrays(pair[0], seed=seed)
    b = arrays(pair[1], seed=seed + 1)
    if op == '/': b = np.where(b < 0, b - 0.5, b + 0.5)  # away from zero
    f = {
        '+': lambda x, y: x + y,
        '-': lambda x, y: x - y,
        '*': lambda x, y: x * y,
        '/': lambda x, y: x / y,
    }[op]
    both(f, a, b)


@given(broadcast_pair(), st.integers(0, 2**16))
def test_numbers_and_arrays_on_either_side(pair, seed):
    a, c = arrays(pair[0], seed=seed), arrays(pair[1], 0.5, 2.0, seed=seed + 1)
    both(lambda x: 2.0 - x * 3 + 1 / (x * x + 1), a)
    # our Tensor meets a numpy array on the left; torch gets the same numbers as a tensor
    def with_array(x):
        k = c if isinstance(x, Tensor) else torch.tensor(c)
        return (k - x) / k + k * x
    both(with_array, a)
    assert type(c + Tensor(a)) is Tensor and type(c * Tensor(a)) is Tensor


@pytest.mark.parametrize(
    'name, f, low, high',
    [
        ('exp', lambda x: x.exp(), -5, 5),
        ('log', lambda x: x.log(), 0.1, 5),
        ('tanh', lambda x: x.tanh(), -5, 5),
        ('relu', lambda x: x.relu(), -5, 5),
        ('sigmoid', lambda x: x.sigmoid(), -30, 30),
        ('square', lambda x: x**2, -3, 3),
        ('cube', lambda x: x**3, -3, 3),
        ('sqrt', lambda x: x**0.5, 0.1, 4),
        ('reciprocal', lambda x: x**-1, 0.2, 4),
        ('power 0', lambda x: x**0, -3, 3),
        ('neg', lambda x: -x, -3, 3),
    ],
)
@given(shape=shapes, seed=st.integers(0, 2**16))
def test_elementwise_functions_match_pytorch(name, f, low, high, shape, seed):
    both(f, arrays(shape, low, high, seed=seed))


@pytest.mark.parametrize('x', [-1000.0, -20.0, -1e-8, 0.0, 1e-8, 20.0, 1000.0])
def test_saturating_functions_at_extremes(x):
    for f in (lambda t: t.sigmoid(), lambda t: t.tanh(), lambda t: t.relu()):
        out = both(f, np.array([x]))
        assert np.isfinite(out.data).all()
    assert Tensor([1000.0]).exp().item() == np.inf


@given(
    st.integers(0, 2**16),
    st.sampled_from([(1, 1), (1, 2), (2, 1), (2, 2)]),
    st.integers(1, 4),
    st.integers(1, 4),
    st.integers(1, 4),
)
def test_matmul_matches_pytorch_for_vectors_and_matrices(seed, ndims, n, k, m):
    a_shape = (k,) if ndims[0] == 1 else (n, k)
    b_shape = (k,) if ndims[1] == 1 else (k, m)
    both(lambda a, b: a @ b, arrays(a_shape, seed=seed), arrays(b_shape, seed=seed + 1))


@pytest.mark.parametrize('axis', [None, 0, 1, -1, (0, 2)])
@pytest.mark.parametrize('keepdims', [False, True])
def test_reductions_match_pytorch(axis, keepdims):
    x = arrays((2, 3, 4))
    dim = tuple(range(3)) if axis is None else axis
    for ours, theirs in [
        (lambda t: t.sum(axis, keepdims), lambda t: t.sum(dim=dim, keepdim=keepdims)),
        (lambda t: t.mean(axis, keepdims), lambda t: t.mean(dim=dim, keepdim=keepdims)),
    ]:
        out = both(lambda t: ours(t) if isinstance(t, Tensor) else theirs(t), x)
        assert out.shape == x.sum(axis=axis, keepdims=keepdims).shape


@pytest.mark.parametrize('axis', [0, 1, -1])
@pytest.mark.parametrize('keepdims', [False, True])
def test_logsumexp_matches_pytorch_even_at_1000(axis, keepdims):
    x = np.array([[1000.0, 0.0, -1000.0], [1.0, 2.0, 3.0], [-1000.0, -999.0, -1000.0]])
    both(
        lambda t: (
            t.logsumexp(axis, keepdims)
            if isinstance(t, Tensor)
            else torch.logsumexp(t, dim=axis, keepdim=keepdims)
        ),
        x,
    )


def test_indexing_reshape_and_transpose_match_pytorch():
    x = arrays((3, 4))
    # (0, 1) is picked twice: its gradient adds up
    rows, cols = np.array([0, 2, 0, 1]), np.array([1, 3, 1, 1])
    both(
        lambda t: (
            t[rows, cols] if isinstance(t, Tensor) else t[torch.tensor(rows), torch.tensor(cols)]
        ),
        x,
    )
    both(lambda t: t[1:, ::2], x)
    both(lambda t: t[:, 0], x)
    both(lambda t: t.reshape(2, 6).T if isinstance(t, Tensor) else t.reshape(2, 6).T, x)


UNARY = {'tanh': lambda t: t.tanh(), 'sigmoid': lambda t: t.sigmoid(), 'relu': lambda t: t.relu(),
         'exp_tanh': lambda t: t.tanh().exp(), 'times_tanh': lambda t: t * t.tanh()}
# no op more than doubles a magnitude
BINARY = {'+': lambda a, b: a + b, '-': lambda a, b: a - b, '*': lambda a, b: a * b.tanh()}


def draw_ops(draw, unary: dict, binary: dict, most: int) -> list[tuple]:
    "1 to `most` ops on the 3 inputs or earlier results: ('u', name, i) or ('b', name, i, j)."
    ops = []
    for i in range(draw(st.integers(1, most))):
        node = st.integers(0, 3 + i - 1)  # the 3 inputs and every earlier result
        if draw(st.booleans()):
            ops.append(('u', draw(st.sampled_from(sorted(unary))), draw(node)))
        else:
            ops.append(('b', draw(st.sampled_from(sorted(binary))), draw(node), draw(node)))
    return ops


@st.composite
def tensor_programs(draw):
    "Random graphs over a (3, 4) input, (4,) bias and (3, 1) column; ops may reuse earlier nodes."
    ops = draw_ops(draw, UNARY, BINARY, 12)
    return draw(st.integers(0, 2**16)), ops


def run_program(ops, inputs, unary=UNARY, binary=BINARY):
    "Apply the drawn ops in turn; each reads earlier nodes by index. The last node (or the first)."
    nodes = list(inputs)
    for op in ops:
        nodes.append(unary[op[1]](nodes[op[2]]) if op[0] == 'u'
                     else binary[op[1]](nodes[op[2]], nodes[op[3]]))
    return nodes[-1] if ops else nodes[0]


@settings(max_examples=200)
@given(tensor_programs())
def test_random_graphs_with_reused_nodes_match_pytorch(program):
    seed, ops = program
    xs = [
        arrays((3, 4), -1.0, 1.0, seed),
        arrays((4,), -1.0, 1.0, seed + 1),
        arrays((3, 1), -1.0, 1.0, seed + 2),
    ]
    # + ts[0]: the output always has the full (3, 4) shape
    both(lambda *ts: run_program(ops, ts) * 1.0 + ts[0], *xs)


def test_gradcheck_agrees_with_central_differences():
    grads = gradcheck(
        lambda a, b: ((a @ b).tanh() + b.sum(axis=0)).logsumexp(axis=1).mean(),
        arrays((2, 3)),
        arrays((3, 2)),
    )
    assert [g.shape for g in grads] == [(2, 3), (3, 2)]


def test_gradcheck_reports_the_entry_that_differs():
    def broken(a):  # detaches the square: value right, gradient missing
        return (a * 1.0).sum() + Tensor(a.data ** 2).sum()
    with pytest.raises(AssertionError, match='entry 0: backward'):
        gradcheck(broken, np.array([1.5, 2.0]))


def test_gradcheck_allows_the_round_off_of_a_large_output_and_no_more():
    "Central differences of tanh(x) + 1e7 are off by about 4e-5: round-off, not a wrong gradient."
    grads = gradcheck(lambda a: a.tanh().sum() + 1e7, np.array([1.0, 0.5]))
    assert np.allclose(grads[0], 1 - np.tanh([1.0, 0.5]) ** 2, rtol=1e-15)
    def broken(a):  # the same value, half of its gradient lost to a constant
        return (a.tanh() * 0.5).sum() + Tensor(np.tanh(a.data) * 0.5).sum() + 1e7
    with pytest.raises(AssertionError, match='round-off at'):
        gradcheck(broken, np.array([1.0, 0.5]))


def test_unbroadcast_sums_the_copies():
    g = np.arange(24.0).reshape(2, 3, 4)
    assert np.array_equal(_unbroadcast(g, (3, 4)), g.sum(axis=0))
    assert np.array_equal(_unbroadcast(g, (2, 1, 4)), g.sum(axis=1, keepdims=True))
    assert np.array_equal(_unbroadcast(g, ()), g.sum())
    assert _unbroadcast(g, (2, 3, 4)) is g


def test_gradients_accumulate_in_leaves_but_not_in_intermediates():
    a = Tensor([1.0, 2.0], requires_grad=True)
    b = a * a
    loss = (b * 3).sum()
    loss.backward(); loss.backward()
    assert np.array_equal(a.grad, 2 * 6 * a.data)          # two passes add up in the leaf
    # an intermediate holds the last pass only
    assert np.array_equal(b.grad, [3.0, 3.0])
    loss.zero_grad()
    assert np.array_equal(a.grad, [0.0, 0.0])


def test_requires_grad_flows_only_from_parameters():
    data, w = Tensor([[1.0, 2.0]]), Tensor([[0.5], [-1.0]], requires_grad=True)
    assert data.grad is None and not (data * 2).requires_grad
    out = (data @ w).sum()
    out.backward()
    assert out.requires_grad and data.grad is None and np.array_equal(w.grad, [[1.0], [2.0]])


def test_constructor_copies_and_converts():
    source = np.array([1, 2, 3])
    t = Tensor(source)
    source[0] = 99
    assert t.data.dtype == np.float64 and t.data[0] == 1.0
    assert (
        Tensor(5).shape == ()
        and Tensor(5).item() == 5.0
        and Tensor([True, False]).data.tolist() == [1.0, 0.0]
    )


def test_repr_is_one_line_and_short():
    r = repr(Tensor(np.arange(1000.0).reshape(10, 100), requires_grad=True, label='big'))
    assert (
        '\n' not in r
        and len(r) < 200
        and "label='big'" in r
        and 'requires_grad=True' in r
        and 'shape=(10, 100)' in r
    )
    # constants build no graph: no op to show
    assert repr(Tensor([1.0]) + Tensor([2.0])) == "Tensor([3.])"


@pytest.mark.parametrize(
    'make, error, message',
    [
        (lambda: Tensor('abc'), TypeError, 'needs numbers'),
        (lambda: Tensor(None), TypeError, 'needs numbers'),
        (lambda: Tensor([1.0, None]), TypeError, 'holding object entries'),
        (lambda: Tensor([1 + 2j]), TypeError, 'complex'),
        (lambda: Tensor([[1.0, 2.0], [3.0]]), ValueError, 'rows of different lengths'),
        (lambda: Tensor([1.0]) + 'x', TypeError, 'unsupported operand'),
        (lambda: Tensor([1.0]) + [1.0], TypeError, 'unsupported operand'),
        (
            lambda: Tensor(np.ones((2, 3))) * Tensor(np.ones((3, 2))),
            ValueError,
            r'shapes \(2, 3\) \* \(3, 2\)',
        ),
        (
            lambda: Tensor(np.ones((2, 3))) @ Tensor(np.ones((2, 3))),
            ValueError,
            r'inner sizes differ \(3 != 2\)',
        ),
        (lambda: Tensor(np.ones((2, 2, 2))) @ Tensor(np.ones(2)), ValueError, '1-D or 2-D'),
        (lambda: Tensor([1.0, 0.0]).log(), ValueError, '1 of the 2 entries are <= 0'),
        (lambda: Tensor([-4.0]) ** 0.5, ValueError, 'fractional power'),
        (lambda: Tensor([0.0]) ** -1, ZeroDivisionError, 'negative power'),
        (lambda: Tensor([1.0]) ** Tensor([2.0]), TypeError, 'exponent must be a number'),
        (lambda: Tensor([1.0, 2.0]) / Tensor([0.0, 1.0]), ZeroDivisionError, '1 zero entries'),
        (lambda: 1 / Tensor([0.0]), ZeroDivisionError, 'zero entries'),
        (lambda: Tensor([1.0, 2.0]).item(), ValueError, 'one element'),
        (lambda: Tensor([1.0]).backward(), RuntimeError, 'requires grad'),
        (
            lambda: (Tensor([1.0, 2.0], requires_grad=True) * 2).backward(),
            RuntimeError,
            r'shape \(2,\)',
        ),
        (
            lambda: (Tensor([1.0, 2.0], requires_grad=True) * 2).backward(np.ones(3)),
            ValueError,
            'gradient has shape',
        ),
        (
            lambda: batch_mse_loss(Tensor(np.ones((3, 1))), np.ones(3)),
            ValueError,
            r'\(3, 1\) and \(3,\) differ',
        ),
        (lambda: batch_hinge_loss(Tensor(np.ones(2)), [0, 1]), ValueError, 'labels of -1 and \\+1'),
        (
            lambda: batch_cross_entropy(Tensor(np.ones(3)), [0]),
            ValueError,
            'shape \\(examples, classes\\)',
        ),
        (lambda: batch_cross_entropy(Tensor(np.ones((2, 3))), [0, 3]), ValueError, 'from 0 to 2'),
        (
            lambda: batch_cross_entropy(Tensor(np.ones((2, 3))), [0.0, 1.0]),
            TypeError,
            'class indices, integers.*got float64',
        ),
        (
            lambda: batch_cross_entropy(
                Tensor(np.ones((2, 3))), np.array([0.0, 1.0], dtype=np.float32)
            ),
            TypeError,
            'got float32',
        ),
        (
            lambda: batch_cross_entropy(Tensor(np.ones((2, 3))), np.array([True, False])),
            TypeError,
            'got bool',
        ),
        (
            lambda: batch_cross_entropy(Tensor(np.ones((2, 3))), [True, False]),
            TypeError,
            'got bool',
        ),
        (
            lambda: batch_cross_entropy(Tensor(np.ones((2, 3))), Tensor([0, 1])),
            TypeError,
            'not a Tensor',
        ),
        (
            lambda: batch_cross_entropy(Tensor(np.ones((2, 3))), np.array([[0], [1]])),
            ValueError,
            r'2 targets.*shape \(2, 1\)',
        ),
        (
            lambda: batch_cross_entropy(Tensor(np.ones((2, 3))), np.array([0, -1])),
            ValueError,
            'from 0 to 2',
        ),
        (lambda: batch_cross_entropy(Tensor(np.ones((2, 3))), [0]), ValueError, '2 targets'),
        (
            lambda: TensorMLP(2, [3, 1])(np.ones((4, 3))),
            ValueError,
            r'batch of shape \(examples, 2\)',
        ),
        (lambda: TensorMLP(2, [3, 1])(np.ones(2)), ValueError, r'got shape \(2,\)'),
        (lambda: TensorMLP(2, [3, 1], act='gelu'), ValueError, 'supports the activations'),
        (lambda: TensorMLP.from_mlp(MLP(2, [3, 1], act='gelu')), ValueError, "got 'gelu'"),
        (lambda: TensorMLP(2, []), ValueError, 'non-empty list'),
        (lambda: TensorMLP(0, [1]), ValueError, 'nin must be a positive integer'),
        (lambda: Linear(2, 3, seed='x'), TypeError, 'seed must be'),
        (
            lambda: setattr(Tensor([1.0, 2.0]), 'data', np.ones((2, 2))),
            ValueError,
            r'new array has shape \(2, 2\), the tensor \(2,\)',
        ),
        (lambda: setattr(Tensor([1.0, 2.0]), 'data', ['a', 'b']), TypeError, 'needs numbers'),
    ],
)
def test_bad_input_names_the_problem(make, error, message):
    with pytest.raises(error, match=message): make()


def test_a_deep_chain_backpropagates_without_recursion():
    x = Tensor([0.5, -0.5], requires_grad=True)
    y = x
    # 40,000 nodes deep: 40 times Python's default recursion limit
    for _ in range(20_000): y = y * 1.0 + 0.0
    y.sum().backward()
    assert np.array_equal(x.grad, [1.0, 1.0])


def test_a_dropped_graph_is_freed_without_the_garbage_collector():
    model = TensorMLP(2, [8, 1], seed=0)
    gc.disable()
    try:
        loss = batch_mse_loss(model(np.ones((5, 2)))[:, 0], np.zeros(5))
        watchers = [weakref.ref(n) for n in topological_order(loss) if n._prev]
        del loss
        assert watchers and all(w() is None for w in watchers)
    finally:
        gc.enable()


def test_losses_match_pytorch():
    logits = np.array(
        [[1000.0, -1000.0, 0.0], [3.0, 1.0, 2.0], [-1000.0, 999.0, 1000.0], [0.5, 0.5, 0.5]]
    )
    targets = [0, 2, 1, 2]
    ours = Tensor(logits, requires_grad=True)
    theirs = torch.tensor(logits, requires_grad=True)
    batch_cross_entropy(ours, targets).backward()
    F.cross_entropy(theirs, torch.tensor(targets)).backward()
    close(
        batch_cross_entropy(Tensor(logits), targets).item(),
        F.cross_entropy(torch.tensor(logits), torch.tensor(targets)).item(),
    )
    close(ours.grad, theirs.grad.numpy())
    pred, target, pm = arrays((5,)), arrays((5,), seed=1), np.array([1.0, -1.0, 1.0, 1.0, -1.0])
    both(
        lambda p: (
            batch_mse_loss(p, target)
            if isinstance(p, Tensor)
            else F.mse_loss(p, torch.tensor(target))
        ),
        pred,
    )
    both(
        lambda s: (
            batch_hinge_loss(s, pm)
            if isinstance(s, Tensor)
            else torch.relu(1 - torch.tensor(pm) * s).mean()
        ),
        pred,
    )


@pytest.mark.parametrize(
    'act, out_act', [('tanh', None), ('relu', None), ('sigmoid', 'tanh'), ('relu', 'sigmoid')]
)
def test_from_mlp_computes_what_the_scalar_mlp_computes(act, out_act):
    scalar = MLP(3, [5, 4, 2], act=act, out_act=out_act, seed=3)
    model = TensorMLP.from_mlp(scalar)
    assert (
        model.num_parameters == scalar.num_parameters
        and model.act == act
        and model.out_act == (out_act or 'linear')
    )
    X = arrays((6, 3), seed=7).tolist()
    close(model(X).data, [[v.data for v in scalar(x)] for x in X], rtol=1e-13)


def test_tensor_mlp_is_seeded_and_counts_numbers():
    a, b, c = (
        TensorMLP(2, [16, 16, 1], act='relu', seed=0),
        TensorMLP(2, [16, 16, 1], act='relu', seed=0),
        TensorMLP(2, [16, 16, 1], act='relu', seed=1),
    )
    assert all(
        np.array_equal(p.data, q.data) for p, q in zip(a.parameters(), b.parameters(), strict=True)
    )
    assert not np.array_equal(a.parameters()[0].data, c.parameters()[0].data)
    assert a.num_parameters == 337 and len(a.parameters()) == 6
    assert repr(a) == "TensorMLP(2 → 16 → 16 → 1, act='relu', out_act='linear'): 337 parameters"
    bound = 1 / np.sqrt(16)
    assert np.abs(a.layers[1].W.data).max() <= bound and a.layers[1].W.shape == (16, 16)


@pytest.mark.parametrize('make_opt', [lambda ps: SGD(ps, lr=0.1, momentum=0.9, weight_decay=1e-2),
                                      lambda ps: Adam(ps, lr=0.05, weight_decay=1e-3)])
def test_the_same_optimisers_train_both_engines_identically(make_opt):
    X, y = arrays((12, 2), seed=5), arrays((12,), seed=6)
    scalar = MLP(2, [6, 1], act='tanh', seed=2)
    model = TensorMLP.from_mlp(scalar)
    s_opt, t_opt = make_opt(scalar.parameters()), make_opt(model.parameters())
    for _ in range(8):
        s_loss = mse_loss([scalar(x) for x in X.tolist()], y.tolist())
        t_loss = batch_mse_loss(model(X)[:, 0], y)
        close(t_loss.item(), s_loss.data, rtol=1e-12)
        s_opt.zero_grad(); s_loss.backward(); s_opt.step()
        t_opt.zero_grad(); t_loss.backward(); t_opt.step()
    close(TensorMLP.from_mlp(scalar)(X).data, model(X).data, rtol=1e-12)


def test_optimizer_zero_grad_resets_tensor_gradients_to_arrays_of_zeros():
    model = TensorMLP(2, [3, 1], seed=0)
    opt = SGD(model.parameters(), lr=0.1)
    batch_mse_loss(model(np.ones((4, 2)))[:, 0], np.zeros(4)).backward()
    assert any(np.abs(p.grad).sum() > 0 for p in model.parameters())
    opt.zero_grad()
    assert all(p.grad.shape == p.shape and not p.grad.any() for p in model.parameters())


@pytest.mark.parametrize(
    'dtype', [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64]
)
def test_cross_entropy_takes_integer_class_indices_of_any_width(dtype):
    logits = arrays((4, 3), seed=2)
    targets = [2, 0, 1, 2]
    ours = Tensor(logits, requires_grad=True)
    loss = batch_cross_entropy(ours, np.array(targets, dtype=dtype))
    loss.backward()
    reference = Tensor(logits, requires_grad=True)
    batch_cross_entropy(reference, targets).backward()
    assert loss.item() == batch_cross_entropy(Tensor(logits), targets).item()
    assert np.array_equal(ours.grad, reference.grad)
    close(loss.item(), F.cross_entropy(torch.tensor(logits), torch.tensor(targets)).item())


# --- the version counter: an in-place change after the forward pass makes backward() refuse, never
# a wrong gradient

def product_graph(label='b'):
    "a, b and c = sum(a * b), with a = [2, 1] and b = [3, 4]."
    a, b = (
        Tensor([2.0, 1.0], requires_grad=True, label='a'),
        Tensor([3.0, 4.0], requires_grad=True, label=label),
    )
    return a, b, (a * b).sum()


@pytest.mark.parametrize(
    'change',
    [lambda b: b.__setattr__('data', b.data + 10), lambda b: setattr(b, 'data', [0.0, 0.0])],
    ids=['assign', 'assign a list'],
)
def test_assigning_data_after_the_forward_pass_is_refused_by_name(change):
    a, b, c = product_graph()
    change(b)
    with pytest.raises(
        RuntimeError,
        match=r"modified in place: 'b', read by '\*', was at version 0 .* now at version 1",
    ):
        c.backward()
    assert not a.grad.any() and not b.grad.any()  # refused before any gradient was touched


@pytest.mark.parametrize('op', ['+=', '-=', '*=', '/='])
def test_augmented_assignment_to_data_is_counted(op):
    a, b, c = product_graph()
    exec(f"b.data {op} 2.0")
    assert b._version == 1
    with pytest.raises(
        RuntimeError,
        match="one of the tensors needed for gradient computation was modified in place: 'b'",
    ):
        c.backward()


def test_the_error_describes_an_unlabelled_tensor_by_shape_and_operation():
    x = Tensor(np.ones((2, 3)), requires_grad=True)
    h = x * 2.0
    out = (h * h).sum()
    h.data += 1
    with pytest.raises(
        RuntimeError,
        match=r"an unlabelled tensor of shape \(2, 3\) \(the output of '\*'\), read by '\*'",
    ):
        out.backward()


@pytest.mark.parametrize(
    'f, op',
    [(lambda x: x.exp(), 'exp'), (lambda x: x.tanh(), 'tanh'), (lambda x: x.sigmoid(), 'sigmoid')],
)
def test_rules_that_read_their_own_output_refuse_when_it_changed(f, op):
    x = Tensor([0.5, -0.5], requires_grad=True)
    y = f(x)
    y.label = 'y'
    y.data *= 2
    with pytest.raises(RuntimeError, match=f"'y', read by '{op}'"):
        y.sum().backward()


@pytest.mark.parametrize(
    'f', [lambda a, b: a * b, lambda a, b: a / b, lambda a, b: a @ b, lambda a, b: a.log() + b]
)
def test_every_rule_that_reads_an_input_checks_it(f):
    a, b = (
        Tensor([1.0, 2.0], requires_grad=True, label='a'),
        Tensor([3.0, 4.0], requires_grad=True, label='b'),
    )
    out = f(a, b).sum()
    a.data += 1
    with pytest.raises(RuntimeError, match="'a'"): out.backward()


@pytest.mark.parametrize(
    'f',
    [
        lambda a, b: a + b,
        lambda a, b: a - b,
        lambda a, b: (-a) + b,
        lambda a, b: a**2 + b,
        lambda a, b: a.relu() + b,
        lambda a, b: a.reshape(2, 1).T.sum() + a[0] + b,
        lambda a, b: a.logsumexp() + b.mean(),
    ],
)
def test_rules_that_read_no_input_still_give_the_right_gradient(f):
    "As in PyTorch: changing an input the rule never reads can't spoil its gradient; it's allowed."
    a, b = Tensor([1.0, 2.0], requires_grad=True), Tensor([3.0, 4.0], requires_grad=True)
    out = f(a, b).sum()
    b.data += 1
    out.backward()
    fresh_a, fresh_b = (
        Tensor([1.0, 2.0], requires_grad=True),
        Tensor([3.0, 4.0], requires_grad=True),
    )
    f(fresh_a, fresh_b).sum().backward()
    assert np.array_equal(a.grad, fresh_a.grad) and np.array_equal(b.grad, fresh_b.grad)


def test_matches_pytorch_on_which_changes_are_refused():
    "Where both rules read (or don't read) the changed input, both refuse (or allow) alike."
    for torch_refuses, make in [
        (True, lambda a, b: a * b),
        (True, lambda a, b: a / b),
        (True, lambda a, b: a.log() + b),
        (False, lambda a, b: a + b),
        (False, lambda a, b: a.exp() * 1.0 + b),
        (False, lambda a, b: a.relu() + b),
    ]:
        ta, tb = (
            torch.tensor([2.0], dtype=torch.float64, requires_grad=True),
            torch.tensor([3.0], dtype=torch.float64, requires_grad=True),
        )
        tout = make(ta, tb).sum()
        with torch.no_grad(): ta += 1
        a, b = Tensor([2.0], requires_grad=True), Tensor([3.0], requires_grad=True)
        out = make(a, b).sum()
        a.data += 1
        outcomes = []
        for backward in (tout.backward, out.backward):
            try: backward(); outcomes.append(False)
            except RuntimeError: outcomes.append(True)
        assert outcomes == [torch_refuses, torch_refuses]


def test_writes_inside_the_array_are_not_detected():
    "Documented: .data assignments are seen, numpy writes inside the array are not (as in PyTorch)."
    for write in (
        lambda b: b.data.__setitem__(0, 5.0),
        lambda b: b.data.fill(0.0),
        lambda b: np.add(b.data, 1.0, out=b.data),
    ):
        a, b, c = product_graph()
        write(b)
        c.backward()  # no error: the gradient uses the new numbers
        assert b._version == 0 and np.array_equal(a.grad, b.data)


def test_a_graph_built_after_the_change_is_fine():
    a, b, c = product_graph()
    b.data += 10
    c = (a * b).sum()
    c.backward()
    assert np.array_equal(a.grad, [13.0, 14.0])


def test_the_graph_may_be_backpropagated_again_if_nothing_changed():
    a, b, c = product_graph()
    c.backward(); c.backward()
    assert np.array_equal(a.grad, [6.0, 8.0])


@pytest.mark.parametrize(
    'make_opt',
    [lambda ps: SGD(ps, lr=0.3, momentum=0.9), lambda ps: Adam(ps, lr=0.05)],
    ids=['SGD', 'Adam'],
)
def test_optimisers_still_train_and_a_stale_graph_is_refused(make_opt):
    X, y = arrays((30, 2), seed=8), np.where(arrays((30,), seed=9) > 0, 1.0, -1.0)
    model = TensorMLP(2, [8, 1], act='tanh', seed=0)
    opt, losses = make_opt(model.parameters()), []
    for _ in range(40):
        loss = batch_mse_loss(model(X)[:, 0], y)
        opt.zero_grad(); loss.backward(); opt.step()
        losses.append(loss.item())
    assert losses[-1] < 0.7 * losses[0]
    assert all(p._version == 40 for p in model.parameters())  # one counted change per step
    with pytest.raises(RuntimeError, match="modified in place: 'W'"):
        loss.backward()  # built before the last step


def test_results_own_their_arrays():
    x = Tensor(np.arange(6.0).reshape(2, 3), requires_grad=True)
    for result in (
        x.reshape(3, 2),
        x.reshape(-1),
        x.T,
        x[0],
        x[:, 1:],
        x[np.array([1, 0])],
        x + 0.0,
        x.sum(axis=0),
    ):
        assert not np.shares_memory(result.data, x.data)
    source = np.ones(3)
    t = Tensor(source)
    t.data = source
    source[0] = 7.0
    assert t.data[0] == 1.0  # assigning an array stores a copy, as the constructor does


def test_a_reshaped_copy_changed_in_place_does_not_corrupt_the_original_graph():
    "With numpy views, r.data += 1 would change x's array behind x's version counter."
    x = Tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
    w = Tensor([1.0, 1.0, 1.0, 1.0], requires_grad=True)
    loss = (x * w).sum()
    r = x.reshape(2, 2)
    r.data += 100
    loss.backward()
    assert np.array_equal(w.grad, [1.0, 2.0, 3.0, 4.0])


def test_changing_an_index_array_afterwards_cannot_change_the_gradient():
    x = Tensor([1.0, 2.0, 3.0], requires_grad=True)
    rows, targets = np.array([0, 0, 2]), np.array([2, 0])
    picked = x[rows].sum() + batch_cross_entropy(Tensor(np.ones((2, 3))) * x, targets)
    rows[:] = 1; targets[:] = 1
    picked.backward()
    reference = Tensor([1.0, 2.0, 3.0], requires_grad=True)
    (
        reference[np.array([0, 0, 2])].sum()
        + batch_cross_entropy(Tensor(np.ones((2, 3))) * reference, [2, 0])
    ).backward()
    assert np.array_equal(x.grad, reference.grad)


def test_every_result_holds_an_array_even_a_zero_dimensional_one():
    "numpy gives np.float64 for u @ v and 0-d arithmetic; a Tensor's data is always an ndarray."
    u, v = Tensor([1.0, 2.0], requires_grad=True), Tensor([3.0, 4.0], requires_grad=True)
    results = [
        u @ v,
        u.mean(),
        u.sum() / 2.0,
        (u @ v).exp(),
        (u @ v) * (u @ v),
        u.sum().tanh(),
        u[0],
        u.logsumexp(),
        Tensor([1.0, 2.0]) @ Tensor([3.0, 4.0]),
    ]
    for r in results:
        assert isinstance(r.data, np.ndarray) and r.data.dtype == np.float64 and r.shape == (), (
            r,
            type(r.data),
        )
    (u @ v).backward()
    assert np.array_equal(u.grad, [3.0, 4.0]) and np.array_equal(v.grad, [1.0, 2.0])


# ------------------------------------------------ the edges: NaN, inf, huge and tiny numbers
def agree(ours, theirs, rtol=1e-12):
    "As PyTorch: NaN exactly where it has NaN, the same infinities, finite numbers close."
    ours, theirs = np.asarray(ours, dtype=float), np.asarray(theirs, dtype=float)
    assert ours.shape == theirs.shape, (ours.shape, theirs.shape)
    assert np.array_equal(np.isnan(ours), np.isnan(theirs)), (ours, theirs)
    assert np.array_equal(ours[np.isinf(theirs)], theirs[np.isinf(theirs)]), (ours, theirs)
    finite = np.isfinite(theirs)
    np.testing.assert_allclose(ours[finite], theirs[finite], rtol=rtol, atol=1e-300)


def both_at_the_edges(f, *arrays, gradient=None):
    "f on our Tensors and on float64 torch tensors: values and gradients judged by `agree`."
    ours = [Tensor(a, requires_grad=True) for a in arrays]
    theirs = [torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in arrays]
    out, ref = f(*ours), f(*theirs)
    agree(out.data, ref.detach().numpy())
    g = np.linspace(0.5, 2.0, out.data.size).reshape(out.shape) if gradient is None else gradient
    out.backward(g)
    ref.backward(torch.tensor(g))
    for t, r in zip(ours, theirs, strict=True):
        agree(t.grad, np.zeros(t.shape) if r.grad is None else r.grad.numpy())


EDGES = np.array([np.nan, np.inf, -np.inf, 1e300, -1e300, 1e-300, -1e-300, 0.0, 2.5, -0.5])
REVERSED = list(range(9, -1, -1))


@pytest.mark.parametrize(
    'name, f',
    [
        ('+', lambda x: x + x[REVERSED]),
        ('-', lambda x: x - 1.5),
        ('*', lambda x: x * x[REVERSED]),
        ('neg', lambda x: -x),
        ('/', lambda x: x / 3.0),
        ('**2', lambda x: x**2),
        ('**3', lambda x: x**3),
        ('exp', lambda x: x.exp()),
        ('tanh', lambda x: x.tanh()),
        ('relu', lambda x: x.relu()),
        ('sigmoid', lambda x: x.sigmoid()),
        ('sum', lambda x: x.sum()),
        ('mean', lambda x: x.mean()),
        ('logsumexp', lambda x: x.logsumexp(0)),
        ('reshape', lambda x: x.reshape(2, 5).T),
        ('index', lambda x: x[[0, 0, 3]]),
        ('@', lambda x: x.reshape(2, 5) @ x.reshape(5, 2)),
    ],
)
def test_nan_inf_huge_and_tiny_numbers_go_through_every_op_as_in_pytorch(name, f):
    both_at_the_edges(f, EDGES)


def test_nan_goes_through_log_and_a_blocked_relu_passes_no_nan_gradient():
    both_at_the_edges(lambda x: x.log(), np.array([np.nan, 1e-300, 1e300, np.inf]))
    # relu at -1 blocks the gradient even when it is inf or nan (inf * 0 would be nan)
    both_at_the_edges(
        lambda x: x.relu(), np.array([-1.0, -2.0, 3.0]), gradient=np.array([np.inf, np.nan, 1.0])
    )


@pytest.mark.parametrize(
    'row',
    [
        [1e300, 1e300],
        [np.inf, 1.0],
        [-np.inf, -np.inf],
        [np.inf, -np.inf],
        [np.nan, 1.0],
        [1e308, -1e308],
        [-np.inf, 2.0],
        [1e16, 1e16],
    ],
)
def test_logsumexp_and_cross_entropy_of_huge_and_infinite_rows_match_pytorch(row):
    x = np.array([row])
    t = Tensor(x, requires_grad=True)
    lse = t.logsumexp(axis=1)
    lse.backward(np.ones(1))
    agree(lse.data, torch.logsumexp(torch.tensor(x), dim=1).numpy())
    tx = torch.tensor(x, requires_grad=True)
    torch.logsumexp(tx, dim=1).sum().backward()
    # The slope is the softmax. PyTorch computes it as exp(x - logsumexp), which for a finite row at
    # 1e300 gives 1 per entry (log 2 was lost to rounding): the softmax is the reference.
    agree(
        t.grad,
        torch.softmax(tx, dim=1).detach().numpy() if np.isfinite(x).all() else tx.grad.numpy(),
    )
    for target in (0, 1):
        both_at_the_edges(
            lambda t: (
                batch_cross_entropy(t, [target])
                if isinstance(t, Tensor)
                else F.cross_entropy(t, torch.tensor([target]))
            ),
            x,
            gradient=np.array(1.0),
        )


def test_cross_entropy_of_two_equal_huge_logits_is_log_2():
    assert abs(batch_cross_entropy(Tensor([[1e300, 1e300]]), [0]).item() - np.log(2)) < 1e-15


@pytest.mark.parametrize(
    'a, b', [(1e-200, 1e-200), (0.0, 1e-200), (1e-300, 3e-162), (1.0, 1e200), (5.0, -1e-100)]
)
def test_the_division_slope_does_not_underflow(a, b):
    both_at_the_edges(lambda x, y: x / y, np.array([a]), np.array([b]))
    x, y = Tensor([a], requires_grad=True), Tensor([b], requires_grad=True)
    (x / y).backward(np.ones(1))
    assert np.isfinite(y.grad).all()  # 1e-200 / 1e-200 used to give -inf, 0 / 1e-200 nan


# ---------------------------------------------------------------- Python's and numpy's protocols
def test_iteration_and_sum_work_as_in_pytorch():
    with pytest.raises(TypeError, match='iteration over a 0-d tensor'):
        sum(Tensor(5.0))
    with pytest.raises(TypeError):
        sum(torch.tensor(5.0))  # PyTorch refuses too
    x = Tensor([1.0, 2.0, 3.0], requires_grad=True)
    total = sum(x)
    total.backward()
    assert total.item() == 6.0 and np.array_equal(x.grad, [1.0, 1.0, 1.0])
    assert [row.data.tolist() for row in Tensor([[1.0, 2.0], [3.0, 4.0]])] == [
        [1.0, 2.0],
        [3.0, 4.0],
    ]


@pytest.mark.parametrize('values', [[0.0], [2.0], [-0.0], [np.nan], 0.0, 3.0])
def test_bool_of_one_number_is_its_truth_as_in_pytorch(values):
    assert bool(Tensor(values)) == bool(torch.tensor(values))


def test_bool_of_several_numbers_is_refused_as_in_pytorch():
    with pytest.raises(RuntimeError, match='ambiguous.*t.data.any'):
        bool(Tensor([0.0, 1.0]))
    with pytest.raises(RuntimeError):
        bool(torch.tensor([0.0, 1.0]))


def test_np_array_gives_numbers_and_refuses_a_tensor_in_a_graph():
    t = Tensor([[1.0, 2.0]])
    a = np.array(t)
    assert a.dtype == np.float64 and a.tolist() == [[1.0, 2.0]]
    a[0, 0] = 99.0
    assert (
        t.data[0, 0] == 1.0
    )  # a copy: the tensor's numbers cannot change behind its version counter
    assert np.asarray(t, dtype=np.float32).dtype == np.float32
    with pytest.raises(RuntimeError, match='use t.data'):
        np.array(Tensor([1.0], requires_grad=True))
    with pytest.raises(RuntimeError, match='use t.data'):
        Tensor([Tensor(1.0, requires_grad=True)])


# ------------------------------------------------ gradients that are arrays of their own
def test_leaves_given_requires_grad_later_get_gradients_of_their_own():
    a, b = Tensor([1.0, 2.0]), Tensor([3.0, 4.0])
    a.requires_grad = b.requires_grad = True
    (a + b).sum().backward()
    assert a.grad is not b.grad and not np.shares_memory(a.grad, b.grad)
    a.grad *= 0.5  # writable, and b's is untouched
    assert a.grad.tolist() == [0.5, 0.5] and b.grad.tolist() == [1.0, 1.0]


def test_a_gradient_from_a_sum_is_writable():
    a = Tensor([1.0, 2.0, 3.0])
    a.requires_grad = True
    a.sum().backward()
    a.grad *= 0.5
    assert a.grad.tolist() == [0.5, 0.5, 0.5]


# ------------------------------------------------ empty tensors, big integers, mixed libraries
def test_the_mean_of_nothing_is_nan_as_in_pytorch():
    for axis in (None, 0):
        ours = Tensor(np.ones((0, 3))).mean(axis=axis).data
        theirs = torch.ones((0, 3), dtype=torch.float64).mean(dim=axis).numpy()
        agree(ours, theirs)


def test_indexing_with_an_empty_list_picks_nothing_as_in_pytorch():
    x = Tensor([1.0, 2.0, 3.0], requires_grad=True)
    picked = x[[]]
    assert picked.shape == tuple(torch.tensor([1.0, 2.0, 3.0])[[]].shape) == (0,)
    (picked.sum() + x.sum()).backward()
    assert x.grad.tolist() == [1.0, 1.0, 1.0]


def test_integers_beyond_int64_become_float64():
    assert Tensor(2**70).item() == float(2**70) == torch.tensor(2**70, dtype=torch.float64).item()
    assert Tensor([2**70, 1]).data.tolist() == [float(2**70), 1.0]


def test_a_custom_activation_named_relu_is_refused_as_the_pytorch_bridge_refuses():
    from solveit_z2h.torch_bridge import to_torch

    def relu(v):
        return v.tanh()  # the learner's own function, merely named relu

    model = MLP(2, [3, 1], act=relu)
    with pytest.raises(ValueError, match="'relu' is a custom function"):
        TensorMLP.from_mlp(model)
    with pytest.raises(ValueError, match='custom function'):
        to_torch(model)


@pytest.mark.parametrize(
    'make, error, message',
    [
        (
            lambda: batch_cross_entropy(Tensor(np.ones((0, 3))), []),
            ValueError,
            r'a row and a class.*\(0, 3\)',
        ),
        (
            lambda: batch_cross_entropy(Tensor(np.ones((2, 0))), [0, 0]),
            ValueError,
            r'a row and a class.*\(2, 0\)',
        ),
        (lambda: Tensor(10**400), ValueError, 'at most about 1.8e308'),
        (
            lambda: Tensor([1.0]) + torch.tensor([1.0]),
            TypeError,
            'solveit_z2h Tensor with a Tensor from PyTorch',
        ),
        (
            lambda: torch.tensor([1.0]) + Tensor([1.0]),
            TypeError,
            'solveit_z2h Tensor with a Tensor from PyTorch',
        ),
        (
            lambda: Tensor([1.0]) * torch.tensor([1.0]),
            TypeError,
            r'torch_tensor.detach\(\).numpy\(\)',
        ),
        (
            lambda: batch_mse_loss([1.0, 2.0], [1.0, 2.0]),
            TypeError,
            "mse_loss takes the model's output as a Tensor, got a list",
        ),
        (
            lambda: batch_hinge_loss([0.5], [1.0]),
            TypeError,
            "hinge_loss takes the model's output as a Tensor",
        ),
        (
            lambda: batch_cross_entropy([[1.0, 2.0]], [0]),
            TypeError,
            "cross_entropy takes the model's output as a Tensor",
        ),
        (
            lambda: batch_hinge_loss(Tensor([0.5, 1.0]), [1.0, np.nan]),
            ValueError,
            'labels of -1 and \\+1',
        ),
    ],
)
def test_edge_input_names_the_problem(make, error, message):
    with pytest.raises(error, match=message):
        make()


# ------------------------------------------------ random graphs at the edges, against PyTorch
EDGE_UNARY = {
    'tanh': lambda t: t.tanh(),
    'sigmoid': lambda t: t.sigmoid(),
    'relu': lambda t: t.relu(),
    'exp': lambda t: t.exp(),
    'neg': lambda t: -t,
    'square': lambda t: t**2,
}
EDGE_BINARY = {
    '+': lambda a, b: a + b,
    '-': lambda a, b: a - b,
    '*': lambda a, b: a * b,
    '/': lambda a, b: a / (b.exp() + 1),
}  # a divisor that is never 0
EDGE_VALUES = [np.nan, np.inf, -np.inf, 1e300, -1e300, 1e-300, -1e-300, 0.0, 1.0, -2.0, 0.5, 30.0]


@st.composite
def edge_programs(draw):
    "A random graph over (3, 4), (4,) and (3, 1) inputs of NaN, ±inf, huge, tiny and plain numbers."
    values = st.sampled_from(EDGE_VALUES)
    arrays = [
        np.array(draw(st.lists(values, min_size=size, max_size=size))).reshape(shape)
        for shape, size in [((3, 4), 12), ((4,), 4), ((3, 1), 3)]
    ]
    ops = draw_ops(draw, EDGE_UNARY, EDGE_BINARY, 8)
    return arrays, ops


def run_edge_program(ops, inputs):
    return run_program(ops, inputs, EDGE_UNARY, EDGE_BINARY)


@settings(max_examples=100, deadline=None)
@given(edge_programs())
def test_random_graphs_at_the_edges_match_pytorch(program):
    "Judged against PyTorch float64 by `agree`: NaN exactly where it gives NaN, and so on."
    arrays, ops = program
    with np.errstate(all='ignore'):
        both_at_the_edges(
            lambda *ts: run_edge_program(ops, ts) + ts[0] * 0.0,
            *arrays,
            gradient=np.linspace(0.5, 2.0, 12).reshape(3, 4),
        )


def test_no_grad_records_no_tensor_graph():
    from solveit_z2h.engine import no_grad
    w = Tensor(np.array([1.0, -2.0]), requires_grad=True)
    with no_grad(): out = (w * w).sum()
    assert not out.requires_grad and out._prev == () and out.item() == 5.0
    with pytest.raises(RuntimeError, match=r'inside no_grad\(\)'): out.backward()
