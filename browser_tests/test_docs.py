"""The docs site as a reader meets it: rendered by Quarto (`make docs` renders `_docs/`; rendered
again here when a notebook is newer), served on 127.0.0.1, and every page opened in a headless
browser: it loads, its subtitle is the whole description, its first code is the lesson's (no setup
cell), it links to the previous and next page, its pictures show, and its players play. Skipped,
with a message, where Quarto is not on PATH."""
import json
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

import labkit

QUARTO = shutil.which('quarto')
pytestmark = pytest.mark.skipif(
    QUARTO is None, reason="Quarto is not on PATH, so `make docs` cannot render the site and its "
    "pages are not checked; install Quarto (https://quarto.org/docs/get-started/) to check them")

NBS, DOCS = labkit.ROOT / 'nbs', labkit.ROOT / '_docs'
# in the sidebar's order, which is the order of the previous / next links
ORDER = re.findall(r'^\s*- (\S+\.ipynb)\s*$', (NBS / 'sidebar.yml').read_text(), re.M)
NOTEBOOKS = [NBS / name for name in ORDER]


def page_of(notebook: Path) -> str:
    "nbdev names a page after its notebook, without the number: 01_value.ipynb -> value.html."
    return re.sub(r'^\d+_', '', notebook.stem) + '.html'


def shown_on_the_site(notebook: Path) -> dict:
    "The description, and the saved outputs the page shows: pictures (drawings, plots), players."
    cells = json.loads(notebook.read_text())['cells']
    first = ''.join(cells[0]['source'])
    expected = {
        'description': next(
            line[1:].strip() for line in first.splitlines() if line.startswith('>')
        ),
        'images': 0,
        'players': 0,
    }
    for cell in cells:
        hidden = re.search(r'^#\|\s*hide\b', ''.join(cell['source']), re.M)
        if cell['cell_type'] != 'code' or hidden: continue
        for out in cell.get('outputs', []):
            data = out.get('data', {})
            if 'class="frame-player"' in ''.join(data.get('text/html', '')):
                expected['players'] += 1
            elif 'image/png' in data or 'image/svg+xml' in data:
                expected['images'] += 1
    return expected


def _status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp: return resp.status
    except OSError: return None


def _stale() -> bool:
    built = DOCS / 'index.html'
    if not built.exists(): return True
    return any(p.stat().st_mtime > built.stat().st_mtime for p in NBS.iterdir())


@pytest.fixture(scope='module')
def site():
    "`_docs/` served on 127.0.0.1; rendered first (as `make docs` does) if a notebook is newer."
    if _stale():
        nbdev_docs = str(Path(sys.executable).parent / 'nbdev-docs')
        run = subprocess.run([nbdev_docs], cwd=labkit.ROOT, capture_output=True, text=True,
                             timeout=1800)
        assert run.returncode == 0, f"nbdev-docs failed:\n{run.stdout[-2000:]}{run.stderr[-2000:]}"
    port = labkit.free_port()
    server = subprocess.Popen(
        [sys.executable, '-m', 'http.server', str(port), '--bind', '127.0.0.1',
         '--directory', str(DOCS)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f'http://127.0.0.1:{port}'
    labkit.wait_for('the docs server', lambda: _status(url + '/index.html') == 200, 20)
    yield url
    server.terminate()
    server.wait(10)


@pytest.fixture(scope='module')
def reader(browser_pair):
    "A headless browser of its own (the lab's is busy with JupyterLab), at a laptop's size."
    _, chrome, _, driver, _ = browser_pair
    wd = labkit.start_browser(chrome, driver)
    yield wd
    wd.quit()


_JS_PAGE = """
const done = arguments[arguments.length - 1];
const text = (el) => el ? el.textContent.replace(/\\s+/g, ' ').trim() : null;
const players = [...document.querySelectorAll('.frame-player')];
const outputs = [...document.querySelectorAll('.cell-output-display')];
const images = outputs.flatMap(o => [...o.querySelectorAll('img')])
                      .filter(img => !img.closest('.frame-player'));
const result = {
  description: text(document.querySelector('.description')),
  firstCode: text(document.querySelector('.cell .sourceCode code')),
  prev: !!document.querySelector('.page-navigation .nav-page-previous a'),
  next: !!document.querySelector('.page-navigation .nav-page-next a'),
  images: images.length, loaded: images.filter(img => img.complete && img.naturalWidth > 0).length,
  players: players.map(p => ({controls: !!p.querySelector('.controls'),
                              hint: !!p.querySelector('.hint'),
                              counter: text(p.querySelector('.counter'))})),
};
// Each player: one step forward must show the next frame.
for (const [i, p] of players.entries()) {
  const next = p.querySelector('[data-act="next"]');
  if (!next) continue;
  const before = p.querySelector('.frame').innerHTML;
  next.click();
  result.players[i].stepped = text(p.querySelector('.counter'));
  result.players[i].changed = p.querySelector('.frame').innerHTML !== before;
}
done(result);
"""


def _letters(text: str) -> str:
    "Letters and digits only: Quarto makes quotes and dashes typographic, drops `code`'s backticks."
    return re.sub(r'[\W_]+', '', text or '')


@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=lambda p: p.stem)
def test_docs_page_reads_right_shows_its_pictures_and_plays(notebook, site, reader, report):
    expected = shown_on_the_site(notebook)
    name = 'index.html' if notebook.stem == 'index' else page_of(notebook)
    reader.get(f'{site}/{name}')
    loaded = ("return document.readyState === 'complete' && "
              "[...document.images].every(i => i.complete)")
    labkit.wait_for(f'{name} to load', lambda: reader.execute_script(loaded), 30)
    page = reader.execute_async_script(_JS_PAGE)
    report(f"docs {name}: {page['loaded']} of {expected['images']} pictures, "
           f"{len(page['players'])} players")
    assert _letters(page['description']) == _letters(expected['description']), \
        f"the subtitle is not the description: {page['description']}"
    assert page['images'] == page['loaded'] == expected['images'], page
    assert len(page['players']) == expected['players'], page['players']
    for p in page['players']:
        assert p['controls'] and not p['hint'], f"a player on {name} did not start: {p}"
        assert p['counter'].startswith('step 0 of') and p['stepped'].startswith('step 1 of'), p
        assert p['changed'], f"a player on {name} did not change its frame: {p}"
    first_code = page['firstCode'] or ''
    if notebook.stem != 'index':
        assert 'show_doc' not in first_code and 'fastcore.test' not in first_code, \
            f"{name} opens with a setup cell: {first_code[:200]}"
    assert page['prev'] or notebook == NOTEBOOKS[0], f"{name} has no link to the previous page"
    assert page['next'] or notebook == NOTEBOOKS[-1], f"{name} has no link to the next page"
