# Wayfinder: `make run` serves the app with demo data; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/wayfinder
CHROMIUM := /usr/bin/chromium

.PHONY: install run test lint typecheck test-sqlite test-postgres browser office pdftotext wrk bench clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed (looked for $(PYTHON))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

install: $(VENV)/.installed node_modules/.installed

# Debian's Chromium for the browser tests: installed with apt-get when we are root, otherwise explained.
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Debian's chromium: run 'sudo apt-get install chromium' and try again."; \
	    if [ "$$CI" = "true" ]; then exit 1; fi; \
	  fi; \
	fi

# LibreOffice (headless) proves that the xlsx and docx files people take away open without repair.
office:
	@if ! command -v soffice >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian's LibreOffice (headless) for the export tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      libreoffice-calc-nogui libreoffice-writer-nogui >/dev/null; \
	  else \
	    echo "The export tests need LibreOffice: run 'sudo apt-get install libreoffice-calc-nogui libreoffice-writer-nogui'."; \
	    if [ "$$CI" = "true" ]; then exit 1; fi; \
	  fi; \
	fi

# poppler's pdftotext reads back the text of the PDFs Wayfinder makes, as a reader would see it.
pdftotext:
	@if ! command -v pdftotext >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian's poppler-utils (pdftotext) for the export tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils >/dev/null; \
	  else \
	    echo "The export tests need pdftotext: run 'sudo apt-get install poppler-utils'."; \
	    if [ "$$CI" = "true" ]; then exit 1; fi; \
	  fi; \
	fi

# Debian's wrk, the load generator behind `make bench`: installed with apt-get when we are root.
wrk:
	@if ! command -v wrk >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian's wrk for the benchmarks"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else \
	    echo "The benchmarks need wrk: run 'sudo apt-get install wrk' and try again."; exit 1; \
	  fi; \
	fi

# England-scale data built once per database (bench/data/, PostgreSQL database wayfinder_bench), served as production
# runs at scale (gunicorn with several workers, Redis on 127.0.0.1:6379 database 15 as the shared cache, the RQ
# worker), wrk as signed-in people; writes BENCHMARKS.md. BENCH_ARGS=--rebuild builds the data again;
# BENCH_ARGS=--port=8766 serves on another port than 8765.
bench: install wrk
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Links in mail and in what seed_demo prints point at the port being served.
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py seed_demo
	@echo "Starting the background worker and Wayfinder on http://127.0.0.1:$(PORT)"
	@trap 'kill 0' EXIT; \
	  $(BIN)/python manage.py worker & \
	  $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy wayfinder tests

# Two processes share the suite (pytest-xdist, each with its own test database; the 20 slowest tests are listed at the
# end, to see where the time goes); the browser tests stay together in
# one of them. The integration tests start workers and one restarts PostgreSQL under everything else, so they run
# afterwards on their own.
PYTEST_PARALLEL := $(BIN)/pytest -n 2 --dist loadgroup -m "not integration" --durations=20
PYTEST_SERIAL := $(BIN)/pytest -m integration

test-sqlite: install browser office pdftotext
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(PYTEST_PARALLEL)
	$(PYTEST_SERIAL)

# The same suite against PostgreSQL when it answers on 127.0.0.1:5432.
test-postgres: install browser office pdftotext
	@if $(BIN)/python -c "import psycopg; psycopg.connect('postgresql://postgres@127.0.0.1:5432/postgres', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "PostgreSQL answers: running the suite against it"; \
	  DATABASE_URL=$(PG_URL) $(PYTEST_PARALLEL) && DATABASE_URL=$(PG_URL) $(PYTEST_SERIAL); \
	else \
	  echo "PostgreSQL is not answering on 127.0.0.1:5432: skipping the PostgreSQL pass"; \
	fi

test: lint typecheck test-sqlite test-postgres

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .mypy_cache .ruff_cache
