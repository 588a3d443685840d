"""Fail if nbdev-export or nbdev-clean changes anything: the library must be what the notebooks
export, and the notebooks must be saved clean. Works on a tree with uncommitted changes: it compares
the files before and after, not with git."""
import hashlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def snapshot() -> dict[str, str]:
    "A hash of every exported module and every notebook."
    files = [*ROOT.glob('solveit_z2h/*.py'), *ROOT.glob('nbs/*.ipynb')]
    return {str(p.relative_to(ROOT)): hashlib.sha1(p.read_bytes()).hexdigest() for p in files}


def changed_by(command: str) -> list[str]:
    "The files that the nbdev `command`, run in the project's root, created, changed or removed."
    before = snapshot()
    subprocess.run([str(BIN / command)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    after = snapshot()
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


failed = False
for command, problem in [('nbdev-export', "the library was not what the notebooks export"),
                         ('nbdev-clean', "these notebooks were not saved clean")]:
    if files := changed_by(command):
        failed = True
        print(f"{command}: {problem}; it has now rewritten them (review and commit):",
              *files, sep='\n  ')
sys.exit(1 if failed else 0)
