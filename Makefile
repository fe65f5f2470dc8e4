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

# Issue 10 first: the synthetic worlds S and M (generated once per engine, PostgreSQL too when
# it answers on 127.0.0.1:5432), their pages under gunicorn against a bare view, queries per
# page and growth M/S, aggregates ORM/SQL, export memory and query plans (bench/world.py).
# Then the API's initiative list, the social-capital figures, the funder report at two sizes
# and the import of 10,000 rows of figures. bench/run.py (one demo agency topped up) and
# bench/financing_mix.py run by hand. See bench/README.md.
SIZE ?= S
# Every benchmark runs; the exit status is 1 when any missed a goal.
bench: install
	@status=0; \
	$(BIN)/python bench/world.py --size $(SIZE) || status=1; \
	$(BIN)/python bench/api.py --size S || status=1; \
	$(BIN)/python bench/social_capital.py || status=1; \
	$(BIN)/python bench/funder_report.py || status=1; \
	$(BIN)/python bench/figures_import.py || status=1; \
	exit $$status

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
