"""Fixtures for `make test-browser`: the browser found on this machine, a JupyterLab serving nbs/
(and a scratch folder for a deliberately broken notebook), and a headless browser on it. Run on its
own, never under `pytest -n`: .venv/bin/python -m pytest browser_tests BROWSER_TEST_NBS=<folder>
serves another copy of the notebooks (e.g. the committed ones, while nbs/ is mid-edit);
BROWSER_SCREENSHOTS=<folder> says where the screenshots go (default: a folder in the system's temp
directory)."""

import importlib.util
import os
import shutil
import tempfile
from pathlib import Path

import pytest

import labkit

REPORT = []  # lines printed at the end of the run


def _find_browser_module():
    spec = importlib.util.spec_from_file_location(
        'find_browser', labkit.ROOT / 'tools' / 'find_browser.py'
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FIND = _find_browser_module()


def pytest_terminal_summary(terminalreporter):
    if REPORT:
        terminalreporter.section('JupyterLab in a browser')
        for line in REPORT: terminalreporter.write_line(line)


@pytest.fixture(scope='session')
def report():
    return REPORT.append


@pytest.fixture(scope='session')
def browser_pair():
    try:
        found = FIND.find()
    except LookupError as e:
        pytest.fail(
            f"no browser with a matching chromedriver ({e}); `make test-browser` installs one or "
            "says how",
            pytrace=False,
        )
    REPORT.append(f"browser: {FIND.describe(found)}")
    return found


@pytest.fixture(scope='session')
def served():
    """A temp folder the lab serves: `nbs` (a link to the notebooks under test, which are never
    written), `fresh/` (a copy of them, as a fresh clone has them) and `scratch/` (a broken copy of
    the index). Also the snapshot of the notebooks taken before anything started."""
    nbs = Path(os.environ.get('BROWSER_TEST_NBS') or labkit.ROOT / 'nbs').resolve()
    assert (nbs / 'index.ipynb').exists(), f"no notebooks to serve in {nbs}"
    tmp = Path(tempfile.mkdtemp(prefix='solveit_z2h-lab-'))
    root = tmp / 'served'
    root.mkdir()
    (root / 'nbs').symlink_to(nbs, target_is_directory=True)
    broken = labkit.make_broken_copy(nbs / 'index.ipynb', root / 'scratch' / 'broken_index.ipynb')
    fresh = root / 'fresh'   # a copy as a fresh clone has it: never opened, so never trusted
    fresh.mkdir()
    for notebook in nbs.glob('*.ipynb'): shutil.copyfile(notebook, fresh / notebook.name)
    shots = Path(
        os.environ.get('BROWSER_SCREENSHOTS')
        or Path(tempfile.gettempdir()) / 'solveit_z2h-browser-screenshots'
    )
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True)
    REPORT.append(f"screenshots: {shots}")
    info = dict(tmp=tmp, root=root, nbs=nbs, broken=broken, fresh=fresh, shots=shots,
                before=labkit.snapshot(nbs), git_before=labkit.git_status(nbs))
    yield info
    shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope='session')
def lab(served):
    server = labkit.Lab(served['root'], served['tmp'] / 'state')
    yield server
    server.stop()


class Browser:
    "The Selenium driver, with a quit safe to call twice and a record of the processes it started."

    def __init__(self, browser, driver):
        self.wd = labkit.start_browser(browser, driver)
        self.pid = self.wd.service.process.pid
        self.processes = {self.pid: labkit._stat(self.pid)[1]} | labkit.descendants(self.pid)

    def quit(self):
        if self.wd is not None:
            self.processes |= labkit.descendants(self.pid)
            self.wd.quit()
            self.wd = None


@pytest.fixture(scope='session')
def browser(browser_pair, lab):
    _, chrome, _, driver, _ = browser_pair
    b = Browser(chrome, driver)
    try: labkit.open_lab(b.wd, lab)
    except Exception:
        b.quit()
        raise
    yield b
    b.quit()
