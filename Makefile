# Leg pain in pregnancy: an interactive course.
#   make lab    create .venv, install the course and open JupyterLab on the start page
#   make test   install what the tests need, then run every test
# Needs only Python 3.10+ with venv and pip.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
LAB_STAMP  := $(VENV)/.stamp-lab
TEST_STAMP := $(VENV)/.stamp-test
# JupyterLab refuses to start as root unless told; pass the flag only when we are root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
NBVAL  := --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: lab install install-test test test-unit test-notebooks test-browser browser-deps notebooks bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(LAB_STAMP): pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(LAB_STAMP)
	$(PIP) install --quiet -e ".[test]"
	touch $@

install: $(LAB_STAMP)

install-test: $(TEST_STAMP)

lab: $(LAB_STAMP)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 $(ALLOW_ROOT) notebooks/00_start_here.ipynb

test: $(TEST_STAMP)
	$(BIN)/python -m pytest tests notebooks --ignore=tests/browser $(NBVAL) -p no:cacheprovider
	$(MAKE) test-browser

test-unit: $(TEST_STAMP)
	$(BIN)/python -m pytest tests --ignore=tests/browser -p no:cacheprovider

test-notebooks: $(TEST_STAMP)
	$(BIN)/python -m pytest notebooks $(NBVAL) -p no:cacheprovider

# --- real-browser tests (tests/browser) -------------------------------------
browser-deps:
	@echo "browser-deps: nothing to install yet"

test-browser: $(TEST_STAMP)
	@echo "test-browser: no browser tests yet"

# --- benchmarks --------------------------------------------------------------
bench: $(TEST_STAMP)
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/browser_bench.py

notebooks: $(TEST_STAMP)
	$(BIN)/python -m legpain.build_notebooks notebooks

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache
