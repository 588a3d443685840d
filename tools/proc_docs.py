"""Prepare the docs site without Quarto: `nbdev-proc-nbs` minus its Quarto installer, then check it.

`nbdev-proc-nbs` first tries to download and install Quarto (curl, then sudo dpkg). Where Quarto
cannot be installed, `make docs` runs the remaining steps itself: refresh the Quarto config,
rebuild the symbol index, and process every notebook into `_proc/` exactly as `nbdev-docs` would
before rendering. A notebook that nbdev cannot process fails here, as it would in the docs build,
and so does (CI runs this) any warning nbdev gives while processing, a `>` description over more
than one line (nbdev keeps only the first, so the page's subtitle would stop mid-sentence), and a
link to a notebook that does not exist.
"""
import json
import re
import sys
import warnings
from pathlib import Path

from nbdev.config import get_config
from nbdev.doclinks import _build_modidx
from nbdev.quarto import refresh_quarto_yml
from nbdev.serve import proc_nbs

# A markdown link to a page of the site by its notebook's (or page's) name: [x](01_value.ipynb#a)
LOCAL_LINK = re.compile(r'\]\((?![a-z]+:)([^)\s#]+\.(?:ipynb|html|md|qmd))(?:#[^)\s]*)?\)')


def description_problems(notebook: Path) -> list[str]:
    "The first cell's `>` description must be one line."
    first = ''.join(json.loads(notebook.read_text())['cells'][0]['source'])
    quoted = [line for line in first.splitlines() if line.startswith('>')]
    if len(quoted) == 1: return []
    return [f"{notebook.name}: the `>` description spans {len(quoted)} lines; write it on one"]


def link_problems(notebook: Path, pages: set[str]) -> list[str]:
    "Links from the notebook's markdown to pages of the site that do not exist."
    problems = []
    for cell in json.loads(notebook.read_text())['cells']:
        if cell['cell_type'] != 'markdown': continue
        for target in LOCAL_LINK.findall(''.join(cell['source'])):
            if Path(target).stem not in pages:
                problems.append(f"{notebook.name}: a link to {target}, no notebook of the course")
    return problems


def main() -> int:
    cfg = get_config()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        refresh_quarto_yml()
        _build_modidx()
        cache = proc_nbs(cfg.nbs_path, n_workers=0)
    nbs = cfg.nbs_path
    notebooks = [*sorted(nbs.glob('*.ipynb')), *sorted(nbs.glob('appendix/*.ipynb'))]
    pages = {p.stem for p in notebooks}
    problems = [f"nbdev warned: {w.category.__name__}: {w.message}" for w in caught]
    problems += [f"nbdev did not process: {p.name}" for p in notebooks
                 if not (cache / p.relative_to(cfg.nbs_path)).exists()]
    for notebook in notebooks:
        problems += description_problems(notebook) + link_problems(notebook, pages)
    if problems:
        print('\n'.join(problems), file=sys.stderr)
        return 1
    print(f"Processed {len(notebooks)} notebooks into {cache.relative_to(cfg.config_path)}/: "
          "no warning, each description on one line, each link to a notebook of the course")
    return 0


if __name__ == '__main__':
    sys.exit(main())
