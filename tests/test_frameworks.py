"""Chapter 14's claims, at small sizes: one MLP, built from the same weights in our Tensor, PyTorch,
JAX and tinygrad, gives the same loss, the same gradient for every parameter and the same training
steps, in float64; and the behaviours the chapter demonstrates (JAX's trace-time side effects, one
trace and one compilation per jit, immutable arrays, per-example gradients with vmap; tinygrad's
laziness and kernel counts, parameters realized together, the schedule cache and TinyJit) hold."""
import logging
import os
import shutil

# tinygrad reads DEV when it is imported: compiled kernels where clang exists, its Python
# interpreter otherwise.
if 'DEV' not in os.environ: os.environ['DEV'] = 'CPU' if shutil.which('clang') else 'PYTHON'

import jax
import jax.numpy as jnp
import numpy as np
import pytest
import torch
from tinygrad import GlobalCounters, TinyJit
from tinygrad import Tensor as TinyTensor

from solveit_z2h.data import make_moons
from solveit_z2h.optim import SGD
from solveit_z2h.tensor import Tensor, TensorMLP

jax.config.update('jax_enable_x64', True)

# small: tinygrad's Python device runs every number through a Python loop
N_POINTS, HIDDEN, LR = 12, 4, 0.5

# Each library's activations, as plain functions of that library's arrays.
ACTS = {
    'ours': {'relu': Tensor.relu, 'tanh': Tensor.tanh},
    'torch': {'relu': torch.relu, 'tanh': torch.tanh},
    'jax': {'relu': jax.nn.relu, 'tanh': jnp.tanh},
    'tinygrad': {'relu': TinyTensor.relu, 'tanh': TinyTensor.tanh},
}
TOLERANCE = {'torch': 1e-12, 'jax': 1e-12, 'tinygrad': 1e-12}  # float64 rounding: measured ~1e-16


def mlp(params, X, act):
    W1, b1, W2, b2, W3, b3 = params
    h = act(X @ W1 + b1)
    h = act(h @ W2 + b2)
    return (h @ W3 + b3)[:, 0]


def loss_fn(params, X, labels, act, relu):
    "Mean hinge loss plus 1e-4 L2 (micrograd's demo loss), for any of the four libraries."
    return relu(1 - labels * mlp(params, X, act)).mean() + 1e-4 * sum((p * p).sum() for p in params)


def problem(seed):
    X, y = make_moons(N_POINTS, noise=0.1, seed=seed)
    weights = [
        p.data.copy() for p in TensorMLP(2, [HIDDEN, HIDDEN, 1], act='relu', seed=seed).parameters()
    ]
    return np.array(X), 2.0 * np.array(y) - 1, weights


def largest_difference(a, b):
    return max(
        float(np.max(np.abs(np.asarray(x) - np.asarray(y)))) for x, y in zip(a, b, strict=True)
    )


def loss_and_grads(library, weights, X, labels, act):
    "The loss and the six parameter gradients, as numpy, computed by `library` from `weights`."
    acts = ACTS[library]
    if library == 'ours':
        params = [Tensor(w, requires_grad=True) for w in weights]
        loss = loss_fn(params, Tensor(X), labels, acts[act], acts['relu'])
        loss.backward()
        return loss.item(), [p.grad for p in params]
    if library == 'torch':
        params = [torch.tensor(w, requires_grad=True) for w in weights]
        loss = loss_fn(params, torch.tensor(X), torch.tensor(labels), acts[act], acts['relu'])
        loss.backward()
        return loss.item(), [p.grad.numpy() for p in params]
    if library == 'jax':
        f = lambda params: loss_fn(
            params, jnp.asarray(X), jnp.asarray(labels), acts[act], acts['relu']
        )
        loss, grads = jax.jit(jax.value_and_grad(f))([jnp.asarray(w) for w in weights])
        assert grads[0].dtype == jnp.float64
        return float(loss), [np.asarray(g) for g in grads]
    params = [TinyTensor(w) for w in weights]
    loss = loss_fn(params, TinyTensor(X), TinyTensor(labels), acts[act], acts['relu'])
    grads = loss.gradient(*params)
    TinyTensor.realize(loss, *grads)
    assert all(g.numpy().dtype == np.float64 for g in grads)
    return loss.item(), [g.numpy() for g in grads]


@pytest.mark.parametrize('act', ['relu', 'tanh'])
@pytest.mark.parametrize('library', ['torch', 'jax', 'tinygrad'])
def test_loss_and_every_gradient_agree_with_our_tensor(library, act):
    for seed in (0, 1):
        X, labels, weights = problem(seed)
        ref_loss, ref_grads = loss_and_grads('ours', weights, X, labels, act)
        loss, grads = loss_and_grads(library, weights, X, labels, act)
        assert [g.shape for g in grads] == [w.shape for w in weights]
        assert abs(loss - ref_loss) <= TOLERANCE[library], (loss, ref_loss)
        assert largest_difference(grads, ref_grads) <= TOLERANCE[library]
        assert max(np.abs(g).max() for g in ref_grads) > 1e-3  # a real gradient, not all zeros


def train(library, weights, X, labels, steps):
    "`steps` steps of plain SGD: the losses, and the final weights as numpy arrays."
    acts, losses = ACTS[library], []
    if library == 'ours':
        params = [Tensor(w, requires_grad=True) for w in weights]
        opt = SGD(params, lr=LR)
        for _ in range(steps):
            loss = loss_fn(params, Tensor(X), labels, acts['relu'], acts['relu'])
            opt.zero_grad(); loss.backward(); opt.step()
            losses.append(loss.item())
        return losses, [p.data for p in params]
    if library == 'torch':
        params, Xt, yt = (
            [torch.tensor(w, requires_grad=True) for w in weights],
            torch.tensor(X),
            torch.tensor(labels),
        )
        for _ in range(steps):
            loss = loss_fn(params, Xt, yt, torch.relu, torch.relu)
            loss.backward()
            with torch.no_grad():
                for p in params: p -= LR * p.grad; p.grad = None
            losses.append(loss.item())
        return losses, [p.detach().numpy() for p in params]
    if library == 'jax':
        @jax.jit
        def step(params, X, labels):
            loss, grads = jax.value_and_grad(loss_fn)(params, X, labels, jax.nn.relu, jax.nn.relu)
            return loss, [p - LR * g for p, g in zip(params, grads)]
        params = [jnp.asarray(w) for w in weights]
        for _ in range(steps):
            loss, params = step(params, jnp.asarray(X), jnp.asarray(labels))
            losses.append(float(loss))
        return losses, [np.asarray(p) for p in params]
    params, Xt, yt = (
        [TinyTensor(w).realize() for w in weights],
        TinyTensor(X).realize(),
        TinyTensor(labels).realize(),
    )
    for _ in range(steps):
        loss = loss_fn(params, Xt, yt, TinyTensor.relu, TinyTensor.relu)
        for p, g in zip(params, loss.gradient(*params)): p.assign(p - LR * g)
        losses.append(loss.realize(*params).item())
    return losses, [p.numpy() for p in params]


@pytest.mark.parametrize('library', ['torch', 'jax', 'tinygrad'])
def test_training_steps_agree_with_our_tensor(library):
    X, labels, weights = problem(2)
    ref_losses, ref_final = train('ours', weights, X, labels, 3)
    losses, final = train(library, weights, X, labels, 3)
    assert ref_losses[-1] < ref_losses[0]  # it trains
    assert largest_difference(losses, ref_losses) <= TOLERANCE[library]
    assert largest_difference(final, ref_final) <= TOLERANCE[library]


def test_jax_jit_runs_the_python_body_once_per_shape():
    calls = []
    def double(x):
        calls.append(1)
        return 2 * x
    fast = jax.jit(double)
    assert [float(fast(jnp.array(v))) for v in (1.0, 2.0, 3.0)] == [2.0, 4.0, 6.0]
    assert len(calls) == 1
    fast(jnp.ones(2))
    assert len(calls) == 2
    # a second jit of the same function: its trace is cached with the function
    jax.jit(double)(jnp.array(4.0))
    assert len(calls) == 2


def test_jax_jit_traces_and_compiles_on_the_first_call_only():
    messages, handler, logger = [], logging.Handler(), logging.getLogger('jax')
    handler.emit = lambda record: messages.append(record.getMessage())
    logger.addHandler(handler)
    # the inputs are made before logging starts: the eager operations that make them are compiled
    # too
    f, a, b = jax.jit(lambda x: jnp.tanh(x) * 3.0 + x), jnp.arange(3.0), jnp.arange(1.0, 4.0)
    try:
        with jax.log_compiles():
            f(a)
            first = list(messages)
            f(b)
            later = messages[len(first):]
    finally: logger.removeHandler(handler)
    assert sum(m.startswith('Finished tracing') for m in first) == 1
    assert sum(m.startswith('Finished XLA compilation') for m in first) == 1
    assert later == []


def test_jax_arrays_are_immutable_and_at_set_is_differentiable():
    x = jnp.zeros(3)
    with pytest.raises(TypeError, match='immutable'): x[0] = 1.0
    assert x.at[1].set(5.0).tolist() == [0.0, 5.0, 0.0] and x.tolist() == [0.0, 0.0, 0.0]
    assert float(jax.grad(lambda v: (x.at[1].set(v) ** 2).sum())(3.0)) == 6.0


def test_vmap_per_example_gradients_equal_a_loop_in_our_engine():
    X, labels, weights = problem(3)

    def example_loss(params, x, label):
        return jax.nn.relu(1 - label * mlp(params, x[None, :], jax.nn.relu)[0])

    vmapped = jax.jit(jax.vmap(jax.grad(example_loss), in_axes=(None, 0, 0)))(
        [jnp.asarray(w) for w in weights], jnp.asarray(X), jnp.asarray(labels)
    )
    assert [g.shape for g in vmapped] == [(N_POINTS, *w.shape) for w in weights]
    for i in range(N_POINTS):
        params = [Tensor(w, requires_grad=True) for w in weights]
        Tensor.relu(1 - labels[i] * mlp(params, Tensor(X[i:i + 1]), Tensor.relu)).sum().backward()
        assert largest_difference([g[i] for g in vmapped], [p.grad for p in params]) <= 1e-12


def test_tinygrad_is_lazy_and_fuses():
    GlobalCounters.reset()
    a = TinyTensor(np.array([1.0, 2.0, 3.0]))
    b = a * 2 + 1
    assert GlobalCounters.kernel_count == 0  # nothing computed yet
    assert b.numpy().tolist() == [3.0, 5.0, 7.0]
    assert GlobalCounters.kernel_count == 2  # the copy of a, then one fused kernel for * and +
    GlobalCounters.reset()
    b.realize(); b.numpy()
    assert GlobalCounters.kernel_count == 1  # computed once more and kept; reading it runs nothing


def test_tinygrad_kernel_counts_of_the_chapter():
    "tinygrad 0.14 (pinned): 12 kernels for the loss and its six gradients, 18 for a training step."
    X, labels, weights = problem(0)
    params, Xt, yt = (
        [TinyTensor(w).realize() for w in weights],
        TinyTensor(X).realize(),
        TinyTensor(labels).realize(),
    )
    loss = loss_fn(params, Xt, yt, TinyTensor.relu, TinyTensor.relu)
    grads = loss.gradient(*params)
    GlobalCounters.reset()
    TinyTensor.realize(loss, *grads)
    assert GlobalCounters.kernel_count == 12
    for _ in range(2):
        loss = loss_fn(params, Xt, yt, TinyTensor.relu, TinyTensor.relu)
        for p, g in zip(params, loss.gradient(*params)): p.assign(p - LR * g)
        GlobalCounters.reset()
        loss.realize(*params)
        assert GlobalCounters.kernel_count == 18


def sgd_step_tiny(params, Xt, yt):
    loss = loss_fn(params, Xt, yt, TinyTensor.relu, TinyTensor.relu)
    for p, g in zip(params, loss.gradient(*params)): p.assign(p - LR * g)
    return loss


def test_tinygrad_parameters_must_be_realized_together():
    "Realized first, a parameter's new values are in its buffer when the others' gradients read it."
    X, labels, weights = problem(4)
    Xt, yt = TinyTensor(X).realize(), TinyTensor(labels).realize()
    _, ref_grads = loss_and_grads('ours', weights, X, labels, 'relu')
    sgd = [w - LR * g for w, g in zip(weights, ref_grads)]
    together = [TinyTensor(w).realize() for w in weights]
    sgd_step_tiny(together, Xt, yt).realize(*together)
    assert largest_difference([p.numpy() for p in together], sgd) <= 1e-12
    w1_first = [TinyTensor(w).realize() for w in weights]
    sgd_step_tiny(w1_first, Xt, yt)
    w1_first[0].realize()
    TinyTensor.realize(*w1_first[1:])
    off = [largest_difference([p.numpy()], [w]) for p, w in zip(w1_first, sgd)]
    assert off[0] <= 1e-12 and max(off[1:]) > 1e-6, off


def test_tinygrad_schedules_a_graph_once_and_tinyjit_runs_python_twice():
    from tinygrad.schedule import schedule_cache
    X, labels, weights = problem(5)
    Xt, yt = TinyTensor(X).realize(), TinyTensor(labels).realize()
    sgd_step_tiny([TinyTensor(w).realize() for w in weights], Xt, yt).realize()
    params = [TinyTensor(w).realize() for w in weights]
    scheduled = len(schedule_cache)
    loss = sgd_step_tiny(params, Xt, yt)
    loss.realize(*params)
    # new tensors, the same graph: its kernels come from the cache
    assert len(schedule_cache) == scheduled
    runs = []
    def step(params):
        runs.append(1)
        return sgd_step_tiny(params, Xt, yt).realize(*params)
    jitted, jit_params = TinyJit(step), [TinyTensor(w).realize() for w in weights]
    losses = [jitted(jit_params).item() for _ in range(4)]
    assert len(runs) == 2  # run, record; then replayed without Python
    ref_losses, ref_final = train('ours', weights, X, labels, 4)
    assert largest_difference(losses, ref_losses) <= 1e-12
    assert largest_difference([p.numpy() for p in jit_params], ref_final) <= 1e-12
