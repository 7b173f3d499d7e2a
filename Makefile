# Two commands for a new user: `make site` builds the archive from seeds/, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Root installs Debian packages directly; anyone else through sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site convert serve test lint eval install test-deps bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# Convert seeds/ (mkdocs.yml: extra.policy_archive.sources) into docs/ and build the site (MkDocs + Pagefind) into site/.
site: install
	$(BIN)/policy-archive build --docs docs --site site

# Only regenerate docs/ (no site).
convert: install
	$(BIN)/policy-archive build --docs docs --no-site

# Build if needed and serve the site with search on 127.0.0.1 (the address is printed).
serve: install
	$(BIN)/policy-archive serve

$(VENV)/.test-installed: $(VENV)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# The browser tests drive Debian's chromium (Playwright must not download a browser of its own);
# fonts-noto-cjk lets screenshots show Chinese; Node runs the browser scripts' unit tests (node --test).
test-deps: $(VENV)/.test-installed
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "noto sans cjk" || ! command -v node >/dev/null 2>&1; then \
		$(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium fonts-noto-cjk nodejs; \
	fi

# Lint and format check first (ruff, configured in pyproject.toml), then every test.
lint: $(VENV)/.test-installed
	$(BIN)/ruff check
	$(BIN)/ruff format --check

test: test-deps lint
	$(BIN)/python -m pytest

# The pipeline on the real annotated corpus (tests/corpus): per-field accuracy, topics, noise left,
# sentences lost, and every miss (got | want).
eval: install
	$(BIN)/python -m bench.evaluate

bench: $(VENV)/.test-installed
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench

clean:
	rm -rf site .pytest_cache
