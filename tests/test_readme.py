"""The README's examples: the first runs and prints what the README says; the second is a cell of
the index, whose run (tests/test_notebooks.py) asserts the accuracy the README promises."""
import ast
import contextlib
import io
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / 'README.md').read_text()
INDEX = ROOT / 'nbs' / 'index.ipynb'
BLOCKS = re.findall(r'```python\n(.*?)```', README, re.DOTALL)


def run(source: str) -> tuple[dict, str]:
    namespace, out = {'__name__': 'readme'}, io.StringIO()
    with contextlib.redirect_stdout(out): exec(compile(source, 'README.md', 'exec'), namespace)
    return namespace, out.getvalue()


def test_the_taste_prints_what_the_readme_says():
    source = BLOCKS[0]
    promised = [line[2:] for line in source.splitlines() if line.startswith('# ')]
    _, printed = run(source)
    assert printed.splitlines() == promised


def test_the_classifier_is_the_index_cell_whose_accuracy_the_chapter_run_asserts():
    # The same program (comments and a trailing `;` aside) as a cell of nbs/index.ipynb, which
    # test_notebooks runs with the cell after it asserting 100% training accuracy: trained once per
    # make test, not twice.
    cells = [
        ''.join(c['source'])
        for c in json.loads(INDEX.read_text())['cells']
        if c['cell_type'] == 'code'
    ]
    same = [
        i
        for i, src in enumerate(cells)
        if ast.dump(ast.parse(src)) == ast.dump(ast.parse(BLOCKS[1]))
    ]
    assert same, "the README's classifier differs from every code cell of nbs/index.ipynb"
    assert cells[same[0] + 1].strip() == 'assert final_accuracy == 1.0, final_accuracy'
