# The README names these targets. Everything runs inside .venv, created on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: help install lab reports test test-fast pytest lint check-notebooks lint-workflows format \
	pipeline extract clean-claims analyse benchmarks eval clean distclean notebooks

help:
	@echo "make reports     run the whole pipeline on the embedded corpus, site in reports/"
	@echo "make test        lint and every test (builds the site and checks it in Chromium)"
	@echo "make test-fast   the tests without the slow and browser marks (the edit-test loop)"
	@echo "make install     create .venv and install the package with its dev tools"
	@echo "make lab         open JupyterLab on notebooks/ (installs the lab extra once)"
	@echo "make pipeline    extract, clean and analyse into data/processed/"
	@echo "make benchmarks  run every benchmark under benchmarks/ and print its figures"
	@echo "make eval        score claims and incidents against the hand-annotated gold sets"
	@echo "make format      format and fix lint with ruff"
	@echo "make notebooks   write notebooks/*.ipynb from their sources notebooks/*.py"
	@echo "make clean       delete generated files (data/processed, reports, caches); keeps .venv"
	@echo "make distclean   make clean, and delete .venv"

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# JupyterLab on notebooks/ with this .venv's python3 kernel; LAB_ARGS=--no-browser etc.
LAB_STAMP := $(VENV)/.lab-installed
LAB_ARGS ?=

lab: $(LAB_STAMP)
	cd notebooks && ../$(BIN)/jupyter lab $(LAB_ARGS)

$(LAB_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,lab]"
	touch $(LAB_STAMP)

# CORPUS: article files or folders to read instead of the embedded corpus; PRESET: the
# convention preset, a name or a YAML file (README, "CI").
CORPUS ?=
PRESET ?= default

reports: install
	$(BIN)/casualties build --jobs $(JOBS) --preset $(PRESET) --out reports $(CORPUS)

# One stage each; clean-claims is the clean stage (make clean deletes generated files).
pipeline: extract clean-claims analyse

extract: install
	$(BIN)/casualties extract -o data/processed/claims.csv

clean-claims: install
	$(BIN)/casualties clean data/processed/claims.csv -o data/processed/claims_clean.csv \
	  --quarantine data/processed/claims_rejected.csv

analyse: install
	$(BIN)/casualties analyse data/processed/claims_clean.csv

test: lint pytest

lint: install check-notebooks lint-workflows
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The notebooks' .ipynb from their percent-format sources notebooks/*.py (edit those).
notebooks: install
	$(BIN)/python -m casualties.site.notebooks

# Committed notebooks carry no outputs (Jupyter saves them into the file).
check-notebooks: install
	$(BIN)/python -m casualties.site.nbcheck

# The GitHub Actions workflows (actionlint, from the dev extra).
lint-workflows: install
	$(BIN)/actionlint -no-color -shellcheck $(BIN)/shellcheck -pyflakes= .github/workflows/*.yml

pytest: install
	$(BIN)/python -m pytest

# Leaves out the site builds and the browser: minutes less, for the edit-test loop.
test-fast: install
	$(BIN)/python -m pytest -m "not slow and not browser"

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

benchmarks: install
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# incident sets scored by `make eval` besides the development sets (seed + other)
INCIDENT_SETS = heldout unseen dev3 unseen3 dev4 unseen4 dev5 unseen5 dev6 dev7 unseen6 unseen7

eval: install
	$(BIN)/python benchmarks/eval_extract.py
	$(BIN)/python benchmarks/eval_incidents.py --brief
	@for s in $(INCIDENT_SETS); do $(BIN)/python benchmarks/eval_incidents.py --set $$s --brief || exit 1; done

# Generated files only: never data/raw, data/reference or anything git tracks.
clean:
	find data/processed reports -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
	rm -rf benchmarks/out .pytest_cache .ruff_cache .hypothesis
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
