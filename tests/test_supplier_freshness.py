"""A product write keeps its vendor's supplier document current (issue 8, item 5), on the real node.

The supplier document aggregates the vendor's published products (count, largest capacity,
categories); before, only the product's outbox row was written, so the supplier document was
stale after every product write and reconciliation "repaired" suppliers after every run.
"""

from typing import Any

import pytest

from accounts.tests.factories import StaffFactory
from catalog.models import ProductStatus
from catalog.services import product_create, product_delete, product_update
from catalog.tests.factories import ProductFactory
from organizations.tests.factories import VendorFactory
from outbox.reconciliation import search_reconcile_all
from reference.models import Category
from search import engine
from search.indexes import SUPPLIERS
from tests.search_helpers import drain_and_refresh, touch

pytestmark = [pytest.mark.search, pytest.mark.django_db]


def _supplier(vendor_id: int) -> dict[str, Any]:
    document = engine.get_document(SUPPLIERS.alias(), str(vendor_id))
    assert document is not None, f"supplier {vendor_id} is not indexed"
    return dict(document["_source"])


def _drift() -> dict[str, int]:
    return {report.entity: report.drift for report in search_reconcile_all(repair=False)}


def test_product_writes_keep_the_supplier_document_current(clean_indexes: str) -> None:
    vendor = VendorFactory(verified=True)
    first = ProductFactory(vendor=vendor, capacity_per_day=1_000)
    touch("organization", vendor.pk)
    drain_and_refresh()
    assert _supplier(vendor.pk)["product_count"] == 1
    staff = StaffFactory()

    created = product_create(
        actor=staff,
        vendor=vendor,
        category=Category.objects.get(slug="pulse-oximeters"),
        names={"en": "Fingertip pulse oximeter"},
        min_order_quantity=100,
        capacity_per_day=40_000,
        lead_time_days=5,
        price_min=first.price_min,
        price_max=first.price_max,
        currency="USD",
        origin_country="CN",
        status=ProductStatus.PUBLISHED,
    )
    drain_and_refresh()
    supplier = _supplier(vendor.pk)
    assert supplier["product_count"] == 2
    assert supplier["capacity_per_day_max"] == 40_000
    assert _drift() == {"product": 0, "organization": 0, "request": 0, "request_query": 0}

    product_update(product=created, actor=staff, data={"status": ProductStatus.ARCHIVED})
    drain_and_refresh()
    supplier = _supplier(vendor.pk)
    assert supplier["product_count"] == 1
    assert supplier["capacity_per_day_max"] == 1_000
    assert _drift()["organization"] == 0

    product_delete(product=first, actor=staff)
    drain_and_refresh()
    assert _supplier(vendor.pk)["product_count"] == 0
    assert all(drift == 0 for drift in _drift().values()), _drift()
