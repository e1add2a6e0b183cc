# Leg pain in pregnancy: an interactive course.
#   make lab    create .venv, install the course and open JupyterLab on the start page
#   make test   install what the tests need, then run every test
# Needs only Python 3.11+ with venv and pip, and make.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
LAB_STAMP  := $(VENV)/.stamp-lab
VOILA_TEMPLATE := $(VENV)/share/jupyter/voila/templates/course/index.html.j2
TEST_STAMP := $(VENV)/.stamp-test
# JupyterLab refuses to start as root unless told; pass the flag only when we are root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
NBVAL  := --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: lab work-copy fresh install install-test test test-unit test-notebooks test-browser browser-deps notebooks bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# The course and JupyterLab/Voila (the "lab" extra); the tests add the "test" extra, which brings
# the notebook tools ("tools") as well. pyproject.toml says what each extra holds.
$(LAB_STAMP): pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e ".[lab]"
	touch $@

$(TEST_STAMP): pyproject.toml $(LAB_STAMP)
	$(PIP) install --quiet -e ".[test]"
	touch $@

install: $(LAB_STAMP) $(VOILA_TEMPLATE)

install-test: $(TEST_STAMP)

# A student works on her own copy of the lessons in $(WORK)/ (git-ignored): each lesson is copied
# there once and never overwritten, so saving a lesson never changes notebooks/ and pulling an update
# never conflicts. `make fresh LESSON=03` sets her copy of one lesson aside and takes a fresh one.
WORK ?= my-work

work-copy:
	@mkdir -p $(WORK)
	@for nb in notebooks/[0-9][0-9]_*.ipynb; do \
	  [ -e "$(WORK)/$$(basename $$nb)" ] || cp "$$nb" "$(WORK)/"; \
	done

fresh:
	@if [ -z "$(LESSON)" ]; then echo "fresh: say which lesson, for example: make fresh LESSON=03"; exit 2; fi
	@src=$$(ls notebooks/$(LESSON)_*.ipynb 2>/dev/null | head -1); \
	if [ -z "$$src" ]; then echo "fresh: no lesson $(LESSON) in notebooks/"; exit 2; fi; \
	name=$$(basename $$src); mkdir -p $(WORK); \
	if [ -e "$(WORK)/$$name" ]; then mv "$(WORK)/$$name" "$(WORK)/$${name%.ipynb}.old-$$(date +%Y%m%d-%H%M%S).ipynb"; fi; \
	cp "$$src" "$(WORK)/$$name"; echo "fresh: $(WORK)/$$name is a fresh copy; your old one was kept beside it"

# The link JupyterLab prints opens the start page of the working copy.
lab: $(LAB_STAMP) $(VOILA_TEMPLATE) work-copy
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 $(ALLOW_ROOT) --ServerApp.root_dir=$(WORK) \
	  --ServerApp.default_url=/lab/tree/00_start_here.ipynb

# Each test run of make test ends with its slowest steps, so that a log shows where the time goes.
DURATIONS := --durations=15

test: $(TEST_STAMP)
	$(MAKE) lint types
	$(BIN)/python -m pytest tests notebooks --ignore=tests/browser --ignore=tests/site $(NBVAL) -p no:cacheprovider $(DURATIONS)
	$(MAKE) test-browser
	$(MAKE) test-site

test-unit: $(TEST_STAMP)
	$(BIN)/python -m pytest tests --ignore=tests/browser --ignore=tests/site -p no:cacheprovider

test-notebooks: $(TEST_STAMP)
	$(BIN)/python -m pytest notebooks $(NBVAL) -p no:cacheprovider

# --- real-browser tests (tests/browser) -------------------------------------
# Chromium from Debian (only when missing, and only as root with apt-get) and axe-core from npm
# into build/axe (git-ignored). Never `playwright install`: it downloads a browser from the internet.
browser-deps:
	@if [ -n "$$LEGPAIN_CHROMIUM" ] || [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1; then \
	  echo "browser-deps: Chromium is installed"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	else \
	  echo "browser-deps: Chromium is missing and cannot be installed here (needs root and apt-get):"; \
	  echo "browser-deps: the browser tests will be skipped (under CI=true they fail instead)"; \
	fi
	@if [ -f build/axe/node_modules/axe-core/axe.min.js ]; then \
	  echo "browser-deps: axe-core is installed"; \
	elif command -v npm >/dev/null 2>&1; then \
	  npm install --no-save --no-audit --no-fund --prefix build/axe axe-core@4.11.0; \
	else \
	  echo "browser-deps: npm is missing, so axe-core cannot be installed: the accessibility tests will be skipped"; \
	fi

# Two workers (pytest-xdist), each with its own Chromium, JupyterLab and Voila; the tests that share a
# notebook run or a server stay together (tests/browser/conftest.py). BROWSER_WORKERS=0: one process.
BROWSER_WORKERS ?= 2

test-browser: $(TEST_STAMP) $(VOILA_TEMPLATE) browser-deps
	$(BIN)/python -m pytest tests/browser -p no:cacheprovider -n $(BROWSER_WORKERS) --dist loadgroup $(DURATIONS)

# --- the edit loop: lint, types and the fast unit tests -------------------------
.PHONY: check lint types mutation test-min
CHECK_SKIP := --ignore=tests/browser --ignore=tests/site -k "not red_flag_combinations and not every_combination_of_red_flags and not adding_a_red_flag and not layout"

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tools tests bench

types: $(TEST_STAMP)
	$(BIN)/python -m mypy

check: lint types
	$(BIN)/python -m pytest tests $(CHECK_SKIP) -q -p no:cacheprovider -x

# Mutation testing of the safety-critical modules with mutmut (not part of make test): each mutant
# is run against the fast tests that cover it, the example tests that [tool.mutmut] in pyproject.toml
# lists (not tests/test_safety.py, which takes minutes); `mutants/` holds the run, `mutmut results`
# lists survivors. One module: make mutation MUTATE='legpain.routes*' (about a minute on two cores).
MUTATE ?= legpain.triage* legpain.routes* legpain.levels* legpain.stages* legpain.vte* legpain.content.course* legpain.content.vte_risk*
mutation: $(TEST_STAMP)
	$(PIP) install --quiet -e ".[mutation]"
	$(BIN)/mutmut run $(MUTATE)
	$(BIN)/mutmut results

# The unit tests against the lowest version of every dependency that pyproject.toml allows (uv,
# from PyPI into that environment, resolves them), in their own virtual environment, build/min-venv.
# The versions it tested are listed in build/min-venv/versions.txt. Three to four minutes on two cores.
MIN_VENV := build/min-venv
test-min:
	rm -rf $(MIN_VENV)
	$(PYTHON) -m venv $(MIN_VENV)
	$(MIN_VENV)/bin/python -m pip install --quiet uv
	$(MIN_VENV)/bin/python -m uv pip install --python $(MIN_VENV)/bin/python --quiet --resolution lowest-direct -e ".[test]"
	$(MIN_VENV)/bin/python -m uv pip freeze --python $(MIN_VENV)/bin/python > $(MIN_VENV)/versions.txt
	@echo "test-min: the versions under test are in $(MIN_VENV)/versions.txt"
	$(MIN_VENV)/bin/python -m pytest tests $(CHECK_SKIP) -q -p no:cacheprovider

# --- every combination of red flags -------------------------------------------
# make test checks the advice and ranking of every combination of up to 7 red flags at every stage
# class, and a sample of larger ones. This checks all 2^23 combinations at every stage class
# (about 33 million assessments: half an hour or more on two cores).
.PHONY: exhaustive
exhaustive: $(TEST_STAMP)
	LEGPAIN_EXHAUSTIVE=1 $(BIN)/python -m pytest tests/test_safety.py -p no:cacheprovider -k red_flag_combinations

# --- benchmarks --------------------------------------------------------------
bench: $(TEST_STAMP) $(VOILA_TEMPLATE)
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/browser_bench.py
	$(BIN)/python bench/voila_bench.py

# --- the course in the browser: a JupyterLite site (tools/site/, tests/site/) ----
#   make site        build build/site/ and build/legpain-course-site.zip from the pins in tools/site/
#   make serve-site  serve build/site/ at http://127.0.0.1:8000/ (another port: SITE_PORT=8001)
#   make test-site   build the site (or reuse it), then run every lesson in it in Chromium, offline
# Downloads are kept in build/site-cache/ and reused; `make clean-site` removes both.
SITE_VENV   := build/site-cache/venv
SITE_STAMP  := build/site/.built
SITE_PORT   ?= 8000
SITE_INPUTS := pyproject.toml README.md $(wildcard tools/site/*.py tools/site/*.toml tools/site/*.txt tools/site/*.js) $(wildcard notebooks/[0-9][0-9]_*.ipynb) \
               $(shell find src data jupyter_data -name __pycache__ -prune -o -name '*.egg-info' -prune -o -type f -print)

.PHONY: site site-deps site-lock serve-site test-site bench-site site-floor clean-site

$(SITE_VENV)/.stamp: tools/site/build-requirements.txt
	rm -rf $(SITE_VENV)
	$(PYTHON) -m venv $(SITE_VENV)
	$(SITE_VENV)/bin/python -m pip install --quiet --require-hashes --no-deps -r tools/site/build-requirements.txt
	touch $@

$(SITE_STAMP): $(SITE_VENV)/.stamp $(SITE_INPUTS) | site-deps
	$(SITE_VENV)/bin/python tools/site/build_site.py
	touch $@

# Node.js and npm: npm fetches Pyodide, Node runs it once at build time (only when missing, and
# only as root with apt-get, like browser-deps).
site-deps:
	@if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then \
	  echo "site-deps: Node.js and npm are installed"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm; \
	else \
	  echo "site-deps: the site needs Node.js and npm (https://nodejs.org, or your system's packages)"; exit 1; \
	fi

site: $(SITE_STAMP)

# After editing tools/site/pins.toml: rewrite the two hash-pinned lists from it (needs PyPI).
site-lock: $(SITE_VENV)/.stamp
	$(SITE_VENV)/bin/python tools/site/lock.py

serve-site: $(SITE_STAMP)
	$(PYTHON) tools/site/serve.py --port $(SITE_PORT)

# Without Node.js (which only root can install here) the site cannot be built: the site tests are
# then skipped with the reason, except under CI (CI=true), where they must run.
test-site: $(TEST_STAMP) browser-deps
	@if [ "$$CI" != true ] && [ "$$(id -u)" != 0 ] && ! { command -v node && command -v npm; } >/dev/null 2>&1; then \
	  echo "test-site: skipped: building the site needs Node.js and npm (see make site-deps)"; \
	else \
	  $(MAKE) site && $(BIN)/python -m pytest tests/site -p no:cacheprovider $(DURATIONS); \
	fi

# `make bench` measures the site too: its size, page load to kernel ready (beside the floor: a bare
# site with the same Pyodide and kernel, build/site-floor), the start step by step, click to banner.
bench: bench-site

SITE_FLOOR_STAMP := build/site-floor/.built
$(SITE_FLOOR_STAMP): $(SITE_VENV)/.stamp $(wildcard tools/site/*.py tools/site/*.toml tools/site/*.txt tools/site/*.js tools/site/*.mjs) | site-deps
	$(SITE_VENV)/bin/python tools/site/build_site.py --floor
	touch $@

site-floor: $(SITE_FLOOR_STAMP)

bench-site: $(TEST_STAMP) browser-deps site site-floor
	$(BIN)/python bench/site_bench.py

clean-site:
	rm -rf build/site build/site-floor build/site-cache build/legpain-course-site.zip
# --- end of the browser-site block ---------------------------------------------

notebooks: $(TEST_STAMP)
	$(BIN)/python tools/build_notebooks.py notebooks

clean:
	rm -rf $(VENV) test-results .pytest_cache

# --- the instructor kit: two versions, slides, Voila for a class, the course's Jupyter settings ----------
#   make build    build/learner/NN_*.ipynb and build/instructor/NN_*.ipynb, each re-run from a fresh kernel
#   make slides   build/slides/NN_*.slides.html: reveal.js decks that work offline (reveal.js from npm, once)
#   make voila    the lessons in Voila for a class (build/voila/, the learner version for Voila); the kernels
#                 of closed pages are stopped when idle
# build/ is git-ignored. Tooling lives in tools/, outside the legpain package.
.PHONY: build slides slides-deps voila voila-command voila-lessons

REVEAL_JS   := 5.2.1
REVEAL_DIR  := build/reveal/node_modules/reveal.js
TOOLS_STAMP := $(VENV)/.stamp-tools

# Both run the lessons, so they need the notebook tools (the "tools" extra) besides JupyterLab.
$(TOOLS_STAMP): pyproject.toml $(LAB_STAMP)
	$(PIP) install --quiet -e ".[lab,tools]"
	touch $@

build: $(TOOLS_STAMP)
	$(BIN)/python -m tools.notebook_versions notebooks --out build

# reveal.js from npm into build/reveal (pinned; the decks then need no internet, nor npm).
slides-deps:
	@if grep -qs '"version": "$(REVEAL_JS)"' $(REVEAL_DIR)/package.json; then \
	  echo "slides-deps: reveal.js $(REVEAL_JS) is installed"; \
	elif command -v npm >/dev/null 2>&1; then \
	  npm install --no-save --no-audit --no-fund --prefix build/reveal reveal.js@$(REVEAL_JS); \
	else \
	  echo "slides-deps: npm is missing, so reveal.js cannot be installed: make slides fails and the slide tests are skipped"; \
	fi

slides: $(TOOLS_STAMP) slides-deps
	$(BIN)/python -m tools.slides notebooks --out build/slides --reveal $(REVEAL_DIR)

# The slide tests open a deck in Chromium: they need reveal.js too.
test-browser: slides-deps

# JupyterLab reads the course's Jupyter configuration (jupyter_config/): no news pop-up, no update check.
lab: export JUPYTER_CONFIG_PATH := $(CURDIR)/jupyter_config$(if $(JUPYTER_CONFIG_PATH),:$(JUPYTER_CONFIG_PATH))

# Voila starts a kernel for every page it shows. A kernel whose page was closed (no connection left)
# is stopped after VOILA_CULL_IDLE seconds without activity, checked every VOILA_CULL_INTERVAL seconds;
# a page that is still open keeps its kernel. VOILA_IP=0.0.0.0 serves the class over the network.
VOILA_IP            ?= 127.0.0.1
VOILA_PORT          ?= 8866
VOILA_CULL_IDLE     ?= 300
VOILA_CULL_INTERVAL ?= 60
VOILA_BUILD         ?= build
VOILA_LESSONS       := $(VOILA_BUILD)/voila
VOILA_ARGS = $(VOILA_LESSONS) --template=course --Voila.ip=$(VOILA_IP) --port=$(VOILA_PORT) \
	--MappingKernelManager.cull_idle_timeout=$(VOILA_CULL_IDLE) \
	--MappingKernelManager.cull_interval=$(VOILA_CULL_INTERVAL) \
	--MappingKernelManager.cull_connected=False \
	--MappingKernelManager.cull_busy=False

voila: $(LAB_STAMP) $(VOILA_TEMPLATE) voila-lessons
	$(BIN)/voila $(VOILA_ARGS)

# A class sees the Voila version of the lessons (tools/notebook_versions.py): the learner version
# (no instructor notes, no solutions) without the JupyterLab-only "Run All" instructions, and with
# no stored outputs, since Voila runs every page itself. Nothing is run to build it (under a second),
# so it is built afresh each time: an edited lesson is shown as it is now, a removed one is gone.
voila-lessons: $(LAB_STAMP)
	rm -rf $(VOILA_LESSONS)
	$(BIN)/python -m tools.notebook_versions notebooks --version voila --out $(VOILA_BUILD)

# In a class every student's page runs on the instructor's computer, so nobody's progress is recorded
# there: the record is for a student's own copy (make lab, or the browser version).
voila: export LEGPAIN_PROGRESS := off

# The course's Voila page ("course", in jupyter_data/voila/templates/): Voila's own page without
# the stylesheets it fetches from the internet. `pip install .` puts it where Voila looks
# (pyproject.toml, data-files); an editable install does not, so make copies it there.
VOILA_TEMPLATE_SRC := jupyter_data/voila/templates/course
$(VOILA_TEMPLATE): $(wildcard $(VOILA_TEMPLATE_SRC)/*) $(LAB_STAMP)
	mkdir -p $(dir $@)
	cp $(VOILA_TEMPLATE_SRC)/* $(dir $@)

# The command `make voila` runs (the tests start Voila with exactly this command, after `make voila-lessons`).
voila-command:
	@echo $(BIN)/voila $(VOILA_ARGS)

# --- review pack for clinical sign-off (make review) ---------------------------
# build/review/index.html: every symptom, link, rule, advice item and source in tables that a
# clinical reviewer reads in a browser, offline, without Python (tools/review_pack.py). It needs
# pandas, which the "tools" extra brings: $(TOOLS_STAMP) (above) installs it.
.PHONY: review
REVIEW_PACK := build/review/index.html

review: $(TOOLS_STAMP)
	$(BIN)/python tools/review_pack.py --out $(REVIEW_PACK)

# --- the questions for learning platforms (make lms) ---------------------------------
# build/lms/: the self-checks and the assessment bank as Moodle XML, GIFT, a Canvas package and an
# IMS QTI 2.1 package, with README.txt on importing each (python -m legpain export-quiz).
# The export tests read the GIFT file back with gift-pegjs from npm, installed into build/gift
# (git-ignored) like axe-core; without npm those tests are skipped, except under CI=true.
.PHONY: lms lms-deps
GIFT_PEGJS := 1.0.2
LMS_DIR    := build/lms
LMS_FORMATS := moodle:moodle.xml gift:gift.txt canvas:canvas.zip qti21:qti21.zip

lms: $(LAB_STAMP)
	mkdir -p $(LMS_DIR)
	@set -e; for pair in $(LMS_FORMATS); do \
	  format=$${pair%%:*}; suffix=$${pair#*:}; \
	  $(BIN)/python -m legpain export-quiz --format $$format -o $(LMS_DIR)/legpain-self-checks-$$suffix; \
	  $(BIN)/python -m legpain export-quiz --format $$format --assessment --no-self-checks -o $(LMS_DIR)/legpain-assessment-$$suffix; \
	done
	$(BIN)/python -m legpain.lms.import_notes > $(LMS_DIR)/README.txt

lms-deps:
	@if grep -qs '"version": "$(GIFT_PEGJS)"' build/gift/node_modules/gift-pegjs/package.json; then \
	  echo "lms-deps: gift-pegjs $(GIFT_PEGJS) is installed"; \
	elif command -v npm >/dev/null 2>&1; then \
	  npm install --no-save --no-audit --no-fund --prefix build/gift gift-pegjs@$(GIFT_PEGJS); \
	else \
	  echo "lms-deps: npm is missing, so gift-pegjs cannot be installed: the GIFT parser test will be skipped"; \
	fi

test test-unit: lms-deps
