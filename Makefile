# Quartiers 2030 en données — the human interface.
# `make site` and `make test` work on a fresh machine with Python 3.11:
# the virtual environment is created from requirements.lock on first use.

PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
NODE   := node_modules/.installed
PORT   ?= 8000
# `make publish`: every release tag, oldest first (each compares its pages with the one
# before it, already built), then main, into one folder per version.
PUBLISH_DIR ?= _build/pages
REFS   ?= $(shell git tag --list 'v[0-9][0-9][0-9][0-9].*' --sort=version:refname 2>/dev/null) main

.PHONY: site test test-fast lint check fix import serve bench pdf publish lock clean help system-deps

help:
	@echo "make site   construit le site dans _build/html"
	@echo "make test   lance tous les tests (lint, unitaires, fidélité, construction, navigateur)"
	@echo "make test-fast  les tests rapides seuls (sans construction ni navigateur)"
	@echo "make check  valide les fichiers de données (sans rien écrire)"
	@echo "make fix    remet au format standard les fichiers enregistrés par Excel (originaux conservés dans _sauvegardes/)"
	@echo "make import RESOURCE=… FICHIER=…  importe un classeur .xlsx ou un CSV d'Excel"
	@echo "make serve  prévisualise le site sur http://127.0.0.1:$(PORT)/"
	@echo "make bench  mesure les temps de construction, Lighthouse et les octets des pages lourdes, la durée des tests"
	@echo "           (BENCH_ARGS=\"--all-pages\" : toutes les pages ; \"--no-browser --no-tests\" : les constructions seules)"
	@echo "make pdf    imprime le site construit en un PDF (Chromium)"
	@echo "make publish  construit les versions (tags vAAAA.N et main) dans $(PUBLISH_DIR)"

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 est requis ($(PYTHON) introuvable)." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# Front-end assets and test tools from the npm registry, pinned with integrity hashes.
$(NODE): package-lock.json
	@tools/system-deps.sh npm
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

site: $(STAMP) $(NODE)
	$(PY) -m quartiers2030 build

# make check FORMAT=github: annotations and job summary for GitHub Actions (CI).
check: $(STAMP)
	$(PY) -m quartiers2030 check $(if $(FORMAT),--format $(FORMAT))

# The files Excel saved, brought back to the canonical form once valid (originals kept in _sauvegardes/).
fix: $(STAMP)
	$(PY) -m quartiers2030 fix

# make import RESOURCE=piliers FICHIER=~/piliers.xlsx [SHEET=Feuil1]
# A programmation names its source: [TITRE=… PRODUCTEUR=… DATE=… ADRESSE=… LICENCE=…]
import: $(STAMP)
	$(PY) -m quartiers2030 import "$(RESOURCE)" "$(FICHIER)" $(if $(SHEET),--sheet "$(SHEET)") \
		$(if $(TITRE),--titre "$(TITRE)") $(if $(PRODUCTEUR),--producteur "$(PRODUCTEUR)") \
		$(if $(DATE),--date "$(DATE)") $(if $(ADRESSE),--adresse "$(ADRESSE)") \
		$(if $(LICENCE),--licence "$(LICENCE)")

# pytest-xdist: one worker more than the cores (tests/conftest.py says what `auto` is);
# files stay whole on one worker (the tests of a module share its copies of the book); the
# full build is made once per run and shared. Files are handed out in the order
# tests/conftest.py gives them (the long builds first), not by size.
JOBS ?= auto

system-deps:
	@tools/system-deps.sh npm chromium java

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/ruff format --check src tests

test: system-deps $(STAMP) $(NODE) lint
	$(PY) -m pytest -n $(JOBS) --dist loadfile --no-loadscope-reorder --durations=10

test-fast: $(STAMP) $(NODE) lint
	$(PY) -m pytest -n $(JOBS) -m "not build and not browser"

serve: $(STAMP)
	$(PY) -m quartiers2030 serve --port $(PORT)

bench: system-deps $(STAMP) $(NODE)
	$(PY) -m quartiers2030.site.bench $(BENCH_ARGS)

pdf: site
	$(PY) -m quartiers2030 pdf

publish: $(STAMP) $(NODE)
	$(PY) -m quartiers2030 publish --out $(PUBLISH_DIR) $(if $(BASE_URL),--base-url $(BASE_URL)) $(REFS)

# Regenerate the lock file (needs `uv`; not part of the normal workflow).
lock:
	uv pip compile pyproject.toml --extra test --python-version 3.11 \
	  --python-platform x86_64-unknown-linux-gnu --generate-hashes --no-header -o requirements.lock

clean:
	rm -rf _build
