# The two set-up commands (see README): `make examples` and `make test`.
# Each works on a fresh clone: it makes the virtual environment and installs what it needs.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: examples test test-latest lock docs lint libreoffice chromium python-venv schema template benchmarks

examples: $(VENV)/.installed libreoffice
	$(BIN)/reportgen build reports/examples/*.yaml --out-dir out --to docx,pdf
	$(BIN)/reportgen pack reports/meetings/2022-03-14/meeting.yaml -o out
	$(BIN)/reportgen data reports/meetings/2022-03-14/meeting.yaml -o out/data
	$(BIN)/reportgen forward-plan reports/meetings --from 2022-03-01 --to 2022-04-30 -o out/forward-plan.pdf
	$(BIN)/reportgen register reports/meetings -o out/data/register.json --today 2022-03-14
	$(BIN)/reportgen register reports/meetings -o out/register.pdf --today 2022-03-14
	$(BIN)/reportgen decisions reports/meetings/2022-01-24/minutes.yaml -o out/decisions --to docx,pdf
	$(BIN)/reportgen decisions reports/meetings/2022-03-14/minutes.yaml -o out/decisions --to docx,pdf
	$(BIN)/reportgen site reports/meetings -o out/site
	$(BIN)/reportgen build reports/kingsmere/2026-11-19/3*.yaml --out-dir out/kingsmere --to docx,pdf,html
	$(BIN)/reportgen pack reports/kingsmere/2026-11-19/meeting.yaml -o out/kingsmere

test: $(VENV)/.installed-dev libreoffice chromium
	$(MAKE) --no-print-directory checks BIN=$(BIN)

# the checks themselves, run by `test` (the lock) and `test-latest` (the newest releases)
checks:
	$(BIN)/ruff check reportgen tests tools benchmarks
	$(BIN)/ruff format --check reportgen tests tools benchmarks
	$(BIN)/mypy
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir $(SITE)
	$(BIN)/pytest

# Installs exactly what the lock names (requirements/, hash-checked), then reportgen itself,
# editable and built with the locked setuptools: nothing unpinned is fetched.
$(VENV)/.installed: requirements/runtime.txt pyproject.toml | python-venv
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/runtime.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt pyproject.toml | python-venv
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@ $(VENV)/.installed

# The same checks against the newest releases pyproject.toml's ranges allow, in a separate
# environment, so that a breaking release is found here rather than by a council.
LATEST := .venv-latest
test-latest: libreoffice chromium | python-venv
	rm -rf $(LATEST)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/pip install --quiet --upgrade pip
	$(LATEST)/bin/pip install --quiet --upgrade --upgrade-strategy eager -e '.[dev]' -r requirements/build.in
	$(LATEST)/bin/pip list --format=freeze > $(LATEST)/versions.txt
	$(MAKE) --no-print-directory checks BIN=$(LATEST)/bin

# Refreshes the lock from pyproject.toml: the newest releases its ranges allow, for every
# platform, with hashes. uv itself is pinned and kept in a folder of its own.
UV_VERSION := 0.13.9
UV := .venv-uv/bin/uv
LOCK := $(UV) pip compile --quiet --universal --generate-hashes --python-version 3.11 --upgrade \
	--custom-compile-command 'make lock'
lock: | python-venv
	[ -x $(UV) ] && $(UV) --version | grep -q ' $(UV_VERSION) ' || \
	  { $(PYTHON) -m venv .venv-uv && .venv-uv/bin/pip install --quiet uv==$(UV_VERSION); }
	$(LOCK) pyproject.toml requirements/build.in -o requirements/runtime.txt
	$(LOCK) --extra dev pyproject.toml requirements/build.in -o requirements/dev.txt

# The documentation site, from docs/ (mkdocs.yml; tools/docs_hooks.py generates the pages of
# the file formats and problem codes, and publishes the schemas): site/index.html. Strict, so a
# broken link or anchor, or a problem code without an entry, fails; never with --quiet, with
# which mkdocs 1.6 drops the warnings before strict mode counts them.
SITE := site
docs: $(VENV)/.installed-dev
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir $(SITE)

# Debian packages, installed when missing if we are root on Debian or Ubuntu; otherwise the
# command to run is printed. $(call apt-install,PACKAGES)
define apt-install
if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; \
else \
  echo "Needed: sudo apt-get install -y $(1)" >&2; exit 1; \
fi
endef

# Debian's Python makes virtual environments only with python3-venv.
python-venv:
	@$(PYTHON) -c "import ensurepip" >/dev/null 2>&1 || { $(call apt-install,python3-venv); }

# LibreOffice makes the PDFs, and exports the built reports to text and PDF for the tests;
# Liberation fonts stand in for Arial. REPORTGEN_SOFFICE names another LibreOffice. The tests
# read packs page by page with poppler's pdftotext.
libreoffice:
	@[ -n "$$REPORTGEN_SOFFICE" ] || command -v soffice >/dev/null 2>&1 || \
	  command -v libreoffice >/dev/null 2>&1 || \
	  { $(call apt-install,libreoffice-writer-nogui fonts-liberation2); }
	@command -v pdftotext >/dev/null 2>&1 || { $(call apt-install,poppler-utils); }

# The HTML edition's accessibility test runs axe-core (pinned in tests/writers/html/package.json)
# in Debian's chromium, driven by playwright; `playwright install` is never needed.
AXE_DIR := tests/writers/html
chromium:
	@command -v chromium >/dev/null 2>&1 || { $(call apt-install,chromium); }
	@command -v npm >/dev/null 2>&1 || { $(call apt-install,npm); }
	@[ -f $(AXE_DIR)/node_modules/axe-core/axe.min.js ] || \
	  (cd $(AXE_DIR) && npm ci --no-audit --no-fund --silent)

# Maintainer commands: regenerate what is generated from the code.
schema: $(VENV)/.installed
	for kind in $$($(BIN)/python -c 'from reportgen.kinds import SCHEMA_KINDS; print(*SCHEMA_KINDS)'); do \
	  $(BIN)/reportgen schema --kind $$kind -o reportgen/schemas/$$kind.schema.json; done
	$(BIN)/python -m reportgen.data_schemas reportgen/schemas

template: $(VENV)/.installed
	$(BIN)/python tools/make_report_template.py
	$(BIN)/python tools/kingsmere_template.py

# The speed benchmarks, side by side with pandoc, python-docx and LibreOffice: docs/performance.md
benchmarks: $(VENV)/.installed-dev libreoffice
	@command -v pandoc >/dev/null 2>&1 || { $(call apt-install,pandoc); }
	$(BIN)/python benchmarks/run.py
