"""load_digits: the 8x8 digits that scikit-learn ships inside its package, as 64 numbers in [0, 1]
per image and integer labels; read from the installed package (no network), the same every time; a
clear error without scikit-learn."""

import builtins
import socket
from pathlib import Path

import numpy as np
import pytest

from solveit_z2h.data import DataLoader, load_digits


@pytest.fixture(scope='module')
def digits():
    return load_digits()


def test_shapes_types_and_range(digits):
    X, y = digits
    assert (
        X.shape == (1797, 64)
        and X.dtype == np.float64
        and y.shape == (1797,)
        and y.dtype == np.int64
    )
    assert X.min() == 0.0 and X.max() == 1.0 and sorted(set(y.tolist())) == list(range(10))
    assert np.array_equal(np.unique(X * 16), np.arange(17.0))          # 17 shades, k/16 exactly


def test_it_is_scikit_learns_digits_divided_by_16(digits):
    from sklearn.datasets import load_digits as sklearn_load_digits
    theirs = sklearn_load_digits()
    X, y = digits
    assert np.array_equal(X * 16, theirs.data) and np.array_equal(y, theirs.target)
    # a row is an image read row by row
    assert np.array_equal(X.reshape(-1, 8, 8) * 16, theirs.images)


def test_classes_are_nearly_balanced(digits):
    counts = np.bincount(digits[1], minlength=10)
    assert counts.sum() == 1797 and counts.min() >= 174 and counts.max() <= 183


def test_the_data_ship_inside_the_package_and_no_network_is_used(monkeypatch):
    import sklearn
    assert (Path(sklearn.__file__).parent / 'datasets' / 'data' / 'digits.csv.gz').exists()

    def no_network(*args, **kwargs):
        raise AssertionError("load_digits tried to open a network connection")

    monkeypatch.setattr(socket, 'socket', no_network)
    monkeypatch.setattr(socket, 'create_connection', no_network)
    X, y = load_digits()
    assert X.shape == (1797, 64)


def test_same_every_time_and_a_new_copy(digits):
    X, y = load_digits()
    assert np.array_equal(X, digits[0]) and np.array_equal(y, digits[1])
    # changing one copy leaves the next call alone
    X[0, 0] = 5.0
    assert load_digits()[0][0, 0] == digits[0][0, 0]


def test_minibatches_of_digits_are_arrays(digits):
    X, y = digits
    xb, yb = next(iter(DataLoader((X, y), batch_size=64, shuffle=True, seed=0)))
    assert xb.shape == (64, 64) and yb.shape == (64,) and yb.dtype == np.int64


def test_without_scikit_learn_the_error_says_what_to_install(monkeypatch):
    real_import = builtins.__import__
    def fake_import(name, *args, **kwargs):
        if name.startswith('sklearn'): raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)
    monkeypatch.setattr(builtins, '__import__', fake_import)
    with pytest.raises(ImportError, match='pip install scikit-learn'): load_digits()
