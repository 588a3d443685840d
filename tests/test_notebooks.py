"""Every chapter, run top to bottom by nbdev's runner (execnb's `CaptureShell`, as `nbdev-test` runs
it), once per `make test`.

A learner re-runs cells, so two more checks: no cell binds a name it also imports from the library
(re-running it would silently swap the library's object for another), checked in every `make test`;
and every chapter run with each code cell executed twice in a row, so that a cell which breaks when
it runs again (a `backward()` whose check fails the second time) fails. That run doubles the
chapters' time, so it is marked `rerun`: `make test-rerun` (and CI) runs it, `make test` does not.
"""
import ast
import atexit
import copy
import gc
import json
import os
from pathlib import Path

import pytest
from execnb.shell import CaptureShell
from fastcore.xtras import working_directory
from nbdev.process import NBProcessor
from nbdev.test import _skip_cell

ROOT = Path(__file__).resolve().parent.parent
# The chapters and the index, then the appendix notebooks (exercise helpers).
NBS = ROOT / 'nbs'
NOTEBOOKS = [*sorted(NBS.glob('*.ipynb')), *sorted(NBS.glob('appendix/*.ipynb'))]
LIBRARY = 'solveit_z2h'


def run_notebook(notebook: Path, every_cell_twice: bool = False) -> None:
    "Run `notebook` in a new shell like nbdev-test (each cell twice if asked); raise if one fails."
    nb = NBProcessor(notebook, rm_directives=False, process=True).nb
    skip = _skip_cell(nb, ['notest'], None)
    if every_cell_twice:
        nb.cells = [c for cell in nb.cells
                    for c in ([cell, copy.deepcopy(cell)] if cell.cell_type == 'code' else [cell])]
    shell = CaptureShell(notebook)
    # As in a fresh kernel, the chapter's own gc.collect() calls should walk only its own objects,
    # not what earlier tests in this process left alive (a chapter that collects often ran twice as
    # slow without this).
    gc.collect()
    gc.freeze()
    previous = os.environ.get('IN_TEST')
    # as nbdev-test sets it: chapters may use a smaller configuration under test
    os.environ['IN_TEST'] = '1'
    try:
        with working_directory(notebook.parent): shell.run_all(nb, exc_stop=True, preproc=skip)
    finally:
        if previous is None: os.environ.pop('IN_TEST', None)
        else: os.environ['IN_TEST'] = previous
        # What IPython would do for this shell when the process exits (clear its namespace,
        # collect), done now, while the chapter is the only one in memory: left to the exit, every
        # shell's clean-up walked all of them (5 s).
        shell.close()
        atexit.unregister(shell.atexit_operations)
        shell.atexit_operations()


def library_imports(tree: ast.AST) -> set[str]:
    "Library names a cell takes: `from solveit_z2h.x import a` gives a, `import` gives solveit_z2h."
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or '').split('.')[0] == LIBRARY:
            names |= {a.asname or a.name for a in node.names}
        elif isinstance(node, ast.Import):
            names |= {
                a.asname or a.name.split('.')[0]
                for a in node.names
                if a.name.split('.')[0] == LIBRARY
            }
    return names


def top_level_bindings(tree: ast.AST) -> set[str]:
    "The names a cell binds in the notebook's namespace (assignments, defs, imports), at top level."
    names = set()
    def visit(node):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(child.name)
            elif isinstance(child, (ast.Import, ast.ImportFrom)):
                names.update(a.asname or a.name.split('.')[0] for a in child.names)
            elif isinstance(
                child, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
            ):
                pass
            else:
                if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store):
                    names.add(child.id)
                visit(child)
    visit(tree)
    return names


def rebound_library_names(notebook: Path) -> list[str]:
    "Names one cell imports from the library and another binds to something else (except exports)."
    cells = []
    for i, cell in enumerate(json.loads(notebook.read_text())['cells']):
        source = ''.join(cell['source'])
        exported = any(line.replace(' ', '').startswith('#|export') for line in source.splitlines())
        if cell['cell_type'] != 'code' or exported:
            # an export cell *is* the library: the chapter defines what the package exports
            continue
        tree = ast.parse(
            '\n'.join(
                line for line in source.splitlines() if not line.lstrip().startswith(('%', '!'))
            )
        )
        cells.append((i, library_imports(tree), top_level_bindings(tree)))
    imported = {name: i for i, names, _ in cells for name in names}
    return [f"cell {i} binds {name!r}, which cell {imported[name]} imports from {LIBRARY}"
            for i, names, bound in cells for name in sorted(bound - names) if name in imported]


def test_there_are_notebooks():
    assert NOTEBOOKS, f"no notebooks found in {ROOT / 'nbs'}"


@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(notebook):
    run_notebook(notebook)


@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=lambda p: p.stem)
def test_no_cell_rebinds_a_library_name(notebook):
    assert not rebound_library_names(notebook)


@pytest.mark.rerun
@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_with_every_cell_twice(notebook):
    run_notebook(notebook, every_cell_twice=True)


def write_notebook(path: Path, cells: list[str]) -> Path:
    # Plain JSON: nbformat.write validates against the schema, whose first import costs seconds.
    path.write_text(
        json.dumps(
            {
                'cells': [
                    {
                        'cell_type': 'code',
                        'execution_count': None,
                        'id': f'c{i}',
                        'metadata': {},
                        'outputs': [],
                        'source': src,
                    }
                    for i, src in enumerate(cells)
                ],
                'metadata': {},
                'nbformat': 4,
                'nbformat_minor': 5,
            }
        )
    )
    return path


def test_a_cell_that_breaks_on_a_second_run_fails(tmp_path):
    path = write_notebook(
        tmp_path / 'broken.ipynb',
        [
            "from solveit_z2h.engine import Value\na = Value(3.0); L = a * a",
            # 12 on the rerun
            "L.backward()\nassert a.grad == 6.0, a.grad",
        ],
    )
    run_notebook(path)
    with pytest.raises(Exception, match='12.0'): run_notebook(path, every_cell_twice=True)


def test_a_rebound_library_name_is_found(tmp_path):
    path = write_notebook(tmp_path / 'rebinds.ipynb', [
        # the chapter's own definition: allowed
        "#| export\ndef fit(): ...",
        "from solveit_z2h.train import fit, accuracy\nimport solveit_z2h.engine as engine",
        "def helper(fit=None):\n    accuracy = 0.5\n    return fit",   # local names: allowed
        # rebinds the library's accuracy
        "for accuracy in [0.9]: pass",
        "engine, Value = None, 1"])  # rebinds the module's name
    assert rebound_library_names(path) == [
        "cell 3 binds 'accuracy', which cell 1 imports from solveit_z2h",
        "cell 4 binds 'engine', which cell 1 imports from solveit_z2h",
    ]
