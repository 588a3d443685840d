"""Every exercise's checker: says "your turn" to the untouched placeholder, and "correct" to the
hidden solution.

By convention a chapter's `## Exercises` section is self-contained (it imports what it needs from
the library), an answer cell starts with `# Exercise N: your answer`, and the `<details>` cell after
it holds the solution in a ```python block. The whole section runs twice in a fresh namespace: as
shipped, and with each answer cell replaced by its solution.

A checker must also accept every right answer, and say what it expected when it rejects one:
`tests/answers/<chapter>.py` holds, per exercise, at least three other right answers (`RIGHT`: other
formulations, seeds, types) and three wrong ones (`WRONG`: the common mistakes). Each replaces the
answer cell in turn, run with the section's shared cells and that exercise's checker; a right one
must print "Exercise N: correct!", a wrong one must raise an error whose message contains
"expected". For an exercise that asks to predict a value by hand (`PREDICT`: the exercise's number
and the names its answer binds), the message must not give that value away, exactly or rounded to 3
or more significant digits (the value comes from the solution in `<details>`; the learner's own
answer, echoed back, does not count).

The helpers the checkers share come from `solveit_z2h.exercises` (nbs/appendix/exercises.ipynb), run
here too.
"""
import contextlib
import importlib.util
import io
import json
import math
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
    cells = [
        (c['cell_type'], ''.join(c['source'])) for c in json.loads(notebook.read_text())['cells']
    ]
    starts = [
        i
        for i, (kind, src) in enumerate(cells)
        if kind == 'markdown' and src.startswith('## Exercises')
    ]
    assert len(starts) == 1, f"{notebook.name} needs exactly one '## Exercises' section"
    # the section ends where the optional `## Going deeper: ...` sections begin
    ends = [i for i, (kind, src) in enumerate(cells)
            if i > starts[0] and kind == 'markdown' and src.startswith('## Going deeper')]
    return cells[starts[0]:ends[0] if ends else None]


def programs(notebook: Path):
    "The section's code as shipped and with each answer replaced by its solution; exercise numbers."
    shipped, solved, numbers, pending = [], [], [], None
    for kind, src in exercise_section(notebook):
        if kind == 'code':
            shipped.append(src)
            solved.append(src)
            match = ANSWER_CELL.match(src)
            if match: numbers.append(int(match[1])); pending = len(solved) - 1
        elif '<details>' in src and pending is not None:
            solved[pending] = '\n'.join(SOLUTION_CODE.findall(src))
            assert solved[pending], (
                f"{notebook.name}: exercise {numbers[-1]}'s solution has no ```python block"
            )
            pending = None
    assert pending is None, (
        f"{notebook.name}: exercise {numbers[-1]} has no <details> solution after it"
    )
    return shipped, solved, numbers


def answers_module(notebook: Path):
    "tests/answers/<stem>.py: RIGHT and WRONG answers per exercise, PREDICT for the by-hand ones."
    path = Path(__file__).parent / 'answers' / f'{notebook.stem}.py'
    assert path.exists(), (
        f"write {path.relative_to(path.parent.parent.parent)}: alternative RIGHT and WRONG answers "
        "per exercise"
    )
    spec = importlib.util.spec_from_file_location(
        f'answers_{notebook.stem.replace("-", "_")}', path
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def answers(notebook: Path) -> tuple[dict, dict]:
    "The chapter's alternative right and wrong answers, from tests/answers/<stem>.py."
    module = answers_module(notebook)
    return module.RIGHT, module.WRONG


def solution(notebook: Path, number: int) -> str:
    "Exercise `number`'s solution code, from its `<details>`."
    shipped, solved, numbers = programs(notebook)
    cells = [s for s, t in zip(solved, shipped) if s != t]
    return cells[numbers.index(number)]


NUMBER = re.compile(r'-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?')


def significant_digits(token: str) -> int:
    return len(re.split('[eE]', token)[0].lstrip('-').replace('.', '').lstrip('0'))


def numbers_in(answer) -> set[float]:
    "The numbers a learner's answer holds (a number, or a list of them); none for anything else."
    if isinstance(answer, (str, bytes, bool)): return set()
    try: return {float(answer)}
    except (TypeError, ValueError):
        try: return {float(v) for v in answer}
        except (TypeError, ValueError): return set()


def gives_away(message: str, value, mine=None) -> list[str]:
    "Where `message` states `value`, exactly or to 3 or more significant digits (`mine` left out)."
    if mine is not None and not numbers_in(mine):   # not a number: drop its repr
        message = message.replace(repr(mine), ' ')
    own = numbers_in(mine) if mine is not None else set()
    if isinstance(value, str):
        return re.findall(rf'\b{re.escape(value)}\b', message, re.IGNORECASE)
    if isinstance(value, bool): return []   # a yes/no answer: the message may say True or False
    try: values = [float(v) for v in value]
    except TypeError: values = [float(value)]
    found = []
    for token in NUMBER.findall(message):
        t, digits = float(token), significant_digits(token)
        if t in own: continue   # the learner's own number, echoed back
        rounded = [v for v in values if digits >= 3 and v != 0 and float(f'{v:.{digits}g}') == t]
        if (len(values) == 1 and t == values[0]) or rounded: found.append(token)
    if len(values) > 1:   # a list of small numbers: it is given away when all of them are stated
        stated = [float(t) for t in NUMBER.findall(message) if float(t) not in own]
        if all(stated.count(v) >= values.count(v) for v in values): found.append(f'all of {values}')
    return found


def with_answer(notebook: Path, number: int, source: str) -> list[str]:
    "The section with exercise `number`'s answer cell replaced by `source`, others' cells left out."

    # the exercise whose answer cell or checker this is; None for a shared cell
    def belongs_to(src):
        match = ANSWER_CELL.match(src) or CHECKER.search(src)
        return int(match[1]) if match else None
    # Each exercise stands on the shared cells alone (test_exercises runs the whole section);
    # running the other exercises' checkers again for every alternative answer would only repeat
    # work.
    return [source if ANSWER_CELL.match(src) else src
            for src in programs(notebook)[0] if belongs_to(src) in (None, number)]


def run(cells, name, namespace=None):
    namespace = {'__name__': f'exercises_{name}'} if namespace is None else namespace
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for i, src in enumerate(cells):
            exec(compile(src, f'{name}[exercise cell {i}]', 'exec'), namespace)
    return out.getvalue()


@pytest.mark.parametrize('notebook', CHAPTERS, ids=lambda p: p.stem)
def test_exercises(notebook):
    shipped, solved, numbers = programs(notebook)
    assert 2 <= len(numbers) <= 4 and numbers == list(range(1, len(numbers) + 1)), numbers
    as_shipped = run(shipped, notebook.stem)
    with_solutions = run(solved, notebook.stem)
    for n in numbers:
        assert f"Exercise {n}: your turn" in as_shipped, (
            f"exercise {n}'s checker does not recognise the placeholder"
        )
        assert f"Exercise {n}: correct!" in with_solutions, (
            f"exercise {n}'s solution does not pass its checker"
        )
    assert 'correct!' not in as_shipped and 'your turn' not in with_solutions


def alternative_answers():
    for notebook in CHAPTERS:
        if not (Path(__file__).parent / 'answers' / f'{notebook.stem}.py').exists():
            yield pytest.param(notebook, 0, None, True, id=f'{notebook.stem}-missing'); continue
        right, wrong = answers(notebook)
        for n in programs(notebook)[2]:
            if not (right.get(n) and wrong.get(n)):
                yield pytest.param(notebook, n, None, True, id=f'{notebook.stem}-{n}-missing')
            for i, src in enumerate(right[n]):
                yield pytest.param(notebook, n, src, True, id=f'{notebook.stem}-{n}-right{i}')
            for i, src in enumerate(wrong[n]):
                yield pytest.param(notebook, n, src, False, id=f'{notebook.stem}-{n}-wrong{i}')


@pytest.mark.parametrize('notebook, number, source, is_right', list(alternative_answers()))
def test_checker_accepts_every_right_answer_and_explains_a_wrong_one(
    notebook, number, source, is_right
):
    assert source is not None, (
        f"tests/answers/{notebook.stem}.py needs RIGHT and WRONG alternatives for every exercise"
    )
    cells = with_answer(notebook, number, source)
    if is_right:
        assert f"Exercise {number}: correct!" in run(cells, notebook.stem), (
            f"the checker rejected a right answer:\n{source}"
        )
    else:
        namespace = {'__name__': f'exercises_{notebook.stem}'}
        with pytest.raises(Exception) as info: run(cells, notebook.stem, namespace)
        message = str(info.value)
        assert 'expected' in message, f"the message does not say what it expected: {info.value!r}"
        names = getattr(answers_module(notebook), 'PREDICT', {}).get(number, ())
        if names:   # a by-hand exercise: the message must not hand over the value to predict
            given = {name: namespace.get(name) for name in names}
            exec(compile(solution(notebook, number), 'solution', 'exec'), namespace)
            for name in names:
                leaks = gives_away(message, namespace[name], given[name])
                assert not leaks, (
                    f"the message gives away {name} = {namespace[name]!r} ({leaks}): {message!r}"
                )


@pytest.mark.parametrize('notebook', CHAPTERS, ids=lambda p: p.stem)
def test_every_exercise_has_three_right_and_three_wrong_alternatives(notebook):
    module, numbers = answers_module(notebook), programs(notebook)[2]
    few = {n: (len(module.RIGHT.get(n, [])), len(module.WRONG.get(n, []))) for n in numbers}
    assert all(r >= 3 and w >= 3 for r, w in few.values()), f"(right, wrong) per exercise: {few}"
    assert set(getattr(module, 'PREDICT', {})) <= set(numbers)


def test_a_leak_is_found():
    "The check above would see the value to predict in a message, whatever the format."
    assert gives_away('expected 9 nodes', 9) and gives_away('expected 9.0', 9)
    assert not gives_away('9.5 is off', 9) and not gives_away('you said 9', 9, mine=9.0)
    bound = 0.25 ** 10
    assert gives_away('expected 9.54e-07', bound) and not gives_away('about 9.5e-07', bound)
    assert gives_away('expected 1.6667', 5 / 3) and gives_away('≈ 1.67', 5 / 3)
    assert not gives_away('1.6', 5 / 3)
    assert gives_away("expected 'val'", 'val') and not gives_away('the validation points', 'val')
    assert gives_away('[0.25, 0.25, -0.75]', [0.25, 0.25, -0.75])
    assert not gives_away('0.25', [0.25, -0.75])


def test_our_value_runs_karpathys_companion_exercises():
    "The lecture's companion exercises (a Colab linked from the video's description) on our Value."
    torch = pytest.importorskip('torch')
    from solveit_z2h.engine import Value

    def sin(v):   # Value has no sin: added the way the lecture adds an operation
        return Value(math.sin(v.data), (v,), 'sin', _local_grads=(math.cos(v.data),))

    def f(a, b, c, sin=math.sin): return -a**3 + sin(3*b) - 1.0/c + b**2.5 - a**0.5

    point = (2.0, 3.0, 4.0)
    by_calculus = [-3 * 2.0**2 - 0.5 * 2.0**-0.5, 3 * math.cos(3 * 3.0) + 2.5 * 3.0**1.5, 4.0**-2]
    inputs = [Value(x) for x in point]
    out = f(*inputs, sin=sin)
    out.backward()
    assert out.data == pytest.approx(f(*point), rel=1e-14)
    assert [v.grad for v in inputs] == pytest.approx(by_calculus, rel=1e-12)
    h = 1e-6
    for i, exact in enumerate(by_calculus):
        nudged = lambda d: f(*[x + d * (j == i) for j, x in enumerate(point)])
        forward, symmetric = (nudged(h) - nudged(0)) / h, (nudged(h) - nudged(-h)) / (2 * h)
        assert abs(forward - exact) < 1e-4 and abs(symmetric - exact) < 1e-7
        assert abs(symmetric - exact) < abs(forward - exact)   # the symmetric difference is better

    logits = [Value(x) for x in (0.0, 3.0, -2.0, 1.0)]
    exps = [v.exp() for v in logits]
    total = sum(exps)
    probs = [e / total for e in exps]
    loss = -probs[3].log()
    loss.backward()
    t = torch.tensor([0.0, 3.0, -2.0, 1.0], dtype=torch.float64, requires_grad=True)
    torch_loss = torch.nn.functional.cross_entropy(t[None], torch.tensor([3]))
    torch_loss.backward()
    assert loss.data == pytest.approx(torch_loss.item(), rel=1e-12)
    assert [v.grad for v in logits] == pytest.approx(t.grad.tolist(), rel=1e-12, abs=1e-15)
