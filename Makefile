# Kiezwerk: `make run` starts the product, `make test` runs the tests. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)

.PHONY: install run test test-fast lint format messages demo bench clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

# Migrate, load the demo world into an empty database, and serve through gunicorn with the
# background worker beside it. Ctrl+C stops both.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --if-empty
	$(BIN)/python manage.py collectstatic --noinput -v0
	@echo "Kiezwerk runs on http://127.0.0.1:$(PORT)/ (Ctrl+C stops it)"
	@$(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn kiezwerk.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile -

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint kiezwerk --lint
	$(BIN)/bandit -c pyproject.toml -r kiezwerk -q

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the German catalogue after changing visible strings, then translate and compile.
messages: install
	$(BIN)/python manage.py makemessages -l de --no-obsolete --ignore=.venv --ignore=staticfiles
	$(BIN)/python manage.py compilemessages -l de --ignore=.venv

demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

# Throughput of back-office pages against a bare view under gunicorn, then of the API's
# initiative list against a bare JSON endpoint (with its queries per page), then the social-capital
# computation for 2,000 actors and 20,000 ties against its 2 s budget, then the financing mix
# of 500 enterprises over ten years in the ORM against hand-written SQL (see bench/README.md).
# Then the funder report at 375 and 1,500 enterprises: its queries, time and memory per file.
# Last, the import of 1,000 and 10,000 rows of figures: queries per chunk, memory, a broken row.
# SIZE S = 5,000 initiatives, M = 20,000, L = 100,000.
SIZE ?= S
bench: install
	$(BIN)/python bench/run.py --size $(SIZE)
	$(BIN)/python bench/api.py --size $(SIZE)
	$(BIN)/python bench/social_capital.py
	$(BIN)/python bench/financing_mix.py
	$(BIN)/python bench/funder_report.py
	$(BIN)/python bench/figures_import.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
