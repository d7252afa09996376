# The two commands of the README: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint check-migrations browser-deps deploy-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstalled only when a requirements file changes.
$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo $(if $(ADMIN_PASSWORD),--admin-password "$(ADMIN_PASSWORD)")
	$(BIN)/python manage.py create_demo_users --admin-url "http://$(HOST):$(PORT)/admin/"
	@echo ""
	@echo "  The site:  http://$(HOST):$(PORT)/"
	@echo "  The admin: http://$(HOST):$(PORT)/admin/  (sign in with a demo user above, printed on the first run)"
	@echo ""
	$(BIN)/python manage.py serve_with_worker $(HOST):$(PORT)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-migrations: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

# Debian's Chromium and axe-core from npm, for the browser tests; quick when present.
browser-deps:
	scripts/browser-deps

# Debian's nginx (and openssl), for the tests of the reverse proxy in tests/deploy; quick when present.
deploy-deps:
	scripts/deploy-deps

test: $(VENV)/.installed lint check-migrations browser-deps deploy-deps
	$(BIN)/pytest

clean:
	rm -rf $(VENV) node_modules test-artifacts .pytest_cache
