# Every target bootstraps .venv on first use, so a fresh clone needs only `make run` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck format bench demo docs clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/service-journal $(ARGS)

# ruff, and mypy --strict over the core and the app.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict journal tui

typecheck: $(STAMP)
	$(BIN)/mypy --strict journal tui

# The browser tests drive Debian's Chromium (Playwright's own browser download is not used).
# Installed once when missing, as root or through sudo; nothing to do when it is there.
CHROMIUM := /usr/bin/chromium
AS_ROOT := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
$(CHROMIUM):
	@echo "Installing Chromium for the browser tests (apt-get)..."
	$(AS_ROOT) apt-get update -qq
	$(AS_ROOT) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# ruff first (it takes a moment); then mypy runs beside pytest, whose app tests leave the cores
# idle part of the time, and its report follows the tests'. Any of the three failing fails the run.
test: $(STAMP) $(CHROMIUM)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@types=$$(mktemp); \
	$(BIN)/mypy --strict journal tui >"$$types" 2>&1 & mypy=$$!; \
	$(BIN)/python -m pytest $(PYTEST_ARGS); tests=$$?; \
	wait $$mypy; typed=$$?; \
	echo "$(BIN)/mypy --strict journal tui"; cat "$$types"; rm -f "$$types"; \
	test $$tests -eq 0 && test $$typed -eq 0

# Timings against jrnl on generated journals (jrnl and the journals are cached in benchmarks/.work);
# writes docs/benchmarks.md. `make bench SIZES=1000000` for the store-level queries at a million.
SIZES ?= 1000 10000 100000
REPEAT ?= 5
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run --sizes "$(SIZES)" --repeat $(REPEAT)

# A throw-away journal with a month of demo entries; deleted when the app closes. The app shows
# its form at once and writes the month in the background, into a copy of an empty journal kept
# in .venv (rebuilt when a migration or the catalogue changes; a stale one is never copied).
DEMO_TEMPLATE := $(VENV)/demo-template.db
$(DEMO_TEMPLATE): $(STAMP) journal/taxonomy.py $(wildcard journal/migrations/*.py journal/migrations/versions/*.py)
	$(BIN)/python -m journal.db.template $@

demo: $(STAMP) $(DEMO_TEMPLATE)
	@dir=$$(mktemp -d) && \
	$(BIN)/python -m tui.demo "$$dir/demo.db" --template $(DEMO_TEMPLATE); \
	status=$$?; rm -rf "$$dir"; exit $$status

# The example coaching document and the screenshots, from the real program on the demo journal.
docs: $(STAMP)
	$(BIN)/python docs/build.py

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache build *.egg-info
