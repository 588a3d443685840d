# solveit_z2h: the commands a learner or CI runs.
#   make lab    set up if needed, then open JupyterLab on the course
#   make check  the quick loop before a commit (< 30 s): library and notebooks in sync, ruff, the fast tests
#   make test   set up if needed, then run the test suite, every chapter included (each once)
#   make test-rerun  every chapter again with each code cell run twice in a row, as a learner re-runs cells
#   make test-browser  JupyterLab in a headless Chromium: every notebook unrun, then Run All; the docs site if Quarto
#   make docs   build the docs site (needs Quarto)
#   make bench  run the speed benchmarks
# Setup (a virtual environment in .venv, the project installed editable under constraints.txt,
# Graphviz's `dot`, the library exported from the notebooks) is done once and then skipped.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON   ?= python3
VENV     ?= .venv
EXTRAS   ?= dev,course,bench,frameworks
LAB_ARGS ?=
BIN      := $(abspath $(VENV))/bin
STAMP    := $(VENV)/.installed
BROWSER_STAMP := $(VENV)/.installed-browser
# JupyterLab refuses to start as root without --allow-root (containers often run as root).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: help setup lab check test test-rerun docs bench export graphviz test-browser clang

help:
	@echo "make lab    open the course in JupyterLab (sets everything up on first run)"
	@echo "make check  the quick loop before a commit: export/clean in sync, ruff, the tests that run no chapter"
	@echo "make test   run every chapter and the test suite"
	@echo "make test-rerun  run every chapter with each code cell twice in a row (a learner re-runs cells)"
	@echo "make test-browser  open every notebook unrun, then run the index and two chapters, in JupyterLab in a headless browser (Chromium)"
	@echo "make docs   build the docs site into _docs/ (needs Quarto)"
	@echo "make bench  run the speed benchmarks"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV): install Python >= 3.11 with its venv module (Debian/Ubuntu: apt-get install python3-venv)." >&2; exit 1; }

# Reinstall only when the declared dependencies or their pins change.
$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	@echo "Installing solveit_z2h and its tools into $(VENV) (the first time takes a minute or two) ..."
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --constraint constraints.txt --editable '.[$(EXTRAS)]'
	@touch $@

graphviz:
	@tools/ensure-graphviz.sh

# tinygrad's compiler (chapter 14); without it tinygrad runs on its pure-Python device, so this never stops make.
clang:
	@tools/ensure-clang.sh

export: $(STAMP)
	@$(BIN)/nbdev-export

setup: $(STAMP) graphviz clang export

lab: setup
	cd nbs && $(BIN)/jupyter lab index.ipynb --ServerApp.ip=127.0.0.1 $(ROOT_FLAG) $(LAB_ARGS)

# The quick loop: nbdev-export and nbdev-clean change nothing, ruff (pinned in constraints.txt, configured in
# pyproject.toml) passes on the library, notebooks and tests, and the tests that run no chapter and load no other
# framework pass (JAX, tinygrad and micrograd are left to make test).
# Not `setup`: its nbdev-export would bring the library in line before the sync check could see it.
check: $(STAMP) graphviz
	@$(BIN)/python tools/check_sync.py
	$(BIN)/ruff check
	$(BIN)/python -m pytest -n auto --dist worksteal -q -m 'not chapter and not slow and not rerun'

# Every chapter runs once, inside pytest (tests/test_notebooks.py), through nbdev's own runner; `nbdev-test` runs them
# the plain way, if you want that. The re-run check (each code cell twice in a row) doubles the chapters' time, so it
# is its own target, which CI runs too. --dist worksteal: an idle worker takes queued tests from the busy one.
test: setup
	$(BIN)/python -m pytest -n auto --dist worksteal -m 'not rerun'

test-rerun: setup
	$(BIN)/python -m pytest -n auto --dist worksteal -m rerun

docs: setup
	@if command -v quarto >/dev/null 2>&1; then \
		$(BIN)/nbdev-docs; \
	else \
		$(BIN)/python tools/proc_docs.py || exit 1; \
		echo "" >&2; \
		echo "make docs: the notebooks were processed into _proc/ and check out, but rendering the site needs Quarto," >&2; \
		echo "which is not on PATH. Install it from https://quarto.org/docs/get-started/ and run make docs again." >&2; \
		exit 1; \
	fi

bench: setup
	$(BIN)/python bench/run.py

# Selenium (the `browser` extra) joins the environment only for the browser test.
$(BROWSER_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --constraint constraints.txt --editable '.[$(EXTRAS),browser]'
	@touch $@

# JupyterLab in a headless Chrome/Chromium, as a learner meets the course: notebooks opened from the file browser,
# Run All Cells, the page compared with the saved notebooks (browser_tests/, run apart from `make test`'s pytest).
test-browser: setup $(BROWSER_STAMP)
	@tools/ensure-browser.sh $(BIN)/python
	$(BIN)/python -m pytest browser_tests
