"""The benchmark's workload is sound: both engines, same code, same losses (no timing here)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / 'bench'))
import run as bench  # noqa: E402  (bench/run.py is a script, not a package)

from solveit_z2h.data import make_moons


def test_demo_step_computes_the_same_losses_in_both_engines():
    X, y01 = make_moons(20, noise=0.1, seed=0)
    y = [2 * t - 1 for t in y01]
    losses = {}
    for name, V in bench.ENGINES.items():
        net = bench.demo_network(V)
        losses[name] = [bench.demo_step(V, net, X, y, k) for k in range(3)]
    ours, theirs = losses['solveit_z2h'], losses['micrograd 0.1.0']
    assert ours[-1] != ours[0]  # the parameters moved between steps
    assert all(abs(a - b) <= 1e-12 * abs(b) for a, b in zip(ours, theirs, strict=True))


def test_micrograd_fails_near_the_recursion_limit_where_ours_does_not():
    a, y = bench.chain(bench.OurValue, 5_000)
    y.backward()
    assert a.grad == 5_000
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(
        1000
    )  # Python's default: libraries imported by other tests in this process raise it
    try:
        depth = bench.micrograd_failure_depth()
    finally:
        sys.setrecursionlimit(limit)
    assert depth is not None and depth <= 1000


def test_tensor_workload_computes_the_same_losses_as_pytorch():
    seconds, worst = bench.tensor_steps(40, 8, blocks=2, steps_per_block=3)
    assert set(seconds) == {'tensor engine', 'PyTorch'} and worst <= 1e-9
    assert [len(s) for s in seconds.values()] == [2, 2]  # one time per block


def test_readme_has_the_results_block():
    text = bench.README.read_text()
    assert text.count('<!-- bench:start -->') == text.count('<!-- bench:end -->') == 1


def test_the_four_libraries_compute_the_same_losses():
    import frameworks

    seconds, worst = frameworks.framework_steps(30, 8, blocks=2, calls=1)
    assert len(seconds) == 4 and worst <= 1e-9
    assert all(len(later) == 2 for first, later in seconds.values())  # one time per block


def test_the_digits_epoch_runs_the_same_training_in_both_engines():
    import digits

    result = digits.digits_epoch(epochs=1, hidden=32)
    assert result['steps_per_epoch'] > 10 and result['worst_weight_difference'] <= 1e-9
    assert len(result['ours']) == len(result['torch']) == 1  # one epoch per block


def test_blocks_alternate_and_a_goal_is_claimed_only_if_every_block_met_it():
    from timing import alternate, ratio_spread, ratios, verdict

    order = []
    seconds, results = alternate(
        {'a': lambda: order.append('a') or 1, 'b': lambda: order.append('b') or 2},
        blocks=3,
        calls=2,
    )
    assert order == ['a', 'a', 'b', 'b'] * 3 and results == {'a': [1] * 6, 'b': [2] * 6}
    assert [len(s) for s in seconds.values()] == [3, 3]
    assert ratios([1.0, 3.0], [2.0, 2.0]) == [0.5, 1.5]
    assert ratio_spread([0.9, 0.8, 1.1]) == '0.90x (0.80–1.10)'
    assert ratio_spread([0.146, 0.139, 0.1504], 3) == '0.146x (0.139–0.150)'
    assert verdict([0.9, 0.8, 0.95], 1.0) == '≤ 1.0x in every block'
    assert verdict([0.9, 0.8, 1.1], 1.0) == '≤ 1.0x by the median, in 2 of 3 blocks'
    assert verdict([1.2, 0.8, 1.1], 1.0).startswith('**not met**')
