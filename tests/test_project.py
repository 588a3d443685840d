"""The course hangs together: each chapter is in the sidebar, README and index, with its parts."""

import json
import sys
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NBS = ROOT / 'nbs'
NOTEBOOKS = sorted(NBS.glob('*.ipynb'))
CHAPTERS = [p for p in NOTEBOOKS if re.match(r'\d\d_', p.name)]
# Chapters that teach with the library and export nothing of their own (DESIGN.md's course map).
TEACHING_ONLY = {'02_backprop', '10_overfitting', '13_digits', '14_frameworks'}


def cells(notebook):
    return json.loads(notebook.read_text())['cells']


def markdown(notebook):
    return '\n'.join(''.join(c['source']) for c in cells(notebook) if c['cell_type'] == 'markdown')


def test_sidebar_lists_every_notebook_once_in_order():
    sidebar = (NBS / 'sidebar.yml').read_text()
    listed = re.findall(r'^\s*- (\S+\.ipynb)\s*$', sidebar, re.MULTILINE)
    # the landing page, then the chapters by number
    assert listed == ['index.ipynb'] + [p.name for p in CHAPTERS]
    assert {p.name for p in NOTEBOOKS} == set(listed)
    appendix = re.findall(r'^\s*- href: (appendix/\S+\.ipynb)\s*$', sidebar, re.MULTILINE)
    assert appendix == sorted(str(p.relative_to(NBS)) for p in NBS.glob('appendix/*.ipynb'))
    # after the chapters
    assert sidebar.index('section: Appendix') > sidebar.index(CHAPTERS[-1].name)


@pytest.mark.parametrize('chapter', CHAPTERS, ids=lambda p: p.stem)
def test_chapter_is_on_the_map(chapter):
    assert f'`{chapter.name}`' in (ROOT / 'README.md').read_text(), (
        "list it in the README's chapter table"
    )
    assert chapter.name in markdown(NBS / 'index.ipynb'), "list it in index.ipynb's map"


@pytest.mark.parametrize('appendix', sorted(NBS.glob('appendix/*.ipynb')), ids=lambda p: p.stem)
def test_appendix_notebook_is_on_the_map(appendix):
    "Listed after the chapters: in the README's table and in index.ipynb's map."
    path = f'appendix/{appendix.name}'
    assert f'`{path}`' in (ROOT / 'README.md').read_text(), "list it in the README's table"
    assert f']({path})' in markdown(NBS / 'index.ipynb'), "list it in index.ipynb's map"


@pytest.mark.parametrize('chapter', CHAPTERS, ids=lambda p: p.stem)
def test_chapter_has_the_parts_of_a_chapter(chapter):
    text = markdown(chapter)
    first = ''.join(cells(chapter)[0]['source'])
    assert re.match(r'# \S', first) and '\n> ' in first, (
        "start with a title and a one-line description"
    )
    assert 'You will learn to' in text, "state the learning goals"
    assert 'youtube.com/watch?v=VMj-3S1tku0' in text, (
        "credit the part of Karpathy's lecture it follows"
    )
    assert (
        '## Summary' in text
        and '## Exercises' in text
        and '<details><summary>Solution</summary>' in text
    )
    module = re.search(
        r'#\| default_exp (\w+)', '\n'.join(''.join(c['source']) for c in cells(chapter))
    )
    if chapter.stem in TEACHING_ONLY:
        assert not module, f"{chapter.name} is listed as exporting nothing"
    else:
        assert module and (ROOT / 'solveit_z2h' / f'{module[1]}.py').exists(), (
            "export a module of the library"
        )


@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=lambda p: p.stem)
def test_saved_without_errors(notebook):
    errors = [
        o
        for c in cells(notebook)
        if c['cell_type'] == 'code'
        for o in c.get('outputs', [])
        if o['output_type'] == 'error'
    ]
    assert not errors, f"{notebook.name} was saved with an error output"


@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=lambda p: p.stem)
def test_code_cells_are_short(notebook):
    long = [(i, len(''.join(c['source']).splitlines())) for i, c in enumerate(cells(notebook))
            if c['cell_type'] == 'code' and len(''.join(c['source']).splitlines()) > 60]
    assert not long, f"{notebook.name}: code cells over 60 lines (cell index, lines): {long}"


def test_chapter_03_states_the_chain_depths_the_tests_and_the_benchmark_run():
    "Chapter 03 says the test suite backpropagates 300,000 nodes and `make bench` 1,000,000."
    text = markdown(NBS / '03_engine.ipynb')
    assert '300,000' in text and '1,000,000' in text
    assert 'depth = 300_000' in (ROOT / 'tests' / 'test_engine.py').read_text()
    assert 'def bench_chain(depth=1_000_000' in (ROOT / 'bench' / 'run.py').read_text()


def test_micrograds_value_has_no_label_as_chapter_03_says():
    "The lecture's notebook adds `label`; micrograd 0.1.0 (the bench extra) has none."
    import inspect

    from micrograd.engine import Value as MicrogradValue
    assert list(inspect.signature(MicrogradValue).parameters) == ['data', '_children', '_op']
    assert "micrograd's own `Value` has no `label`" in markdown(NBS / '03_engine.ipynb').replace(
        '\n', ' '
    )


# A path on the machine that ran the notebook: a home, a virtual env, a package, a temp folder.
LOCAL_PATH = re.compile(r'/(?:home|root|Users|tmp|private/var)/\S|\.venv/|site-packages|[A-Z]:\\')


def output_texts(output):
    "Every piece of text an output shows: a stream, a traceback, or each text-like representation."
    if output['output_type'] == 'stream': yield ''.join(output['text'])
    elif output['output_type'] == 'error': yield '\n'.join(output['traceback'])
    for mime, value in output.get('data', {}).items():
        if mime.startswith('text/') or mime.endswith('json'):
            yield value if isinstance(value, str) else ''.join(value)


@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=lambda p: p.stem)
def test_saved_without_stderr_or_local_paths(notebook):
    "A saved notebook shows what a reader reads: no stderr, nothing of the machine that ran it."
    stderr, local = [], []
    for i, c in enumerate(cells(notebook)):
        for o in c.get('outputs', []):
            if o['output_type'] == 'stream' and o['name'] == 'stderr':
                stderr.append((i, ''.join(o['text'])[:200]))
            local += [(i, m[0]) for text in output_texts(o) if (m := LOCAL_PATH.search(text))]
    assert not stderr, f"{notebook.name} saved output on stderr (cell index, text): {stderr}"
    assert not local, f"{notebook.name} saved a local path in outputs (cell index, match): {local}"


def test_the_local_path_check_finds_what_it_looks_for():
    warning = '/work/x/.venv/lib/python3.11/site-packages/fastcore/docments.py:499: UserWarning'
    for text in (warning, 'saved to /home/learner/course', 'C:\\Users\\learner\\nbs'):
        assert LOCAL_PATH.search(text), text
    for text in ('loss 0.3 · train 97.0%', 'https://solveit-z2h.github.io/solveit_z2h/', 'a/b'):
        assert not LOCAL_PATH.search(text), text


@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=lambda p: p.stem)
def test_description_is_one_line(notebook):
    "nbdev keeps only a `>` description's first line: the site's subtitle would stop mid-sentence."
    first = ''.join(cells(notebook)[0]['source'])
    quoted = [line for line in first.splitlines() if line.startswith('>')]
    assert len(quoted) == 1, f"{notebook.name}: the description spans {len(quoted)} lines, not one"


def test_library_lines_fit_a_laptop_screen():
    "Lines of at most 100 characters, as ruff holds the notebooks: only nbdev's `__all__` is wider."
    wide = []
    for module in sorted((ROOT / 'solveit_z2h').glob('*.py')):
        if module.name == '_modidx.py': continue
        in_all = False
        for number, line in enumerate(module.read_text().splitlines(), 1):
            in_all = line.startswith('__all__') or (in_all and line.startswith(' '))
            # nbdev writes `__all__`, and __init__'s list of modules
            nbdev_wrote = in_all or line.startswith(f"- `{module.parent.name}.")
            if len(line) > 100 and not nbdev_wrote: wide.append(f"{module.name}:{number}")
    assert not wide, f"library lines over 100 characters (fix them in the notebooks): {wide[:20]}"


sys.path.insert(0, str(ROOT / 'tools'))
import main_path  # noqa: E402


@pytest.mark.parametrize('chapter', CHAPTERS, ids=lambda p: p.stem)
def test_main_path_walks_beside_the_lecture(chapter):
    "Before its first `Going deeper` or `## Summary`: a lecture-sized read, nothing built later."
    words, lines, later = main_path.measure(chapter, CHAPTERS)
    assert words <= main_path.MAX_WORDS, f"{chapter.name}: {words} words on the main path"
    assert lines <= main_path.MAX_CODE_LINES, f"{chapter.name}: {lines} code lines on the main path"
    assert not later, f"{chapter.name}'s main path imports what later chapters build: {later}"


@pytest.mark.parametrize('chapter', CHAPTERS, ids=lambda p: p.stem)
def test_depth_comes_after_the_exercises_and_says_it_is_skippable(chapter):
    "Summary, Exercises, then `## Going deeper: ...` sections, each saying it is skippable."
    text = markdown(chapter)
    deeper = [m.start() for m in re.finditer(r'^## Going deeper: \S', text, re.MULTILINE)]
    assert all(start > text.index('## Exercises') > text.index('## Summary') for start in deeper)
    for start in deeper:
        section = text[start:].split('\n## ', 1)[0]
        opening = section.split('\n', 1)[1].lstrip() if '\n' in section else ''
        assert opening.startswith('*Skippable'), f"{chapter.name}: {section[:60]!r} opens otherwise"


def make_chapter(tmp_path, name, cells, exports=None):
    "A minimal notebook file for the main-path yardstick's own tests."
    source = [{'cell_type': kind, 'source': text, 'metadata': meta} for kind, text, meta in cells]
    if exports:
        export = f'#| default_exp {exports}'
        source.insert(0, {'cell_type': 'code', 'source': export, 'metadata': {}})
    path = tmp_path / name
    path.write_text(json.dumps({'cells': source}))
    return path


def test_the_main_path_yardstick_counts_what_a_learner_reads(tmp_path):
    collapsed = {'jupyter': {'source_hidden': True}}
    first = make_chapter(tmp_path, '00_a.ipynb', [
        ('markdown', '# Title\n\nSix words of prose, [linked](https://x.y/z).', {}),
        ('code', 'from solveit_z2h import later as l, checks\nx = 1\n\ny = 2', {}),
        ('code', '#| hide\nassert x == 1', collapsed),
        ('code', '#| hide\n#| export\ndef plumbing(): pass', collapsed),
        ('markdown', '## Summary\n\nMany more words here that are not counted at all.', {}),
        ('code', 'from solveit_z2h.other import z', {}),
    ])
    later = make_chapter(tmp_path, '01_b.ipynb', [
        ('markdown', '# B', {}),
        ('code', '#| export checks\ndef f(): pass', {}),  # a second module of the same notebook
    ], exports='later')
    words, lines, imported = main_path.measure(first, [first, later])
    assert words == 6  # Title, Six, words, of, prose, linked: the Summary is past the main path
    assert lines == 4  # the import, x, y and the exported plumbing; not the collapsed check
    assert imported == ['checks', 'later']
