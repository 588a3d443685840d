"""Other right answers, and wrong ones, for chapter 00's exercises (see tests/test_exercises.py)."""

RIGHT = {
    1: [
        "def g_prime(x): return 3*x*x - 2",
        "g_prime = lambda x: 3 * x**2 - 2.0",
        "import numpy as np\ndef g_prime(x): return np.float64(3) * x**2 - 2",
        "def g_prime(x):\n    return 3 * pow(x, 2) - 2",
    ],
    2: [
        "flat_x = (2/3) ** 0.5",
        "flat_x = 0.816497",
        "import numpy as np\nflat_x = np.sqrt(2) / np.sqrt(3)",
        "flat_x = math.sqrt(6) / 3",
    ],
    3: [
        "predicted = (-12, 8, -6)",
        "import numpy as np\npredicted = np.array([-3.0 * 4.0, 2.0 * 4.0, 2.0 * -3.0])",
        "import numpy as np\npredicted = [np.float64(-12), np.int64(8), -6.0]",
    ],
    4: [
        "def second_derivative(f, x, h=1e-3):\n    return ((f(x + h) - f(x)) - (f(x) - f(x - h))) "
        "/ (h * h)",
        "def second_derivative(f, x, h=1e-4):\n    return numerical_derivative(lambda t: "
        "numerical_derivative(f, t, h=h), x, h=h)",
        "def second_derivative(f, x):\n    h = 2e-4\n    return (f(x + h) - 2 * f(x) + f(x - h)) / "
        "h**2",
        "import numpy as np\ndef second_derivative(f, x, h=1e-4): return np.float64((f(x + h) + "
        "f(x - h) - 2 * f(x)) / (h * h))",
    ],
}
WRONG = {
    1: ["def g_prime(x): return 3*x**2",            # forgot the -2x term's derivative
        "def g_prime(x): return x**2 - 2",
        "def g_prime(x): return 'three x squared minus two'",
        # ^ is not a power in Python: TypeError on floats
        "def g_prime(x): return 3*x^2 - 2",
        "def g_prime(x): 3*x**2 - 2",               # no return: None
        "def g_prime(x): return 3*x**2 - 2*x"],      # -2x left undifferentiated
    2: ["flat_x = -math.sqrt(2/3)",                  # the negative solution
        "flat_x = 2/3",                              # the flat spot of the chapter's f, not of g
        "flat_x = 'sqrt(2/3)'",
        "flat_x = math.sqrt(3/2)",
        "flat_x = 0.8165"],                          # 4 decimals, not 6
    3: ["predicted = [12.0, -8.0, 6.0]",               # signs flipped
        "predicted = [-12.0, 8.0]",
        "predicted = -12.0",
        "predicted = [-3.0, 2.0, 1.0]",                # the gradient of d = a*b + c
        "predicted = [-6.0, 8.0, -12.0]"],             # in the wrong order
    # the first derivative
    4: ["def second_derivative(f, x, h=1e-4): return (f(x + h) - f(x - h)) / (2 * h)",
        # round-off wins
        "def second_derivative(f, x, h=1e-8): return (f(x + h) - 2*f(x) + f(x - h)) / h**2",
        # no default h chosen
        "def second_derivative(f, x, h=...): return (f(x + h) - 2*f(x) + f(x - h)) / h**2",
        # h, not h²
        "def second_derivative(f, x, h=1e-4): return (f(x + h) - 2*f(x) + f(x - h)) / h",
        # a sign slip
        "def second_derivative(f, x, h=1e-4): return (f(x + h) - 2*f(x) - f(x - h)) / h**2",
        # the first derivative's h: round-off divided by h² is about 1e-6
        "def second_derivative(f, x, h=1e-5): return (f(x + h) - 2*f(x) + f(x - h)) / h**2",
        # too large: truncation, which grows like h², takes over
        "def second_derivative(f, x, h=1e-2): return (f(x + h) - 2*f(x) + f(x - h)) / h**2"],
}
# Strings are not numbers, even when they spell the right one.
WRONG[1].append("def g_prime(x): return str(3*x**2 - 2)")
WRONG[2].append("flat_x = '0.816497'")
WRONG[3].append("predicted = [-6.0, 8.0, -12.0]   # de/da and de/dc swapped")
RIGHT[3].append("predicted = [2.0 * 0 - 3.0 * 4.0, 2.0 * 4.0, 2.0 * -3.0]")
PREDICT = {2: ['flat_x'], 3: ['predicted']}
