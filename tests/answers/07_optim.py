"""Other right answers, and wrong ones, for chapter 07's exercises (see tests/test_exercises.py)."""
RIGHT = {
    1: ["p_after_two = 1 / 2",
        "p_after_two = 1.0 - 0.1 * 2.0 - 0.1 * (0.5 * 2.0 + 2.0)",
        """p, v = 1.0, 0.0
for g in (2.0, 2.0):
    v = 0.5 * v + g
    p -= 0.1 * v
p_after_two = p"""],
    2: ["def p_after_first_adam_step(g): return -0.01 * g / (abs(g) + 1e-8)",
        """def p_after_first_adam_step(g):
    m_hat = (0.1 * g) / (1 - 0.9)
    v_hat = (0.001 * g * g) / (1 - 0.999)
    return 0.0 - 0.01 * m_hat / (math.sqrt(v_hat) + 1e-8)""",
        "p_after_first_adam_step = lambda g: -0.01 / (1 + 1e-8 / g)"],
    3: ["def cosine_lr(step, total, base_lr): return base_lr * (1 + math.cos(math.pi * step / total)) / 2",
        "def cosine_lr(step, total, base_lr): return base_lr * math.cos(math.pi * step / (2 * total)) ** 2",
        "cosine_lr = lambda step, total, base_lr: 0.5 * base_lr * (1.0 + math.cos(step / total * math.pi))"],
    4: ["p_after_ten = 2 * 0.999 ** 10",
        """p = 2.0
for _ in range(10): p -= 0.1 * 0.01 * p
p_after_ten = p"""],
}
WRONG = {
    1: ["p_after_two = 0.6",              # no momentum: two plain steps of 0.2
        "p_after_two = '0.5'",
        "p_after_two = 0.4"],             # momentum applied as v = g + v without the 0.5
    2: ["def p_after_first_adam_step(g): return -0.01",         # forgets eps: wrong for tiny g
        "def p_after_first_adam_step(g): return -0.01 * g",     # an SGD step
        "def p_after_first_adam_step(g): return -0.01 * 0.1 * g / math.sqrt(0.001 * g * g)"],  # no bias correction
    3: ["def cosine_lr(step, total, base_lr): return base_lr * (1 - step / total)",   # linear: agrees at 0, total/2, total
        "def cosine_lr(step, total, base_lr): return base_lr * math.cos(math.pi * step / total)"],
    4: ["p_after_ten = 2.0 - 10 * 0.1",           # Adam's L2 behaviour: a step of lr each time
        "p_after_ten = 2.0 * (1 - 0.01) ** 10",   # forgets the learning rate
        "p_after_ten = 2.0"],
}
