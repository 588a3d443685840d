"""Other right answers, and wrong ones, for chapter 14's exercises (see tests/test_exercises.py)."""
RIGHT = {
    1: [
        """def per_example_grads(params, X, labels):
    rows = [jax.grad(example_loss)(params, x, label) for x, label in zip(X, labels)]
    return [jnp.stack(grads) for grads in zip(*rows)]""",
        """def per_example_grads(params, X, labels):
    losses = lambda p: jax.vmap(example_loss, in_axes=(None, 0, 0))(p, X, labels)
    return jax.jacrev(losses)(params)""",
        "per_example_grads = jax.jit(jax.vmap(jax.grad(example_loss), in_axes=(None, 0, 0)))",
        # params closed over instead of in_axes=None; a tuple of numpy arrays
        """def per_example_grads(params, X, labels):
    grads = jax.vmap(lambda x, label: jax.grad(example_loss)(params, x, label))(X, labels)
    return tuple(np.asarray(g) for g in grads)""",
        # our engine, one example at a time
        """def per_example_grads(params, X, labels):
    rows = []
    for x, label in zip(np.asarray(X), np.asarray(labels)):
        ps = [Tensor(np.asarray(p), requires_grad=True) for p in params]
        Tensor.relu(1 - label * mlp(ps, Tensor(x[None, :]), Tensor.relu)).sum().backward()
        rows.append([p.grad for p in ps])
    return [np.stack(grads) for grads in zip(*rows)]""",
    ],
    2: [
        "def set_entry(x, i, v): return jnp.where(jnp.arange(x.shape[0]) == i, v, x)",
        "def set_entry(x, i, v): return x + (v - x[i]) * (jnp.arange(len(x)) == i)",
        "def set_entry(x, i, v): return jax.lax.dynamic_update_slice(x, jnp.reshape(v, "
        "(1,)).astype(x.dtype), (i,))",
        "def set_entry(x, i, v): return jnp.asarray(x).at[i].set(jnp.asarray(v, dtype=x.dtype))",
    ],
    3: [
        """def tiny_sgd_step(params, X, labels, lr):
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
    return loss""",
        # tinygrad's -= is an assign
        """def tiny_sgd_step(params, X, labels, lr):
    loss = tiny_loss(params, X, labels)
    for p, g in zip(params, loss.gradient(*params)): p -= lr * g
    return loss.realize(*params).numpy()""",
        # every gradient computed before any parameter is written: then one at a time is safe
        """def tiny_sgd_step(params, X, labels, lr):
    loss = tiny_loss(params, X, labels)
    grads = loss.gradient(*params)
    TinyTensor.realize(loss, *grads)
    for p, g in zip(params, grads): p.assign(p - lr * g).realize()
    return loss""",
    ],
}
WRONG = {
    1: [
        """def per_example_grads(params, X, labels):
    return jax.grad(lambda p: jax.vmap(example_loss, \
in_axes=(None, 0, 0))(p, X, labels).mean())(params)""",
        """def per_example_grads(params, X, labels):
    return [g / len(X) for g in jax.vmap(jax.grad(example_loss), \
in_axes=(None, 0, 0))(params, X, labels)]""",
        # in_axes forgotten: vmap tries to map over the parameters too, and raises
        "def per_example_grads(params, X, labels): return jax.vmap(jax.grad(example_loss))(params, "
        "X, labels)",
        # labels not mapped: the loss is no longer a scalar, and jax.grad raises
        "def per_example_grads(params, X, labels): return jax.vmap(jax.grad(example_loss), "
        "in_axes=(None, 0, None))(params, X, labels)",
        # the gradient with respect to x, not the parameters
        "def per_example_grads(params, X, labels): return jax.vmap(jax.grad(example_loss, "
        "argnums=1), in_axes=(None, 0, 0))(params, X, labels)",
        # the batch's mean gradient, copied into every row
        """def per_example_grads(params, X, labels):
    batch_loss = lambda p: jax.vmap(example_loss, in_axes=(None, 0, 0))(p, X, labels).mean()
    return [jnp.broadcast_to(g, (len(X), *g.shape)) for g in jax.grad(batch_loss)(params)]""",
    ],
    2: [
        """def set_entry(x, i, v):
    y = np.array(x)
    y[i] = v
    return y""",
        "def set_entry(x, i, v): return x.at[i].add(v)",
        """def set_entry(x, i, v):
    x.at[i].set(v)
    return x""",
        "def set_entry(x, i, v): return x.at[i + 1].set(v)",
        # slicing with a traced i fails under jax.jit
        "def set_entry(x, i, v): return jnp.concatenate([x[:i], jnp.array([v]), x[i + 1:]])",
        "def set_entry(x, i, v): return x.at[i].set(jax.lax.stop_gradient(v))",
    ],
    3: [
        """def tiny_sgd_step(params, X, labels, lr):
    loss = tiny_loss(params, X, labels)
    params = [p - lr * g for p, g in zip(params, loss.gradient(*params))]
    return loss""",
        """def tiny_sgd_step(params, X, labels, lr):
    loss = tiny_loss(params, X, labels)
    for p, g in zip(params, loss.gradient(*params)): p.assign(p + lr * g)
    return loss.realize(*params)""",
        # the chapter's trap: each parameter realized on its own, before the others' gradients have
        # read it
        """def tiny_sgd_step(params, X, labels, lr):
    loss = tiny_loss(params, X, labels)
    for p, g in zip(params, loss.gradient(*params)): p.assign(p - lr * g).realize()
    return loss""",
        # backward() accumulates into .grad across steps
        """def tiny_sgd_step(params, X, labels, lr):
    loss = tiny_loss(params, X, labels)
    loss.backward()
    for p in params: p.assign(p - lr * p.grad)
    return loss.realize(*params)""",
        # returns the parameters, not the loss
        """def tiny_sgd_step(params, X, labels, lr):
    loss = tiny_loss(params, X, labels)
    for p, g in zip(params, loss.gradient(*params)): p.assign(p - lr * g)
    loss.realize(*params)
    return params""",
    ],
}
# The list's entries rebound to new tensors: the numbers are right, but whatever else holds the
# parameters never sees them.
WRONG[3].append("""def tiny_sgd_step(params, X, labels, lr):
    loss = tiny_loss(params, X, labels)
    new = [p - lr * g for p, g in zip(params, loss.gradient(*params))]
    TinyTensor.realize(loss, *new)
    for k, p in enumerate(new): params[k] = p
    return loss""")
# The loss after the update, computed again from the new parameters.
WRONG[3].append("""def tiny_sgd_step(params, X, labels, lr):
    loss = tiny_loss(params, X, labels)
    for p, g in zip(params, loss.gradient(*params)): p.assign(p - lr * g)
    TinyTensor.realize(*params)
    return tiny_loss(params, X, labels)""")
# The loss realized first, then each parameter on its own: the later gradients read updated weights.
WRONG[3].append("""def tiny_sgd_step(params, X, labels, lr):
    loss = tiny_loss(params, X, labels)
    grads = loss.gradient(*params)
    loss.realize()
    for p, g in zip(params, grads): p.assign(p - lr * g).realize()
    return loss""")
