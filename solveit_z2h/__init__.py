"""Backpropagation from scratch: a Jupyter-first course and the tiny autograd library it builds

Modules:

- `solveit_z2h.activations`: tanh, sigmoid, ReLU, leaky ReLU, GELU, SiLU and softplus: each derived, plotted and checked against PyTorch, each a single numerically stable node of the graph.
- `solveit_z2h.calculus`: Derivatives as the slope of a nudge, measured with nothing but arithmetic: the yardstick every gradient in this course is checked against.
- `solveit_z2h.engine`: The chain rule by hand, then automated: `Value`, a complete scalar autograd engine, verified against numerical derivatives.
- `solveit_z2h.viz`: Numbers that record how they were computed, and pictures of the expression graphs they form."""

__version__ = "0.0.1"
