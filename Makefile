# Two commands: `make demo` and `make test`. Both create .venv (Python 3.11) when missing.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.duckdb

# The web page's offline basemap: npm packages pinned in web/package-lock.json, copied into the
# package's static files (both gitignored). Rebuilt when the lock file changes.
VENDOR_DIR := src/polybius/web/static/vendor
VENDOR := $(VENDOR_DIR)/countries-110m.json $(VENDOR_DIR)/topojson-client.min.js

.PHONY: demo test lint install clean

$(STAMP): pyproject.toml requirements.lock $(VENDOR)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/python -m polybius.geo  # builds the gazetteer's index once (~20 s), cached in ~/.cache/polybius
	touch $(STAMP)

$(VENDOR) &: web/package.json web/package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install Node.js and npm (apt-get install -y nodejs npm) to vendor the map's basemap" >&2; exit 1; }
	npm ci --prefix web --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR_DIR)
	cp web/node_modules/world-atlas/countries-110m.json web/node_modules/topojson-client/dist/topojson-client.min.js $(VENDOR_DIR)/

install: $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB)
	$(BIN)/polybius ingest src/polybius/samples/articles --db $(DEMO_DB)
	$(BIN)/polybius code src/polybius/samples/articles/03_kharkiv_air_strikes.txt src/polybius/samples/articles/13_gaza_ceasefire.txt
	@echo "Stored in $(abspath $(DEMO_DB)); e.g. $(BIN)/python -c \"import duckdb; print(duckdb.connect('$(DEMO_DB)').sql('select cameo, count(*) from events group by 1 order by 2 desc'))\""

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	@test -x /usr/bin/chromium || echo "NOTE: /usr/bin/chromium not found: the browser tests (tests/web/test_browser.py) will be skipped (apt-get install -y chromium)"
	$(BIN)/pytest

clean:
	rm -rf $(VENV) $(DEMO_DB) web/node_modules $(VENDOR_DIR)
