import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from search.client import _cached_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def test_health_reports_every_component_ok(api: APIClient) -> None:
    response = api.get("/api/v1/health/")

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "ok"
    assert body["down"] == []
    assert set(body["components"]) == {"database", "search", "broker"}
    assert all(component["status"] == "ok" for component in body["components"].values())


def test_health_names_the_search_engine_when_it_is_down(api: APIClient, settings: object) -> None:
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


def test_health_names_the_broker_when_it_is_down(api: APIClient) -> None:
    with override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0"):
        response = api.get("/api/v1/health/")

    assert response.status_code == 503
    body = response.json()
    assert body["down"] == ["broker"]
    assert "broker is unavailable" in body["components"]["broker"]["detail"]
