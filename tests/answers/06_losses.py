"""Other right answers, and wrong ones, for chapter 06's exercises (see tests/test_exercises.py)."""
RIGHT = {
    1: [
        "dloss_dpred = -1",
        "dloss_dpred = 2 * (2.5 - 3.0)",
        "dloss_dpred = 2 * (2.5 - 3.0) / 1",
        "import numpy as np\ndloss_dpred = np.float32(-1.0)",
        # a 0-d tensor is a number too
        "import torch\ndloss_dpred = torch.tensor(-1.0)",
        "from fractions import Fraction\ndloss_dpred = Fraction(-1)",
        "p = Value(2.5)\nmse_loss([p], [3.0]).backward()\ndloss_dpred = p.grad",
    ],
    2: [
        "ce_grads = (0.25, 0.25, 0.25, -0.75)",
        "ce_grads = [1 / 4, 1 / 4, 1 / 4, 1 / 4 - 1]",
        "import numpy as np\nce_grads = np.full(4, 0.25) - np.eye(4)[3]",
        "import torch\nce_grads = torch.softmax(torch.zeros(4), 0) - torch.eye(4)[3]",
        "ce_grads = [p.data - (i == 3) for i, p in enumerate(softmax([0.0, 0.0, 0.0, 0.0]))]",
        "ce_grads = (p.data - (i == 3) for i, p in enumerate(softmax([0.0] * 4)))",  # a generator
        "s = [Value(0.0) for _ in range(4)]\ncross_entropy([s], [3]).backward()\nce_grads = "
        "[v.grad for v in s]",
    ],
    3: [
        """def l1_loss(preds, targets):
    total = 0
    for p, t in zip(preds, targets): total = total + (p - t).relu() + (t - p).relu()
    return total / len(preds)""",
        "def l1_loss(preds, targets): return sum((((p - t) ** 2) ** 0.5 for p, t in zip(preds, "
        "targets)), Value(0.0)) * (1.0 / len(preds))",
        "def l1_loss(preds, targets): return sum([(p - t).relu() + (-(p - t)).relu() for p, t in "
        "zip(preds, targets)]) * (1 / len(targets))",
        """def l1_loss(preds, targets):
    total = Value(0.0)
    for p, t in zip(preds, targets):
        d = p - t
        total += d.relu() + (-d).relu()
    return total / len(preds)""",
    ],
    4: [
        "tanh_floor = 5 / 3",
        "tanh_floor = ((2.0 - 1) ** 2 + (-3.0 + 1) ** 2 + 0.0) / 3",
        "tanh_floor = mse_loss([Value(1.0), Value(-1.0), Value(0.5)], [2.0, -3.0, 0.5]).data",
        "from fractions import Fraction\ntanh_floor = Fraction(5, 3)",
        "import numpy as np\ntanh_floor = np.mean((np.array([2.0, -3.0, 0.5]) - np.clip([2.0, "
        "-3.0, 0.5], -1, 1)) ** 2)",
    ],
}
WRONG = {
    1: [
        "dloss_dpred = 1.0",  # the sign: increasing the prediction lowers the loss
        "dloss_dpred = -0.5",  # forgets the 2 of the square
        "dloss_dpred = (2.5 - 3.0) ** 2",  # the loss, not its slope
        "dloss_dpred = -0.25",  # neither: the message names the idea, not the number
        "dloss_dpred = '-1'",
        "dloss_dpred = Value(-1.0)",  # a Value, not a number: the message points at .data
        "dloss_dpred = True",
        "dloss_dpred = -1j",
    ],
    2: [
        "ce_grads = [0.25, 0.25, 0.25, 0.25]",  # forgets to subtract the truth
        "ce_grads = [0, 0, 0, -1]",  # the truth alone
        "ce_grads = [-0.25, -0.25, -0.25, 0.75]",  # truth minus probability: the sign
        "ce_grads = [0.25, 0.25, -0.75, 0.25]",  # off by one: class 2 instead of 3
        "ce_grads = [0.25, 0.25, 0.25]",
        "ce_grads = 0.25",
        "ce_grads = 'probability minus truth'",
    ],
    # a sum, not a mean
    3: [
        "def l1_loss(preds, targets): return sum((p - t).relu() + (t - p).relu() for p, t in "
        "zip(preds, targets))",
        # the mean of 3, always
        "def l1_loss(preds, targets): return sum((p - t).relu() + (t - p).relu() for p, t in "
        "zip(preds, targets)) * (1 / 3)",
        # half of |d|
        "def l1_loss(preds, targets): return sum((p - t).relu() for p, t in zip(preds, targets)) * "
        "(1 / len(preds))",
        # d, not |d|
        "def l1_loss(preds, targets): return sum((p - t).relu() - (t - p).relu() for p, t in "
        "zip(preds, targets)) * (1 / len(preds))",
        # no graph
        "def l1_loss(preds, targets): return Value(sum(abs(p.data - t) for p, t in zip(preds, "
        "targets)) / len(preds))",
        # a float
        "def l1_loss(preds, targets): return sum(abs(p.data - t) for p, t in zip(preds, targets)) "
        "/ len(preds)",
        "def l1_loss(preds, targets): return mse_loss(preds, targets)",
    ],
    4: [
        "tanh_floor = 54.0",  # chapter's number, other targets
        "tanh_floor = 5.0",  # a sum, not a mean
        "tanh_floor = (1 + 2 + 0) / 3",  # the errors, not squared
        # pins every output at ±1
        "tanh_floor = ((2.0 - 1) ** 2 + (-3.0 + 1) ** 2 + (0.5 - 1) ** 2) / 3",
        "tanh_floor = 1.6",
        "tanh_floor = '5/3'",
    ],
}
RIGHT[4].extend(["tanh_floor = 1.667", "tanh_floor = 1.6667", "tanh_floor = 1.67"])  # rounded
WRONG[4].append("tanh_floor = 1.75   # every output pinned at ±1")
PREDICT = {1: ['dloss_dpred'], 2: ['ce_grads'], 4: ['tanh_floor']}
