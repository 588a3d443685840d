"""Other right answers, and wrong ones, for chapter 08's exercises (see tests/test_exercises.py)."""
RIGHT = {
    1: [
        "counts = (37, 38)",
        "counts = [75 // 2, 75 - 75 // 2]",
        "_, labels = make_moons(75, noise=0.3, seed=5)\n"
        "counts = [labels.count(0), labels.count(1)]",
        "import numpy as np\ncounts = np.bincount(make_moons(75)[1])",
        "counts = [37.0, 38.0]",
    ],
    2: [
        """def standardize(X):
    import statistics
    columns = list(zip(*X))
    stats = [(statistics.fmean(c), statistics.pstdev(c)) for c in columns]
    return [[(v - m) / s for v, (m, s) in zip(row, stats)] for row in X]""",
        """def standardize(X):
    import numpy as np
    A = np.array(X)
    return (A - A.mean(axis=0)) / A.std(axis=0)""",
        """def standardize(X):
    Z = [list(row) for row in X]
    for j in range(len(Z[0])):
        col = [row[j] for row in Z]
        mean = sum(col) / len(col)
        std = (sum((c - mean) ** 2 for c in col) / len(col)) ** 0.5
        for row in Z: row[j] = (row[j] - mean) / std
    return Z""",
    ],
    3: ["leaks_from = 'validation'", "leaks_from = 'Val'", "leaks_from = ' validation set '"],
}
WRONG = {
    1: [
        "counts = [38, 37]",
        "counts = [37.5, 37.5]",
        "counts = 75",
        "counts = {37, 38}",
        "counts = [37, 38, 0]",
        "counts = '37, 38'",
        "counts = [75 // 2, 75 // 2]",
    ],
    2: [
        """def standardize(X):
    import statistics
    columns = list(zip(*X))
    stats = [(statistics.fmean(c), statistics.stdev(c)) for c in columns]   \
# the sample standard deviation
    return [[(v - m) / s for v, (m, s) in zip(row, stats)] for row in X]""",
        """def standardize(X):
    means = [sum(c) / len(c) for c in zip(*X)]
    return [[v - m for v, m in zip(row, means)] for row in X]            # centred, not scaled""",
        """def standardize(X):
    n = len(X)
    for j in range(2):
        mean = sum(row[j] for row in X) / n
        std = (sum((row[j] - mean) ** 2 for row in X) / n) ** 0.5
        for row in X: row[j] = (row[j] - mean) / std                      # changes X itself
    return X""",
    ],
    3: ["leaks_from = 'train'", "leaks_from = True", "leaks_from = 'test'", "leaks_from = ['val']"],
}
RIGHT[3].extend(
    ["leaks_from = 'validation data'", "leaks_from = 'valid'", "leaks_from = 'the validation set'"]
)
WRONG[3].extend(["leaks_from = 'training data'", "leaks_from = 'both'"])
WRONG[2].append("""def standardize(X):
    n = len(X)
    means = [sum(row[j] for row in X) / n for j in range(2)]
    stds = [(sum((row[j] - means[j]) ** 2 for row in X) / n) ** 0.5 for j in range(2)]
    [[(row[j] - means[j]) / stds[j] for j in range(2)] for row in X]""")   # no return
PREDICT = {1: ['counts'], 3: ['leaks_from']}
