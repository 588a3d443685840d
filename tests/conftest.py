"""Shared pytest setup: a deterministic hypothesis profile, so CI runs the same examples every time; one BLAS thread
per test process; and no on-disk kernel cache for tinygrad."""
import os

# pytest -n auto already runs one process per core: numpy's BLAS threads on top of that only fight over the cores
# (chapters 09 and 12 run several times slower under load with them). Set before numpy is first imported.
os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')
# tinygrad's disk cache is an SQLite connection bound to the thread that opened it; nbdev's runner executes a
# notebook's cells in another thread than the tests in the same process, so the cache is turned off under test.
os.environ.setdefault('CACHELEVEL', '0')

from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    'solveit', derandomize=True, deadline=None, max_examples=150,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
settings.load_profile('solveit')
