"""The README's examples run, and print or reach what the README says they do."""
import contextlib
import io
import re
from pathlib import Path

import matplotlib
matplotlib.use('Agg')

README = (Path(__file__).resolve().parent.parent / 'README.md').read_text()
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


def test_the_classifier_reaches_full_training_accuracy():
    namespace, _ = run(BLOCKS[1])
    assert namespace['final_accuracy'] == 1.0
