"""Every chapter, run top to bottom by nbdev's runner (execnb's `CaptureShell`, as `nbdev-test` runs it), once per
`make test`, with every code cell executed twice in a row: a learner re-runs cells, so a cell that breaks when it runs
again (a `backward()` whose check fails the second time, a rebound library name) fails here."""
import copy
import os
from pathlib import Path

import pytest
from execnb.shell import CaptureShell
from fastcore.xtras import working_directory
from nbdev.process import NBProcessor
from nbdev.test import _skip_cell

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / 'nbs').glob('*.ipynb'))


def run_every_cell_twice(notebook: Path) -> None:
    "Execute `notebook` in a fresh shell, each code cell twice in a row; raise on the first error."
    nb = NBProcessor(notebook, rm_directives=False, process=True).nb
    skip = _skip_cell(nb, ['notest'], None)
    nb.cells = [c for cell in nb.cells for c in ([cell, copy.deepcopy(cell)] if cell.cell_type == 'code' else [cell])]
    shell = CaptureShell(notebook)
    previous = os.environ.get('IN_TEST')
    os.environ['IN_TEST'] = '1'   # as nbdev-test sets it: chapters may use a smaller configuration under test
    try:
        with working_directory(notebook.parent): shell.run_all(nb, exc_stop=True, preproc=skip)
    finally:
        if previous is None: os.environ.pop('IN_TEST', None)
        else: os.environ['IN_TEST'] = previous


def test_there_are_notebooks():
    assert NOTEBOOKS, f"no notebooks found in {ROOT / 'nbs'}"


@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_with_every_cell_twice(notebook):
    run_every_cell_twice(notebook)


def test_a_cell_that_breaks_on_a_second_run_fails(tmp_path):
    import nbformat
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from solveit_z2h.engine import Value\na = Value(3.0); L = a * a"),
                nbformat.v4.new_code_cell("L.backward()\nassert a.grad == 6.0, a.grad")]  # accumulates: 12 on the rerun
    path = tmp_path / 'broken.ipynb'
    nbformat.write(nb, path)
    with pytest.raises(Exception, match='12.0'): run_every_cell_twice(path)
