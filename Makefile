# Two commands do everything on a fresh machine: `make report` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The sample vault was written for this day; pinning it keeps its week believable.
EXAMPLE_TODAY := 2026-11-23
VAULT ?= vault-example
REPORT_DIR ?= site
TODAY ?= $(if $(filter vault-example vault-example/,$(VAULT)),$(EXAMPLE_TODAY),)

.PHONY: report test lint format bench mutate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

report: $(VENV)/.installed
	@$(BIN)/notekit --vault $(VAULT) $(if $(TODAY),--today $(TODAY)) report -o $(REPORT_DIR)

test: $(VENV)/.installed-test
	$(BIN)/ruff check notekit tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed-test
	$(BIN)/ruff check notekit tests
	$(BIN)/ruff format --check notekit tests
	$(BIN)/mypy

format: $(VENV)/.installed-test
	$(BIN)/ruff format notekit tests
	$(BIN)/ruff check --fix notekit tests

bench: $(VENV)/.installed
	$(BIN)/python bench/run.py --write docs/performance.md

# Mutation testing of the rules and the write path (see docs/testing.md); takes about an hour.
mutate: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet 'mutmut>=3.2,<4'
	$(BIN)/mutmut run --max-children 2
	$(BIN)/mutmut results

clean:
	rm -rf $(VENV) $(REPORT_DIR) .pytest_cache mutants
