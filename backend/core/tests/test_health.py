import socket
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from core.models import Heartbeat, HeartbeatComponent
from outbox.models import OutboxEntry
from search.client import _cached_client

pytestmark = pytest.mark.django_db

COMPONENTS = {"database", "search", "broker", "worker", "beat", "outbox"}


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def black_hole() -> Iterator[int]:
    """A port that accepts TCP connections and never answers (a hung server, not a refused port)."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()


def test_health_reports_every_component_ok(api: APIClient, live_heartbeats: None) -> None:
    response = api.get("/api/v1/health/")

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "ok"
    assert body["down"] == []
    assert set(body["components"]) == COMPONENTS
    assert all(component["status"] == "ok" for component in body["components"].values())
    assert 0 <= body["components"]["worker"]["age_seconds"] < 5
    assert 0 <= body["components"]["beat"]["age_seconds"] < 5
    assert body["components"]["outbox"]["pending"] == 0


def test_health_names_the_search_engine_when_it_is_down(
    api: APIClient, settings: object, live_heartbeats: None
) -> None:
    from django.conf import settings as django_settings

    unreachable = {**django_settings.OPENSEARCH, "url": "http://127.0.0.1:1", "timeout": 1}
    with override_settings(OPENSEARCH=unreachable):
        response = api.get("/api/v1/health/")
    _cached_client.cache_clear()

    assert response.status_code == 503
    body = response.json()
    assert body["down"] == ["search"]
    assert body["components"]["search"]["status"] == "down"
    assert "search engine is unavailable" in body["components"]["search"]["detail"]
    assert body["components"]["database"]["status"] == "ok"


def test_health_names_the_broker_when_it_is_down(api: APIClient, live_heartbeats: None) -> None:
    with override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0"):
        response = api.get("/api/v1/health/")

    assert response.status_code == 503
    body = response.json()
    assert body["down"] == ["broker"]
    assert "broker is unavailable" in body["components"]["broker"]["detail"]


def test_health_names_a_dead_worker_and_beat_with_the_age_of_their_last_heartbeat(
    api: APIClient, live_heartbeats: None, settings: object
) -> None:
    Heartbeat.objects.update(seen_at=timezone.now() - timedelta(seconds=600))

    response = api.get("/api/v1/health/")

    assert response.status_code == 503
    body = response.json()
    assert body["down"] == ["worker", "beat"]
    for name in ("worker", "beat"):
        assert body["components"][name]["status"] == "down"
        assert 599 <= body["components"][name]["age_seconds"] < 620
        assert "600 s old" in body["components"][name]["detail"]


def test_health_without_any_heartbeat_says_no_worker_ever_reported(api: APIClient) -> None:
    # The suite's live test worker writes heartbeats outside this test's transaction; start from none.
    Heartbeat.objects.all().delete()
    response = api.get("/api/v1/health/")

    body = response.json()
    assert response.status_code == 503
    assert {"worker", "beat"} <= set(body["down"])
    assert body["components"]["worker"]["age_seconds"] is None
    assert Heartbeat.objects.filter(component=HeartbeatComponent.WORKER).count() == 0


def test_health_reports_the_outbox_backlog_and_the_age_of_its_oldest_row(
    api: APIClient, live_heartbeats: None
) -> None:
    old = OutboxEntry.objects.create(entity="product", entity_id=1, operation="upsert")
    OutboxEntry.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(seconds=900))
    OutboxEntry.objects.create(entity="product", entity_id=2, operation="upsert")
    parked = OutboxEntry.objects.create(entity="product", entity_id=3, operation="upsert")
    OutboxEntry.objects.filter(pk=parked.pk).update(parked_at=timezone.now(), attempts=10)

    response = api.get("/api/v1/health/")

    outbox = response.json()["components"]["outbox"]
    assert response.status_code == 503
    assert response.json()["down"] == ["outbox"]
    assert outbox["pending"] == 2
    assert outbox["parked"] == 1
    assert 899 <= outbox["oldest_age_seconds"] < 960


def test_health_answers_within_2_s_when_the_engine_and_the_broker_hang(
    api: APIClient, live_heartbeats: None, black_hole: int
) -> None:
    from django.conf import settings as django_settings

    hung = {**django_settings.OPENSEARCH, "url": f"http://127.0.0.1:{black_hole}"}
    started = time.monotonic()
    with override_settings(OPENSEARCH=hung, CELERY_BROKER_URL=f"redis://127.0.0.1:{black_hole}/0"):
        response = api.get("/api/v1/health/")
    elapsed = time.monotonic() - started
    _cached_client.cache_clear()

    assert response.status_code == 503
    assert set(response.json()["down"]) == {"search", "broker"}
    assert elapsed < 2.0, elapsed
