"""Prepare the docs site without Quarto: the steps of `nbdev-proc-nbs`, minus its Quarto installer.

`nbdev-proc-nbs` first tries to download and install Quarto (curl, then sudo dpkg). Where Quarto
cannot be installed, `make docs` runs the remaining steps itself: refresh the Quarto config,
rebuild the symbol index, and process every notebook into `_proc/` exactly as `nbdev-docs` would
before rendering. A notebook that nbdev cannot process fails here, as it would in the docs build.
"""
import sys
from nbdev.config import get_config
from nbdev.doclinks import _build_modidx
from nbdev.quarto import refresh_quarto_yml
from nbdev.serve import proc_nbs


def main() -> int:
    cfg = get_config()
    refresh_quarto_yml()
    _build_modidx()
    cache = proc_nbs(cfg.nbs_path, n_workers=0)
    notebooks = sorted(p.name for p in cfg.nbs_path.glob('*.ipynb'))
    missing = [name for name in notebooks if not (cache / name).exists()]
    if missing:
        print(f"nbdev did not process: {', '.join(missing)}", file=sys.stderr)
        return 1
    print(f"Processed {len(notebooks)} notebooks into {cache.relative_to(cfg.config_path)}/")
    return 0


if __name__ == '__main__':
    sys.exit(main())
