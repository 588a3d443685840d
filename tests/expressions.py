"""Random expression graphs for property-based tests: one program runs on any engine with Value's
interface.

Our `Value` and float64 torch tensors share `+ - * / **` (numbers on either side) and `.exp() .log()
.tanh() .relu()`, so the same program builds the same graph in both. Operations keep their inputs
inside their domain by construction (a positive base for `log` and for a Value exponent, a
denominator of at least 0.5).
"""
import math

import torch
from hypothesis import assume, strategies as st

from solveit_z2h.engine import Value

UNARY = {
    'neg': lambda a: -a,
    'tanh': lambda a: a.tanh(),
    'relu': lambda a: a.relu(),
    'exp': lambda a: a.exp(),
    'log': lambda a: (a * a + 0.5).log(),
    'square': lambda a: a ** 2,
    'cube': lambda a: a ** 3,
    'sqrt': lambda a: (a * a + 1.0) ** 0.5,
    'reciprocal': lambda a: 1.0 / (a * a + 0.5),
    'rsub': lambda a: 2.0 - a,
    'rpow': lambda a: 2.0 ** a,
    'scale': lambda a: 0.5 * a + 1.0,
}
BINARY = {
    'add': lambda a, b: a + b,
    'sub': lambda a, b: a - b,
    'mul': lambda a, b: a * b,
    'div': lambda a, b: a / (b * b + 0.5),
    'pow': lambda a, b: (a * a + 0.5) ** b.tanh(),
}


@st.composite
def programs(draw, max_leaves: int = 4, max_ops: int = 10):
    "Leaf values and a list of (op, input indices); inputs may be any earlier node, so nodes recur."
    n_leaves = draw(st.integers(1, max_leaves))
    leaves = draw(st.lists(st.floats(-2.5, 2.5), min_size=n_leaves, max_size=n_leaves))
    ops = []
    for k in range(draw(st.integers(1, max_ops))):
        name = draw(st.sampled_from(sorted(UNARY) + sorted(BINARY)))
        arity = 1 if name in UNARY else 2
        ops.append((name, tuple(draw(st.integers(0, n_leaves + k - 1)) for _ in range(arity))))
    return leaves, ops


def run(ops, leaves):
    "Run `ops` on engine values `leaves`; the output is the sum of every operation's result."
    nodes = list(leaves)
    for name, args in ops:
        nodes.append((UNARY.get(name) or BINARY[name])(*(nodes[i] for i in args)))
    results = nodes[len(leaves):]
    return sum(results[1:], results[0])


def run_value(ops, xs, max_abs: float = 1e4):
    "Run on our engine; reject (hypothesis `assume`) programs that blow up or sit on ReLU's kink."
    leaves = [Value(x) for x in xs]
    nodes = list(leaves)
    for name, args in ops:
        inputs = [nodes[i] for i in args]
        # central differences straddle the kink
        if name == 'relu': assume(abs(inputs[0].data) > 1e-3)
        out = (UNARY.get(name) or BINARY[name])(*inputs)
        assume(math.isfinite(out.data) and abs(out.data) < max_abs)
        nodes.append(out)
    out = run(ops, leaves)
    assume(math.isfinite(out.data) and abs(out.data) < max_abs)
    return leaves, out


def run_torch(ops, xs):
    "Run on float64 torch tensors; return the output and every leaf's gradient (0 if unused)."
    leaves = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in xs]
    out = run(ops, leaves)
    out.backward()
    return out.item(), [0.0 if t.grad is None else t.grad.item() for t in leaves]


# Edge values: random graphs whose leaves include nan, ±inf, huge and tiny numbers, on every
# operation and activation without the domain guards above. Each op: (ours, PyTorch's).
EDGE_LEAVES = [math.nan, math.inf, -math.inf, 1e300, -1e300, 1e-300, -1e-300, 1e16, 0.0, -0.0]


def _edge_ops():
    import torch.nn.functional as F
    from solveit_z2h import activations as A
    same = lambda f: (f, f)
    return {
        'add': same(lambda a, b: a + b), 'sub': same(lambda a, b: a - b),
        'mul': same(lambda a, b: a * b), 'div': same(lambda a, b: a / b),
        'rdiv': same(lambda a: 1.0 / a), 'neg': same(lambda a: -a),
        'exp': same(lambda a: a.exp()), 'log': same(lambda a: a.log()),
        'tanh': same(lambda a: a.tanh()), 'relu': same(lambda a: a.relu()),
        'square': same(lambda a: a ** 2), 'cube': same(lambda a: a ** 3),
        'sqrt': same(lambda a: a ** 0.5), 'inverse': same(lambda a: a ** -1),
        'sigmoid': (A.sigmoid, torch.sigmoid), 'leaky_relu': (A.leaky_relu, F.leaky_relu),
        'gelu': (A.gelu, F.gelu), 'silu': (A.silu, F.silu), 'softplus': (A.softplus, F.softplus),
        'gelu_tanh': (lambda a: A.gelu(a, approximate='tanh'),
                      lambda t: F.gelu(t, approximate='tanh')),
    }


EDGE_OPS = _edge_ops()


@st.composite
def edge_programs(draw, max_leaves: int = 3, max_ops: int = 6):
    "Like `programs`, with leaves drawn from EDGE_LEAVES as often as from ordinary numbers."
    n_leaves = draw(st.integers(1, max_leaves))
    leaf = st.one_of(st.sampled_from(EDGE_LEAVES), st.floats(-3, 3))
    leaves = draw(st.lists(leaf, min_size=n_leaves, max_size=n_leaves))
    ops = []
    for k in range(draw(st.integers(1, max_ops))):
        name = draw(st.sampled_from(sorted(EDGE_OPS)))
        arity = 2 if name in ('add', 'sub', 'mul', 'div') else 1
        ops.append((name, tuple(draw(st.integers(0, n_leaves + k - 1)) for _ in range(arity))))
    return leaves, ops
