# The two set-up commands (see README): `make examples` and `make test`.
# Each works on a fresh clone: it makes the virtual environment and installs what it needs.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: examples test lint libreoffice schema template

examples: $(VENV)/.installed
	$(BIN)/reportgen build reports/examples/*.yaml --out-dir out

test: $(VENV)/.installed-dev libreoffice
	$(BIN)/ruff check reportgen tests tools
	$(BIN)/ruff format --check reportgen tests tools
	$(BIN)/mypy
	$(BIN)/pytest

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

# LibreOffice exports the built reports to text and PDF for the tests.
libreoffice:
	@command -v soffice >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      libreoffice-writer-nogui fonts-liberation2 >/dev/null; \
	  else \
	    echo "LibreOffice is needed: sudo apt-get install -y libreoffice-writer-nogui fonts-liberation2" >&2; \
	    exit 1; \
	  fi; }

# Maintainer commands: regenerate what is generated from the code.
schema: $(VENV)/.installed
	$(BIN)/reportgen schema -o schema/report.schema.json

template: $(VENV)/.installed
	$(BIN)/python tools/make_report_template.py
