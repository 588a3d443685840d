"""The course as a learner meets it: JupyterLab started like `make lab`, notebooks opened from the
file browser, Run > Run All Cells, and what the page shows compared with the saved notebooks. The
tests run in file order; the last one stops everything and checks that nothing is left running and
the notebooks are untouched. First, every notebook is opened unrun from a fresh copy, as a learner
who has just cloned the course meets it."""
import os
import time
from pathlib import Path

import pytest

import labkit

# index plus a chapter with graph drawings (SVG from Graphviz) and one with plots (PNG from
# matplotlib)
NOTEBOOKS = {
    'index.ipynb': None,
    '00_derivatives.ipynb': 'image/png',
    '02_backprop.ipynb': 'image/svg+xml',
}


def test_the_socket_reader_tells_loopback_from_everywhere():
    "The addresses as /proc/net/tcp{,6} print them: the loopback check below can fail."
    assert labkit._address('0100007F:1F90') == ('127.0.0.1', 8080)
    assert labkit._address('00000000:1F90') == ('0.0.0.0', 8080)
    assert labkit._address('00000000000000000000000000000000:0050') == ('::', 80)
    assert labkit._address('0000000000000000FFFF00000100007F:0050') == ('127.0.0.1', 80)


def test_the_server_needs_its_token(lab):
    assert lab.status('/api/contents', token=False) == 403
    assert lab.status('/api/contents', token='not-the-token') == 403
    assert lab.status('/api/contents', token=True) == 200


def _not_loopback(lab):
    socks = labkit.listening_sockets(lab.processes())
    assert any(port == lab.port for _, port, _ in socks), (
        f"the server's port {lab.port} is not among {socks}"
    )
    return [s for s in socks if s[0] != '127.0.0.1']


def test_the_server_listens_on_loopback_only(lab):
    assert _not_loopback(lab) == []


# every notebook, opened before anything runs
ALL_NOTEBOOKS = sorted(
    p.name for p in Path(os.environ.get('BROWSER_TEST_NBS') or labkit.ROOT / 'nbs').glob('*.ipynb'))


@pytest.mark.parametrize('name', ALL_NOTEBOOKS)
def test_notebook_shows_every_saved_picture_before_running(name, browser, served, report):
    "A fresh clone is untrusted: JupyterLab shows no SVG, runs no script; each picture needs a PNG."
    path = f'fresh/{name}'
    seen = labkit.open_unrun(browser.wd, path, served['fresh'] / name, served['shots'])
    labkit.close_notebook(browser.wd, path)
    report(f"{name} unrun: {seen.pictures} pictures, plots at {seen.smallest_scale:.0%} or more; "
           f"{'ok' if not seen.problems else 'FAILED'}; screenshot {seen.screenshot.name}")
    assert seen.problems == [], f"{name}, opened unrun and untrusted:\n" + '\n'.join(seen.problems)


@pytest.mark.parametrize('name', NOTEBOOKS)
def test_notebook_runs_in_jupyterlab(name, browser, lab, served, report):
    saved = served['nbs'] / name
    _, images = labkit.saved_expectations(saved)
    if NOTEBOOKS[name]:
        assert images[NOTEBOOKS[name]] > 0, (
            f"{name} was chosen for its {labkit.IMAGES[NOTEBOOKS[name]]}, and has none saved"
        )
    run = labkit.run_notebook(browser.wd, f'nbs/{name}', saved, served['shots'])
    outside = _not_loopback(lab)  # now with the notebook's kernel running too
    labkit.close_notebook(browser.wd, f'nbs/{name}')
    report(f"{name}: {run.code_cells} code cells ran in {run.seconds:.1f} s; "
           f"{', '.join(f'{n} {w}' for m, w in labkit.IMAGES.items() if (n := run.images[m]))}; "
           f"{'ok' if not run.problems else 'FAILED'}; screenshot {run.screenshot.name}")
    assert run.problems == [], f"{name} in JupyterLab:\n" + '\n'.join(run.problems)
    assert outside == [], f"listening beyond 127.0.0.1: {outside}"


def test_a_broken_notebook_is_reported(browser, served, report):
    path = 'scratch/' + served['broken'].name
    run = labkit.run_notebook(browser.wd, path, served['broken'], served['shots'])
    labkit.close_notebook(browser.wd, path)
    report(f"{path} (a cell raises TypeError): reported as {run.problems[:2]}")
    assert any('raised TypeError' in p for p in run.problems), run.problems
    assert any('did not run' in p for p in run.problems), run.problems  # Run All stops at the error
    # so the saved drawing is missing
    assert any('graph drawings' in p for p in run.problems), run.problems


def test_everything_stops_and_the_notebooks_are_untouched(browser, lab, served):
    browser.quit()
    kernels_and_server = lab.processes()
    lab.stop()
    time.sleep(0.5)
    left = labkit.still_running(browser.processes | kernels_and_server)
    assert left == [], f"still running after the test stopped them: {left}"
    after, before = labkit.snapshot(served['nbs']), served['before']
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    assert changed == [], (
        f"files in {served['nbs']} changed (or appeared, or went) while the lab served them: "
        f"{changed}"
    )
    assert labkit.git_status(served['nbs']) == served['git_before'], (
        "git status of the notebooks changed"
    )
