# Two commands do everything on a fresh machine: `make report` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The sample vault was written for this day; pinning it keeps its week believable.
EXAMPLE_TODAY := 2026-11-23
VAULT ?= vault-example
REPORT_DIR ?= site
FUZZED := linkedin_exports vcard_files google_csv_files calendar_files  # tests/interop/test_fuzz.py
TODAY ?= $(if $(filter vault-example vault-example/,$(VAULT)),$(EXAMPLE_TODAY),)

.PHONY: report test wheel-check lint format bench mutate fuzz golden clean $(addprefix fuzz-,$(FUZZED))

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
	$(BIN)/ruff check notekit tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q
	$(MAKE) --no-print-directory wheel-check

# What users install, not the checkout: the wheel, built from a copy of the files git has (no
# build/ or egg-info left over to fill gaps), in a venv of its own, builds the report of the
# sample vault and answers `due`; a file left out of the wheel fails here.
WHEEL_DIR := build/wheel-check
wheel-check: $(BIN)/python
	rm -rf $(WHEEL_DIR)
	mkdir -p $(WHEEL_DIR)/source
	git ls-files --cached --others --exclude-standard -z | xargs -0 tar -cf - | tar -xf - -C $(WHEEL_DIR)/source
	$(BIN)/python -m pip wheel --quiet --no-deps --wheel-dir $(WHEEL_DIR)/dist $(WHEEL_DIR)/source
	$(PYTHON) -m venv $(WHEEL_DIR)/venv
	$(WHEEL_DIR)/venv/bin/python -m pip install --quiet $(WHEEL_DIR)/dist/*.whl
	cd $(WHEEL_DIR) && venv/bin/notekit --vault $(CURDIR)/vault-example --today $(EXAMPLE_TODAY) \
		report -o site >/dev/null && test -s site/people/ana-costa.html && test -s site/app.js
	cd $(WHEEL_DIR) && venv/bin/notekit --vault $(CURDIR)/vault-example --today $(EXAMPLE_TODAY) \
		due --json | venv/bin/python -c "import json, sys; assert json.load(sys.stdin)['due']"
	cd $(WHEEL_DIR) && venv/bin/notekit --vault $(CURDIR)/vault-example --today $(EXAMPLE_TODAY) \
		draft "Ana Costa" | grep -q "^Hi Ana,"
	$(WHEEL_DIR)/venv/bin/python -c "from importlib.resources import files; \
		assert files('notekit.site').joinpath('templates/draft/fr/_phrases.md').is_file()"
	@echo "wheel-check: the installed wheel builds the report, answers due and drafts (in French too)"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check notekit tests bench
	$(BIN)/ruff format --check notekit tests bench
	$(BIN)/mypy

format: $(VENV)/.installed-test
	$(BIN)/ruff format notekit tests
	$(BIN)/ruff check --fix notekit tests

# Every importer fed 10,000 generated files (tests/interop/test_fuzz.py), each within 2 s, two importers
# at a time; about 20 minutes on two cores
fuzz: $(VENV)/.installed-test
	$(MAKE) --no-print-directory -j2 $(addprefix fuzz-,$(FUZZED))

$(addprefix fuzz-,$(FUZZED)): fuzz-%: $(VENV)/.installed-test
	NOTEKIT_FUZZ_EXAMPLES=10000 $(BIN)/python -m pytest -q -p no:cacheprovider \
		tests/interop/test_fuzz.py::test_$*

# The parser's golden files, rewritten after a deliberate change (review the diff)
golden: $(VENV)/.installed-test
	$(BIN)/python tests/update_golden.py

bench: $(VENV)/.installed
	$(BIN)/python bench/run.py --write docs/performance.md

# Mutation testing of the rules and the write path (see docs/testing.md); takes about an hour.
mutate: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet 'mutmut>=3.2,<4'
	$(BIN)/mutmut run --max-children 2
	$(BIN)/python tests/mutation_report.py

clean:
	rm -rf $(VENV) $(REPORT_DIR) .pytest_cache mutants build
