"""With the broker down, writes still succeed; the outbox keeps them for the periodic drain."""

from collections.abc import Iterator

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from accounts.tests.factories import VendorUserFactory
from config.celery import app
from outbox.models import OutboxEntry
from reference.models import Category

pytestmark = pytest.mark.django_db(transaction=True)

DEAD_BROKER = "redis://127.0.0.1:1/0"


@pytest.fixture
def broker_down() -> Iterator[None]:
    original = app.conf.broker_url
    app.conf.broker_url = DEAD_BROKER
    app.close()  # drops the connection pool; the next publish builds one for the new URL
    try:
        with override_settings(CELERY_BROKER_URL=DEAD_BROKER):
            yield
    finally:
        app.conf.broker_url = original
        app.close()


def test_product_write_succeeds_and_waits_in_the_outbox(broker_down: None) -> None:
    vendor = VendorUserFactory(organization__verification_status="verified")
    client = APIClient()
    client.force_authenticate(vendor)

    response = client.post(
        "/api/v1/products/",
        {
            "category": Category.objects.get(slug="surgical-masks").pk,
            "names": {"zh": "医用外科口罩"},
            "min_order_quantity": 1000,
            "capacity_per_day": 50_000,
            "lead_time_days": 5,
            "price_min": "0.05",
            "price_max": "0.07",
            "currency": "USD",
            "origin_country": "CN",
            "status": "published",
        },
        format="json",
    )
    health = client.get("/api/v1/health/")

    assert response.status_code == 201, response.json()
    pending = OutboxEntry.objects.filter(entity="product", entity_id=response.json()["id"], processed_at=None)
    assert pending.count() == 1
    assert health.status_code == 503
    assert health.json()["down"] == ["broker"]
    assert "broker is unavailable" in health.json()["components"]["broker"]["detail"]
