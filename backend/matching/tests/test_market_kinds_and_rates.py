"""Reference data that matching relies on, with the real tables (issue 8, items 6 and 7).

- Export rules apply by the product's origin (exports from China to anywhere), import rules by
  the destination: the bundled CN-EXPORT market is an export market.
- A default, dated exchange-rate table makes prices in other currencies comparable; the
  MEDMATCH_FX_RATES setting overrides single rates; a price without a rate earns no points.
"""

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from catalog.tests.factories import ProductFactory, certificate_for
from matching.search_documents import request_match_specs
from matching.services import matching_evaluate_pair
from organizations.tests.factories import VendorFactory
from purchasing.tests.factories import PurchaseRequestFactory
from reference.models import Category, ExchangeRate, Market, MarketKind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }


def _masks() -> Category:
    return Category.objects.get(slug="surgical-masks")


def _criteria(evaluation: Any) -> list[dict[str, Any]]:
    return list(evaluation.criteria_dicts())


# --- item 6 ---


def test_cn_export_is_an_export_market_in_the_reference_data() -> None:
    assert Market.objects.get(code="CN-EXPORT").kind == MarketKind.EXPORT
    assert Market.objects.get(code="EU").kind == MarketKind.IMPORT
    response = APIClient().get("/api/v1/reference/markets/", {"kind": "export"})
    assert [market["code"] for market in response.json()["results"]] == ["CN-EXPORT"]


def test_uncertified_chinese_mask_to_kenya_is_excluded() -> None:
    chinese = ProductFactory(category=_masks(), origin_country="CN", vendor=VendorFactory(verified=True))
    to_kenya = PurchaseRequestFactory(category=_masks(), destination_country="KE")

    evaluation = matching_evaluate_pair(purchase_request=to_kenya, product=chinese)

    assert not evaluation.eligible
    [exclusion] = evaluation.exclusions
    assert exclusion.criterion == "market_approval"
    assert exclusion.detail.startswith("CN-EXPORT asks for")


def test_chinese_mask_with_a_ce_certificate_may_go_to_kenya() -> None:
    chinese = ProductFactory(category=_masks(), origin_country="CN", vendor=VendorFactory(verified=True))
    certificate_for(product=chinese, markets=("EU",), standards=("CE MDR", "EN 14683"))
    to_kenya = PurchaseRequestFactory(category=_masks(), destination_country="KE")

    assert matching_evaluate_pair(purchase_request=to_kenya, product=chinese).eligible


def test_a_request_into_china_is_not_told_it_needs_chinese_export_approval() -> None:
    german = ProductFactory(
        category=_masks(), origin_country="DE", vendor=VendorFactory(verified=True, country="DE")
    )
    chinese = ProductFactory(category=_masks(), origin_country="CN", vendor=VendorFactory(verified=True))
    into_china = PurchaseRequestFactory(category=_masks(), destination_country="CN")

    for product in (german, chinese):
        evaluation = matching_evaluate_pair(purchase_request=into_china, product=product)
        assert evaluation.eligible, evaluation.exclusions
        assert not any("CN-EXPORT" in item["detail"] for item in _criteria(evaluation))
    # Nor does the engine's candidate query ask for a Chinese export certificate.
    spec = request_match_specs([into_china], today=timezone.localdate())[into_china.pk]
    assert spec.market_codes == ()
    assert spec.rules == ()


# --- item 7 ---


def _priced(price: str, currency: str = "USD") -> Any:
    return ProductFactory(
        category=_masks(),
        origin_country="DE",
        vendor=VendorFactory(verified=True, country="DE"),
        price_min=Decimal(price),
        price_max=Decimal(price) * 2,
        currency=currency,
    )


def _price(product: Any, request: Any) -> tuple[float, dict[str, Any]]:
    evaluation = matching_evaluate_pair(purchase_request=request, product=product)
    [criterion] = [item for item in _criteria(evaluation) if item["criterion"] == "price"]
    return evaluation.score_parts["price"], criterion


def test_default_rate_table_covers_the_offered_currencies_with_its_date() -> None:
    offered = {"USD", "EUR", "CNY", "GBP", "JPY", "CHF", "RUB", "SAR", "AED", "INR", "BRL", "CAD", "AUD"}
    assert offered <= set(ExchangeRate.objects.values_list("currency", flat=True))

    response = APIClient().get("/api/v1/reference/exchange-rates/")

    assert response.status_code == 200
    eur = next(row for row in response.json() if row["currency"] == "EUR")
    # The ECB reference rates of 1 October 2019 as published (units per euro), in US dollars.
    assert eur["as_of"] == "2019-10-01"
    assert Decimal(eur["usd_per_unit"]) == Decimal("1.0898")
    assert "ECB euro foreign exchange reference rates of 1 October 2019" in eur["source"]
    cny = next(row for row in response.json() if row["currency"] == "CNY")
    assert Decimal(cny["usd_per_unit"]) == (Decimal("1.0898") / Decimal("7.7903")).quantize(Decimal("1e-10"))
    sar = next(row for row in response.json() if row["currency"] == "SAR")
    assert Decimal(sar["usd_per_unit"]) == (1 / Decimal("3.75")).quantize(Decimal("1e-10"))
    assert "peg" in sar["source"]


def test_prices_in_another_currency_are_compared_under_the_defaults(settings: Any) -> None:
    settings.MEDMATCH_FX_RATES = {}
    request = PurchaseRequestFactory(category=_masks(), target_unit_price=Decimal("0.10"), currency="EUR")

    cheap_points, cheap = _price(_priced("0.05"), request)
    dear_points, dear = _price(_priced("950"), request)

    assert cheap_points == 10.0
    assert dear_points == 0.0
    assert cheap["status"] == "met"
    assert dear["status"] == "not_met"
    assert "rates as of 2019-10-01" in cheap["detail"]


def test_admin_edits_and_the_setting_override_the_table(settings: Any) -> None:
    settings.MEDMATCH_FX_RATES = {}
    request = PurchaseRequestFactory(category=_masks(), target_unit_price=Decimal("0.10"), currency="EUR")
    product = _priced("0.12")  # 0.12 USD vs 0.109 USD: a little over the target
    assert _price(product, request)[1]["status"] == "partial"

    ExchangeRate.objects.filter(currency="EUR").update(
        usd_per_unit=Decimal("1.30"), as_of=datetime.date(2026, 1, 2)
    )
    points, criterion = _price(product, request)
    assert criterion["status"] == "met"
    assert points == 10.0
    assert "rates as of 2026-01-02" in criterion["detail"]

    settings.MEDMATCH_FX_RATES = {"EUR": 0.5}
    _points, criterion = _price(product, request)
    assert criterion["status"] == "not_met"
    assert "rates from MEDMATCH_FX_RATES" in criterion["detail"]


def test_a_price_without_any_rate_is_penalised(settings: Any) -> None:
    settings.MEDMATCH_FX_RATES = {}
    request = PurchaseRequestFactory(category=_masks(), target_unit_price=Decimal("0.10"), currency="EUR")

    # The ECB table has no Kenyan shilling rate.
    points, criterion = _price(_priced("0.05", currency="KES"), request)

    assert points == 0.0
    assert "no exchange rate for KES" in criterion["detail"]


# --- item 9: a certificate awaiting review does not count yet ---


def test_a_certificate_awaiting_review_does_not_count_until_approved() -> None:
    from accounts.tests.factories import StaffFactory
    from organizations.services.documents import document_review

    chinese = ProductFactory(category=_masks(), origin_country="CN", vendor=VendorFactory(verified=True))
    certificate = certificate_for(product=chinese, review_status="pending")
    to_kenya = PurchaseRequestFactory(category=_masks(), destination_country="KE")
    assert not matching_evaluate_pair(purchase_request=to_kenya, product=chinese).eligible

    document_review(document=certificate, actor=StaffFactory(), approve=True)

    assert matching_evaluate_pair(purchase_request=to_kenya, product=chinese).eligible
