"""Backpropagation from scratch: a Jupyter-first course and the tiny autograd library it builds

Modules:

- `solveit_z2h.activations`: tanh, sigmoid, ReLU, leaky ReLU, GELU, SiLU and softplus: each derived, plotted and checked against PyTorch, each a single numerically stable node of the graph.
- `solveit_z2h.calculus`: Derivatives as the slope of a nudge, measured with nothing but arithmetic: the yardstick every gradient in this course is checked against.
- `solveit_z2h.data`: `make_moons` and `make_blobs` generated from scratch (seeded, plain Python lists, no downloads), a seeded train/validation split, a plot of any 2-D labelled dataset, a `DataLoader` that serves minibatches, and real data: 1,797 handwritten digits.
- `solveit_z2h.engine`: Each operation written and checked one at a time, tanh composed as the lecture does and then fused, and the complete `Value` that the rest of the course uses; then deep graphs, reference cycles and speed.
- `solveit_z2h.exercises`: The few functions that every chapter's exercise checkers share: the placeholder, safe calls, numbers read from an answer, and hints that say what is wrong without giving the answer away.
- `solveit_z2h.losses`: One number that says how wrong a network is: mean squared error, hinge, binary and softmax cross-entropy (computed stably), and L2 regularisation, all checked against PyTorch.
- `solveit_z2h.nn`: `Neuron`, `Layer` and `MLP` built from `Value`s, with a `Module` base class for `parameters()` and `zero_grad()`, each neuron's weighted sum a single fused node, and a discussion of how to initialise the weights.
- `solveit_z2h.optim`: `SGD` with momentum and weight decay, `Adam`, `AdamW` and a linear learning-rate schedule, each matching PyTorch's update rule number for number; and what learning rates that are too small or too big look like.
- `solveit_z2h.tensor`: The same autograd, one array at a time: a numpy-backed `Tensor` with broadcasting, matrix products, reductions and stable losses; the gradient of each derived from shapes and checked; in-place changes caught by a version counter; and the moons network trained again, number for number the same, from a graph of dozens of nodes instead of thousands.
- `solveit_z2h.torch_bridge`: A micrograd ↔ PyTorch phrasebook, the earlier chapters' numbers recomputed in PyTorch, the float32 trap, a bridge that copies an `MLP` into `torch.nn` and back, and whole training runs that agree step for step.
- `solveit_z2h.train`: The training loop as a function: `fit` with fastprogress's progress bar, a live loss plot and a history, by steps or by epochs of minibatches; `accuracy`; plots of the training curves and of decision boundaries, and an animation of both; what the hidden units of a trained network compute; classifiers trained with everything the course has built; and overfitting, provoked, measured and cured.
- `solveit_z2h.viz`: Numbers that record how they were computed, and pictures of the expression graphs they form."""

__version__ = "0.1.0"
