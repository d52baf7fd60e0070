# Two entry points, each doing all the set-up a fresh machine needs:
#   make start   create .venv if missing, install tutor into it, run the tutorial
#   make test    the same set-up, then ruff and the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: start test lint bench clean clients browser

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

test: $(STAMP) clients browser
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n auto

# The tutor serve tests drive Debian's chromium (playwright's own browser
# download cannot work offline). Installed with apt where we can; otherwise a
# message names the package and those tests are skipped (in CI they fail).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "make: installing the Debian package chromium for the browser tests"; \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	      || echo "make: could not install the Debian package chromium; the browser tests will be skipped (apt-get install chromium)"; \
	  else \
	    echo "make: the Debian package chromium is missing; the browser tests will be skipped (as root: apt-get install chromium)"; \
	  fi; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP) clients
	for script in benchmarks/bench_*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist tests/clients/node_modules
