#!/usr/bin/env bash
# The course as a pip user gets it: build the wheel, install it with its `course` extra into a
# fresh virtual environment (not editable, through constraints.txt), copy the notebooks outside the
# repository and run the index and chapters 03, 09 and 13 there, with IN_TEST set as the test
# suite does, checking that they import the installed package and nothing of the clone.
# Usage: tools/test-wheel.sh (PYTHON: the interpreter for the fresh venv, python3 by default).
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
# A RAM disk where there is one with room (3 GB): writing the venv's 29,000 files and deleting them
# again took this machine's disk minutes
tmp=${TMPDIR:-/tmp}
room=$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 {print $4}')
[ -z "${TMPDIR:-}" ] && [ "${room:-0}" -gt 3000000 ] && tmp=/dev/shm
work=$(mktemp -d "$tmp/solveit_z2h-wheel.XXXXXX")
trap 'rm -rf "$work"' EXIT
start=$SECONDS

echo "-- building the wheel (from a copy of the sdist's files: the clone gets no build/ folder)"
mkdir "$work/src"
cp -r pyproject.toml README.md LICENSE solveit_z2h "$work/src/"
rm -rf "$work/src/solveit_z2h/__pycache__"
# In the project's venv, which has setuptools >= 77: an isolated build installs it first (20 s)
builder=(.venv/bin/python -m pip wheel --no-build-isolation)
check='import setuptools, sys; sys.exit(int(setuptools.__version__.split(".")[0]) < 77)'
[ -x .venv/bin/python ] && .venv/bin/python -c "$check" || builder=("$python" -m pip wheel)
"${builder[@]}" --quiet --no-deps --wheel-dir "$work/dist" "$work/src"
wheel=$(ls "$work"/dist/solveit_z2h-*.whl)
echo "   $(basename "$wheel") ($(du -k "$wheel" | cut -f1) kB), $((SECONDS - start)) s"

echo "-- installing it with the course extra into a fresh venv, through constraints.txt"
"$python" -m venv "$work/venv"
# --no-compile: byte-compiling every file of PyTorch takes longer than running the notebooks
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-compile \
  --constraint constraints.txt "solveit_z2h[course] @ file://$wheel"
echo "   $(du -sm "$work/venv" | cut -f1) MB installed, $((SECONDS - start)) s"

echo "-- running the notebooks, copied to $work/nbs, against the installed package"
cp -r nbs "$work/nbs"
# Nothing of the clone on sys.path: Python reads the program from stdin, in the copy's folder.
cd "$work"
IN_TEST=1 "$work/venv/bin/python" - index 03_engine 09_training 13_digits <<'PY'
import sys, sysconfig, time
from pathlib import Path

site = Path(sysconfig.get_paths()['purelib']).resolve()

def check_installed():
    "Every solveit_z2h module loaded so far comes from the fresh venv, none from the clone."
    mods = {n: m for n, m in sys.modules.items() if n.split('.')[0] == 'solveit_z2h'}
    stray = {n: m.__file__ for n, m in mods.items()
             if not Path(m.__file__).resolve().is_relative_to(site)}
    assert mods and not stray, f"solveit_z2h modules not from {site}: {stray or 'none loaded'}"
    return len(mods)

import solveit_z2h
print(f"   solveit_z2h {solveit_z2h.__version__} from {Path(solveit_z2h.__file__).parent}")
check_installed()
from nbdev.test import test_nb   # nbdev's own runner, as nbdev-test runs a notebook

failed = []
for name in sys.argv[1:]:
    start = time.perf_counter()
    # profile=False: no nbdev config to read outside the repository; notest: the Colab-only cell
    ok, _ = test_nb(Path('nbs') / f'{name}.ipynb', skip_flags=['notest'], profile=False)
    print(f"   {name}: {'passed' if ok else 'FAILED'} in {time.perf_counter() - start:.1f} s, "
          f"{check_installed()} solveit_z2h modules loaded, all from the installed wheel")
    if not ok: failed.append(name)
print(f"{len(sys.argv) - 1 - len(failed)} passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
PY
echo "-- the installed wheel ran the course's notebooks: $((SECONDS - start)) s in all"
