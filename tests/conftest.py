"""Shared pytest setup: a deterministic hypothesis profile, so CI runs the same examples every time."""
from hypothesis import HealthCheck, settings

settings.register_profile(
    'solveit', derandomize=True, deadline=None, max_examples=150,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
settings.load_profile('solveit')
