"""Other right answers, and wrong ones, for chapter 13's exercises (see tests/test_exercises.py)."""
RIGHT = {
    1: [
        "def per_digit_accuracy(confusion): return [confusion[t][t] / sum(confusion[t]) for t in "
        "range(10)]",
        "def per_digit_accuracy(confusion): return (np.eye(10) * confusion).sum(axis=1) / "
        "np.sum(confusion, axis=1, keepdims=True).ravel()",
        """def per_digit_accuracy(confusion):
    rows = [list(map(int, row)) for row in confusion]
    return tuple(row[i] / sum(row) for i, row in enumerate(rows))""",
    ],
    2: [
        "def prepare(image, mean, std): return ((np.ravel(image) / 16.0 - mean) / std)[None, :]",
        "def prepare(image, mean, std): return [[(image[i // 8][i % 8] / 16 - mean[i]) / std[i] "
        "for i in range(64)]]",
        """def prepare(image, mean, std):
    from solveit_z2h.tensor import Tensor
    flat = [value / 16 for row in image for value in row]
    return Tensor([[(v - m) / s for v, m, s in zip(flat, mean, std)]])""",
    ],
    3: [
        "n_needed = math.ceil(0.97 * 0.03 / 0.004 ** 2)",
        "p = 0.97\nn_needed = math.ceil(p * (1 - p) / 0.004**2)",  # no floating-point tie here
        "n_needed = 1819.0",
        "n_needed = np.int64(1819)",
        "n_needed = next(n for n in range(1, 5000) if math.sqrt(0.97 * 0.03 / n) <= 0.004)",
    ],
}
WRONG = {
    1: [
        "def per_digit_accuracy(confusion): return np.diag(confusion) / "
        "np.asarray(confusion).sum(axis=0)   # by predicted digit",
        "def per_digit_accuracy(confusion): return np.trace(confusion) / np.sum(confusion)         "
        "        # one overall number",
        "def per_digit_accuracy(confusion): return np.diag(confusion)                              "
        "        # counts, not shares",
        "def per_digit_accuracy(confusion): return 100 * np.diag(confusion) / np.sum(confusion, "
        "axis=1)   # percent",
    ],
    2: [
        "def prepare(image, mean, std): return (np.array(image, dtype=float).reshape(1, 64) - "
        "mean) / std   # not scaled to [0, 1]",
        "def prepare(image, mean, std): return (np.array(image).reshape(64) / 16 - mean) / std     "
        "         # not a batch of one",
        "def prepare(image, mean, std): return (np.array(image).T.reshape(1, 64) / 16 - mean) / "
        "std         # column by column",
        "def prepare(image, mean, std): return (np.array(image).reshape(1, 64) / 16 - mean) / (std "
        "+ 0.1)   # the 0.1 added twice",
        "def prepare(image, mean, std): return np.array(image).reshape(1, 64) / 16                 "
        "         # not standardised",
    ],
    3: [
        "n_needed = 8   # forgot to square the standard error",
        "n_needed = 1818",
        "n_needed = '1819'",
        "n_needed = 1820",
        "n_needed = 0.97 * 0.03 / 0.004 ** 2   # 1818.75: not a whole number of images",
    ],
}
PREDICT = {3: ['n_needed']}
