#!/usr/bin/env bash
# Start and stop the local services the tests and `make run` need:
# PostgreSQL, Redis and the OpenSearch node. Each binds to 127.0.0.1 only.
#
#   scripts/services.sh start|stop|status|crash [postgres|redis|opensearch ...]
#
# `crash` stops a service the hard way: an immediate shutdown for PostgreSQL (no checkpoint,
# recovery from the WAL on the next start), kill -9 for Redis and the node.
#
# MEDMATCH_PG_DURABLE=1 runs PostgreSQL with fsync and synchronous commit (what the fault tests
# measure: an acknowledged write survives an immediate stop). Without it the throwaway test
# database trades durability for speed. Redis always keeps its append-only file, as in compose.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "$0")/.." && pwd)"
RUN_DIR="${MEDMATCH_RUN_DIR:-$REPO_DIR/.run}"
PG_PORT="${MEDMATCH_PG_PORT:-5433}"
# PostgreSQL runs as the postgres user when we are root, so its files live in a
# folder that user can reach (a clone's own folder may be private to root).
PG_DIR="${MEDMATCH_PG_DIR:-/tmp/medmatch-pg-$PG_PORT}"
REDIS_PORT="${MEDMATCH_REDIS_PORT:-6380}"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"

mkdir -p "$RUN_DIR"

as_pg() {
    # From /, since the postgres user may not be allowed into the current folder.
    if [ "$(id -u)" = "0" ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

pg_start() {
    if [ ! -s "$PG_DIR/data/PG_VERSION" ]; then
        echo "postgres: initialising a cluster in $PG_DIR"
        mkdir -p "$PG_DIR"
        [ "$(id -u)" = "0" ] && chown postgres:postgres "$PG_DIR"
        as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
        echo "postgres: already running on 127.0.0.1:$PG_PORT"
        return
    fi
    local tuning="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${MEDMATCH_PG_DURABLE:-0}" = 1 ] && tuning="-c fsync=on -c synchronous_commit=on -c full_page_writes=on"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 120 \
        -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200 $tuning" \
        start >/dev/null
    echo "postgres: running on 127.0.0.1:$PG_PORT${MEDMATCH_PG_DURABLE:+ (durable)}"
}

pg_stop() {
    if [ -s "$PG_DIR/data/PG_VERSION" ] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
        as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null
        echo "postgres: stopped"
    fi
}

pg_status() { as_pg "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT"; }

pg_crash() {
    if [ -s "$PG_DIR/data/PG_VERSION" ] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
        as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null
        echo "postgres: stopped immediately"
    fi
}

redis_start() {
    mkdir -p "$RUN_DIR/redis"
    if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
        echo "redis: already running on 127.0.0.1:$REDIS_PORT"
        return
    fi
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes \
        --dir "$RUN_DIR/redis" --pidfile "$RUN_DIR/redis/redis.pid" \
        --logfile "$RUN_DIR/redis/redis.log" --save "" --appendonly yes --appendfsync everysec
    for _ in $(seq 1 50); do
        redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && { echo "redis: running on 127.0.0.1:$REDIS_PORT"; return; }
        sleep 0.1
    done
    echo "redis: did not start; see $RUN_DIR/redis/redis.log" >&2
    return 1
}

redis_stop() {
    if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
        redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
        echo "redis: stopped"
    fi
}

redis_status() { redis-cli -p "$REDIS_PORT" ping; }

redis_crash() {
    local pid
    pid="$(cat "$RUN_DIR/redis/redis.pid" 2>/dev/null || true)"
    if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
        kill -9 "$pid"
        rm -f "$RUN_DIR/redis/redis.pid"
        echo "redis: killed"
    fi
}

opensearch_start() { "$REPO_DIR/search/node/node.sh" start; }
opensearch_stop() { "$REPO_DIR/search/node/node.sh" stop; }
opensearch_status() { "$REPO_DIR/search/node/node.sh" status; }
opensearch_crash() { "$REPO_DIR/search/node/node.sh" kill; }

action="${1:-}"
shift || true
services=("$@")
[ ${#services[@]} -eq 0 ] && services=(postgres redis opensearch)

case "$action" in
    start | stop | status | crash) ;;
    *) echo "usage: $0 start|stop|status|crash [postgres|redis|opensearch ...]" >&2; exit 2 ;;
esac

for service in "${services[@]}"; do
    case "$service" in
        postgres) "pg_$action" ;;
        redis) "redis_$action" ;;
        opensearch) "opensearch_$action" ;;
        *) echo "unknown service: $service" >&2; exit 2 ;;
    esac
done
