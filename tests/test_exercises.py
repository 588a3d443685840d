"""Every exercise's checker: says "your turn" to the untouched placeholder, and "correct" to the hidden solution.

By convention a chapter's `## Exercises` section is self-contained (it imports what it needs from the library), an
answer cell starts with `# Exercise N: your answer`, and the `<details>` cell after it holds the solution in a
```python block. The whole section runs twice in a fresh namespace: as shipped, and with each answer cell
replaced by its solution.

A checker must also accept every right answer, and say what it expected when it rejects one: `tests/answers/<chapter>.py`
holds, per exercise, other right answers (`RIGHT`: other formulations, seeds, types) and wrong ones (`WRONG`). Each
replaces the answer cell in turn, run with the section's shared cells and that exercise's checker; a right one must
print "Exercise N: correct!", a wrong one must raise an error whose message contains "expected".
"""
import importlib.util
import contextlib
import io
import json
import re
from pathlib import Path

import pytest

NBS = Path(__file__).resolve().parent.parent / 'nbs'
CHAPTERS = sorted(p for p in NBS.glob('[0-9][0-9]_*.ipynb'))
ANSWER_CELL = re.compile(r'^# Exercise (\d+): your answer')
CHECKER = re.compile(r'\bcheck_exercise_(\d+)\b')
SOLUTION_CODE = re.compile(r'```python\n(.*?)```', re.DOTALL)


def exercise_section(notebook: Path):
    "The cells from the `## Exercises` heading to the end, as (type, source) pairs."
    cells = [(c['cell_type'], ''.join(c['source'])) for c in json.loads(notebook.read_text())['cells']]
    starts = [i for i, (kind, src) in enumerate(cells) if kind == 'markdown' and src.startswith('## Exercises')]
    assert len(starts) == 1, f"{notebook.name} needs exactly one '## Exercises' section"
    return cells[starts[0]:]


def programs(notebook: Path):
    "The section's code as shipped, and with every answer replaced by its solution; and the exercise numbers."
    shipped, solved, numbers, pending = [], [], [], None
    for kind, src in exercise_section(notebook):
        if kind == 'code':
            shipped.append(src)
            solved.append(src)
            match = ANSWER_CELL.match(src)
            if match: numbers.append(int(match[1])); pending = len(solved) - 1
        elif '<details>' in src and pending is not None:
            solved[pending] = '\n'.join(SOLUTION_CODE.findall(src))
            assert solved[pending], f"{notebook.name}: exercise {numbers[-1]}'s solution has no ```python block"
            pending = None
    assert pending is None, f"{notebook.name}: exercise {numbers[-1]} has no <details> solution after it"
    return shipped, solved, numbers


def answers(notebook: Path) -> tuple[dict, dict]:
    "The chapter's alternative right and wrong answers, from tests/answers/<stem>.py."
    path = Path(__file__).parent / 'answers' / f'{notebook.stem}.py'
    assert path.exists(), f"write {path.relative_to(path.parent.parent.parent)}: alternative RIGHT and WRONG answers per exercise"
    spec = importlib.util.spec_from_file_location(f'answers_{notebook.stem.replace("-", "_")}', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.RIGHT, module.WRONG


def with_answer(notebook: Path, number: int, source: str) -> list[str]:
    "The section with exercise `number`'s answer cell replaced by `source`, and the other exercises' cells left out."
    def belongs_to(src):   # the exercise whose answer cell or checker this is; None for a shared cell
        match = ANSWER_CELL.match(src) or CHECKER.search(src)
        return int(match[1]) if match else None
    # Each exercise stands on the shared cells alone (test_exercises runs the whole section); running the other
    # exercises' checkers again for every alternative answer would only repeat work.
    return [source if ANSWER_CELL.match(src) else src
            for src in programs(notebook)[0] if belongs_to(src) in (None, number)]


def run(cells, name):
    namespace, out = {'__name__': f'exercises_{name}'}, io.StringIO()
    with contextlib.redirect_stdout(out):
        for i, src in enumerate(cells): exec(compile(src, f'{name}[exercise cell {i}]', 'exec'), namespace)
    return out.getvalue()


@pytest.mark.parametrize('notebook', CHAPTERS, ids=lambda p: p.stem)
def test_exercises(notebook):
    shipped, solved, numbers = programs(notebook)
    assert 2 <= len(numbers) <= 4 and numbers == list(range(1, len(numbers) + 1)), numbers
    as_shipped = run(shipped, notebook.stem)
    with_solutions = run(solved, notebook.stem)
    for n in numbers:
        assert f"Exercise {n}: your turn" in as_shipped, f"exercise {n}'s checker does not recognise the placeholder"
        assert f"Exercise {n}: correct!" in with_solutions, f"exercise {n}'s solution does not pass its checker"
    assert 'correct!' not in as_shipped and 'your turn' not in with_solutions


def alternative_answers():
    for notebook in CHAPTERS:
        if not (Path(__file__).parent / 'answers' / f'{notebook.stem}.py').exists():
            yield pytest.param(notebook, 0, None, True, id=f'{notebook.stem}-missing'); continue
        right, wrong = answers(notebook)
        for n in programs(notebook)[2]:
            if not (right.get(n) and wrong.get(n)): yield pytest.param(notebook, n, None, True, id=f'{notebook.stem}-{n}-missing')
            for i, src in enumerate(right[n]): yield pytest.param(notebook, n, src, True, id=f'{notebook.stem}-{n}-right{i}')
            for i, src in enumerate(wrong[n]): yield pytest.param(notebook, n, src, False, id=f'{notebook.stem}-{n}-wrong{i}')


@pytest.mark.parametrize('notebook, number, source, is_right', list(alternative_answers()))
def test_checker_accepts_every_right_answer_and_explains_a_wrong_one(notebook, number, source, is_right):
    assert source is not None, f"tests/answers/{notebook.stem}.py needs RIGHT and WRONG alternatives for every exercise"
    cells = with_answer(notebook, number, source)
    if is_right:
        assert f"Exercise {number}: correct!" in run(cells, notebook.stem), f"the checker rejected a right answer:\n{source}"
    else:
        with pytest.raises(Exception) as info: run(cells, notebook.stem)
        assert 'expected' in str(info.value), f"the checker's message does not say what it expected: {info.value!r}"
