"""What `make test-browser` needs to drive JupyterLab as a learner does: a lab server started like
`make lab`, a headless Chrome through Selenium, and a checker that runs a notebook with Run > Run
All Cells and compares what the page shows with the saved notebook. Kept apart from tests/ so
`pytest -n auto` never starts a browser."""

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# as `make lab`: JupyterLab refuses root without it
ROOT_FLAG = ['--allow-root'] if os.getuid() == 0 else []

# The mime type JupyterLab renders for an output that carries several, in its order of preference
# (trusted output).
PREFERENCE = [
    'application/javascript',
    'text/html',
    'text/markdown',
    'text/latex',
    'image/svg+xml',
    'image/bmp',
    'image/png',
    'image/jpeg',
    'image/gif',
    'image/webp',
    'text/plain',
]
IMAGES = {'image/svg+xml': 'graph drawings (SVG)', 'image/png': 'plots (PNG)'}

# The learner's lab, minus what a test must not do: no autosave (the notebooks are served, never
# written), every cell attached to the page (JupyterLab otherwise renders off-screen cells lazily),
# no news or update checks.
LAB_SETTINGS = {
    '@jupyterlab/docmanager-extension/plugin': {'autosave': False},
    '@jupyterlab/notebook-extension/tracker': {'windowingMode': 'none'},
    '@jupyterlab/apputils-extension/notification': {'fetchNews': 'false', 'checkForUpdates': False},
}


# --------------------------------------------------------------------------------------------------
# Processes and sockets, read from /proc (Linux)

def _stat(pid):
    "(parent pid, start time) of a live process, or None."
    try: text = Path(f'/proc/{pid}/stat').read_text()
    except OSError: return None
    fields = text[text.rindex(')') + 2:].split()
    if fields[0] == 'Z': return None  # a zombie has ended; only its parent's bookkeeping is left
    return int(fields[1]), int(fields[19])


def descendants(pid):
    "{pid: start time} of every live process below `pid`."
    children = {}
    for entry in Path('/proc').iterdir():
        if entry.name.isdigit() and (st := _stat(int(entry.name))):
            children.setdefault(st[0], []).append(int(entry.name))
    found, todo = {}, [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if (st := _stat(child)): found[child] = st[1]; todo.append(child)
    return found


def still_running(processes):
    "The pids of `processes` ({pid: start time}) that are still the same live process."
    return sorted(pid for pid, start in processes.items() if (st := _stat(pid)) and st[1] == start)


def _address(hex_addr):
    host, port = hex_addr.split(':')
    raw = bytes.fromhex(host)
    # /proc prints each 32-bit word little-endian
    raw = b''.join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
    ip = socket.inet_ntop(socket.AF_INET if len(raw) == 4 else socket.AF_INET6, raw)
    return ip.removeprefix('::ffff:'), int(port, 16)


def listening_sockets(pids):
    "[(ip, port, pid)] for every TCP socket in LISTEN state that one of `pids` holds."
    listening = {}
    for table in ('/proc/net/tcp', '/proc/net/tcp6'):
        for line in Path(table).read_text().splitlines()[1:]:
            cols = line.split()
            # 0A = LISTEN; column 9 is the inode
            if cols[3] == '0A': listening[cols[9]] = _address(cols[1])
    found = []
    for pid in pids:
        try: fds = list(Path(f'/proc/{pid}/fd').iterdir())
        except OSError: continue
        for fd in fds:
            try: target = os.readlink(fd)
            except OSError: continue
            if target.startswith('socket:[') and (inode := target[8:-1]) in listening:
                found.append((*listening[inode], pid))
    return found


# --------------------------------------------------------------------------------------------------
# The served notebooks must come out untouched

def snapshot(folder):
    "{relative path: sha256} of every file under `folder`, hidden and ignored ones included."
    folder = Path(folder).resolve()
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob('*')) if p.is_file()}


def git_status(folder):
    "`git status --porcelain --ignored` for `folder` if it is in a git work tree, else None."
    run = subprocess.run(
        ['git', 'status', '--porcelain', '--ignored', '--', '.'],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    return run.stdout if run.returncode == 0 else None


# --------------------------------------------------------------------------------------------------
# The lab server

def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


class Lab:
    """`jupyter lab --ServerApp.ip=127.0.0.1` as `make lab` starts it (its own token, a free port),
    serving `root`, with settings, workspaces, runtime files and checkpoints in `state` so nothing
    of the learner's is read or written."""

    def __init__(self, root, state, jupyter=None):
        self.root, self.state = Path(root), Path(state)
        self.port = free_port()
        # no inherited token or config
        env = {k: v for k, v in os.environ.items() if not k.startswith('JUPYTER')}
        dirs = {
            name: self.state / name
            for name in ('settings', 'workspaces', 'config', 'runtime', 'data', 'checkpoints')
        }
        for d in dirs.values(): d.mkdir(parents=True, exist_ok=True)
        for plugin, values in LAB_SETTINGS.items():
            path = dirs['settings'] / f'{plugin}.jupyterlab-settings'
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        env.update(
            JUPYTERLAB_SETTINGS_DIR=str(dirs['settings']),
            JUPYTERLAB_WORKSPACES_DIR=str(dirs['workspaces']),
            JUPYTER_CONFIG_DIR=str(dirs['config']),
            JUPYTER_RUNTIME_DIR=str(dirs['runtime']),
            JUPYTER_DATA_DIR=str(dirs['data']),
            JUPYTER_PLATFORM_DIRS='1',
        )
        jupyter = jupyter or str(Path(sys.executable).parent / 'jupyter')
        self.cmd = [
            jupyter,
            'lab',
            '--no-browser',
            '--ServerApp.ip=127.0.0.1',
            *ROOT_FLAG,
            f'--ServerApp.port={self.port}',
            '--ServerApp.port_retries=0',
            f'--ServerApp.root_dir={self.root}',
            f'--LabApp.user_settings_dir={dirs["settings"]}',
            f'--LabApp.workspaces_dir={dirs["workspaces"]}',
            # an absolute checkpoint folder: opening a notebook would otherwise write
            # .ipynb_checkpoints/ beside it
            f'--FileCheckpoints.checkpoint_dir={dirs["checkpoints"]}',
            # window.jupyterapp: read the notebook model, not just pixels
            '--LabApp.expose_app_in_browser=True',
        ]
        self.log_path = self.state / 'lab.log'
        self.log = open(self.log_path, 'w')
        self.proc = subprocess.Popen(
            self.cmd,
            cwd=self.root,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.token = self._wait_for_token(dirs['runtime'])
        self.url = f'http://127.0.0.1:{self.port}'
        self._wait_until_answering()

    def _wait_for_token(self, runtime, timeout=60):
        "The token the server made for itself (as `make lab` gets one), read from its runtime file."
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self._check_alive()
            for info in runtime.glob(f'jpserver-{self.proc.pid}.json'):
                try: return json.loads(info.read_text())['token']
                except (ValueError, KeyError): pass
            time.sleep(0.2)
        raise TimeoutError(f"JupyterLab wrote no server info in {timeout} s; see {self.log_path}")

    def _check_alive(self):
        if self.proc.poll() is not None:
            raise RuntimeError(
                "JupyterLab exited with "
                f"{self.proc.returncode}:\n{self.log_path.read_text()[-3000:]}"
            )

    def _wait_until_answering(self, timeout=60):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self._check_alive()
            if self.status('/api/status', token=True) == 200: return
            time.sleep(0.2)
        raise TimeoutError(f"JupyterLab did not answer in {timeout} s; see {self.log_path}")

    def status(self, path, token, method='GET'):
        "HTTP status of a request with the server's token (True), none (False), or the given token."
        token = self.token if token is True else token
        headers = {'Authorization': f'token {token}'} if token else {}
        req = urllib.request.Request(self.url + path, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=10) as resp: return resp.status
        except urllib.error.HTTPError as e: return e.code
        except (urllib.error.URLError, OSError): return None

    def processes(self):
        "{pid: start time} of the server and every process it started (kernels)."
        st = _stat(self.proc.pid)
        return ({self.proc.pid: st[1]} if st else {}) | descendants(self.proc.pid)

    def stop(self, timeout=20):
        "Shut the server down (and so its kernels), then make sure each process it had is gone."
        if self.proc.poll() is None:
            procs = self.processes()
            self.status('/api/shutdown', token=True, method='POST')
            try: self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.send_signal(signal.SIGTERM)
                try: self.proc.wait(5)
                except subprocess.TimeoutExpired: self.proc.kill(); self.proc.wait()
            end = time.monotonic() + 5
            while still_running(procs) and time.monotonic() < end: time.sleep(0.1)
            for pid in still_running(procs): os.kill(pid, signal.SIGKILL)
        self.log.close()


# --------------------------------------------------------------------------------------------------
# The browser

def start_browser(browser, driver, width=1366, height=768):  # a laptop's screen
    "Headless Chrome/Chromium via the given chromedriver (so Selenium Manager downloads nothing)."
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    opts.binary_location = browser
    for arg in (
        '--headless=new',
        '--no-sandbox',
        '--disable-dev-shm-usage',
        '--disable-gpu',
        f'--window-size={width},{height}',
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-extensions',
    ):
        opts.add_argument(arg)
    wd = webdriver.Chrome(service=Service(executable_path=driver), options=opts)
    wd.set_script_timeout(120)
    return wd


# JavaScript run in the page. `window.jupyterapp` is JupyterLab's application
# (--LabApp.expose_app_in_browser).
_JS_PANEL = """
const panelFor = (path) => {
  for (const w of window.jupyterapp.shell.widgets('main')) \
if (w.context && w.context.path === path) return w;
  return null;
};
"""

_JS_STATE = (
    _JS_PANEL
    + """
const p = panelFor(arguments[0]);
if (!p || !p.context.isReady) return null;
const kernel = p.sessionContext.session ? p.sessionContext.session.kernel : null;
const cells = [];
const model = p.content.model;
for (let i = 0; i < model.cells.length; i++) {
  const c = model.cells.get(i);
  if (c.type !== 'code') continue;
  const outputs = [];
  for (let j = 0; j < c.outputs.length; j++) {
    const o = c.outputs.get(j).toJSON();
    outputs.push({type: o.output_type, ename: o.ename || null, evalue: o.evalue || null, \
mimes: Object.keys(o.data || {})});
  }
  // a collapsed input shows no prompt
  const jupyter = c.getMetadata ? c.getMetadata('jupyter') : null;
  cells.push({count: c.executionCount, state: c.executionState || 'idle', outputs: outputs,
              collapsed: !!(jupyter && jupyter.source_hidden)});
}
// What the page shows: code cells attached to the DOM, their prompts, and the images \
rendered in their outputs.
const dom = [...p.node.querySelectorAll('.jp-Cell.jp-CodeCell')].map(cell => ({
  prompt: (cell.querySelector('.jp-InputPrompt') || {textContent: ''}).textContent.trim(),
  images: [...cell.querySelectorAll('.jp-OutputArea-output[data-mime-type^="image/"]')].map(out => {
    const img = out.querySelector('img');
    return {mime: out.dataset.mimeType, loaded: !!(img && img.complete && img.naturalWidth > 0)};
  }),
}));
return {active: window.jupyterapp.shell.currentWidget === p, dirty: model.dirty,
        kernel: kernel ? kernel.status : null, \
connection: kernel ? kernel.connectionStatus : null, cells, dom};
"""
)

_JS_CLOSE = _JS_PANEL + """
const done = arguments[arguments.length - 1];
const p = panelFor(arguments[0]);
if (!p) { done(false); return; }
p.sessionContext.shutdown().catch(() => null).then(() => {
  p.context.model.dirty = false;   // nothing is saved: the served notebook stays as it is on disk
  p.close();
  done(true);
});
"""


def wait_for(what, check, timeout, interval=0.25):
    "Poll `check()` until it returns something truthy; raise TimeoutError naming `what`."
    end, last = time.monotonic() + timeout, None
    while time.monotonic() < end:
        last = check()
        if last: return last
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout} s waiting for {what}")


def open_lab(wd, lab):
    wd.get(f'{lab.url}/lab?token={lab.token}')
    wait_for(
        'JupyterLab to start in the page',
        lambda: wd.execute_script(
            "return !!(window.jupyterapp && window.jupyterapp.shell && "
            "document.querySelector('.jp-DirListing-content'))"
        ),
        60,
    )
    wd.execute_async_script(
        "const done = arguments[arguments.length-1]; window.jupyterapp.restored.then(() => "
        "done(true));"
    )


def _double_click_item(wd, name, timeout=20):
    "Double-click `name` in the file browser once it is laid out (items exist at size 0 before)."
    from selenium.webdriver.common.action_chains import ActionChains
    find = """
      const li = [...document.querySelectorAll('.jp-FileBrowser .jp-DirListing-item')].find(
        li => (li.querySelector('.jp-DirListing-itemText') || {textContent: ''}).textContent\
.trim() === arguments[0]);
      if (!li) return null;
      li.scrollIntoView({block: 'center'});
      const r = li.getBoundingClientRect();
      return r.width > 0 && r.height > 0 ? li : null;"""
    item = wait_for(f'{name!r} in the file browser', lambda: wd.execute_script(find, name), timeout)
    ActionChains(wd).double_click(item).perform()


def open_in_file_browser(wd, path, timeout=30):
    "Open `path` as a learner does: double-click each folder from the served root, then the file."
    from selenium.webdriver.common.by import By
    wd.find_element(By.CSS_SELECTOR, '.jp-FileBrowser .jp-BreadCrumbs-home').click()
    wait_for(
        'the file browser at the root',
        lambda: wd.execute_script(
            "return window.jupyterapp && document.querySelector('.jp-FileBrowser "
            ".jp-BreadCrumbs-item') === null"
        ),
        timeout,
    )
    parts = Path(path).parts
    for depth, part in enumerate(parts):
        _double_click_item(wd, part, timeout)
        if depth < len(parts) - 1:
            here = '/'.join(parts[:depth + 1])
            wait_for(
                f'the file browser in {here}/',
                lambda: (
                    wd.execute_script(
                        "return [...document.querySelectorAll('.jp-FileBrowser "
                        ".jp-BreadCrumbs-item')].map(e => e.textContent.trim())"
                        ".filter(Boolean).join('/')"
                    )
                    == here
                ),
                timeout,
            )


def run_all_cells(wd):
    "Run > Run All Cells, through the menu bar."
    from selenium.webdriver.common.by import By
    menu = next(m for m in wd.find_elements(By.CSS_SELECTOR, '#jp-menu-panel .lm-MenuBar-item')
                if m.text.strip() == 'Run')
    menu.click()
    item = wait_for(
        'Run All Cells in the Run menu',
        lambda: next(
            (
                i
                for i in wd.find_elements(
                    By.CSS_SELECTOR, '.lm-Menu-item[data-command="runmenu:run-all"]'
                )
                if i.is_displayed()
            ),
            None,
        ),
        10,
    )
    item.click()


# --------------------------------------------------------------------------------------------------
# What the saved notebook promises, and what the page shows

def preferred_mime(mimes):
    return next((m for m in PREFERENCE if m in mimes), None)


def saved_expectations(notebook):
    "Code cells and images (by mime type) in the saved notebook, counted as JupyterLab shows them."
    nb = json.loads(Path(notebook).read_text())
    code = [c for c in nb['cells'] if c['cell_type'] == 'code']
    images = {m: 0 for m in IMAGES}
    for cell in code:
        for out in cell.get('outputs', []):
            mime = preferred_mime(out.get('data', {}))
            if mime in images: images[mime] += 1
    return len(code), images


@dataclass
class Run:
    "What one Run All produced, and the problems found in it (empty when the notebook passed)."
    path: str
    seconds: float
    code_cells: int
    images: dict
    screenshot: Path | None
    problems: list = field(default_factory=list)


def _finished(state):
    "Run All is over: kernel idle, no cell queued or running; every code cell ran, or one errored."
    if not state or state['kernel'] != 'idle' or state['connection'] != 'connected': return False
    cells = state['cells']
    if any(c['state'] == 'running' or '*' in d['prompt'] for c, d in zip(cells, state['dom'])):
        return False
    errored = any(o['type'] == 'error' for c in cells for o in c['outputs'])
    return errored or all(c['count'] is not None for c in cells)


def run_notebook(wd, path, saved, screenshot_dir, timeout=150):
    """Open `path` from the file browser, wait for its kernel, Run All Cells, wait until it
    finishes, and compare the page with the saved notebook `saved`. Returns a Run whose `problems`
    list every difference."""
    expected_cells, expected_images = saved_expectations(saved)
    state = lambda: wd.execute_script(_JS_STATE, path)
    open_in_file_browser(wd, path)
    # The kernel indicator says idle before a kernel exists: wait for the session's own kernel to be
    # connected and idle.
    wait_for(
        f'{path} to open with a connected, idle kernel',
        lambda: (
            (s := state())
            and s['active']
            and s['kernel'] == 'idle'
            and s['connection'] == 'connected'
        ),
        90,
    )
    start = time.monotonic()
    run_all_cells(wd)
    # Finished twice in a row, a second apart: nothing left in the kernel's queue.
    wait_for(
        f'Run All Cells in {path} to finish',
        lambda: _finished(state()) and (time.sleep(1) or _finished(state())),
        timeout,
    )
    seconds = time.monotonic() - start
    s = state()
    problems = []
    for i, c in enumerate(s['cells']):
        for o in c['outputs']:
            if o['type'] == 'error':
                problems.append(f"code cell {i + 1} raised {o['ename']}: {o['evalue']}")
    missing = [i + 1 for i, c in enumerate(s['cells']) if c['count'] is None]
    if missing:
        problems.append(
            f"{len(missing)} of {len(s['cells'])} code cells did not run (cells "
            f"{missing[:10]}{'...' if len(missing) > 10 else ''})"
        )
    if len(s['cells']) != expected_cells:
        problems.append(
            f"the notebook has {len(s['cells'])} code cells, the saved file {expected_cells}"
        )
    if len(s['dom']) != len(s['cells']):
        problems.append(
            f"the page shows {len(s['dom'])} of {len(s['cells'])} code cells (lazy rendering still "
            "on?)"
        )
    unnumbered = [i + 1 for i, (c, d) in enumerate(zip(s['cells'], s['dom']))
                  if not c['collapsed'] and not d['prompt'].strip('[]: ').isdigit()]
    if unnumbered and not missing:
        problems.append(f"code cells {unnumbered[:10]} show no execution count on the page")
    shown = {m: sum(img['mime'] == m for d in s['dom'] for img in d['images']) for m in IMAGES}
    broken = sum(not img['loaded'] for d in s['dom'] for img in d['images'])
    for mime, what in IMAGES.items():
        if shown[mime] != expected_images[mime]:
            problems.append(
                f"the page shows {shown[mime]} {what}, the saved notebook has "
                f"{expected_images[mime]}"
            )
    if broken: problems.append(f"{broken} images on the page did not load")
    shot = None
    if screenshot_dir:
        shot = Path(screenshot_dir) / (Path(path).stem + '.png')
        wd.execute_script(_JS_PANEL + """
          const p = panelFor(arguments[0]);
          const el = p.node.querySelector('.jp-OutputArea-output[data-mime-type^="image/"], \
.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]');
          if (el) el.scrollIntoView({block: 'center'});""", path)
        time.sleep(0.3)
        wd.save_screenshot(str(shot))
    return Run(path, seconds, len(s['cells']), shown, shot, problems)


# --------------------------------------------------------------------------------------------------
# A notebook opened unrun, as in a fresh clone: untrusted, so JupyterLab shows no SVG nor scripts

def saved_pictures(notebook):
    """Per code cell of the saved notebook, how many pictures it shows before anything runs: each
    image output (a drawing, its PNG beside its SVG, or a plot) and each player (a PNG still)."""
    pictures = []
    for cell in json.loads(Path(notebook).read_text())['cells']:
        if cell['cell_type'] != 'code': continue
        n = 0
        for out in cell.get('outputs', []):
            data = out.get('data', {})
            html = ''.join(data.get('text/html', ''))
            n += any(m in data for m in IMAGES) or 'class="frame-player"' in html
        pictures.append(n)
    return pictures


_JS_PICTURES = _JS_PANEL + """
const p = panelFor(arguments[0]);
if (!p || !p.context.isReady) return null;
const area = p.node.querySelector('.jp-WindowedPanel-outer') || p.node;
return {trusted: p.content.model.cells.length ? !!p.content.model.cells.get(0).trusted : null,
        areaWidth: area.getBoundingClientRect().width,
        cells: [...p.node.querySelectorAll('.jp-Cell.jp-CodeCell')].map(cell =>
          [...cell.querySelectorAll('.jp-OutputArea-output img')].map(img => ({
            mime: img.closest('.jp-OutputArea-output').dataset.mimeType,
            loaded: img.complete && img.naturalWidth > 0, natural: img.naturalWidth,
            shown: img.getBoundingClientRect().width})))};
"""


MIN_SCALE = 0.7  # the smallest a plot may be shown at, on a laptop's screen (1366 x 768)


@dataclass
class Unrun:
    "What an unrun notebook shows: its pictures, the smallest scale of a plot, and the problems."
    path: str
    pictures: int
    smallest_scale: float
    screenshot: Path | None
    problems: list = field(default_factory=list)


def open_unrun(wd, path, saved, screenshot_dir, timeout=60):
    """Open `path` from the file browser and run nothing: every saved picture must show as a loaded
    image (a sanitized SVG or player shows as run-on text instead). Returns an Unrun whose
    `problems` list what is missing."""
    expected = saved_pictures(saved)
    state = lambda: wd.execute_script(_JS_PICTURES, path)
    open_in_file_browser(wd, path)
    def settled():
        s = state()
        if not s or len(s['cells']) != len(expected): return None
        shown = [sum(img['loaded'] for img in cell) for cell in s['cells']]
        return s if shown == expected else None
    try: s = wait_for(f'{path} to show its {sum(expected)} pictures', settled, timeout)
    except TimeoutError: s = state()
    problems = []
    if s is None: return Unrun(path, 0, 0.0, None, [f"{path} did not open"])
    if s['trusted']: problems.append(f"{path} opened trusted: the check needs an untrusted copy")
    if len(s['cells']) != len(expected):
        problems.append(f"the page shows {len(s['cells'])} code cells, the saved notebook "
                        f"{len(expected)}")
    else:
        for i, (cell, n) in enumerate(zip(s['cells'], expected)):
            loaded = sum(img['loaded'] for img in cell)
            if loaded != n:
                problems.append(f"code cell {i + 1} shows {loaded} of its {n} pictures as images")
    scales = [img['shown'] / img['natural'] for cell in s['cells'] for img in cell
              if img['loaded'] and img['mime'] == 'image/png']
    # matplotlib's 8-point legends, at 100 dpi, are 11 pixels tall: shrunk below 70%, under 8
    if min(scales, default=1.0) < MIN_SCALE:
        problems.append(f"a plot is shrunk to {min(scales):.0%} to fit the page, so its small text "
                        f"is under 8 pixels (at least {MIN_SCALE:.0%}: make the figure narrower)")
    shot = None
    if screenshot_dir:
        shot = Path(screenshot_dir) / f'unrun-{Path(path).stem}.png'
        wd.execute_script(_JS_PANEL + """
          const p = panelFor(arguments[0]);
          const el = p.node.querySelector('.jp-OutputArea-output img');
          if (el) el.scrollIntoView({block: 'center'});""", path)
        time.sleep(0.3)
        wd.save_screenshot(str(shot))
        if wd.execute_script(_JS_PANEL + """
              const el = panelFor(arguments[0]).node.querySelector(
                '.jp-OutputArea-output[data-mime-type="text/html"] img');
              if (el) el.scrollIntoView({block: 'center'});
              return !!el;""", path):   # a player's still
            time.sleep(0.3)
            wd.save_screenshot(str(shot.with_name(f'unrun-{Path(path).stem}-player.png')))
    return Unrun(path, sum(expected), min(scales, default=1.0), shot, problems)


def close_notebook(wd, path):
    "Shut the notebook's kernel down and close its tab without saving."
    wd.execute_async_script(_JS_CLOSE, path)
    wait_for(
        f'{path} to close',
        lambda: wd.execute_script(_JS_PANEL + "return panelFor(arguments[0]) === null;", path),
        20,
    )


def make_broken_copy(source, dest):
    "A copy of `source` with a cell that raises TypeError right after its first code cell."
    nb = json.loads(Path(source).read_text())
    first = next(i for i, c in enumerate(nb['cells']) if c['cell_type'] == 'code')
    nb['cells'].insert(first + 1, {
        'cell_type': 'code', 'execution_count': None, 'id': 'deliberately-broken',
        'metadata': {}, 'outputs': [],
        'source': ["# a slip a learner makes: adding a number and a string\n", "1 + 'one'"],
    })
    Path(dest).parent.mkdir(parents=True, exist_ok=True)
    Path(dest).write_text(json.dumps(nb, indent=1))
    return dest
