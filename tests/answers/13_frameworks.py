"""Other right answers, and wrong ones, for chapter 13's exercises (see tests/test_exercises.py)."""
RIGHT = {
    1: ["""def per_example_grads(params, X, labels):
    rows = [jax.grad(example_loss)(params, x, label) for x, label in zip(X, labels)]
    return [jnp.stack(grads) for grads in zip(*rows)]""",
        """def per_example_grads(params, X, labels):
    losses = lambda p: jax.vmap(example_loss, in_axes=(None, 0, 0))(p, X, labels)
    return jax.jacrev(losses)(params)""",
        "per_example_grads = jax.jit(jax.vmap(jax.grad(example_loss), in_axes=(None, 0, 0)))"],
    2: ["def set_entry(x, i, v): return jnp.where(jnp.arange(x.shape[0]) == i, v, x)",
        "def set_entry(x, i, v): return x + (v - x[i]) * (jnp.arange(len(x)) == i)"],
    3: ["""def tiny_sgd_step(params, X, labels, lr):
    for p in params: p.grad = None
    loss = tiny_loss(params, X, labels)
    loss.backward()
    for p in params: p.assign(p - lr * p.grad)
    TinyTensor.realize(loss, *params)
    return loss.item()""",
        """def tiny_sgd_step(params, X, labels, lr):
    loss = tiny_loss(params, X, labels)
    updates = [p - lr * g for p, g in zip(params, loss.gradient(*params))]
    for p, new in zip(params, updates): p.assign(new)
    TinyTensor.realize(loss, *params)
    return loss"""],
}
WRONG = {
    1: ["""def per_example_grads(params, X, labels):
    return jax.grad(lambda p: jax.vmap(example_loss, in_axes=(None, 0, 0))(p, X, labels).mean())(params)""",
        """def per_example_grads(params, X, labels):
    return [g / len(X) for g in jax.vmap(jax.grad(example_loss), in_axes=(None, 0, 0))(params, X, labels)]"""],
    2: ["""def set_entry(x, i, v):
    y = np.array(x)
    y[i] = v
    return y""",
        "def set_entry(x, i, v): return x.at[i].add(v)",
        """def set_entry(x, i, v):
    x.at[i].set(v)
    return x"""],
    3: ["""def tiny_sgd_step(params, X, labels, lr):
    loss = tiny_loss(params, X, labels)
    params = [p - lr * g for p, g in zip(params, loss.gradient(*params))]
    return loss""",
        """def tiny_sgd_step(params, X, labels, lr):
    loss = tiny_loss(params, X, labels)
    for p, g in zip(params, loss.gradient(*params)): p.assign(p + lr * g)
    return loss.realize(*params)"""],
}
