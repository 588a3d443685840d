"""Other right answers, and wrong ones, for chapter 12's exercises (see tests/test_exercises.py)."""
RIGHT = {
    1: [
        """def sum_to_shape(g, shape):
    lead = g.ndim - len(shape)
    axes = tuple(range(lead)) + tuple(lead + i for i, n in enumerate(shape) if n == 1)
    return g.sum(axis=axes).reshape(shape)""",
        """def sum_to_shape(g, shape):
    while g.ndim > len(shape): g = g.sum(axis=0)
    for axis, size in enumerate(shape):
        if size == 1 and g.shape[axis] != 1: g = g.sum(axis=axis, keepdims=True)
    return g.tolist()""",
        "def sum_to_shape(g, shape): return _unbroadcast(g, shape)",
        """def sum_to_shape(g, shape):
    padded = (1,) * (g.ndim - len(shape)) + tuple(shape)
    axes = tuple(i for i, n in enumerate(padded) if n == 1 and g.shape[i] != 1)
    return np.sum(g, axis=axes, keepdims=True).reshape(shape)""",
        """def sum_to_shape(g, shape):
    x = Tensor(np.zeros(shape), requires_grad=True)
    (x + Tensor(np.zeros(g.shape))).backward(g)
    return x.grad""",
    ],
    2: [
        "def vector_matmul_grads(u, W, g): return g @ W.T, u[:, None] * g[None, :]",
        "def vector_matmul_grads(u, W, g): return W.dot(g), u.reshape(-1, 1) @ g.reshape(1, -1)",
        "def vector_matmul_grads(u, W, g): return np.einsum('ij,j->i', W, g), "
        "np.einsum('i,j->ij', u, g)",
        """def vector_matmul_grads(u, W, g):
    tu, tW = Tensor(u, requires_grad=True), Tensor(W, requires_grad=True)
    (tu @ tW).backward(g)
    return tu.grad, tW.grad""",
        """def vector_matmul_grads(u, W, g):
    du = [sum(g[j] * W[i][j] for j in range(len(g))) for i in range(len(u))]
    dW = [[u[i] * g[j] for j in range(len(g))] for i in range(len(u))]
    return [du, dW]""",
        "def vector_matmul_grads(u, W, g): return W @ g, np.outer(g, u).T",
    ],
    3: [
        """def softmax(z):
    shifted = z - z.data.max(axis=1, keepdims=True)
    return (shifted - shifted.logsumexp(axis=1, keepdims=True)).exp()""",
        """def softmax(z):
    e = (z - np.max(z.data, axis=-1, keepdims=True)).exp()
    return e * (1 / e.sum(axis=-1, keepdims=True))""",
        "def softmax(z): return (z - z.logsumexp(axis=1, keepdims=True)).exp()",
        """def softmax(z):
    e = (z - Tensor(z.data.max(axis=1)).reshape(-1, 1)).exp()
    return e / e.sum(axis=1).reshape(-1, 1)""",
        """def softmax(z):
    e = (z - z.data.max(axis=1, keepdims=True)).exp()
    return e * e.sum(axis=1, keepdims=True) ** -1""",
    ],
}
WRONG = {
    1: [
        "def sum_to_shape(g, shape): return g.sum(axis=0)",
        """def sum_to_shape(g, shape):
    while g.ndim > len(shape): g = g.sum(axis=0)
    return g""",
        "def sum_to_shape(g, shape): return g.mean(axis=tuple(range(g.ndim - "
        "len(shape)))).reshape(shape)",
        """def sum_to_shape(g, shape):
    while g.ndim > len(shape): g = g.sum(axis=0)
    for axis, size in enumerate(shape):
        if size == 1: g = g.sum(axis=axis)
    return g""",
        "def sum_to_shape(g, shape): return g[(0,) * (g.ndim - len(shape))]",
    ],
    2: [
        "def vector_matmul_grads(u, W, g): return W.T @ g, np.outer(u, g)",
        "def vector_matmul_grads(u, W, g): return W @ g, np.outer(g, u)",
        "def vector_matmul_grads(u, W, g): return W @ g, u * g",
        "def vector_matmul_grads(u, W, g): return np.outer(u, g), W @ g",
        "def vector_matmul_grads(u, W, g): return W @ g",
        "def vector_matmul_grads(u, W, g): return W @ g, np.outer(u, g).T",
        "def vector_matmul_grads(u, W, g): return u @ W, np.outer(u, g)",
    ],
    3: [
        """def softmax(z):
    e = z.exp()
    return e / e.sum(axis=1, keepdims=True)""",
        """def softmax(z):
    e = (z - z.data.max(axis=0, keepdims=True)).exp()
    return e / e.sum(axis=0, keepdims=True)""",
        """def softmax(z):
    e = np.exp(z.data - z.data.max(axis=1, keepdims=True))
    return Tensor(e / e.sum(axis=1, keepdims=True))""",
        """def softmax(z):
    e = (z - z.data.max(axis=1, keepdims=True)).exp()
    return e / e.sum()""",
        """def softmax(z):
    e = (z - z.data.max(axis=1, keepdims=True)).exp()
    return e / e.sum(axis=1)""",
        """def softmax(z):
    e = (z - z.data.max()).exp()
    return e / e.sum(axis=1, keepdims=True)""",
    ],
}
