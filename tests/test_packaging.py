"""The package a pip user installs: every third-party import of the library and of the chapters is
declared in pyproject.toml (what chapters 00-13 need in the base install or the `course` extra,
chapter 14's frameworks in `frameworks`), the metadata is real, a missing optional dependency says
what to install, and every notebook opens in Colab and installs this version there.
(tools/test-wheel.sh, run by CI, installs the built wheel in a fresh venv and runs 4 notebooks.)"""
import ast
import builtins
import importlib
import json
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / 'nbs').glob('*.ipynb'))
PROJECT = tomllib.loads((ROOT / 'pyproject.toml').read_text())['project']
LIBRARY = 'solveit_z2h'


def canonical(name: str) -> str: return re.sub(r'[-_.]+', '-', name).lower()


def declared(requirements: list[str]) -> set[str]:
    return {canonical(re.match(r'[A-Za-z0-9_.\-]+', r)[0]) for r in requirements}


BASE = declared(PROJECT['dependencies'])
EXTRAS = {name: declared(reqs) for name, reqs in PROJECT['optional-dependencies'].items()}


def version() -> str:
    init = (ROOT / LIBRARY / '__init__.py').read_text()
    return re.search(r'^__version__ = "([^"]+)"$', init, re.MULTILINE)[1]


def imported_modules(source: str) -> set[str]:
    "Top-level names of the modules `source` imports, the standard library's and our own left out."
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import): names |= {a.name.split('.')[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names.add(node.module.split('.')[0])
    return names - set(sys.stdlib_module_names) - {LIBRARY}


def undeclared(modules: set[str], allowed: set[str]) -> dict[str, list[str]]:
    "The modules none of whose distributions (as installed here) is in `allowed`."
    provided = packages_distributions()
    return {m: provided.get(m, ['(not installed)']) for m in sorted(modules)
            if not {canonical(d) for d in provided.get(m, [])} & allowed}


def code_of(notebook: Path) -> str:
    "The notebook's code cells, magics and shell escapes (not Python) left out."
    cells = json.loads(notebook.read_text())['cells']
    code = [''.join(c['source']) for c in cells if c['cell_type'] == 'code']
    lines = [line for source in code for line in source.splitlines()]
    return '\n'.join(line for line in lines if not line.lstrip().startswith(('%', '!')))


def test_what_the_library_imports_is_declared():
    modules = set().union(*(imported_modules(p.read_text()) for p in (ROOT / LIBRARY).glob('*.py')))
    assert {'numpy', 'torch', 'IPython'} <= modules   # the parsing finds imports, guarded ones too
    assert not undeclared(modules, BASE | EXTRAS['course'])


@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=lambda p: p.stem)
def test_what_a_chapter_imports_is_in_the_course_extra(notebook):
    allowed = BASE | EXTRAS['course']
    if notebook.stem == '14_frameworks': allowed |= EXTRAS['frameworks']
    assert not undeclared(imported_modules(code_of(notebook)), allowed)


def test_the_base_install_leaves_out_pytorch_and_the_notebook_tools():
    assert not BASE & {'torch', 'nbdev', 'ipython', 'jupyterlab', 'jax', 'tinygrad'}
    assert {'torch', 'nbdev', 'ipython'} <= EXTRAS['course']
    assert {'jax', 'tinygrad'} <= EXTRAS['frameworks']


def test_the_metadata_has_a_release_version_and_no_placeholder():
    assert re.fullmatch(r'\d+\.\d+\.\d+', version()) and version() != '0.0.1'
    assert all(set(author) == {'name'} for author in PROJECT['authors']), "no made-up address"
    classifiers = PROJECT['classifiers']
    assert any(c.startswith('Development Status :: ') for c in classifiers)
    oldest = re.fullmatch(r'>=3\.(\d+)', PROJECT['requires-python'])[1]
    assert f'Programming Language :: Python :: 3.{oldest}' in classifiers


def fail_to_import(monkeypatch, package: str):
    "Make every import of `package` fail, as if it were not installed."
    real_import = builtins.__import__
    def fake_import(name, *args, **kwargs):
        if name.split('.')[0] == package: raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)
    monkeypatch.setattr(builtins, '__import__', fake_import)


def test_without_pytorch_the_bridge_says_what_to_install(monkeypatch):
    # import the module afresh; monkeypatch puts the loaded one back afterwards
    monkeypatch.delitem(sys.modules, f'{LIBRARY}.torch_bridge', raising=False)
    fail_to_import(monkeypatch, 'torch')
    with pytest.raises(ImportError, match=r"needs PyTorch.*pip install 'solveit_z2h\[course\]'"):
        importlib.import_module(f'{LIBRARY}.torch_bridge')


def test_without_ipython_a_notebook_display_says_what_to_install(monkeypatch):
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    from solveit_z2h.plumbing import small_png
    fig, ax = plt.subplots()
    fail_to_import(monkeypatch, 'IPython')
    with pytest.raises(ImportError, match=r"needs IPython: pip install ipython"): small_png(fig)


@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=lambda p: p.stem)
def test_a_notebook_opens_in_colab_and_installs_this_version_there(notebook):
    cells = json.loads(notebook.read_text())['cells']
    cells = [(c['cell_type'], ''.join(c['source'])) for c in cells]
    title = next(i for i, (kind, src) in enumerate(cells)
                 if kind == 'markdown' and src.startswith('# '))
    if cells[title + 1][1].startswith('> '): title += 1   # a description in a cell of its own
    (badge_kind, badge), (install_kind, install) = cells[title + 1:title + 3]
    repo = 'https://colab.research.google.com/github/solveit-z2h/solveit_z2h'
    assert badge_kind == 'markdown' and '[![Open In Colab]' in badge
    assert f']({repo}/blob/main/nbs/{notebook.name})' in badge
    assert install_kind == 'code' and install.startswith('#| hide\n#| notest\n')   # not on the site
    assert "if 'google.colab' in sys.modules:" in install
    extras = 'course,frameworks' if notebook.stem == '14_frameworks' else 'course'
    assert f"'solveit_z2h[{extras}]=={version()}'" in install
