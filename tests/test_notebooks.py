"""Every chapter, run top to bottom in a fresh shell by nbdev's own runner: one pytest test per notebook."""
from pathlib import Path

import pytest
import nbdev.test as nbdev_runner  # imported as a module so pytest does not collect nbdev's `test_nb`

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / 'nbs').glob('*.ipynb'))


def test_there_are_notebooks():
    assert NOTEBOOKS, f"no notebooks found in {ROOT / 'nbs'}"


@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook(notebook):
    passed, _seconds = nbdev_runner.test_nb(notebook, skip_flags=['notest'], basepath=ROOT, showerr=True)
    assert passed, f"{notebook.name} failed: its traceback is printed above"
