"""Generated datasets: deterministic, the right shapes and types, no global random state; the split
is clean; DataLoader's minibatches cover every example once per epoch, keep the kind of data given,
and refuse bad input."""

import math
import random

import numpy as np
import pytest
from hypothesis import given, strategies as st

from solveit_z2h.data import DataLoader, make_blobs, make_moons, plot_data, train_val_split


@given(n=st.integers(2, 300), noise=st.sampled_from([0.0, 0.1, 0.5]), seed=st.integers(0, 10**6))
def test_moons_shapes_types_and_determinism(n, noise, seed):
    X, y = make_moons(n, noise=noise, seed=seed)
    assert len(X) == len(y) == n and all(
        len(row) == 2 and all(type(v) is float for v in row) for row in X
    )
    assert (y.count(0), y.count(1)) == (n // 2, n - n // 2) and all(type(t) is int for t in y)
    assert make_moons(n, noise=noise, seed=seed) == (X, y)


def test_moons_without_noise_lie_on_their_circles():
    X, y = make_moons(40, noise=0.0)
    for (a, b), t in zip(X, y, strict=True):
        centre = (0.0, 0.0) if t == 0 else (1.0, 0.5)
        assert math.hypot(a - centre[0], b - centre[1]) == pytest.approx(1.0, abs=1e-12)
        # outer: top half; inner: bottom half
        assert (b >= -1e-12) if t == 0 else (b <= 0.5 + 1e-12)


def test_generators_leave_global_random_state_alone():
    random.seed(123)
    expected = random.random()
    random.seed(123)
    make_moons(50, noise=0.2, seed=1)
    make_blobs(50, centers=3, seed=1)
    train_val_split(list(range(10)), list(range(10)))
    assert random.random() == expected


@given(n=st.integers(3, 200), k=st.integers(1, 3), seed=st.integers(0, 1000))
def test_blobs_shapes_balance_and_determinism(n, k, seed):
    X, y = make_blobs(n, centers=k, seed=seed)
    assert len(X) == n and all(len(row) == 2 for row in X)
    counts = [y.count(c) for c in range(k)]
    assert sum(counts) == n and max(counts) - min(counts) <= 1
    assert make_blobs(n, centers=k, seed=seed) == (X, y) and (
        k == 1 or make_blobs(n, centers=k, seed=seed + 1) != (X, y)
    )


def test_blobs_centres_and_spread():
    centres = [[0.0, 0.0, 0.0], [10.0, 10.0, 10.0]]
    X, y = make_blobs(2000, centers=centres, cluster_std=0.5, seed=0)
    for c, centre in enumerate(centres):
        pts = [x for x, t in zip(X, y, strict=True) if t == c]
        for j in range(3):
            mean = sum(p[j] for p in pts) / len(pts)
            std = math.sqrt(sum((p[j] - mean) ** 2 for p in pts) / len(pts))
            assert mean == pytest.approx(centre[j], abs=0.1) and std == pytest.approx(0.5, abs=0.05)


@given(n=st.integers(2, 100), fraction=st.floats(0.05, 0.95), seed=st.integers(0, 100))
def test_split_is_a_partition(n, fraction, seed):
    X, y = [[float(i)] for i in range(n)], list(range(n))
    n_val = round(n * fraction)
    if not 0 < n_val < n:
        with pytest.raises(ValueError, match='non-empty'): train_val_split(X, y, fraction, seed)
        return
    X_tr, X_va, y_tr, y_va = train_val_split(X, y, fraction, seed)
    assert len(X_va) == n_val and sorted(y_tr + y_va) == y
    # rows keep their labels
    assert all(x == [float(t)] for x, t in zip(X_tr + X_va, y_tr + y_va, strict=True))


@pytest.mark.parametrize('call, error, message', [
    (lambda: make_moons(1), ValueError, 'n_samples must be an integer >= 2'),
    (lambda: make_moons(10, noise=-0.1), ValueError, 'noise must be'),
    (lambda: make_moons(10, seed='a'), TypeError, 'seed must be an int'),
    (lambda: make_blobs(10, centers=0), ValueError, 'centers must be a positive integer'),
    (lambda: make_blobs(10, centers=[[0, 0], [1, 1, 1]]), ValueError, 'same dimension'),
    (lambda: make_blobs(2, centers=3), ValueError, 'n_samples must be an integer >= 3'),
    (lambda: make_blobs(10, cluster_std=-1), ValueError, 'cluster_std must be'),
    (lambda: train_val_split([[1.0]] * 4, [0] * 3), ValueError, '4 examples but 3 labels'),
    (lambda: train_val_split([[1.0]] * 4, [0] * 4, 0), ValueError, 'between 0 and 1'),
    (lambda: plot_data([[0.0, 0.0]], [0, 1]), ValueError, '1 points but 2 labels'),
])
def test_bad_arguments_fail_clearly(call, error, message):
    with pytest.raises(error, match=message): call()


def test_plot_data_draws_one_collection_per_class():
    import matplotlib
    matplotlib.use('Agg')
    ax = plot_data(*make_blobs(30, centers=3, seed=0))
    assert len(ax.collections) == 3 and [t.get_text() for t in ax.get_legend().get_texts()] == [
        'class 0',
        'class 1',
        'class 2',
    ]


@given(
    n=st.integers(1, 60),
    batch_size=st.integers(1, 70),
    shuffle=st.booleans(),
    drop_last=st.booleans(),
    seed=st.integers(0, 100),
)
def test_an_epoch_covers_every_example_once(n, batch_size, shuffle, drop_last, seed):
    X, y = [[float(i), -float(i)] for i in range(n)], list(range(n))
    if drop_last and batch_size > n:
        with pytest.raises(ValueError, match='leaves no batch'):
            DataLoader((X, y), batch_size, shuffle, seed, drop_last)
        return
    loader = DataLoader(
        (X, y), batch_size=batch_size, shuffle=shuffle, seed=seed, drop_last=drop_last
    )
    for _ in range(2):                                                   # two epochs
        batches = list(loader)
        assert len(batches) == len(loader) and all(len(xb) == len(yb) for xb, yb in batches)
        sizes = [len(yb) for _, yb in batches]
        assert all(s == batch_size for s in sizes[:-1]) and (
            sizes[-1] == batch_size if drop_last else 1 <= sizes[-1] <= batch_size
        )
        labels = [t for _, yb in batches for t in yb]
        assert len(set(labels)) == len(labels) == (n // batch_size * batch_size if drop_last else n)
        # labels stay with their rows
        assert all(x == [float(t), -float(t)] for xb, yb in batches for x, t in zip(xb, yb))
        if not shuffle: assert labels == list(range(len(labels)))


def test_shuffle_is_seeded_and_new_every_epoch():
    X, y = list(range(50)), list(range(50))

    def two_epochs(seed):
        loader = DataLoader((X, y), 10, shuffle=True, seed=seed)
        return [list(loader), list(loader)]

    a, b = two_epochs(3)
    assert two_epochs(3) == [a, b] and a != b and two_epochs(4) != [a, b]
    # a numpy Generator works as the seed too
    rng = np.random.default_rng(0)
    first = [t for _, yb in DataLoader((X, y), 7, shuffle=True, seed=rng) for t in yb]
    assert sorted(first) == y and first != y


def test_arrays_give_arrays_and_lists_give_lists():
    X, y = np.arange(20.0).reshape(10, 2), np.arange(10)
    xb, yb = next(iter(DataLoader((X, y), batch_size=4, shuffle=True)))
    assert (
        isinstance(xb, np.ndarray)
        and xb.shape == (4, 2)
        and isinstance(yb, np.ndarray)
        and yb.shape == (4,)
    )
    assert all((X[t] == row).all() for row, t in zip(xb, yb))
    xb, yb = next(iter(DataLoader((X.tolist(), y.tolist()), batch_size=4)))
    assert type(xb) is list and type(yb) is list and xb == X[:4].tolist() and yb == [0, 1, 2, 3]
    # a dataset of (x, y) pairs of arrays: stacked
    xb, yb = next(iter(DataLoader(list(zip(X, y)), batch_size=3)))
    assert isinstance(xb, np.ndarray) and xb.shape == (3, 2) and yb == [0, 1, 2]


def test_length_and_repr():
    loader = DataLoader((list(range(10)), list(range(10))), batch_size=4)
    assert (
        len(loader) == 3
        and len(DataLoader((list(range(10)), list(range(10))), 4, drop_last=True)) == 2
    )
    assert (
        repr(loader)
        == 'DataLoader(10 examples, batch_size=4, shuffle=False, drop_last=False): 3 batches'
    )


@pytest.mark.parametrize(
    'call, error, message',
    [
        (
            lambda: DataLoader(([1, 2, 3], [0, 1])),
            ValueError,
            'X has 3 examples but y has 2 labels',
        ),
        (
            lambda: DataLoader(([1, 2], [0, 1]), batch_size=0),
            ValueError,
            'batch_size must be a positive integer, got 0',
        ),
        (
            lambda: DataLoader(([1, 2], [0, 1]), batch_size=-3),
            ValueError,
            'batch_size must be a positive integer',
        ),
        (
            lambda: DataLoader(([1, 2], [0, 1]), batch_size=2.0),
            ValueError,
            'batch_size must be a positive integer',
        ),
        (
            lambda: DataLoader(([1, 2], [0, 1]), batch_size=True),
            ValueError,
            'batch_size must be a positive integer',
        ),
        (
            lambda: DataLoader(([1, 2], [0, 1]), batch_size=3, drop_last=True),
            ValueError,
            'batch_size=3 with drop_last=True on 2 examples',
        ),
        (lambda: DataLoader(([], [])), ValueError, 'at least one example'),
        (lambda: DataLoader(42), TypeError, 'an \\(X, y\\) pair or a dataset'),
        (lambda: DataLoader(([1, 2], [0, 1]), seed='x'), TypeError, 'seed must be an int'),
    ],
)
def test_dataloader_refuses_bad_input(call, error, message):
    with pytest.raises(error, match=message): call()


@pytest.mark.parametrize(
    'n, batch_size, drop_last',
    [(10, 4, False), (10, 4, True), (10, 5, False), (7, 10, False), (1078, 64, False)],
)
def test_batches_as_pytorchs_dataloader_without_shuffle(n, batch_size, drop_last):
    "Same arguments, same number of batches, sizes and examples as torch.utils.data.DataLoader."
    torch = pytest.importorskip('torch')
    X, y = np.arange(2.0 * n).reshape(n, 2), np.arange(n)
    ours = list(DataLoader((X, y), batch_size=batch_size, drop_last=drop_last))
    theirs = list(
        torch.utils.data.DataLoader(
            torch.utils.data.TensorDataset(torch.from_numpy(X), torch.from_numpy(y)),
            batch_size=batch_size,
            drop_last=drop_last,
        )
    )
    assert (
        len(DataLoader((X, y), batch_size=batch_size, drop_last=drop_last))
        == len(ours)
        == len(theirs)
    )
    for (xb, yb), (xt, yt) in zip(ours, theirs):
        assert np.array_equal(xb, xt.numpy()) and np.array_equal(yb, yt.numpy())


@pytest.mark.parametrize('call, error, message', [
    (lambda: make_moons(10, noise=math.nan), ValueError, 'noise must be a finite number >= 0, got'),
    (lambda: make_moons(10, noise=math.inf), ValueError, 'noise must be a finite number'),
    (lambda: make_blobs(10, cluster_std=math.nan), ValueError, 'cluster_std must be a finite'),
    (lambda: make_blobs(10, centers=[[], []]), ValueError, r'same dimension \(at least 1\)'),
    (lambda: make_blobs(10, centers=[[0.0, math.nan]]), ValueError, 'centers must be finite'),
    (lambda: DataLoader((([0.0], 0), ([1.0], 1))), ValueError,
     r'read as \(X, y\) or as two \(x, y\) examples'),
])
def test_edge_arguments_fail_clearly(call, error, message):
    with pytest.raises(error, match=message): call()


def test_numpy_integers_are_counts():
    assert make_blobs(np.int64(12), np.int64(3), seed=1) == make_blobs(12, centers=3, seed=1)
    assert make_moons(np.int32(10)) == make_moons(10)


def test_two_examples_in_a_list_are_two_examples():
    examples = [([0.0], 0), ([1.0], 1)]
    assert [y for _, y in DataLoader(examples, batch_size=2)] == [[0, 1]]


def test_each_epoch_serves_what_the_dataset_holds_then():
    X, y = [[0.0]], [0]
    loader = DataLoader((X, y), batch_size=2)
    X.append([1.0]); y.append(1); X.append([2.0]); y.append(2)
    assert [yb for _, yb in loader] == [[0, 1], [2]] and len(loader) == 2
    X.append([3.0])
    with pytest.raises(ValueError, match='X has 4 examples but y has 3 labels'): list(loader)
