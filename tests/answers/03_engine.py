"""Other right answers, and wrong ones, for chapter 03's exercises (see tests/test_exercises.py)."""
RIGHT = {
    1: [
        "def cube(v): return engine.Value(v.data * v.data * v.data, (v,), '**3', "
        "_local_grads=(3 * v.data * v.data,))",
        """def cube(v):
    out = engine.Value(v.data ** 3, (v,), 'cube')
    def _backward(): v.grad += 3 * v.data ** 2 * out.grad
    out._backward = _backward
    return out""",
    ],
    2: [
        "def cos(v): return engine.Value(math.cos(v.data), (v,), 'cos', "
        "_local_grads=(-math.sin(v.data),))",
        """def cos(v):
    out = engine.Value(math.cos(v.data), [v], 'cos')
    def step(): v.grad -= math.sin(v.data) * out.grad
    out._backward = step
    return out""",
    ],
    3: ["w_grad_after_three = 24", "w_grad_after_three = 3 * 8.0"],
}
WRONG = {
    1: ["def cube(v): return v * v * v",
        "def cube(v): return engine.Value(v.data ** 3, (v,), 'cube', _local_grads=(v.data ** 2,))"],
    2: ["def cos(v): return engine.Value(math.cos(v.data), (v,), 'cos', "
        "_local_grads=(math.sin(v.data),))",
        "def cos(v): return engine.Value(math.cos(v.data), (v,), 'cos')"],
    3: ["w_grad_after_three = 8.0", "w_grad_after_three = '24'"],
}
RIGHT[3].append("import numpy as np\nw_grad_after_three = np.int64(24)")
WRONG[2].append("""def cos(v):
    out = engine.Value(math.cos(v.data), (v,), 'cos')
    def _backward(): v.grad = -math.sin(v.data) * out.grad   # '=' instead of '+='
    out._backward = _backward
    return out""")
WRONG[2].append("""def cos(v):
    out = engine.Value(math.cos(v.data), (v,), 'cos')
    def _backward(): v.grad += -math.sin(v.data)   # the chain rule's `* out.grad` forgotten
    out._backward = _backward
    return out""")
WRONG[1].append("""def cube(v):
    out = engine.Value(v.data ** 3, (v,), 'cube')
    def _backward(): v.grad = 3 * v.data ** 2 * out.grad   # '=' instead of '+='
    out._backward = _backward
    return out""")
RIGHT[1].append(
    "def cube(v): return engine.Value(v.data ** 3, [v], 'cube', label='', "
    "_local_grads=[3 * v.data ** 2])"
)
RIGHT[2].append("""def cos(v):
    out = engine.Value(math.cos(v.data), (v,), 'cos')
    def _backward():
        v.grad += math.cos(v.data + math.pi / 2) * out.grad   # -sin(x) = cos(x + pi/2)
    out._backward = _backward
    return out""")
# the comma of a one-element tuple forgotten; the local gradients given positionally
WRONG[1].extend([
    "def cube(v): return engine.Value(v.data ** 3, (v,), 'cube', _local_grads=(3 * v.data ** 2))",
    "def cube(v): return engine.Value(v.data ** 3, (v,), 'cube', (3 * v.data ** 2,))",
])
WRONG[3].append("w_grad_after_three = 16.0")    # two passes
WRONG[3].append("w_grad_after_three = -24.0")
WRONG[3].append("w_grad_after_three = 32.0")    # four passes
PREDICT = {3: ['w_grad_after_three']}
