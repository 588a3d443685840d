"""Backpropagation from scratch: a Jupyter-first course and the tiny autograd library it builds

Modules:

- `solveit_z2h.activations`: Activations as single nodes: tanh, sigmoid, ReLU, leaky ReLU, GELU, SiLU and softplus.
- `solveit_z2h.calculus`: Numerical derivatives and gradients: slopes measured by nudging, every gradient's yardstick.
- `solveit_z2h.checks`: The checks every module makes of its arguments: counts, seeds and random generators.
- `solveit_z2h.data`: Data and batches: `make_moons`, `make_blobs`, a seeded split, `DataLoader` and real digits.
- `solveit_z2h.drawing`: What drawings and players stand on: record boxes, sizes, a PNG beside each SVG, the frame player.
- `solveit_z2h.engine`: `Value`, the complete scalar autograd engine: every operation, `backward()` and `gradcheck`.
- `solveit_z2h.exercises`: `todo`, `check`, `expect_close` and the other helpers that every exercise checker shares.
- `solveit_z2h.losses`: Losses that say how wrong a network is: MSE, hinge, cross-entropy (computed stably) and L2.
- `solveit_z2h.nn`: `Neuron`, `Layer` and `MLP` built from `Value`s, with `parameters()` and `zero_grad()`.
- `solveit_z2h.optim`: Optimisers as PyTorch has them: `SGD` with momentum, `Adam`, `AdamW` and `LinearLR`.
- `solveit_z2h.plumbing`: Behind `fit` and chapter 09: argument checks, progress bars, plots, animations as PNG frames.
- `solveit_z2h.tensor`: `Tensor`, autograd on whole arrays: broadcasting, `@`, batched losses and `TensorMLP`.
- `solveit_z2h.torch_bridge`: The same network in PyTorch: a phrasebook, the float32 trap, and `to_torch` to copy an `MLP`.
- `solveit_z2h.train`: `fit`, the training loop, with `accuracy`, a history and progress bars.
- `solveit_z2h.trainviz`: Decision regions, a run animated, and what the hidden units compute: chapter 09's pictures.
- `solveit_z2h.viz`: Numbers that remember how they were computed, `draw_dot` to picture them, and gradients by hand."""

__version__ = "0.1.0"
