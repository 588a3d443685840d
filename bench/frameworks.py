"""Workload 5 of `make bench`: one SGD training step of the same MLP in our `Tensor`, PyTorch, JAX
and tinygrad (chapter 14), from the same weights on the same data, float64, one thread each where
the library lets us say so. Every step's loss must agree across the four to 1e-9; the first call
(tracing, compiling) is timed on its own, then the four take turns in alternating blocks of later
calls (bench/timing.py)."""

import os
import shutil
import time

import numpy as np

from solveit_z2h.data import make_moons
from timing import BLOCKS, alternate


def _setup_environment():
    "Thread counts and tinygrad's device must be chosen before the libraries are imported."
    os.environ.setdefault(
        'XLA_FLAGS', '--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1'
    )
    os.environ.setdefault('DEV', 'CPU' if shutil.which('clang') else 'PYTHON')


def _loss(params, X, labels, relu):
    "micrograd's demo loss on a batch: mean hinge loss + 1e-4 times the sum of squared parameters."
    W1, b1, W2, b2, W3, b3 = params
    h = relu(relu(X @ W1 + b1) @ W2 + b2)
    return relu(1 - labels * (h @ W3 + b3)[:, 0]).mean() + 1e-4 * sum((p * p).sum() for p in params)


def framework_steps(n=100, hidden=16, blocks=BLOCKS, calls=5, lr=0.1, seed=0):
    "{library: (seconds of the first step, [seconds per later step, by block])}, worst loss gap."
    _setup_environment()
    import jax
    import jax.numpy as jnp
    import torch
    from tinygrad import Device, TinyJit
    from tinygrad import Tensor as TinyTensor
    from solveit_z2h.optim import SGD
    from solveit_z2h.tensor import Tensor, TensorMLP

    jax.config.update('jax_enable_x64', True)
    torch.set_num_threads(1)
    X01, y01 = make_moons(n, noise=0.1, seed=seed)
    X, y = np.array(X01), 2.0 * np.array(y01) - 1
    weights = [
        p.data.copy() for p in TensorMLP(2, [hidden, hidden, 1], act='relu', seed=seed).parameters()
    ]

    ours = [Tensor(w, requires_grad=True) for w in weights]
    ours_opt, X_ours = SGD(ours, lr=lr), Tensor(X)

    def ours_step():
        loss = _loss(ours, X_ours, y, Tensor.relu)
        ours_opt.zero_grad()
        loss.backward()
        ours_opt.step()
        return loss.item()

    pt, X_pt, y_pt = (
        [torch.tensor(w, requires_grad=True) for w in weights],
        torch.from_numpy(X),
        torch.from_numpy(y),
    )

    def torch_step():
        loss = _loss(pt, X_pt, y_pt, torch.relu)
        loss.backward()
        with torch.no_grad():
            for p in pt:
                p -= lr * p.grad
                p.grad = None
        return loss.item()

    @jax.jit
    def jax_update(params, X, y):
        loss, grads = jax.value_and_grad(_loss)(params, X, y, jax.nn.relu)
        return loss, [p - lr * g for p, g in zip(params, grads)]

    jx, X_jx, y_jx = [[jnp.asarray(w) for w in weights]], jnp.asarray(X), jnp.asarray(y)

    def jax_step():
        loss, jx[0] = jax.block_until_ready(jax_update(jx[0], X_jx, y_jx))
        return float(loss)

    tg, X_tg, y_tg = (
        [TinyTensor(w).realize() for w in weights],
        TinyTensor(X).realize(),
        TinyTensor(y).realize(),
    )

    @TinyJit
    def tiny_update():
        loss = _loss(tg, X_tg, y_tg, TinyTensor.relu)
        for p, g in zip(tg, loss.gradient(*tg)):
            p.assign(p - lr * g)
        return loss.realize(
            *tg
        )  # realize the updates every step: tinygrad 0.14 gets them wrong otherwise

    def tiny_step():
        return tiny_update().item()

    runs = {
        'our Tensor (numpy)': ours_step,
        'PyTorch (eager)': torch_step,
        'JAX (jit)': jax_step,
        f'tinygrad (TinyJit, {Device.DEFAULT})': tiny_step,
    }
    first, losses = {}, {}
    for name, step in runs.items():
        start = time.perf_counter()
        losses[name] = [step()]
        first[name] = time.perf_counter() - start
    later, more = alternate(runs, blocks, calls)
    seconds = {name: (first[name], later[name]) for name in runs}
    for name in runs:
        losses[name] += more[name]
    reference = losses['our Tensor (numpy)']
    worst = max(
        abs(a - b) / max(abs(b), 1e-300)
        for v in losses.values()
        for a, b in zip(v, reference, strict=True)
    )
    return seconds, worst
