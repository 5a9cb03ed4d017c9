#!/usr/bin/env bash
# `make bench`: run every benchmarks/bench_*.py with the services it needs.
set -euo pipefail
REPO_DIR="$(cd "$(dirname "$0")/.." && pwd)"
cd "$REPO_DIR"
export MEDMATCH_PG_PORT="${MEDMATCH_PG_PORT:-5433}" MEDMATCH_REDIS_PORT="${MEDMATCH_REDIS_PORT:-6380}"
export OPENSEARCH_PORT="${OPENSEARCH_PORT:-9201}"
export DJANGO_SETTINGS_MODULE=config.settings.test
export DATABASE_URL="postgres://postgres@127.0.0.1:$MEDMATCH_PG_PORT/medmatch_bench"
export REDIS_URL="redis://127.0.0.1:$MEDMATCH_REDIS_PORT/1"
export OPENSEARCH_URL="http://127.0.0.1:$OPENSEARCH_PORT"
export OPENSEARCH_INDEX_PREFIX="medmatch-bench-"
export PYTHONPATH="$REPO_DIR/backend:$REPO_DIR"

started=()
cleanup() { [ ${#started[@]} -gt 0 ] && scripts/services.sh stop "${started[@]}" || true; }
trap cleanup EXIT
for service in postgres redis opensearch; do
    if ! scripts/services.sh status "$service" >/dev/null 2>&1; then
        scripts/services.sh start "$service"; started+=("$service")
    fi
done
shopt -s nullglob
benches=(benchmarks/bench_*.py)
if [ ${#benches[@]} -eq 0 ]; then
    echo "no benchmarks yet"
    exit 0
fi
for bench in "${benches[@]}"; do
    echo "==> $bench"
    .venv/bin/python "$bench" "$@"
done
