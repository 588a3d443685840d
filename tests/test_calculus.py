"""Numerical derivatives: the yardstick must itself be right."""
import math
import sys

import pytest
from hypothesis import given, strategies as st

from solveit_z2h.calculus import numerical_derivative, numerical_gradient, relative_error
from solveit_z2h.engine import Value, gradcheck


@given(st.floats(-5, 5), st.floats(-3, 3), st.floats(-3, 3), st.floats(-3, 3))
def test_central_difference_is_exact_for_quadratics(x, a, b, c):
    f = lambda t: a * t * t + b * t + c
    assert numerical_derivative(f, x) == pytest.approx(2 * a * x + b, abs=1e-8)


@pytest.mark.parametrize(
    'f, df',
    [(math.sin, math.cos), (math.exp, math.exp), (math.tanh, lambda x: 1 - math.tanh(x) ** 2)],
)
@pytest.mark.parametrize('x', [-1.3, 0.0, 0.7, 2.0])
def test_central_beats_forward(f, df, x):
    central = abs(numerical_derivative(f, x) - df(x))
    forward = abs(numerical_derivative(f, x, h=1e-5, method='forward') - df(x))
    assert central < 1e-9 and central <= forward


def test_gradient_of_lecture_example():
    assert numerical_gradient(lambda a, b, c: a * b + c, 2.0, -3.0, 10.0) == pytest.approx(
        [-3.0, 2.0, 1.0], abs=1e-9
    )


def test_gradient_leaves_other_arguments_alone():
    seen = []
    numerical_gradient(lambda a, b: seen.append((a, b)) or a * b, 1.0, 2.0)
    assert all(b == 2.0 for a, b in seen[:2]) and all(a == 1.0 for a, b in seen[2:])


@pytest.mark.parametrize('kwargs, message', [({'h': 0}, 'positive'), ({'h': -1e-5}, 'positive'),
                                            ({'method': 'backward'}, "'central' or 'forward'")])
def test_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message): numerical_derivative(math.sin, 1.0, **kwargs)


def test_relative_error():
    assert relative_error(100.0, 101.0) == pytest.approx(1 / 101)
    assert relative_error(1e-12, 0.0) == 1e-12
    assert relative_error(-2.0, -2.0) == 0.0


def test_gradient_costs_two_evaluations_per_input():
    calls = []
    numerical_gradient(lambda *xs: calls.append(xs) or sum(xs), 1.0, 2.0, 3.0, 4.0)
    assert len(calls) == 2 * 4


@pytest.mark.parametrize(
    'f, df',
    [(math.sin, math.cos), (math.exp, math.exp), (math.tanh, lambda x: 1 - math.tanh(x) ** 2)],
)
def test_default_step_is_accurate_to_about_1e10_on_functions_of_order_one(f, df):
    assert max(abs(numerical_derivative(f, x) - df(x)) for x in [-1.3, 0.0, 0.5, 1.0, 2.0]) < 5e-10


@pytest.mark.parametrize('shift', [1e6, 1e7, 1e9])
def test_central_difference_round_off_grows_with_the_value(shift):
    slope = numerical_derivative(lambda x: math.tanh(x) + shift, 1.0)
    error = abs(slope - (1 - math.tanh(1.0)**2))
    # tanh's slope, measured with round-off of about ε·|f|/h: far above the 1e-10 of an f of order 1
    assert 1e-9 < error < 10 * sys.float_info.epsilon * shift / 1e-5


@pytest.mark.parametrize('shift', [1e7, 1e9])
def test_gradcheck_tolerance_scales_with_the_value(shift):
    # gradcheck (chapter 03's engine) allows for this round-off: at a large |f| a right gradient
    # passes...
    grads = gradcheck(lambda a: a.tanh() + shift, 1.0)
    assert grads == pytest.approx([1 - math.tanh(1.0)**2], abs=1e-15)
    # ...and one twice too steep still fails
    twice_too_steep = lambda a: Value(2 * a.data + shift, (a,), 'wrong', _local_grads=(4.0,))
    with pytest.raises(AssertionError, match='central differences give'):
        gradcheck(twice_too_steep, 1.0)
