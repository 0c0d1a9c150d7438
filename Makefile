# The README names these targets. Everything runs inside .venv, created on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: help install reports test pytest lint format pipeline extract clean analyse benchmarks eval distclean

help:
	@echo "make reports     run the whole pipeline on the embedded corpus, site in reports/"
	@echo "make test        lint and every test (builds the site and checks it in Chromium)"
	@echo "make install     create .venv and install the package with its dev tools"
	@echo "make pipeline    extract, clean and analyse into data/processed/"
	@echo "make benchmarks  run every benchmark under benchmarks/ and print its figures"
	@echo "make eval        score the extractor against the hand-annotated gold sets"
	@echo "make format      format and fix lint with ruff"

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

reports: install
	$(BIN)/casualties build --jobs $(JOBS) --out reports

pipeline: extract clean analyse

extract: install
	$(BIN)/casualties extract -o data/processed/claims.csv

clean: install
	$(BIN)/casualties clean data/processed/claims.csv -o data/processed/claims_clean.csv \
	  --quarantine data/processed/claims_rejected.csv

analyse: install
	$(BIN)/casualties analyse data/processed/claims_clean.csv

test: lint pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

pytest: install
	$(BIN)/python -m pytest

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

benchmarks: install
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

eval: install
	$(BIN)/python benchmarks/eval_extract.py

distclean:
	rm -rf $(VENV) data/processed/*.csv reports/*
