# One entry point for people and CI: make serve | test | lab | bench | clean | vendor
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
# nbgrader calls alembic by bare name: keep the venv's bin/ on PATH for every target.
export PATH := $(BIN):$(PATH)
export LEERLAB_ROOT := $(CURDIR)
export PYDEVD_DISABLE_FILE_VALIDATION := 1
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PORT ?= 8000

.PHONY: env system-deps book serve preview test lab bench clean vendor

env: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	# Markdown-as-notebook is a setting of `make lab` only (leerlab.commands.lab).
	rm -f $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $@

# configurable-http-proxy for the JupyterHub (deploy/jupyterhub), exact pin in package.json.
# Without npm the rest still works (book with LEERLAB_LITE=0, lab, grading); only the hub
# needs it, so say so instead of stopping.
node_modules/.installed: package.json
	@if command -v npm >/dev/null; then \
		npm install --no-audit --no-fund --no-package-lock --silent && touch $@; \
	else \
		echo "npm ontbreekt: configurable-http-proxy (voor de JupyterHub) is niet geïnstalleerd."; \
	fi

# Things not on PyPI: Debian's chromium (browser tests, PDFs), poppler (PDF checks),
# bubblewrap (sandbox for grading untrusted notebooks), zbar-tools (decodes the live
# session's QR code in tests), postgresql (the live store's test starts its own server),
# npm (the book's JupyterLite site takes the Pyodide runtime from npm).
# Installed only when missing.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	command -v bwrap >/dev/null || missing="$$missing bubblewrap"; \
	command -v zbarimg >/dev/null || missing="$$missing zbar-tools"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  echo "Installeren met apt-get:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

book: env
	$(BIN)/leerlab boek bouw

# UTF-8 in every text response (plain http.server sends .md without a charset).
serve: book
	$(BIN)/python -m leerlab.boek.serveer _build/html --port $(PORT)

# Author's loop: serve on 127.0.0.1, rebuild what an edit affects, reload the open page.
preview: env system-deps
	$(BIN)/python -m leerlab.boek.voorbeeld --port $(PORT)

test: system-deps env book
	$(BIN)/python -m pytest

# The student's view: werkmap/ with the chapters and the student versions (never the
# solutions in exercises/source); --allow-root only when run as root.
lab: env
	$(BIN)/python -m leerlab.commands.lab $(CURDIR)/werkmap

bench: env system-deps
	$(BIN)/python bench/build.py
	@for b in bench/*.py; do [ "$$b" = bench/build.py ] || $(BIN)/python $$b; done

clean:
	rm -rf _build build .pytest_cache .ruff_cache .mypy_cache exercises/release exercises/submitted exercises/autograded exercises/feedback exercises/gradebook.db

# Refresh the vendored front-end assets from npm (pinned in package.json); the result is committed.
vendor:
	npm install --no-audit --no-fund --silent
	cp node_modules/vega/build/vega.min.js node_modules/vega-lite/build/vega-lite.min.js node_modules/vega-embed/build/vega-embed.min.js book/_vendor/
	cp node_modules/axe-core/axe.min.js tests/vendor/
