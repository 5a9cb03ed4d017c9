import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from accounts.tests.factories import StaffFactory
from catalog.models import Product, ProductStatus
from catalog.tests.conftest import client_for
from catalog.tests.factories import ProductFactory, certificate_for
from organizations.tests.factories import VendorFactory
from reference.models import Category

pytestmark = pytest.mark.django_db

URL = "/api/v1/products/"


def category(slug: str) -> Category:
    return Category.objects.get(slug=slug)


def ids(query: str, user: Any = None) -> set[int]:
    response = client_for(user).get(f"{URL}?{query}")
    assert response.status_code == 200, response.json()
    return {item["id"] for item in response.json()["results"]}


def ordered_ids(query: str) -> list[int]:
    response = client_for(None).get(f"{URL}?{query}")
    assert response.status_code == 200, response.json()
    return [item["id"] for item in response.json()["results"]]


@pytest.fixture
def masks_and_gloves() -> dict[str, Product]:
    return {
        "mask": ProductFactory(category=category("surgical-masks")),
        "respirator": ProductFactory(category=category("filtering-respirators")),
        "nitrile": ProductFactory(category=category("nitrile-examination-gloves")),
        "surgical_gloves": ProductFactory(category=category("surgical-gloves")),
    }


def test_filter_by_category_id(masks_and_gloves: dict[str, Product]) -> None:
    assert ids(f"category={category('surgical-masks').pk}") == {masks_and_gloves["mask"].pk}


def test_filter_by_category_includes_sub_categories(masks_and_gloves: dict[str, Product]) -> None:
    expected = {masks_and_gloves["nitrile"].pk, masks_and_gloves["surgical_gloves"].pk}

    assert ids(f"category={category('medical-gloves').pk}") == expected
    assert ids("category_slug=medical-gloves") == expected


def test_filter_by_category_slug(masks_and_gloves: dict[str, Product]) -> None:
    assert ids("category_slug=filtering-respirators") == {masks_and_gloves["respirator"].pk}
    assert ids("category_slug=no-such-category") == set()


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("6307", {"mask", "respirator"}),
        ("6307.90", {"mask", "respirator"}),
        ("4015", {"nitrile", "surgical_gloves"}),
        ("4015.19", {"nitrile"}),
        ("401519", {"nitrile"}),
        ("4015.12", {"nitrile"}),  # the HS 2022 code of examination gloves
        ("4015.11", {"surgical_gloves"}),
        ("9019", set()),
        ("not-a-code", set()),
    ],
)
def test_filter_by_hs_code_prefix(
    masks_and_gloves: dict[str, Product], prefix: str, expected: set[str]
) -> None:
    assert ids(f"hs_code={prefix}") == {masks_and_gloves[name].pk for name in expected}


def test_filter_by_vendor_country() -> None:
    chinese = ProductFactory(vendor=VendorFactory(verified=True, country="CN"))
    ProductFactory(vendor=VendorFactory(verified=True, country="DE", registration_id=""))

    assert ids("country=CN") == {chinese.pk}
    assert ids("country=cn") == {chinese.pk}


def test_filter_by_origin_country() -> None:
    malaysian = ProductFactory(origin_country="MY")
    ProductFactory(origin_country="CN")

    assert ids("origin_country=MY") == {malaysian.pk}


def test_filter_by_standard() -> None:
    ffp2 = ProductFactory(standards=["EN 149", "CE PPE"])
    ProductFactory(standards=["EN 14683"])

    assert ids("standard=EN%20149") == {ffp2.pk}
    assert ids("standard=CE%20PPE") == {ffp2.pk}


def test_filter_by_certificate_market_valid_today() -> None:
    today = timezone.localdate()
    eu_valid = ProductFactory()
    certificate_for(product=eu_valid, markets=("EU",))
    eu_expired = ProductFactory()
    certificate_for(product=eu_expired, markets=("EU",), valid_until=today - datetime.timedelta(days=1))
    us_only = ProductFactory()
    certificate_for(product=us_only, markets=("US",), standards=("FDA EUA",))
    borrowed = ProductFactory()
    certificate_for(product=borrowed, markets=("EU",), organization=VendorFactory(verified=True))
    open_ended = ProductFactory()
    no_end = certificate_for(product=open_ended, markets=("EU", "US"))
    no_end.valid_until = None
    no_end.save()

    assert ids("certificate_market=EU") == {eu_valid.pk, open_ended.pk}
    assert ids("certificate_market=US") == {us_only.pk, open_ended.pk}
    assert ids("certificate_market=CN-EXPORT") == set()


def test_filter_by_capacity_moq_and_lead_time() -> None:
    big = ProductFactory(capacity_per_day=1_000_000, min_order_quantity=50_000, lead_time_days=21)
    small = ProductFactory(capacity_per_day=10_000, min_order_quantity=1_000, lead_time_days=3)

    assert ids("capacity_min=500000") == {big.pk}
    assert ids("capacity_min=10000") == {big.pk, small.pk}
    assert ids("moq_max=1000") == {small.pk}
    assert ids("lead_time_max=7") == {small.pk}
    assert ids("lead_time_max=21") == {big.pk, small.pk}


def test_filter_by_price_max_in_a_currency() -> None:
    cheap_usd = ProductFactory(price_min=Decimal("0.04"), price_max=Decimal("0.06"), currency="USD")
    dear_usd = ProductFactory(price_min=Decimal("0.40"), price_max=Decimal("0.60"), currency="USD")
    cheap_eur = ProductFactory(price_min=Decimal("0.03"), price_max=Decimal("0.05"), currency="EUR")

    assert ids("price_max=0.05&currency=USD") == {cheap_usd.pk}
    assert ids("price_max=1&currency=USD") == {cheap_usd.pk, dear_usd.pk}
    assert ids("currency=EUR") == {cheap_eur.pk}


def test_price_max_needs_a_currency() -> None:
    response = client_for(None).get(f"{URL}?price_max=0.05")

    assert response.status_code == 400
    assert response.json()["fields"]["price_max"][0]["code"] == "currency_required"


def test_filter_by_status_and_vendor() -> None:
    vendor = VendorFactory(verified=True)
    published = ProductFactory(vendor=vendor)
    draft = ProductFactory(vendor=vendor, status=ProductStatus.DRAFT)
    other = ProductFactory()
    staff = StaffFactory()

    assert ids("status=draft", staff) == {draft.pk}
    assert ids("status=draft") == set()  # anonymous visitors never see drafts
    assert ids(f"vendor={vendor.pk}", staff) == {published.pk, draft.pk}
    assert ids(f"vendor={vendor.pk}") == {published.pk}
    assert ids(f"vendor={other.vendor_id}") == {other.pk}


@pytest.mark.parametrize(
    ("query", "field", "code"),
    [
        ("capacity_min=lots", "capacity_min", "invalid"),
        ("moq_max=1.5", "moq_max", "invalid"),
        ("lead_time_max=soon", "lead_time_max", "invalid"),
        ("vendor=abc", "vendor", "invalid"),
        ("category=abc", "category", "invalid"),
        ("status=sold", "status", "invalid_choice"),
        ("price_max=cheap&currency=USD", "price_max", "invalid"),
    ],
)
def test_invalid_filter_values_are_400(query: str, field: str, code: str) -> None:
    response = client_for(None).get(f"{URL}?{query}")

    assert response.status_code == 400
    assert response.json()["fields"][field][0]["code"] == code


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("vendor=99999999999999999999", "vendor"),
        ("category=99999999999999999999", "category"),
        ("capacity_min=99999999999", "capacity_min"),
        ("price_max=1e30&currency=USD", "price_max"),
    ],
)
def test_out_of_range_numbers_are_refused_naming_the_parameter(query: str, field: str) -> None:
    """No database (SQLite overflows on 2^64) ever sees a number its column cannot hold."""
    ProductFactory()

    response = client_for(None).get(f"{URL}?{query}")

    assert response.status_code == 400
    assert response.json()["fields"][field][0]["code"] == "max_value"


@pytest.mark.parametrize(
    "field", ["price_min", "lead_time_days", "capacity_per_day", "min_order_quantity", "created_at"]
)
def test_ordering(field: str) -> None:
    products = [
        ProductFactory(
            price_min=Decimal(f"0.0{n}"),
            price_max=Decimal("0.5"),
            lead_time_days=n,
            capacity_per_day=1000 * n,
            min_order_quantity=100 * n,
        )
        for n in (3, 1, 2)
    ]
    ascending = [product.pk for product in sorted(products, key=lambda product: getattr(product, field))]

    assert ordered_ids(f"ordering={field}") == ascending
    assert ordered_ids(f"ordering=-{field}") == list(reversed(ascending))


def test_default_order_is_newest_first() -> None:
    first, second = ProductFactory(), ProductFactory()

    assert ordered_ids("") == [second.pk, first.pk]


def test_unknown_ordering_field_is_refused() -> None:
    """Sorting by a relation (a contact's e-mail) is neither applied nor silently ignored."""
    ProductFactory()

    response = client_for(None).get(f"{URL}?ordering=vendor__contacts__email")

    assert response.status_code == 400
    assert response.json()["fields"]["ordering"][0]["code"] == "invalid_choice"


def test_pagination() -> None:
    ProductFactory.create_batch(25)

    first = client_for(None).get(URL).json()
    second = client_for(None).get(f"{URL}?page=2").json()
    small = client_for(None).get(f"{URL}?page_size=10&page=3").json()

    assert first["count"] == 25
    assert len(first["results"]) == 20
    assert first["next"] is not None
    assert first["previous"] is None
    assert len(second["results"]) == 5
    assert second["next"] is None
    assert {item["id"] for item in first["results"]}.isdisjoint({item["id"] for item in second["results"]})
    assert len(small["results"]) == 5


def test_a_page_past_the_end_is_404() -> None:
    ProductFactory()

    response = client_for(None).get(f"{URL}?page=9")

    assert response.status_code == 404
