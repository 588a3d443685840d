"""Other right answers, and wrong ones, for chapter 04's exercises (see tests/test_exercises.py)."""
RIGHT = {
    1: ["def tanh_from_sigmoid(x): return sigmoid(x + x) * 2 - 1",
        "def tanh_from_sigmoid(x): return sigmoid(2 * x) - sigmoid(-2 * x)",
        "def tanh_from_sigmoid(x): return 1 - 2 * sigmoid(-2 * x)"],
    2: ["""def elu(x, alpha=1.0):
    slope = 1.0 if x.data > 0 else alpha * math.exp(x.data)
    value = x.data if x.data > 0 else alpha * math.expm1(x.data)
    return Value(value, (x,), 'elu', _local_grads=(slope,))""",
        """def elu(x, alpha=1.0):
    if x.data > 0: return x   # the identity needs no new node
    out = Value(alpha * (math.exp(x.data) - 1), (x,), 'elu')
    def _backward(): x.grad += (out.data + alpha) * out.grad   # alpha * e^x, from the output
    out._backward = _backward
    return out"""],
    3: ["bound_for_ten = (1 / 4) ** 10", "bound_for_ten = 4 ** -10",
        "from fractions import Fraction\nbound_for_ten = Fraction(1, 4 ** 10)", "bound_for_ten = 9.5367431640625e-07"],
}
WRONG = {
    1: ["def tanh_from_sigmoid(x): return 2 * sigmoid(x) - 1",
        "def tanh_from_sigmoid(x): return x.tanh()",
        "def tanh_from_sigmoid(x): return (2 * sigmoid(2 * x) - 1).data"],
    2: ["def elu(x, alpha=1.0): return x if x.data > 0 else alpha * (x.exp() - 1)",
        """def elu(x, alpha=1.0):
    e = math.exp(x.data)
    if x.data > 0: return Value(x.data, (x,), 'elu', _local_grads=(1.0,))
    return Value(alpha * (e - 1), (x,), 'elu', _local_grads=(alpha * (e - 1),))""",
        """def elu(x, alpha=1.0):
    if x.data > 0: return Value(x.data, (x,), 'elu', _local_grads=(1.0,))
    return Value(math.exp(x.data) - 1, (x,), 'elu', _local_grads=(math.exp(x.data),))"""],
    3: ["bound_for_ten = 0.25 * 10", "bound_for_ten = 0.25 ** 9", "bound_for_ten = 3.9e-7", "bound_for_ten = 3.91e-7",
        "bound_for_ten = '0.25 ** 10'"],
}
