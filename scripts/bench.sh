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
# SCALE: products in each benchmark's database (make bench SCALE=N); small by default.
SCALE="${SCALE:-1500}"
demo_scale=$(python3 -c "print(max(0.2, $SCALE / 300))")
percolate_at=$(( SCALE * 30 > 100000 ? 100000 : (SCALE * 30 < 10000 ? 10000 : SCALE * 30) ))
parts="$(mktemp -d)"
trap 'rm -rf "$parts"; cleanup' EXIT
echo "==> benchmarks/bench_indexing.py (SCALE=$SCALE products)"
.venv/bin/python benchmarks/bench_indexing.py --products "$SCALE" --baseline-cap "$(( SCALE < 5000 ? SCALE : 5000 ))" \
    --compare "$(( SCALE < 5000 ? SCALE : 5000 ))" --json "$parts/indexing.json" "$@"
echo "==> benchmarks/bench_matching.py"
.venv/bin/python benchmarks/bench_matching.py --scale "$demo_scale" --forward-samples 40 --reverse-samples 20 \
    --percolate-at "$percolate_at" --json "$parts/matching.json"
echo "==> benchmarks/bench_freshness.py (API write → searchable / → proposals, worker on each broker)"
.venv/bin/python benchmarks/bench_freshness.py --scale "$(python3 -c "print(min(1.0, $demo_scale))")" --samples 30 \
    --json "$parts/freshness.json"
echo "==> benchmarks/bench_search.py (in-process clients)"
.venv/bin/python benchmarks/bench_search.py --scale "$demo_scale" --json "$parts/search.json"
echo "==> benchmarks/bench_http.py (gunicorn + locust, 4 and 16 clients)"
.venv/bin/python benchmarks/bench_http.py --scale "$demo_scale" --port "${MEDMATCH_BENCH_PORT:-8105}" \
    --json "$parts/http.json"
.venv/bin/python -m benchmarks.report --scale "$SCALE" "$parts"
