#!/usr/bin/env bash
# Make sure `make test-browser` has a Chrome-family browser and a chromedriver of the same version.
# An installed pair is used first (on GitHub's Ubuntu runners: google-chrome and $CHROMEWEBDRIVER); otherwise,
# on Debian as root with apt-get, install Debian's `chromium` and `chromium-driver`; otherwise stop with the
# one-line instruction. (On Ubuntu, apt's chromium packages are only stubs for the snap, so apt is not used.)
# Usage: tools/ensure-browser.sh PYTHON
set -euo pipefail
PYTHON="${1:-python3}"
FIND="$(dirname "$0")/find_browser.py"
"$PYTHON" "$FIND" 2>/dev/null && exit 0
os_id="$( . /etc/os-release 2>/dev/null && echo "${ID:-}" || true)"
if [ "$os_id" = debian ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium and its driver (Debian packages 'chromium' and 'chromium-driver') ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
  "$PYTHON" "$FIND" && exit 0
fi
"$PYTHON" "$FIND" || true
cat >&2 <<'MSG'
make test-browser drives a headless Chrome or Chromium through its chromedriver, and no matching pair is installed. Install one, then run it again:
  Debian: sudo apt-get install -y chromium chromium-driver    Ubuntu/macOS: install Google Chrome and the chromedriver of the same version, and set CHROME_BINARY and CHROMEDRIVER to their paths
MSG
exit 1
