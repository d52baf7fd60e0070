# Two entry points, each doing all the set-up a fresh machine needs:
#   make start   create .venv if missing, install tutor into it, run the tutorial
#   make test    the same set-up, then ruff and the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: start test lint bench clean clients

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

start: $(STAMP)
	$(BIN)/tutor start

# The real programs the export tests feed: Node.js, npm and gift-pegjs (see tests/clients/install.sh).
clients:
	bash tests/clients/install.sh

test: $(STAMP) clients
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n auto

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP) clients
	for script in benchmarks/bench_*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist tests/clients/node_modules
