# Two commands: `make demo` and `make test`. Both create .venv (Python 3.11) when missing.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.duckdb

.PHONY: demo test lint install clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB)
	$(BIN)/polybius ingest samples/articles --db $(DEMO_DB)
	$(BIN)/polybius code samples/articles/03_kharkiv_air_strikes.txt samples/articles/13_gaza_ceasefire.txt
	@echo "Stored in $(abspath $(DEMO_DB)); e.g. $(BIN)/python -c \"import duckdb; print(duckdb.connect('$(DEMO_DB)').sql('select cameo, count(*) from events group by 1 order by 2 desc'))\""

test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/pytest

clean:
	rm -rf $(VENV) $(DEMO_DB)
