"""Reads that span the whole system."""

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, TypedDict

from django.conf import settings
from django.db import connection
from django.db.models import Max
from django.utils import timezone
from kombu import Connection

from core.models import Heartbeat, HeartbeatComponent
from search import engine
from search.errors import SearchUnavailable

logger = logging.getLogger("core")

# Health answers within this many seconds whatever is down: each probe has a shorter limit.
HEALTH_BUDGET_SECONDS = 1.6
# Probes of the network services run in threads, in parallel with the database checks.
_probes = ThreadPoolExecutor(max_workers=4, thread_name_prefix="health")


class ComponentHealth(TypedDict, total=False):
    """One component's status ("ok" or "down") and what it measured."""

    status: str
    detail: str
    age_seconds: float | None
    pending: int
    parked: int
    oldest_age_seconds: float | None


def _database_health() -> ComponentHealth:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001  any driver error means the database is not usable
        logger.warning("health.database_down error=%s", exc.__class__.__name__)
        connection.close_if_unusable_or_obsolete()
        return {"status": "down", "detail": f"The database is unavailable: {exc.__class__.__name__}."}
    return {"status": "ok", "detail": connection.vendor}


def _search_health() -> ComponentHealth:
    try:
        cluster = engine.health(timeout=HEALTH_BUDGET_SECONDS - 0.2)
    except SearchUnavailable:
        return {
            "status": "down",
            "detail": "The search engine is unavailable; search is off, writes are kept.",
        }
    if cluster.get("status") == "red":
        return {"status": "down", "detail": "The search cluster is red."}
    return {
        "status": "ok",
        "detail": f"cluster {cluster.get('cluster_name')} is {cluster.get('status')}"
        f" ({cluster.get('number_of_nodes')} node(s))",
    }


def _broker_health() -> ComponentHealth:
    try:
        with Connection(
            settings.CELERY_BROKER_URL,
            transport_options={
                **settings.CELERY_BROKER_TRANSPORT_OPTIONS,
                "socket_connect_timeout": 1,
                "socket_timeout": 1,
            },
            connect_timeout=1,
        ) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=1)
    except Exception as exc:  # noqa: BLE001  kombu raises many types; all mean "cannot reach the broker"
        logger.warning("health.broker_down error=%s", exc.__class__.__name__)
        return {
            "status": "down",
            "detail": "The task broker is unavailable; background work is queued in the database.",
        }
    return {"status": "ok", "detail": "reachable"}


def _heartbeat_health(component: HeartbeatComponent) -> ComponentHealth:
    """Alive if the freshest heartbeat of ``component`` is younger than the stale limit."""
    last = Heartbeat.objects.filter(component=component).aggregate(last=Max("seen_at"))["last"]
    limit = float(settings.MEDMATCH_HEARTBEAT_STALE_SECONDS)
    if last is None:
        return {"status": "down", "detail": f"No {component} has ever reported.", "age_seconds": None}
    age = round((timezone.now() - last).total_seconds(), 1)
    if age > limit:
        return {
            "status": "down",
            "detail": f"The last {component} heartbeat is {age:.0f} s old (limit {limit:.0f} s).",
            "age_seconds": age,
        }
    return {"status": "ok", "detail": f"last heartbeat {age:.0f} s ago", "age_seconds": age}


# Checks that other apps register from their AppConfig.ready (the outbox backlog), so that core,
# the bottom layer, imports none of them. Each reads the database: name -> (label, check).
_database_checks: dict[str, tuple[str, Callable[[], ComponentHealth]]] = {}


def health_check_register(*, name: str, label: str, check: Callable[[], ComponentHealth]) -> None:
    """Add ``check`` to the health report as component ``name`` (run only while the database is up)."""
    _database_checks[name] = (label, check)


def _unknown(name: str) -> ComponentHealth:
    return {"status": "down", "detail": f"The {name} cannot be checked while the database is down."}


def system_health() -> dict[str, Any]:
    """Each component's status; the overall status is 'ok' only if all are.

    Answers within about HEALTH_BUDGET_SECONDS whatever is down: the search engine and the
    broker are probed in parallel threads with short time-outs while the database is checked.
    """
    deadline = time.monotonic() + HEALTH_BUDGET_SECONDS
    futures = {"search": _probes.submit(_search_health), "broker": _probes.submit(_broker_health)}
    components: dict[str, ComponentHealth] = {"database": _database_health()}
    for name, future in futures.items():
        try:
            components[name] = future.result(timeout=max(0.05, deadline - time.monotonic()))
        except FutureTimeout:
            components[name] = {"status": "down", "detail": f"The {name} did not answer in time."}
    if components["database"]["status"] == "ok":
        components["worker"] = _heartbeat_health(HeartbeatComponent.WORKER)
        components["beat"] = _heartbeat_health(HeartbeatComponent.BEAT)
        for name, (_label, check) in _database_checks.items():
            components[name] = check()
    else:
        components["worker"] = _unknown("worker heartbeat")
        components["beat"] = _unknown("beat heartbeat")
        for name, (label, _check) in _database_checks.items():
            components[name] = _unknown(label)
    down = [name for name, component in components.items() if component["status"] != "ok"]
    return {
        "status": "ok" if not down else "degraded",
        "down": down,
        "components": components,
    }
