# Two commands do all the set-up: `make run` (the app on its embedded defaults) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app tarjotin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test snapshots install translations extract-messages bench clean

# db upgrade brings the thesaurus and municipalities; taxonomy sync adds what a newer taxonomy.json
# ships to an older database; the demo adds only organisations.
run: install translations
	$(FLASK) db upgrade
	$(FLASK) taxonomy sync
	$(FLASK) seed demo --if-empty
	$(FLASK) search rebuild --if-missing
	@echo "Tarjotin: http://$(HOST):$(PORT)/  (e-mail is written to instance/outbox/)"
	$(FLASK) outbox work & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(FLASK) run --host $(HOST) --port $(PORT)

# On every core (pytest-xdist); a module's tests stay on one worker, so they share what they only read.
test: $(VENV)/.installed-test translations
	$(BIN)/python -m pytest -n auto --dist loadscope $(PYTEST_ARGS)

# After a deliberate change to an e-mail: rewrite the stored snapshots, then read `git diff tests/`.
snapshots: $(VENV)/.installed-test translations
	UPDATE_SNAPSHOTS=1 $(BIN)/python -m pytest -q -k snapshot tests

install: $(VENV)/.installed

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[voikko]"
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(VENV)/.installed $@

translations: install
	$(BIN)/pybabel compile --use-fuzzy -d tarjotin/translations >/dev/null

# For maintainers: refresh the catalogues after changing UI strings.
extract-messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_pgettext:1c,2 --ignore-dirs ".* node_modules instance" \
		--no-location --sort-output -o tarjotin/translations/messages.pot .
	$(BIN)/pybabel update --ignore-obsolete -i tarjotin/translations/messages.pot -d tarjotin/translations

bench: install
	$(BIN)/python benchmarks/search_bench.py

clean:
	rm -rf $(VENV) instance
