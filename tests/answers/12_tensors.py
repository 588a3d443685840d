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
        "def matmul_grads(A, B, G): return [np.dot(G, B.T), np.dot(A.T, G)]",
        "def matmul_grads(A, B, G): return np.einsum('ij,kj->ik', G, B), np.einsum('ik,ij->kj', A, "
        "G)",
        """def matmul_grads(A, B, G):
    tA, tB = Tensor(A, requires_grad=True), Tensor(B, requires_grad=True)
    (tA @ tB).backward(G)
    return tA.grad, tB.grad""",
        "def matmul_grads(A, B, G): return np.matmul(G, B.transpose()), "
        "np.matmul(A.transpose(), G)",
        """def matmul_grads(A, B, G):
    dA = [[sum(G[i][j] * B[k][j] for j in range(len(B[0]))) for k in range(len(B))] \
for i in range(len(A))]
    dB = [[sum(A[i][k] * G[i][j] for i in range(len(A))) for j in range(len(B[0]))] \
for k in range(len(B))]
    return dA, dB""",
        "def matmul_grads(A, B, G): return (B @ G.T).T, (G.T @ A).T",
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
    4: [
        """def sgd_step(params, lr):
    for p in params: p.data = p.data - lr * p.grad""",
        """from solveit_z2h.optim import SGD
def sgd_step(params, lr):
    SGD(params, lr=lr).step()
    return params""",
        """def sgd_step(params, lr):
    for p in params:
        update = lr * p.grad
        p.data -= update
    return 'done'""",
        """def sgd_step(params, lr):
    for p in params: p.data += -lr * p.grad""",
        """def sgd_step(params, lr):
    [setattr(p, 'data', p.data - lr * p.grad) for p in params]""",
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
        "def matmul_grads(A, B, G): return G @ B, A @ G",
        "def matmul_grads(A, B, G): return G @ B.T, G.T @ A",
        "def matmul_grads(A, B, G): return B.T @ G, A.T @ G",
        "def matmul_grads(A, B, G): return A.T @ G, G @ B.T",
        "def matmul_grads(A, B, G): return G @ B.T",
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
    ],
    4: [
        """def sgd_step(params, lr):
    for p in params: p.data[...] -= lr * p.grad""",
        """def sgd_step(params, lr):
    for p in params: p.data += lr * p.grad""",
        """def sgd_step(params, lr):
    for p in params: p = p - lr * p.grad""",
        """def sgd_step(params, lr):
    for p in params: np.subtract(p.data, lr * p.grad, out=p.data)""",
        """def sgd_step(params, lr):
    for p in params: p.data -= p.grad""",
    ],
}
