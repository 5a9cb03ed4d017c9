# MedMatch. The two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test test-faults test-fuzz lint format bench deps audit frontend api-types search-start search-stop search-health \
        services-start services-stop clean

run: ## Bring the platform up on this machine with demo data
	scripts/run.sh

test: ## Install what is missing, start services, run every test, stop them
	scripts/test.sh

test-faults: ## Every fault test (tests/faults): each part killed mid-burst, nothing lost
	MEDMATCH_FAULTS=full scripts/test.sh tests/faults -p no:cacheprovider

test-fuzz: ## schemathesis over every API operation and role, 50 cases each (make test draws 2)
	MEDMATCH_FUZZ_CASES=$${MEDMATCH_FUZZ_CASES:-50} scripts/test.sh tests/test_schema_fuzz.py -s -p no:cacheprovider

deps: ## Install system packages, the virtualenv, npm packages and the OpenSearch jars
	scripts/bootstrap.sh

lint: ## ruff (lint and format check), mypy, the import contracts, ESLint + Prettier, and the dependency audit
	$(VENV)/bin/ruff check backend search tests benchmarks conftest.py
	$(VENV)/bin/ruff format --check backend search tests benchmarks conftest.py
	$(VENV)/bin/mypy backend search
	PYTHONPATH=backend:. $(VENV)/bin/lint-imports --no-cache --no-logo
	cd frontend && npm run --silent lint
	scripts/audit.sh

# Also the last step of lint. A known vulnerability fails it; an advisory service that cannot be
# reached (a sandboxed machine) prints "dependency audit skipped: <service> unreachable" and passes.
audit: ## Known vulnerabilities in the installed Python packages and the npm lockfile
	scripts/audit.sh

format:
	$(VENV)/bin/ruff check --fix backend search tests benchmarks conftest.py
	$(VENV)/bin/ruff format backend search tests benchmarks conftest.py
	cd frontend && npm run --silent format

api-types: ## Regenerate frontend/src/api/schema.gen.ts from the API's OpenAPI schema
	scripts/api-types.sh

frontend: ## Build the single-page app into frontend/dist
	scripts/bootstrap.sh frontend
	cd frontend && npm run build

bench: ## Benchmarks; each prints ratios against a baseline measured in the same run
	scripts/bootstrap.sh
	SCALE=$(SCALE) scripts/bench.sh

search-start: ## Start the local OpenSearch node (OPENSEARCH_PORT, default 9201)
	search/node/node.sh start

search-stop:
	search/node/node.sh stop

search-health:
	search/node/node.sh status

services-start: ## PostgreSQL, Redis and OpenSearch on 127.0.0.1
	scripts/services.sh start

services-stop:
	scripts/services.sh stop

clean: services-stop
	rm -rf .run staticfiles frontend/dist
