"""Other right answers, and wrong ones, for chapter 01's exercises (see tests/test_exercises.py)."""

RIGHT = {
    1: [
        "predicted_nodes = 4 + 3",
        "predicted_nodes = 7.0",
        "import numpy as np\npredicted_nodes = np.int64(7)",
    ],
    2: [  # iterative, one pass over trace's order (inputs first), remembering each node's depth
        "def depth(v):\n"
        "    nodes, _ = trace(v)\n"
        "    level = {}\n"
        "    for n in nodes:\n"
        "        level[id(n)] = 1 + max(level[id(c)] for c in n._prev) if n._prev else 0\n"
        "    return level[id(v)]",
        "def depth(v):\n"
        "    if not v._prev: return 0\n"
        "    return max(1 + depth(child) for child in v._prev)",
        "import functools\n"
        "@functools.lru_cache(maxsize=None)\n"
        "def depth(v): return float(max((depth(c) + 1 for c in v._prev), default=0))",
    ],
    3: [
        "children_data = (3.0, 5.0)",
        "children_data = [3, 5]",
        "z = Value(3.0) * Value(5.0)\nchildren_data = [child.data for child in z._prev]",
        "import numpy as np\nchildren_data = np.array([3.0, 5.0])",
    ],
}
WRONG = {
    1: ["predicted_nodes = 4",   # the inputs only
        "predicted_nodes = 8",   # a 0 to start from, as sum() would add
        "predicted_nodes = 'seven'",
        "predicted_nodes = 10",  # the 3 operation circles of the drawing counted too
        "predicted_nodes = '7'"],
    # counts inputs, not levels
    2: ["def depth(v): return len(v._prev)",
        # a leaf counted as 1
        "def depth(v): return 1 + max((depth(c) for c in v._prev), default=0)",
        "def depth(v): return len(trace(v)[0]) - 1",                             # counts nodes
        # follows the first input only
        "def depth(v): return 1 + depth(v._prev[0]) if v._prev else 0",
        # the shortest path
        "def depth(v): return 1 + min(depth(c) for c in v._prev) if v._prev else 0",
        # max() of nothing at a leaf
        "def depth(v): return 1 + max(depth(c) for c in v._prev)",
        "def depth(v):\n    1 + max((depth(c) for c in v._prev), default=-1)"],   # no return
    3: ["children_data = [5.0, 3.0]",   # x first, as in the alphabet, not as written
        "children_data = [15.0]",       # the product, not the children
        "children_data = 3.0",
        "children_data = '35'"],
}
# A graph that is not a chain: counting operations is no longer the depth.
WRONG[2].append("def depth(v): return sum(1 for node in trace(v)[0] if node._prev)")
WRONG[2].append("def depth(v): return 1 + sum(depth(c) for c in v._prev) if v._prev else 0")
WRONG[3].append("children_data = ['y', 'x']")
PREDICT = {1: ['predicted_nodes'], 3: ['children_data']}
