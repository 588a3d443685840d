"""Measure each chapter's main path: the cells before its first `Going deeper` or `## Summary`.

`python tools/main_path.py` prints a table; tests/test_project.py holds the limits.
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NBS = ROOT / 'nbs'
MAX_WORDS, MAX_CODE_LINES = 2000, 300
END = re.compile(r'^#{1,6} (Going deeper\b|Summary\b)', re.MULTILINE)
DIRECTIVE = re.compile(r'^\s*#\|')
# `from solveit_z2h.engine import Value`, `import solveit_z2h.engine`, `from solveit_z2h import viz`
IMPORT = re.compile(
    r'^\s*(?:from\s+solveit_z2h\.(\w+)\s+import|import\s+solveit_z2h\.(\w+)'
    r'|from\s+solveit_z2h\s+import\s+\(?([\w ,]+))', re.M)


def chapters():
    """The numbered chapter notebooks, in order."""
    return sorted(p for p in NBS.glob('*.ipynb') if re.match(r'\d\d_', p.name))


def source(cell):
    return ''.join(cell['source'])


def main_path(notebook):
    """The cells before the first `Going deeper` heading or `## Summary`."""
    cells = json.loads(Path(notebook).read_text())['cells']
    for i, cell in enumerate(cells):
        if cell['cell_type'] == 'markdown' and END.search(source(cell)):
            return cells[:i]
    return cells


def is_collapsed_check(cell):
    """A `#| hide` cell collapsed in JupyterLab that exports nothing: a guard, not a lesson."""
    text = source(cell)
    hidden = re.search(r'^#\|\s*hide\s*$', text, re.M)
    collapsed = cell.get('metadata', {}).get('jupyter', {}).get('source_hidden')
    return bool(hidden and collapsed and not re.search(r'^#\|\s*export', text, re.M))


def prose_words(cells):
    """Words a learner reads in the markdown cells (link targets and HTML tags left out)."""
    text = '\n'.join(source(c) for c in cells if c['cell_type'] == 'markdown')
    text = re.sub(r'\]\([^)]*\)', ']', text)
    text = re.sub(r'<[^>]+>', ' ', text)
    return len(re.findall(r'[A-Za-z0-9][\w\'’.,:;%/+*=-]*', text))


def code_lines(cells):
    """Non-blank code lines a learner reads: nbdev directives and collapsed checks left out."""
    return sum(
        1
        for c in cells
        if c['cell_type'] == 'code' and not is_collapsed_check(c)
        for line in source(c).splitlines()
        if line.strip() and not DIRECTIVE.match(line)
    )


def exported_modules(notebook):
    """Every module a notebook writes: its `default_exp`, and each named by `#| export <module>`."""
    return set(re.findall(r'#\| (?:default_exp|export) (\w+)', Path(notebook).read_text()))


def imports(cells):
    """The library modules the code cells import."""
    text = '\n'.join(source(c) for c in cells if c['cell_type'] == 'code')
    found = set()
    for module, dotted, names in IMPORT.findall(text):
        if module or dotted: found.add(module or dotted)
        else: found |= {name.split()[0] for name in names.split(',') if name.strip()}
    return found - {''}


def measure(notebook, order=None):
    """(words, code lines, later modules imported) of a chapter's main path."""
    order = order or chapters()
    cells = main_path(notebook)
    later = set().union(*map(exported_modules, order[order.index(Path(notebook)) + 1:]))
    return prose_words(cells), code_lines(cells), sorted(imports(cells) & later)


if __name__ == '__main__':
    failed = False
    for nb in chapters():
        words, lines, later = measure(nb)
        bad = words > MAX_WORDS or lines > MAX_CODE_LINES or later
        failed |= bool(bad)
        flag = '  <-- over' if bad else ''
        print(f'{nb.name:24} {words:5} words {lines:5} code lines  later: {later or "-"}{flag}')
    sys.exit(1 if failed and '--check' in sys.argv else 0)
