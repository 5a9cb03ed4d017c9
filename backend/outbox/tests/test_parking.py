"""Issue 8.3: the outbox entity is an enum checked at write time; a failing row is counted,
parked with its error after MAX_ATTEMPTS, never blocks the rows after it, is shown to staff and
is retried by reconciliation. Outages (engine down, throttling) are not attempts.

The failure is a real one from the real node: a write block on the products index.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings
from rest_framework.test import APIClient

from accounts.tests.factories import StaffFactory, VendorUserFactory
from catalog.tests.factories import ProductFactory
from organizations.tests.factories import VendorFactory
from outbox.models import OutboxEntry
from outbox.services import MAX_ATTEMPTS, outbox_drain, outbox_record
from outbox.tasks import reconcile_index
from search import engine
from search.client import _cached_client, get_client
from search.engine import _transient_item
from search.errors import SearchUnavailable
from search.indexes import PRODUCTS
from search.indexing import ensure_indexes
from tests.search_helpers import touch

pytestmark = [pytest.mark.search, pytest.mark.django_db]


@pytest.fixture
def blocked_products(clean_indexes: str) -> Iterator[str]:
    """The products index refuses writes (403 cluster_block_exception); the others accept them."""
    ensure_indexes()
    index = engine.alias_targets(PRODUCTS.alias())[0]
    get_client().indices.put_settings(index=index, body={"index": {"blocks": {"write": True}}})
    try:
        yield index
    finally:
        get_client().indices.put_settings(index=index, body={"index": {"blocks": {"write": None}}})


def test_an_unknown_entity_is_refused_when_it_is_written() -> None:
    with transaction.atomic(), pytest.raises(ValueError, match="widget"):
        outbox_record(entity="widget", entity_id=1)
    # And by the database itself, whoever writes the row.
    with transaction.atomic(), pytest.raises(IntegrityError):
        OutboxEntry.objects.create(entity="widget", entity_id=1, operation="upsert")
    assert not OutboxEntry.objects.exists()


def test_a_failing_row_is_counted_parked_and_does_not_block_later_rows(blocked_products: str) -> None:
    product = ProductFactory(vendor=VendorFactory(verified=True))
    lone_vendor = VendorFactory(verified=True)
    touch("product", product.pk)
    touch("organization", lone_vendor.pk)
    failing = OutboxEntry.objects.get(entity="product", entity_id=product.pk)

    first = outbox_drain()

    failing.refresh_from_db()
    assert failing.attempts == 1
    assert "cluster_block_exception" in failing.last_error
    assert failing.parked_at is None
    # The row after it went through in the same drain.
    assert OutboxEntry.objects.get(entity="organization", entity_id=lone_vendor.pk).processed_at is not None
    assert first.failed
    for _ in range(MAX_ATTEMPTS - 1):
        outbox_drain()
    failing.refresh_from_db()
    assert failing.attempts == MAX_ATTEMPTS
    assert failing.parked_at is not None
    assert failing.processed_at is None

    # Parked: later drains skip it (no more attempts) and later rows keep flowing.
    other_vendor = VendorFactory(verified=True)
    touch("organization", other_vendor.pk)
    report = outbox_drain()
    failing.refresh_from_db()
    assert failing.attempts == MAX_ATTEMPTS
    assert report.rows == 1
    assert OutboxEntry.objects.get(entity="organization", entity_id=other_vendor.pk).processed_at is not None


def test_staff_see_parked_rows_with_their_error_and_others_may_not(blocked_products: str) -> None:
    product = ProductFactory(vendor=VendorFactory(verified=True))
    touch("product", product.pk)
    for _ in range(MAX_ATTEMPTS):
        outbox_drain()
    client = APIClient()

    client.force_authenticate(VendorUserFactory())
    refused = client.get("/api/v1/outbox/entries/")
    client.force_authenticate(StaffFactory())
    parked = client.get("/api/v1/outbox/entries/?state=parked")
    pending = client.get("/api/v1/outbox/entries/?state=pending")
    invalid = client.get("/api/v1/outbox/entries/?state=lost")

    assert refused.status_code == 403
    assert parked.status_code == 200, parked.json()
    [row] = parked.json()["results"]
    assert (row["entity"], row["entity_id"], row["attempts"]) == ("product", product.pk, MAX_ATTEMPTS)
    assert "cluster_block_exception" in row["last_error"]
    assert row["parked_at"]
    assert pending.json()["results"] == []
    assert invalid.status_code == 400
    assert invalid.json()["code"] == "invalid"
    assert "state" in invalid.json()["fields"]


def test_reconciliation_retries_parked_rows_once_the_fault_is_gone(blocked_products: str) -> None:
    product = ProductFactory(vendor=VendorFactory(verified=True))
    touch("product", product.pk)
    for _ in range(MAX_ATTEMPTS):
        outbox_drain()
    row = OutboxEntry.objects.get(entity="product", entity_id=product.pk)
    assert row.parked_at is not None

    get_client().indices.put_settings(index=blocked_products, body={"index": {"blocks": {"write": None}}})
    result = reconcile_index()

    row.refresh_from_db()
    assert result["parked_retried"] == 1
    assert result["parked_still_failing"] == 0
    assert row.processed_at is not None
    engine.refresh(PRODUCTS.alias())
    assert engine.get_document(PRODUCTS.alias(), str(product.pk)) is not None


def test_an_unreachable_engine_is_not_an_attempt(clean_indexes: str, settings: Any) -> None:
    product = ProductFactory(vendor=VendorFactory(verified=True))
    touch("product", product.pk)
    unreachable = {**settings.OPENSEARCH, "url": "http://127.0.0.1:1", "timeout": 1}

    with override_settings(OPENSEARCH=unreachable):
        with pytest.raises(SearchUnavailable):
            outbox_drain()
        # A bulk whose connection fails (not only a failed health check) is an outage too.
        with pytest.raises(SearchUnavailable):
            engine.bulk([{"_op_type": "index", "_index": "x", "_id": "1", "_source": {}}])
    _cached_client.cache_clear()

    row = OutboxEntry.objects.get(entity="product", entity_id=product.pk)
    assert (row.attempts, row.last_error, row.parked_at) == (0, "", None)


@pytest.mark.parametrize(
    ("item", "transient"),
    [
        ({"index": {"status": 429, "error": {"type": "es_rejected_execution_exception"}}}, True),
        ({"index": {"status": 503, "error": {"type": "unavailable_shards_exception"}}}, True),
        ({"index": {"status": "N/A", "error": "ConnectionError(...)"}}, True),
        ({"index": {"status": 400, "error": {"type": "mapper_parsing_exception"}}}, False),
        ({"index": {"status": 403, "error": {"type": "cluster_block_exception"}}}, False),
    ],
)
def test_throttling_and_lost_connections_are_outages_not_document_faults(
    item: dict[str, Any], transient: bool
) -> None:
    """The item shapes opensearch-py's bulk helper reports (429 comes from a full write queue)."""
    assert _transient_item(item) is transient
