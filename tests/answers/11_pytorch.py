"""Other right answers, and wrong ones, for chapter 11's exercises (see tests/test_exercises.py)."""
RIGHT = {
    1: [
        "through_float32 = 0.10000000149011612",
        "through_float32 = 0.1000000015",
        "through_float32 = 0.100000001490116119384765625",
        "import numpy as np\nthrough_float32 = float(np.float32(0.1))",
        "import numpy as np\nthrough_float32 = np.float32(0.1)",
        "through_float32 = float.fromhex('0x1.99999ap-4')",
        "from fractions import Fraction\nthrough_float32 = Fraction(13421773, 2 ** 27)",
        "through_float32 = torch.tensor(0.1, dtype=torch.float32).item()",
        "through_float32 = torch.tensor(0.1, dtype=torch.float32)",
    ],
    2: [
        "def torch_version(a, b): return (torch.exp(a) - b) / torch.tanh(a)",
        "def torch_version(a, b): return a.exp().sub(b).div(a.tanh())",
        "def torch_version(a, b): return (a.exp() - b) * a.tanh() ** -1",
        "def torch_version(a, b): return (a.exp() - b) * (a.exp() + (-a).exp()) / (a.exp() - "
        "(-a).exp())",
        "def torch_version(a, b): return ((a.exp() - b) / a.tanh()).reshape(1)",
    ],
    3: [
        "our_model = copy_weights_from_torch(torch_model, MLP(3, [5, 2], act='tanh', seed=42))",
        """our_model = MLP(3, [5, 2], act='tanh', seed=3)
for layer, linear in zip(our_model.layers, [torch_model[0], torch_model[2]]):
    for neuron, row, bias in zip(layer.neurons, linear.weight.tolist(), linear.bias.tolist()):
        for w, v in zip(neuron.w, row): w.data = v
        neuron.b.data = bias""",
        """our_model = MLP(3, [5, 2], act='tanh')
for layer, linear in zip(our_model.layers, [torch_model[0], torch_model[2]]):
    for j, neuron in enumerate(layer.neurons):
        for i, w in enumerate(neuron.w): w.data = linear.weight[j, i].item()
        neuron.b.data = linear.bias[j].item()""",
        """our_model = MLP(3, [5, 2], act='tanh')
weights = [t.item() for linear in (torch_model[0], torch_model[2])
           for row, b in zip(linear.weight, linear.bias) for t in (*row, b)]
for p, v in zip(our_model.parameters(), weights, strict=True): p.data = v""",
    ],
}
WRONG = {
    1: [
        "through_float32 = 0.1",
        "through_float32 = 0.09999999776482582",
        "through_float32 = 0.100000001",
        "through_float32 = '0.10000000149011612'",
        "through_float32 = True",
        "through_float32 = [0.10000000149011612]",
    ],
    2: [
        "def torch_version(a, b): return (a.exp() - b) * a.tanh()",
        "def torch_version(a, b): return ((a.exp() - b) / a.tanh()).item()",
        "def torch_version(a, b): return (a.exp() - b.detach()) / a.tanh()",
        "import math\ndef torch_version(a, b): return (math.exp(a) - b) / math.tanh(a)",
        "def torch_version(a, b): return torch.tensor(((a.exp() - b) / a.tanh()).item(), "
        "requires_grad=True)",
        "def torch_version(a, b): return (a.exp() - b) / a.sigmoid()",
    ],
    3: [
        "our_model = MLP(3, [5, 2], act='tanh')",
        "our_model = copy_weights_from_torch(torch_model, MLP(3, [5, 2], act='relu'))",
        "from solveit_z2h.torch_bridge import to_torch\nour_model = to_torch(MLP(3, [5, 2], "
        "act='tanh'))",
        """our_model = MLP(3, [5, 2], act='tanh')
for layer, linear in zip(our_model.layers, [torch_model[0], torch_model[2]]):
    for neuron, row in zip(layer.neurons, linear.weight.tolist()):
        for w, v in zip(neuron.w, row): w.data = v""",
        "our_model = copy_weights_from_torch(torch_model, MLP(3, [5, 2], act='tanh', "
        "out_act='tanh'))",
        # a wrapper around torch_model: right numbers, but not our MLP
        "our_model = lambda x: [Value(v) for v in "
        "torch_model(torch.tensor([x], dtype=torch.float64))[0].tolist()]",
    ],
}
WRONG[1].append(  # float32's neighbour below 0.1
    "import numpy as np\nthrough_float32 = float(np.nextafter(np.float32(0.1), np.float32(0)))"
)
PREDICT = {1: ['through_float32']}
