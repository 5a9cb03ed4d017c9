"""A text far beyond the API's limits that got into the database anyway (admin, a script, an
older row) is indexed cut short, and every search that finds it still answers 200."""

from decimal import Decimal

import pytest
from django.test import Client

from catalog.models import Product, ProductStatus
from catalog.tests.factories import ProductFactory
from organizations.models import Organization
from organizations.tests.factories import VendorFactory
from outbox.reconciliation import search_reindex
from search.hashing import MAX_INDEXED_CHARS
from tests.search_helpers import drain_and_refresh, touch

pytestmark = [pytest.mark.search, pytest.mark.django_db]

HUGE = "surgical masks zebrafinch " * 50_000  # 1.3 M characters


def test_a_huge_description_is_indexed_cut_short_and_search_answers(clean_indexes: str) -> None:
    vendor = VendorFactory(name="Zebrafinch Medical", country="DE", verified=True)
    ProductFactory(
        vendor=vendor,
        names={"en": "Zebrafinch masks"},
        descriptions={"en": "short"},
        status=ProductStatus.PUBLISHED,
        price_min=Decimal("1.00"),
        price_max=Decimal("2.00"),
    )
    # Past every validator, as an import script or the admin could write it.
    Organization.objects.filter(pk=vendor.pk).update(description=HUGE)
    Product.objects.filter(vendor=vendor).update(descriptions={"en": HUGE, "fr": HUGE})
    search_reindex(entity="product")
    touch("organization", vendor.pk)
    drain_and_refresh()
    client = Client()

    for url in ("/api/v1/search/suppliers/", "/api/v1/search/products/"):
        response = client.get(url, {"q": "zebrafinch"})
        assert response.status_code == 200, response.content[:500]
        body = response.json()
        assert body["count"] >= 1, url
        text = response.content.decode()
        assert len(text) < 4 * MAX_INDEXED_CHARS + 20_000, len(text)
    suppliers = client.get("/api/v1/search/suppliers/", {"q": "zebrafinch"}).json()["results"]
    assert len(suppliers[0]["description"]) == MAX_INDEXED_CHARS
