"""Other right answers, and wrong ones, for chapter 04's exercises (see tests/test_exercises.py)."""
LECTURE_STYLE_ELU = """def elu(x, alpha=1.0):
    out = Value(x.data if x.data > 0 else alpha * (math.exp(x.data) - 1), (x,), 'elu')
    def _backward():
        x.grad {assign} (1.0 if x.data > 0 else alpha * math.exp(x.data)){factor}
    out._backward = _backward
    return out"""

RIGHT = {
    1: [
        "def tanh_from_sigmoid(x): return sigmoid(x + x) * 2 - 1",
        "def tanh_from_sigmoid(x): return sigmoid(2 * x) - sigmoid(-2 * x)",
        "def tanh_from_sigmoid(x): return 1 - 2 * sigmoid(-2 * x)",
        "def tanh_from_sigmoid(x): return (sigmoid(2 * x) - 0.5) * 2",
        "def tanh_from_sigmoid(x):\n    s = sigmoid(2 * x)\n    return s + s - 1",
        "import numpy as np\ndef tanh_from_sigmoid(x): return np.float64(2) * sigmoid(2 * x) - 1",
    ],
    2: [
        """def elu(x, alpha=1.0):
    slope = 1.0 if x.data > 0 else alpha * math.exp(x.data)
    value = x.data if x.data > 0 else alpha * math.expm1(x.data)
    return Value(value, (x,), 'elu', _local_grads=(slope,))""",
        """def elu(x, alpha=1.0):
    if x.data > 0: return x   # the identity needs no new node
    out = Value(alpha * (math.exp(x.data) - 1), (x,), 'elu')
    def _backward(): x.grad += (out.data + alpha) * out.grad   # alpha * e^x, from the output
    out._backward = _backward
    return out""",
        LECTURE_STYLE_ELU.format(assign='+=', factor=' * out.grad'),
        """import numpy as np
def elu(x, alpha=1.0):
    e = np.exp(x.data)
    return Value(x.data if x.data > 0 else alpha * (e - 1), (x,), 'elu', \
_local_grads=(1.0 if x.data > 0 else alpha * e,))""",
        """def elu(x, alpha=1.0):
    if x.data >= 0: return Value(x.data, (x,), 'elu', _local_grads=(1,))
    return Value(alpha * math.expm1(x.data), [x], 'elu', \
_local_grads=[alpha * math.exp(x.data)])""",
    ],
    3: [
        "bound_for_ten = (1 / 4) ** 10",
        "bound_for_ten = 4 ** -10",
        "bound_for_ten = 2 ** -20",
        "from fractions import Fraction\nbound_for_ten = Fraction(1, 4 ** 10)",
        "bound_for_ten = 9.5367431640625e-07",
        "bound_for_ten = 9.5e-7",
        "import numpy as np\nbound_for_ten = np.float32(0.25) ** 10",
    ],
}
WRONG = {
    1: [
        "def tanh_from_sigmoid(x): return 2 * sigmoid(x) - 1",
        "def tanh_from_sigmoid(x): return x.tanh()",
        "def tanh_from_sigmoid(x): return (2 * sigmoid(2 * x) - 1).data",
        "def tanh_from_sigmoid(x): return 2 * sigmoid(-2 * x) - 1",
        # cut off from x: no gradient
        "def tanh_from_sigmoid(x): return 2 * sigmoid(2 * x.data) - 1",
        # no sigmoid in it
        "def tanh_from_sigmoid(x): return 2 / (1 + (-2 * x).exp()) - 1",
        # a forgotten return
        "def tanh_from_sigmoid(x):\n    2 * sigmoid(2 * x) - 1",
    ],
    2: [
        "def elu(x, alpha=1.0): return x if x.data > 0 else alpha * (x.exp() - 1)",
        """def elu(x, alpha=1.0):
    e = math.exp(x.data)
    if x.data > 0: return Value(x.data, (x,), 'elu', _local_grads=(1.0,))
    return Value(alpha * (e - 1), (x,), 'elu', _local_grads=(alpha * (e - 1),))""",
        """def elu(x, alpha=1.0):
    if x.data > 0: return Value(x.data, (x,), 'elu', _local_grads=(1.0,))
    return Value(math.exp(x.data) - 1, (x,), 'elu', _local_grads=(math.exp(x.data),))""",
        LECTURE_STYLE_ELU.format(assign='=', factor=' * out.grad'),  # = instead of +=
        # the chain rule's out.grad forgotten
        LECTURE_STYLE_ELU.format(assign='+=', factor=''),
        LECTURE_STYLE_ELU.format(assign='+=', factor=' * x.grad'),  # the wrong gradient
        # no rule
        "def elu(x, alpha=1.0): return Value(x.data if x.data > 0 else alpha * math.expm1(x.data), "
        "(x,), 'elu')",
        # cut off from x
        "def elu(x, alpha=1.0): return Value(x.data if x.data > 0 else alpha * math.expm1(x.data))",
    ],
    3: [
        "bound_for_ten = 0.25 * 10",
        "bound_for_ten = 0.25 ** 9",
        "bound_for_ten = 0.25 ** 11",
        "bound_for_ten = 3.9e-7",
        "bound_for_ten = 3.91e-7",
        "bound_for_ten = 1.0",
        "bound_for_ten = '0.25 ** 10'",
        "bound_for_ten = True",
        "bound_for_ten = None",
    ],
}
PREDICT = {3: ['bound_for_ten']}
