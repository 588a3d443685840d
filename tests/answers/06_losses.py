"""Other right answers, and wrong ones, for chapter 06's exercises (see tests/test_exercises.py)."""
RIGHT = {
    1: ["dloss_dpred = -1", "dloss_dpred = 2 * (2.5 - 3.0)", "dloss_dpred = 2 * (2.5 - 3.0) / 1"],
    2: ["ce_grads = (0.25, 0.25, 0.25, -0.75)",
        "ce_grads = [1 / 4, 1 / 4, 1 / 4, 1 / 4 - 1]",
        "import numpy as np\nce_grads = np.full(4, 0.25) - np.eye(4)[3]",
        "ce_grads = [p.data - (i == 3) for i, p in enumerate(softmax([0.0, 0.0, 0.0, 0.0]))]"],
    3: ["""def l1_loss(preds, targets):
    total = 0
    for p, t in zip(preds, targets): total = total + (p - t).relu() + (t - p).relu()
    return total / len(preds)""",
        "def l1_loss(preds, targets): return sum((((p - t) ** 2) ** 0.5 for p, t in zip(preds, targets)), Value(0.0)) * (1.0 / len(preds))"],
    4: ["tanh_floor = 5 / 3", "tanh_floor = ((2.0 - 1) ** 2 + (-3.0 + 1) ** 2 + 0.0) / 3",
        "tanh_floor = mse_loss([Value(1.0), Value(-1.0), Value(0.5)], [2.0, -3.0, 0.5]).data"],
}
WRONG = {
    1: ["dloss_dpred = 1.0",            # the sign: increasing the prediction lowers the loss
        "dloss_dpred = -0.5",           # forgets the 2 of the square
        "dloss_dpred = '-1'"],
    2: ["ce_grads = [0.25, 0.25, 0.25, 0.25]",       # forgets to subtract the truth
        "ce_grads = [0, 0, 0, -1]",                 # the truth alone
        "ce_grads = [0.25, 0.25, 0.25]",
        "ce_grads = 'probability minus truth'"],
    3: ["def l1_loss(preds, targets): return sum((p - t).relu() + (t - p).relu() for p, t in zip(preds, targets))",  # a sum, not a mean
        "def l1_loss(preds, targets): return Value(sum(abs(p.data - t) for p, t in zip(preds, targets)) / len(preds))",  # no graph
        "def l1_loss(preds, targets): return sum(abs(p.data - t) for p, t in zip(preds, targets)) / len(preds)",  # a float
        "def l1_loss(preds, targets): return mse_loss(preds, targets)"],
    4: ["tanh_floor = 54.0",                          # chapter's number, other targets
        "tanh_floor = 5.0",                           # a sum, not a mean
        "tanh_floor = ((2.0 - 1) ** 2 + (-3.0 + 1) ** 2 + (0.5 - 1) ** 2) / 3",   # pins every output at ±1
        "tanh_floor = 1.6"],
}
