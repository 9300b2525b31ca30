# Two commands do everything: `make run` and `make test`; `make check` is the quick one.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
export WORKSHOP_DB ?= workshop.db

.PHONY: run demo check test test-deps catalogues catalogue bench bench-load bench-history bench-export bench-canvas clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

## Start the app on $(WORKSHOP_DB); `make run DEMO=1` loads the demo team first.
run: $(VENV)/.installed
	@if [ -n "$(DEMO)" ]; then $(VENV)/bin/workshop demo || true; fi
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

demo: $(VENV)/.installed
	$(VENV)/bin/workshop demo

## Browser tests drive Debian's Chromium and export tests read PDFs with poppler's
## pdftotext; install whichever is missing (needs root).
test-deps: $(VENV)/.test-installed
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing for the tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

## Lint, types and every test that needs no browser, on one worker per core: the quick
## round while working.
check: test-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(PY) -m pytest -n auto --dist worksteal -m "not browser"

## Everything `check` does, then the browser tests one at a time (what CI runs): each
## drives a server and several pages, and two at once on two cores made pages miss
## their waits.
test: check
	$(PY) -m pytest -m browser

## Gather every t(...), tn(...), tp(...) and N_(...) text into workshop/locale/messages.pot and
## bring each language's messages.po up to date with it (new texts come in empty, changed
## ones marked fuzzy for the translator). The .po files are read as they are at run time.
LOCALE := workshop/locale
KEYWORDS := --no-default-keywords -k t -k tn:1,2 -k tp:1c,2 -k N_ -k Nn_:1,2 -k Np_:1c,2
catalogues: $(VENV)/.installed
	$(VENV)/bin/pybabel extract -F babel.cfg $(KEYWORDS) --sort-by-file --width 100 \
		--project workshop --version 0.1.0 --copyright-holder "the workshop authors" \
		--msgid-bugs-address "" -o $(LOCALE)/messages.pot .
	$(VENV)/bin/pybabel update -i $(LOCALE)/messages.pot -d $(LOCALE) -D messages --width 100

## Start a new language's catalogue: `make catalogue LANG_CODE=nb` (then add it to
## LANGUAGES in workshop/i18n.py and translate it with Poedit or any .po editor).
catalogue: $(VENV)/.installed
	$(VENV)/bin/pybabel init -i $(LOCALE)/messages.pot -d $(LOCALE) -D messages \
		-l $(LANG_CODE) --width 100

bench: test-deps
	$(PY) bench/live.py

## Many sessions without browsers: the server on one core, ours against polling.
bench-load: test-deps
	$(PY) bench/load.py

bench-history: test-deps
	$(PY) bench/history.py

bench-export: test-deps
	$(PY) bench/export.py

bench-canvas: test-deps
	$(PY) bench/canvas_clicks.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
