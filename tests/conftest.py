"""Shared pytest setup: deterministic hypothesis profiles; one BLAS thread per test process; JAX's
and tinygrad's caches of compiled programs on disk (tinygrad's usable from every thread); and the
imported libraries kept out of the cyclic garbage collector's way."""
import os

# pytest -n auto already runs one process per core: numpy's BLAS threads on top of that only fight
# over the cores (chapters 09 and 13 run several times slower under load with them). Set before
# numpy is first imported.
os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')
# JAX's compilation cache on disk (off unless asked for): a warm run loads chapter 14's and its
# tests' compiled XLA programs instead of compiling them again (those tests took 35 s without it, 24
# s with it). Every program is cached: the default threshold, 1 s of compiling, is more than any of
# them takes.
os.environ.setdefault('JAX_COMPILATION_CACHE_DIR', os.path.join(
    os.environ.get('XDG_CACHE_HOME') or os.path.expanduser('~/.cache'), 'solveit_z2h', 'jax'))
os.environ.setdefault('JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS', '0')
os.environ.setdefault('JAX_PERSISTENT_CACHE_MIN_ENTRY_SIZE_BYTES', '0')

from hypothesis import HealthCheck, settings  # noqa: E402

# 'solveit' (make test): derandomized, so CI runs the same examples every time, and few enough to
# keep make test fast (150 per test cost 11 s more). Tests that set their own count keep it.
# HYPOTHESIS_PROFILE=thorough: 1000.
for name, examples in [('solveit', 50), ('thorough', 1000)]:
    settings.register_profile(
        name,
        derandomize=True,
        deadline=None,
        max_examples=examples,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
settings.load_profile(os.environ.get('HYPOTHESIS_PROFILE', 'solveit'))


def share_tinygrad_cache_across_threads():
    "Open tinygrad's kernel cache (its default, on disk) so that any thread can use it."
    # tinygrad keeps one SQLite connection, bound by default to the thread that opened it; nbdev's
    # runner executes a notebook's cells in another thread than the tests of the same process.
    # Opened here by tinygrad itself, with that check off (the tests and the notebook thread take
    # turns, never use it at once). With the cache, warm runs skip compiling kernels again: chapter
    # 13's tests and exercises took 36 s without it, 24 s with it.
    import sqlite3
    from functools import partial
    try: from tinygrad import helpers
    except ImportError: return
    connect = sqlite3.connect
    sqlite3.connect = partial(connect, check_same_thread=False)
    try: helpers.db_connection()
    finally: sqlite3.connect = connect


# each test's duration in the last run, in pytest's cache (.pytest_cache)
DURATIONS = 'solveit_z2h/durations'
_durations: dict[str, float] = {}


# `make check` leaves out what runs chapters (marker `chapter`), and what loads JAX, tinygrad or
# micrograd, builds wheels, walks very deep graphs or draws whole animations (`slow`).
RUNS_CHAPTERS = ('tests/test_notebooks.py::test_notebook_runs', 'tests/test_exercises.py::')
LOADS_FRAMEWORKS = ('tests/test_frameworks.py::', 'tests/test_bench.py::',
                    'tests/test_packaging.py::')
SLOW_NAMES = ('deeper_than', 'deep_chain', 'animation_has_a_frame_per_record')


def pytest_collection_modifyitems(config, items):
    "Longest first: chapters and exercise sections, other answers, the rest; by last run's time."
    for item in items:
        if item.nodeid.startswith(RUNS_CHAPTERS): item.add_marker('chapter')
        if item.nodeid.startswith(LOADS_FRAMEWORKS) or any(n in item.name for n in SLOW_NAMES):
            item.add_marker('slow')
    # With --dist worksteal a worker that runs out takes half of the other's queue; what is left at
    # the end is then short tests, not one chapter that a single worker runs while the other waits.
    cache = getattr(config, 'cache', None)   # None with -p no:cacheprovider
    last = cache.get(DURATIONS, {}) if cache is not None else {}
    whole = (
        'tests/test_notebooks.py::test_notebook_runs',
        'tests/test_exercises.py::test_exercises[',
    )

    def rank(item):
        if item.nodeid.startswith(whole): return 0
        return 1 if item.nodeid.startswith('tests/test_exercises.py') else 2
    items.sort(key=lambda item: (rank(item), -last.get(item.nodeid, 0.0)))


def pytest_runtest_logreport(report):
    if report.when == 'call': _durations[report.nodeid] = report.duration


def pytest_sessionfinish(session):
    "Save this run's durations where every test was seen: xdist's controller, or the only process."
    cache = getattr(session.config, 'cache', None)
    if hasattr(session.config, 'workerinput') or cache is None or not _durations: return
    cache.set(DURATIONS, {**cache.get(DURATIONS, {}), **_durations})


def pytest_collection_finish(session):
    "In each test process (not xdist's controller): tinygrad's cache shared, the imports frozen."
    share_tinygrad_cache_across_threads()
    import gc
    # What the test modules imported (torch, JAX, tinygrad, ...) is never freed, but every full
    # collection would walk its objects again (330,000 of them; gc.collect() took 0.16 s instead of
    # microseconds): chapter 03, which collects often, ran about twice as slow in a test process as
    # on its own. Frozen, the collector skips them.
    gc.collect()
    gc.freeze()
