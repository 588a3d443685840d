#!/usr/bin/env bash
# tinygrad (chapter 14) compiles its kernels with the C compiler `clang`. Install Debian's package when we are root
# with apt-get; otherwise print the one-line instruction and carry on: without clang, the chapter runs tinygrad on
# its pure-Python device (DEV=PYTHON), which needs no compiler and is much slower, so it uses a smaller network.
set -euo pipefail
command -v clang >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing clang for tinygrad (Debian package 'clang') ..."
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq && apt-get install -y -qq clang >/dev/null; then
    command -v clang >/dev/null 2>&1 && exit 0
  fi
fi
echo "Note: clang is not installed, so tinygrad (chapter 14) will run on its slow pure-Python device. To compile its kernels instead: Debian/Ubuntu: sudo apt-get install -y clang; macOS: xcode-select --install" >&2
exit 0
