#!/usr/bin/env bash
# `make test`: install what is missing, build and test the frontend, lint,
# start PostgreSQL, Redis and OpenSearch, run pytest, and stop what it started.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "$0")/.." && pwd)"
cd "$REPO_DIR"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
started_at=$(date +%s)

scripts/bootstrap.sh

say "frontend: generated API types match the API"
# Built from code with the test settings: needs the venv and npm packages, no services.
env -u DATABASE_URL -u REDIS_URL -u OPENSEARCH_URL scripts/api-types.sh --check

say "frontend: build and unit tests"
(cd frontend && npm run --silent build && npm test --silent)

say "lint: ruff, mypy, ESLint and Prettier"
make --no-print-directory lint

export MEDMATCH_PG_PORT="${MEDMATCH_PG_PORT:-5433}"
export MEDMATCH_REDIS_PORT="${MEDMATCH_REDIS_PORT:-6380}"
export OPENSEARCH_PORT="${OPENSEARCH_PORT:-9201}"
export DJANGO_SETTINGS_MODULE=config.settings.test
export DATABASE_URL="postgres://postgres@127.0.0.1:$MEDMATCH_PG_PORT/medmatch"
export REDIS_URL="redis://127.0.0.1:$MEDMATCH_REDIS_PORT/0"
export OPENSEARCH_URL="http://127.0.0.1:$OPENSEARCH_PORT"
# The suite creates and drops many small indexes; give the node room.
export OPENSEARCH_HEAP="${OPENSEARCH_HEAP:-1536m}"

# Stop only what this run started; services a developer left running stay up.
started=()
cleanup() {
    if [ ${#started[@]} -gt 0 ]; then
        say "stopping ${started[*]}"
        scripts/services.sh stop "${started[@]}" || true
    fi
}
trap cleanup EXIT
for service in postgres redis opensearch; do
    if ! scripts/services.sh status "$service" >/dev/null 2>&1; then
        scripts/services.sh start "$service"
        started+=("$service")
    else
        echo "$service: already running, left as it is"
    fi
done

say "pytest"
.venv/bin/pytest "$@"
say "make test passed in $(( $(date +%s) - started_at )) s"
