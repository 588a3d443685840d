"""Other right answers, and wrong ones, for chapter 05's exercises (see tests/test_exercises.py).

Exercise 3 is also checked with the solution built from 200 seeds, in tests/test_nn.py."""
RIGHT = {
    1: [
        """def count_parameters(nin, nouts):
    total = 0
    for nout in nouts:
        total += nout * (nin + 1)
        nin = nout
    return total""",
        "def count_parameters(nin, nouts): return sum(a * b + b for a, b in zip([nin] + "
        "list(nouts), nouts))",
        "def count_parameters(nin, nouts): return float(sum((a + 1) * b for a, b in zip([nin, "
        "*nouts], nouts)))",
        "def count_parameters(nin, nouts): return sum((a + 1) * b for a, b in zip((nin,) + "
        "tuple(nouts), nouts))",
        "import numpy as np\ndef count_parameters(nin, nouts):\n    s = np.array([nin, *nouts])\n  "
        "  return ((s[:-1] + 1) * s[1:]).sum()",
    ],
    2: [
        "bias_index = 2 + 3",
        "bias_index = 5 - 13",
        "import numpy as np\nbias_index = np.int64(5)",
        "bias_index = int(5.0)",
    ],
    # seeds whose output is exactly 1.0
    3: [
        "prob_model = MLP(2, [8, 1], act='relu', out_act='sigmoid', seed=108)",
        "prob_model = MLP(2, [8, 1], act='relu', out_act='sigmoid', seed=197)",  # at [100, 100]
        "from solveit_z2h.activations import relu, sigmoid\nprob_model = MLP(2, [8, 1], act=relu, "
        "out_act=sigmoid, seed=3)",
        "prob_model = MLP(2, [8, 1], act=lambda v: v.relu(), out_act=lambda v: (v.tanh() + 1) / 2)",
        "prob_model = MLP(2, [8, 1], act='relu', out_act=lambda v: 1 / (1 + (-v).exp()), seed=11)",
        "prob_model = MLP(2, [8, 1], act='relu', out_act='sigmoid', init='uniform')",
        "prob_model = MLP(2, [8, 1], act='relu', out_act=lambda v: 0.5 * (v * 0.5).tanh() + 0.5)",
    ],
}
WRONG = {
    1: [
        "def count_parameters(nin, nouts): return sum(a * b for a, b in zip([nin, *nouts], nouts))",
        "def count_parameters(nin, nouts): return nin * sum(nouts) + sum(nouts)",
        # one too few: the message names the idea, never the count
        "def count_parameters(nin, nouts): return sum((a + 1) * b for a, b in zip([nin, *nouts], "
        "nouts)) - 1",
        # biases per input
        "def count_parameters(nin, nouts): return sum(a * (b + 1) for a, b in zip([nin, *nouts], "
        "nouts))",
        "def count_parameters(nin, nouts): return str(sum((a + 1) * b for a, b in zip([nin, "
        "*nouts], nouts)))",
        # a forgotten return
        "def count_parameters(nin, nouts):\n    sum((a + 1) * b for a, b in zip([nin, *nouts], "
        "nouts))",
    ],
    2: [
        "bias_index = 2",
        "bias_index = 4",
        "bias_index = 6",
        "bias_index = 13",
        "bias_index = 5.0",
        "bias_index = '5'",
        "bias_index = None",
    ],
    3: [
        "prob_model = MLP(2, [8, 1], act='relu')",
        "prob_model = MLP(2, [8, 1], act='relu', out_act='tanh')",
        "prob_model = MLP(2, [8, 1], out_act='sigmoid')",
        "prob_model = MLP(2, [8, 1], act='relu', out_act='relu')",
        "prob_model = MLP(2, [16, 1], act='relu', out_act='sigmoid')",
        "prob_model = MLP(2, [8, 1], act='relu', out_act=lambda v: 0.5 + 0 * v)",
        "prob_model = MLP(2, [8, 1], act='relu', out_act='softplus')",
        "prob_model = MLP(2, [8, 1], act='leaky_relu', out_act='sigmoid')",
        "from solveit_z2h.activations import sigmoid\nprob_model = MLP(2, [8, 1], act='relu', "
        "out_act=lambda v: sigmoid(-v))",
        "prob_model = MLP(2, [8, 1], act='relu', out_act='sigmoid')([0.0, 0.0])",
    ],
}
PREDICT = {2: ['bias_index']}
