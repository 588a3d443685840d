"""Other right answers, and wrong ones, for chapter 10's exercises (see tests/test_exercises.py)."""
RIGHT = {
    1: ["through_float32 = 0.10000000149011612",
        "through_float32 = 0.1000000015",
        "import numpy as np\nthrough_float32 = float(np.float32(0.1))",
        "through_float32 = torch.tensor(0.1, dtype=torch.float32).item()"],
    2: ["def torch_version(a, b): return (torch.exp(a) - b) / torch.tanh(a)",
        "def torch_version(a, b): return a.exp().sub(b).div(a.tanh())",
        "def torch_version(a, b): return (a.exp() - b) * a.tanh() ** -1"],
    3: ["our_model = copy_weights_from_torch(torch_model, MLP(3, [5, 2], act='tanh', seed=42))",
        """our_model = MLP(3, [5, 2], act='tanh', seed=3)
for layer, linear in zip(our_model.layers, [torch_model[0], torch_model[2]]):
    for neuron, row, bias in zip(layer.neurons, linear.weight.tolist(), linear.bias.tolist()):
        for w, v in zip(neuron.w, row): w.data = v
        neuron.b.data = bias"""],
}
WRONG = {
    1: ["through_float32 = 0.1",
        "through_float32 = 0.09999999776482582",
        "through_float32 = '0.10000000149011612'"],
    2: ["def torch_version(a, b): return (a.exp() - b) * a.tanh()",
        "def torch_version(a, b): return ((a.exp() - b) / a.tanh()).item()",
        "def torch_version(a, b): return (a.exp() - b.detach()) / a.tanh()"],
    3: ["our_model = MLP(3, [5, 2], act='tanh')",
        "our_model = copy_weights_from_torch(torch_model, MLP(3, [5, 2], act='relu'))",
        "our_model = to_torch(MLP(3, [5, 2], act='tanh'))"],
}
