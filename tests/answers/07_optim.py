"""Other right answers, and wrong ones, for chapter 07's exercises (see tests/test_exercises.py)."""
RIGHT = {
    1: [
        "p_after_two = 1 / 2",
        "p_after_two = 1.0 - 0.1 * 2.0 - 0.1 * (0.5 * 2.0 + 2.0)",
        """p, v = 1.0, 0.0
for g in (2.0, 2.0):
    v = 0.5 * v + g
    p -= 0.1 * v
p_after_two = p""",
        """p, v = 1.0, 0.0
for g in (2.0, 2.0):
    v = 0.5 * v + 0.1 * g   # the learning rate inside the velocity: the same for a constant lr
    p -= v
p_after_two = p""",
        """p = Value(1.0)
opt = SGD([p], lr=0.1, momentum=0.5)
for _ in range(2):
    p.grad = 2.0
    opt.step()
p_after_two = p.data""",
        "import numpy as np\np_after_two = np.float64(0.5)",
        "import torch\np_after_two = torch.tensor(0.5)",
    ],
    2: [
        "def p_after_first_adam_step(g): return -0.01 * g / (abs(g) + 1e-8)",
        """def p_after_first_adam_step(g):
    m_hat = (0.1 * g) / (1 - 0.9)
    v_hat = (0.001 * g * g) / (1 - 0.999)
    return 0.0 - 0.01 * m_hat / (math.sqrt(v_hat) + 1e-8)""",
        "p_after_first_adam_step = lambda g: -0.01 / (1 + 1e-8 / g)",
        """def p_after_first_adam_step(g):
    p = Value(0.0)
    p.grad = g
    Adam([p], lr=0.01).step()
    return p.data""",
        "import numpy as np\ndef p_after_first_adam_step(g): return np.float64(-0.01) * g / "
        "(np.abs(g) + 1e-8)",
    ],
    3: [
        "def cosine_lr(step, total, base_lr): return base_lr * (1 + math.cos(math.pi * step / "
        "total)) / 2",
        "def cosine_lr(step, total, base_lr): return base_lr * math.cos(math.pi * step / (2 * "
        "total)) ** 2",
        "cosine_lr = lambda step, total, base_lr: 0.5 * base_lr * (1.0 + math.cos(step / total * "
        "math.pi))",
        "import numpy as np\ndef cosine_lr(step, total, base_lr): return base_lr * 0.5 * (1 + "
        "np.cos(np.pi * step / total))",
        "def cosine_lr(step, total, base_lr): return base_lr * math.sin(math.pi / 2 * (1 - step / "
        "total)) ** 2",
    ],
    4: [
        "p_after_ten = 2 * 0.999 ** 10",
        """p = 2.0
for _ in range(10): p -= 0.1 * 0.01 * p
p_after_ten = p""",
        "p_after_ten = 2.0 * math.exp(10 * math.log(0.999))",
        """p = Value(2.0)
opt = AdamW([p], lr=0.1, weight_decay=0.01)
for _ in range(10):
    p.grad = 0.0
    opt.step()
p_after_ten = p.data""",
    ],
}
WRONG = {
    1: [
        "p_after_two = 0.6",  # no momentum: two plain steps of 0.2
        "p_after_two = '0.5'",
        "p_after_two = 0.4",  # momentum applied as v = g + v without the 0.5
        "p_after_two = 0.75",  # v as an average, 0.5·v + 0.5·g
        "p_after_two = 0.8",  # one step only
        "p_after_two = Value(0.5)",
    ],  # a Value, not a number: the message points at .data
    2: [
        "def p_after_first_adam_step(g): return -0.01",  # forgets eps: wrong for tiny g
        "def p_after_first_adam_step(g): return -0.01 * g",  # an SGD step
        # close, but not Adam's: the message names the idea, never the number
        "def p_after_first_adam_step(g): return -0.0099 * g / (g + 1e-8)",
        "def p_after_first_adam_step(g): return 0.01 * g / (g + 1e-8)",  # uphill
        # eps inside the square root
        "def p_after_first_adam_step(g): return -0.01 * g / math.sqrt(g * g + 1e-8)",
        # no bias correction
        "def p_after_first_adam_step(g): return -0.01 * 0.1 * g / math.sqrt(0.001 * g * g)",
    ],
    # linear: agrees at 0, total/2, total
    3: [
        "def cosine_lr(step, total, base_lr): return base_lr * (1 - step / total)",
        "def cosine_lr(step, total, base_lr): return base_lr * math.cos(math.pi * step / total)",
        # off by one
        "def cosine_lr(step, total, base_lr): return base_lr / 2 * (1 + math.cos(math.pi * (step + "
        "1) / total))",
        # degrees
        "def cosine_lr(step, total, base_lr): return base_lr / 2 * (1 + math.cos(180 * step / "
        "total))",
        # integer division
        "def cosine_lr(step, total, base_lr): return base_lr / 2 * (1 + math.cos(math.pi * (step "
        "// total)))",
    ],
    4: [
        "p_after_ten = 2.0 - 10 * 0.1",  # Adam's L2 behaviour: a step of lr each time
        "p_after_ten = 2.0 * (1 - 0.01) ** 10",  # forgets the learning rate
        "p_after_ten = 2.0 * (1 - 0.1 * 0.01 * 10)",  # ten shrinks added, not compounded
        "p_after_ten = 2.0 * (1 - 0.1 * 0.01) ** 9",  # off by one
        "p_after_ten = 2.0",
    ],
}
RIGHT[4].extend(["p_after_ten = 1.98009", "p_after_ten = 1.9801"])
PREDICT = {1: ['p_after_two'], 4: ['p_after_ten']}
