#!/usr/bin/env bash
# Make sure Graphviz's `dot` program is on PATH: install Debian's package when we are root
# with apt-get, otherwise stop with the one-line instruction for the learner's system.
set -euo pipefail
command -v dot >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Graphviz (Debian package 'graphviz') ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq graphviz >/dev/null
  command -v dot >/dev/null 2>&1 && exit 0
fi
cat >&2 <<'MSG'
Graphviz's `dot` program draws the expression graphs, and it is not installed. Install it, then run make again:
  Debian/Ubuntu: sudo apt-get install -y graphviz      macOS: brew install graphviz
MSG
exit 1
