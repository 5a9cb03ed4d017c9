"""With the broker down, writes still succeed; what they leave to a worker waits for a periodic drain."""

import logging
import time

import pytest
from rest_framework.test import APIClient

from accounts.tests.factories import VendorUserFactory
from outbox.models import OutboxEntry
from reference.models import Category

pytestmark = pytest.mark.django_db(transaction=True)


def test_product_write_succeeds_and_waits_in_the_outbox(
    broker_down: None, live_heartbeats: None, caplog: pytest.LogCaptureFixture
) -> None:
    vendor = VendorUserFactory(organization__verification_status="verified")
    client = APIClient()
    client.force_authenticate(vendor)

    payload = {
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
    }
    client.post("/api/v1/products/", payload, format="json")  # warms up the code paths
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="outbox"):
        response = client.post("/api/v1/products/", payload, format="json")
    elapsed = time.monotonic() - started
    health = client.get("/api/v1/health/")

    assert response.status_code == 201, response.json()
    # No result backend, short broker timeouts: the write does not wait for the broker.
    assert elapsed < 1.0, elapsed
    pending = OutboxEntry.objects.filter(entity="product", entity_id=response.json()["id"], processed_at=None)
    assert pending.count() == 1
    assert any("outbox.enqueue_failed" in record.getMessage() for record in caplog.records)
    assert health.status_code == 503
    assert health.json()["down"] == ["broker"]
    assert "broker is unavailable" in health.json()["components"]["broker"]["detail"]


def test_a_spreadsheet_upload_succeeds_and_waits_for_the_import_drain(
    broker_down: None, caplog: pytest.LogCaptureFixture
) -> None:
    """The job is stored queued (202) though its task cannot be sent; beat's drain sends it later."""
    import datetime

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from accounts.tests.factories import BuyerUserFactory
    from purchasing.models import ImportJob, ImportJobStatus
    from purchasing.services.imports import purchase_request_imports_drain

    client = APIClient()
    client.force_authenticate(BuyerUserFactory())
    upload = SimpleUploadedFile("requests.csv", b"Title,Category\nMasks,masks\n", content_type="text/csv")
    with caplog.at_level(logging.WARNING, logger="core.queues"):
        response = client.post("/api/v1/requests/import/", {"file": upload}, format="multipart")

    assert response.status_code == 202, response.json()
    job = ImportJob.objects.get(pk=response.json()["id"])
    assert job.status == ImportJobStatus.QUEUED
    messages = [record.getMessage() for record in caplog.records]
    failures = [message for message in messages if "purchasing.import_enqueue_failed" in message]
    assert len(failures) == 1
    assert "task=purchasing.import_run" in failures[0]

    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - datetime.timedelta(hours=1))
    assert purchase_request_imports_drain()["enqueued"] == 1  # still down: it stays queued for the next
    assert ImportJob.objects.get(pk=job.pk).status == ImportJobStatus.QUEUED
