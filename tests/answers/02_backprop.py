"""Other right answers, and wrong ones, for chapter 02's exercises (see tests/test_exercises.py)."""
RIGHT = {
    1: ["by_hand = (-4, -4, 3)", "by_hand = [-4.0, -4, 3.0]"],
    2: ["""def square(v):
    out = Value(v.data * v.data, (v,), 'square')
    def _backward(): v.grad += (v.data + v.data) * out.grad
    out._backward = _backward
    return out""",
        """def square(v):
    out = Value(v.data ** 2, (v,), 'sq')
    out._backward = lambda: setattr(v, 'grad', v.grad + 2 * v.data * out.grad)
    return out"""],
    3: ["order_is_fine, a_grad = True, 7", "order_is_fine = 1 == 1\na_grad = 2 * 3.0 + 1"],
}
WRONG = {
    1: ["by_hand = [-4.0, -4.0, -3.0]", "by_hand = [1.0, 1.0, 3.0]"],
    2: ["""def square(v):
    out = Value(v.data ** 2, (v,), '**2')
    def _backward(): v.grad = 2 * v.data * out.grad
    out._backward = _backward
    return out""",
        """def square(v):
    out = Value(v.data ** 2, (v,), '**2')
    def _backward(): v.grad += v.data * out.grad   # the local derivative of v, not of v**2
    out._backward = _backward
    return out"""],
    3: ["order_is_fine, a_grad = False, 1.0", "order_is_fine, a_grad = True, 6.0"],
}
RIGHT[1].append("import numpy as np\nby_hand = np.array([-4.0, -4.0, 3.0])")
WRONG[1].append("by_hand = 3")
WRONG[1].append("by_hand = [-8.0, -8.0, 3.0]")   # twice the gradient through the +
WRONG[1].append("by_hand = [4.0, 4.0, 3.0]")     # the sign of z lost
WRONG[2].append("""def square(v):
    out = Value(v.data ** 2, (v,), '**2')
    def _backward(): v.grad += 2 * v.data   # the chain rule's `* out.grad` forgotten
    out._backward = _backward
    return out""")
RIGHT[2].append("""def square(v):
    out = Value(v.data ** 2, (v,), '**2')
    def _backward():
        local = 2 * v.data
        v.grad = v.grad + local * out.grad
    out._backward = _backward
    return out""")
RIGHT[3].append(
    "import numpy as np\norder_is_fine = np.isclose(7.0, 2 * 3.0 + 1)\na_grad = np.float64(7)"
)
RIGHT[3].append("order_is_fine = True\na_grad = 7.000")
WRONG[3].append("order_is_fine = True\na_grad = '7'")       # a string, not a number
WRONG[3].append("order_is_fine = False\na_grad = 7.0")      # right number, wrong verdict
WRONG[2].append("""def square(v):
    out = Value(v.data ** 2, (v,), '**2')
    def _backward(): v.grad += 2 * v.data * out.grad
    return out""")                                          # the closure never attached
# no return
WRONG[2].append("def square(v): Value(v.data ** 2, (v,), '**2')")
WRONG[2].append("def square(v): return v * v")              # two inputs, not one
PREDICT = {1: ['by_hand'], 3: ['a_grad']}
