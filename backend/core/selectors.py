"""Reads that span the whole system."""

import logging
from typing import Any, TypedDict

from django.conf import settings
from django.db import connection
from kombu import Connection

from search import engine
from search.errors import SearchUnavailable

logger = logging.getLogger("core")


class ComponentHealth(TypedDict, total=False):
    status: str
    detail: str


def _database_health() -> ComponentHealth:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001  any driver error means the database is not usable
        logger.warning("health.database_down error=%s", exc)
        return {"status": "down", "detail": f"The database is unavailable: {exc.__class__.__name__}."}
    return {"status": "ok", "detail": connection.vendor}


def _search_health() -> ComponentHealth:
    try:
        cluster = engine.health()
    except SearchUnavailable:
        return {
            "status": "down",
            "detail": "The search engine is unavailable; search is off, writes are kept.",
        }
    if cluster.get("status") == "red":
        return {"status": "down", "detail": "The search cluster is red."}
    return {"status": "ok", "detail": f"cluster {cluster.get('cluster_name')} is {cluster.get('status')}"}


def _broker_health() -> ComponentHealth:
    try:
        with Connection(
            settings.CELERY_BROKER_URL, transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS
        ) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=1, timeout=2)
    except Exception as exc:  # noqa: BLE001  kombu raises many types; all mean "cannot reach the broker"
        logger.warning("health.broker_down error=%s", exc)
        return {
            "status": "down",
            "detail": "The task broker is unavailable; background work is queued in the database.",
        }
    return {"status": "ok", "detail": "reachable"}


def system_health() -> dict[str, Any]:
    """Each component's status; the overall status is 'ok' only if all are."""
    components: dict[str, ComponentHealth] = {
        "database": _database_health(),
        "search": _search_health(),
        "broker": _broker_health(),
    }
    down = [name for name, component in components.items() if component["status"] != "ok"]
    return {
        "status": "ok" if not down else "degraded",
        "down": down,
        "components": components,
    }
