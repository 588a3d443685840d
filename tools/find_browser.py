"""Find an installed Chrome-family browser and a chromedriver of the same major version, for `make
test-browser`.

Looked for in this order, the first complete pair wins:
  1. $CHROME_BINARY and $CHROMEDRIVER, when both are set (your own choice);
  2. Debian's `chromium` with `chromium-driver` (/usr/bin/chromedriver);
  3. Google Chrome with the chromedriver in $CHROMEWEBDRIVER (GitHub's Ubuntu runners carry both),
     or on PATH.
Selenium is always handed the driver's path, so Selenium Manager never downloads a driver or a
browser.

`python tools/find_browser.py` prints the pair it found and exits 0, or says what it found missing
and exits 1.
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path


def _which(*names):
    for name in names:
        path = shutil.which(name)
        if path: return path
    return None


def _version(program):
    "The version string a browser or driver prints for `--version`, or None if it does not run."
    try:
        out = subprocess.run(
            [program, '--version'], capture_output=True, text=True, timeout=30
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = re.search(r'(\d+)\.\d+\.\d+\.\d+', out)
    return found[0] if found else None


def candidates():
    "(what, browser, driver) triples in the order they are tried; a missing program is None."
    env_browser, env_driver = os.environ.get('CHROME_BINARY'), os.environ.get('CHROMEDRIVER')
    if env_browser or env_driver: yield '$CHROME_BINARY with $CHROMEDRIVER', env_browser, env_driver
    debian_driver = '/usr/bin/chromedriver' if os.path.exists('/usr/bin/chromedriver') else None
    yield "Debian's chromium with chromium-driver", _which('chromium'), debian_driver
    web_driver = os.environ.get('CHROMEWEBDRIVER')
    if web_driver:
        driver = (
            Path(web_driver) / 'chromedriver' if Path(web_driver).is_dir() else Path(web_driver)
        )
        yield (
            'Google Chrome with $CHROMEWEBDRIVER',
            _which('google-chrome', 'google-chrome-stable'),
            str(driver),
        )
    yield (
        'Chrome/Chromium with chromedriver on PATH',
        _which('google-chrome', 'google-chrome-stable', 'chromium', 'chromium-browser'),
        _which('chromedriver'),
    )


def find():
    "First usable pair as (what, browser, browser_version, driver, driver_version), or LookupError."
    problems = []
    for what, browser, driver in candidates():
        if not browser or not driver:
            problems.append(f"{what}: {'no browser' if not browser else 'no driver'}")
            continue
        bv, dv = _version(browser), _version(driver)
        if not bv or not dv:
            problems.append(
                f"{what}: {browser if not bv else driver} does not run (`--version` printed no "
                "version)"
            )
        elif bv.split('.')[0] != dv.split('.')[0]:
            problems.append(f"{what}: browser {bv} and driver {dv} are different major versions")
        else:
            return what, browser, bv, driver, dv
    raise LookupError('; '.join(problems))


def describe(found):
    what, browser, bv, driver, dv = found
    return f"{what}: {browser} ({bv}), {driver} ({dv})"


if __name__ == '__main__':
    try: print(f"Browser for make test-browser: {describe(find())}")
    except LookupError as e:
        print(f"No browser and matching driver found ({e}).", file=sys.stderr)
        sys.exit(1)
