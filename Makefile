# The quick start is `make run` and `make test`; .ci/run calls `make lint test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB_URL ?= sqlite:///var/bounced.db

.PHONY: install run migrate test test-fast lint format cov bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(STAMP)

install: $(STAMP)

migrate: $(STAMP)
	$(BIN)/bounced db upgrade

run: migrate
	$(BIN)/bounced serve

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check bounced tests bench migrations
	$(BIN)/ruff format --check bounced tests bench migrations
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix bounced tests bench migrations
	$(BIN)/ruff format bounced tests bench migrations

cov: $(STAMP)
	$(BIN)/python -m pip install --quiet 'coverage[toml]>=7'
	$(BIN)/python -m coverage run -m pytest $(PYTEST_ARGS)
	$(BIN)/python -m coverage report

bench: $(STAMP)
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/accuracy.py
	$(BIN)/python bench/parse_speed.py
	$(BIN)/python bench/suppression_check.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
