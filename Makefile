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

.PHONY: env system-deps book serve test lab bench clean vendor

env: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	# JupyterLab opens the chapters' MyST .md files as notebooks (jupytext).
	mkdir -p $(VENV)/share/jupyter/lab/settings
	echo '{"@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}}}' > $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $@

# Things not on PyPI: Debian's chromium (browser tests, PDFs), poppler (PDF checks),
# bubblewrap (sandbox for grading untrusted notebooks). Installed only when missing.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	command -v bwrap >/dev/null || missing="$$missing bubblewrap"; \
	if [ -n "$$missing" ]; then \
	  echo "Installeren met apt-get:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

book: env
	$(BIN)/leerlab boek bouw

serve: book
	@echo "De cursus staat klaar op http://127.0.0.1:$(PORT)/ (stoppen met Ctrl-C)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

test: env system-deps book
	$(BIN)/python -m pytest

lab: env
	$(BIN)/jupyter lab --notebook-dir=$(CURDIR)

bench: env system-deps
	$(BIN)/python bench/build.py
	@for b in bench/*.py; do [ "$$b" = bench/build.py ] || $(BIN)/python $$b; done

clean:
	rm -rf _build .pytest_cache .ruff_cache .mypy_cache exercises/release exercises/submitted exercises/autograded exercises/feedback exercises/gradebook.db

# Refresh the vendored front-end assets from npm (pinned in package.json); the result is committed.
vendor:
	npm install --no-audit --no-fund --silent
	cp node_modules/vega/build/vega.min.js node_modules/vega-lite/build/vega-lite.min.js node_modules/vega-embed/build/vega-embed.min.js book/_vendor/
	cp node_modules/axe-core/axe.min.js tests/vendor/
