#!/usr/bin/env bash
# `make run`: the platform on this machine with demo data.
# SQLite and a file-system broker by default; PostgreSQL and Redis when
# DATABASE_URL / REDIS_URL are set. Ctrl-C stops everything it started.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "$0")/.." && pwd)"
cd "$REPO_DIR"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

scripts/bootstrap.sh
say "frontend: building"
(cd frontend && npm run --silent build)

export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.dev}"
export OPENSEARCH_PORT="${OPENSEARCH_PORT:-9201}"
export OPENSEARCH_URL="${OPENSEARCH_URL:-http://127.0.0.1:$OPENSEARCH_PORT}"
PORT="${MEDMATCH_PORT:-8000}"
mkdir -p .run
# E-mail (the confirmation link of a new account, password resets, introductions) is written to
# files in .run/mail unless a backend is configured.
if [ -z "${EMAIL_BACKEND:-}" ]; then
    export EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
    export EMAIL_FILE_PATH="${EMAIL_FILE_PATH:-$REPO_DIR/.run/mail}"
fi
PY=.venv/bin/python
MANAGE="$PY backend/manage.py"

pids=()
started_search=0
cleanup() {
    trap - INT TERM EXIT
    say "stopping"
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    [ "$started_search" = 1 ] && search/node/node.sh stop || true
}
trap cleanup INT TERM EXIT

if ! search/node/node.sh status >/dev/null 2>&1; then
    search/node/node.sh start
    started_search=1
fi

say "database: ${DATABASE_URL:-SQLite in .run/medmatch.sqlite3}"
$MANAGE migrate --noinput
$MANAGE createcachetable
if $MANAGE help seed >/dev/null 2>&1; then
    $MANAGE seed --if-empty
fi
if $MANAGE help search_reindex >/dev/null 2>&1; then
    $MANAGE search_reindex --if-missing || echo "search index not built; search stays unavailable until it is"
fi

say "broker: ${REDIS_URL:-file system in .run/broker}"
(cd backend && exec ../.venv/bin/celery -A config worker -B -Q default,indexing,matching,notifications,certificates,imports \
    --concurrency=2 --loglevel=INFO --schedule="$REPO_DIR/.run/celerybeat-schedule" \
    >"$REPO_DIR/.run/worker.log" 2>&1) &
pids+=($!)

$MANAGE runserver "127.0.0.1:$PORT" --noreload >.run/web.log 2>&1 &
pids+=($!)

for _ in $(seq 1 60); do
    curl -fs "http://127.0.0.1:$PORT/api/v1/health/" >/dev/null 2>&1 && break
    curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/v1/health/" 2>/dev/null | grep -q 503 && break
    sleep 1
done
say "MedMatch is running at http://127.0.0.1:$PORT/  (API docs: http://127.0.0.1:$PORT/api/docs/)"
echo "    logs: .run/web.log .run/worker.log; e-mail: ${EMAIL_FILE_PATH:-$EMAIL_BACKEND}; press Ctrl-C to stop"
wait -n "${pids[@]}" || true
echo "a process exited; see .run/web.log and .run/worker.log" >&2
