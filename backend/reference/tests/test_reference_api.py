from typing import Any
from urllib.parse import quote

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import BuyerUserFactory, StaffFactory, VendorUserFactory
from reference.models import Category, Market, Standard
from reference.tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db

CATEGORIES = "/api/v1/taxonomy/categories/"
MARKETS = "/api/v1/reference/markets/"
STANDARDS = "/api/v1/reference/standards/"


def client_for(user: User | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def get(url: str, user: User | None = None) -> Any:
    response = client_for(user).get(url)
    assert response.status_code == 200, response.content
    return response.json()


def all_results(url: str) -> list[dict[str, Any]]:
    separator = "&" if "?" in url else "?"
    return list(get(f"{url}{separator}page_size=200")["results"])


def slugs(url: str) -> set[str]:
    return {item["slug"] for item in all_results(url)}


# --- who may read -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "vendor", "buyer", "staff"])
@pytest.mark.parametrize("url", [CATEGORIES, MARKETS, STANDARDS])
def test_reference_data_is_open_to_every_role(role: str, url: str) -> None:
    users = {
        "anonymous": None,
        "vendor": VendorUserFactory,
        "buyer": BuyerUserFactory,
        "staff": StaffFactory,
    }
    factory = users[role]
    user = factory() if factory else None

    body = get(url, user)

    assert body["count"] > 0


@pytest.mark.parametrize("url", [CATEGORIES, MARKETS, STANDARDS])
def test_reference_data_is_read_only_over_the_api(url: str) -> None:
    response = client_for(StaffFactory()).post(url, {"slug": "x"}, format="json")

    assert response.status_code == 405


def test_category_detail_cannot_be_changed_over_the_api() -> None:
    masks = Category.objects.get(slug="surgical-masks")
    client = client_for(StaffFactory())

    assert client.patch(f"{CATEGORIES}{masks.pk}/", {"hs_code": "1"}, format="json").status_code == 405
    assert client.delete(f"{CATEGORIES}{masks.pk}/").status_code == 405


# --- categories ---------------------------------------------------------------------------------


def test_categories_are_paginated_with_names_and_synonyms() -> None:
    body = get(CATEGORIES)
    masks = next(item for item in all_results(CATEGORIES) if item["slug"] == "surgical-masks")

    assert body["count"] >= 30
    assert len(body["results"]) == 20
    assert body["next"] is not None
    assert masks["hs_code"] == "6307.90"
    assert masks["hs_version"] == "HS2017"
    assert masks["parent"] == Category.objects.get(slug="masks-respirators").pk
    assert set(masks["names"]) == {"en", "zh", "fr", "es", "ru", "ar"}
    assert "医用口罩" in masks["synonyms"]["zh"]


@pytest.mark.parametrize(
    ("prefix", "included", "excluded"),
    [
        ("6307", {"surgical-masks", "filtering-respirators", "shoe-covers"}, {"nitrile-examination-gloves"}),
        ("4015.1", {"nitrile-examination-gloves", "surgical-gloves"}, {"surgical-masks"}),
        ("401511", {"surgical-gloves"}, {"nitrile-examination-gloves"}),
        ("4015.12", {"nitrile-examination-gloves", "latex-examination-gloves"}, {"surgical-gloves"}),
        ("9019.20", {"icu-ventilators", "oxygen-concentrators"}, {"pulse-oximeters"}),
    ],
)
def test_filter_categories_by_hs_code_prefix(prefix: str, included: set[str], excluded: set[str]) -> None:
    found = slugs(f"{CATEGORIES}?hs_code={prefix}")

    assert included <= found
    assert not excluded & found


def test_filter_categories_by_parent_and_root() -> None:
    gloves = Category.objects.get(slug="medical-gloves")

    children = slugs(f"{CATEGORIES}?parent={gloves.pk}")
    roots = slugs(f"{CATEGORIES}?is_root=true")

    assert children == {
        "nitrile-examination-gloves",
        "latex-examination-gloves",
        "vinyl-examination-gloves",
        "surgical-gloves",
    }
    assert {"medical-gloves", "masks-respirators", "diagnostic-tests"} <= roots
    assert "surgical-masks" not in roots


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("口罩", "surgical-masks"),
        ("医用外科口罩", "surgical-masks"),
        ("SURGICAL MASK", "surgical-masks"),
        ("Masque Chirurgical", "surgical-masks"),
        ("mascarilla quirúrgica", "surgical-masks"),
        ("МЕДИЦИНСКАЯ МАСКА", "surgical-masks"),
        ("كمامة جراحية", "surgical-masks"),
        ("kn95", "filtering-respirators"),
        ("额温枪", "infrared-thermometers"),
        ("respirador", "icu-ventilators"),
        ("аппарат ИВЛ", "icu-ventilators"),
        ("丁腈", "nitrile-examination-gloves"),
        ("combinaison", "medical-protective-coveralls"),
    ],
)
def test_filter_categories_by_text_in_any_language(text: str, expected: str) -> None:
    assert expected in slugs(f"{CATEGORIES}?q={quote(text)}")


def test_text_filter_excludes_unrelated_categories() -> None:
    found = slugs(f"{CATEGORIES}?q={quote('血氧')}")

    assert found == {"pulse-oximeters"}


def test_text_filter_without_a_match_is_empty() -> None:
    assert get(f"{CATEGORIES}?q=zzzz-nothing")["count"] == 0


def test_order_categories() -> None:
    by_slug = [item["slug"] for item in all_results(f"{CATEGORIES}?ordering=slug")]
    by_slug_desc = [item["slug"] for item in all_results(f"{CATEGORIES}?ordering=-slug")]
    by_code = [item["hs_code"] for item in all_results(CATEGORIES)]

    assert by_slug == sorted(by_slug)
    assert by_slug_desc == sorted(by_slug, reverse=True)
    assert by_code == sorted(by_code)


def test_category_detail_includes_market_rules() -> None:
    masks = Category.objects.get(slug="surgical-masks")

    body = get(f"{CATEGORIES}{masks.pk}/")

    assert body["slug"] == "surgical-masks"
    rules = {(rule["market"], rule["mode"], tuple(rule["standards"])) for rule in body["market_requirements"]}
    assert ("EU", "all", ("CE MDR", "EN 14683")) in rules
    assert ("US", "any", ("FDA 510(k)", "FDA EUA")) in rules
    assert ("US", "all", ("ASTM F2100",)) in rules


def test_category_detail_of_a_category_without_rules() -> None:
    category = CategoryFactory(names={"en": "Test"})

    body = get(f"{CATEGORIES}{category.pk}/")

    assert body["market_requirements"] == []
    assert body["hs2022_code"] == ""


def test_unknown_category_is_404() -> None:
    response = client_for().get(f"{CATEGORIES}99999999/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


# --- markets ------------------------------------------------------------------------------------


def test_markets_list_nested_requirements() -> None:
    markets = {item["code"]: item for item in all_results(MARKETS)}

    eu = markets["EU"]
    assert "FR" in eu["countries"]
    masks = [rule for rule in eu["requirements"] if rule["category"] == "surgical-masks"]
    assert masks == [
        {
            "category": "surgical-masks",
            "category_id": Category.objects.get(slug="surgical-masks").pk,
            "mode": "all",
            "standards": ["CE MDR", "EN 14683"],
            "note": "Type I, II or IIR.",
        }
    ]
    assert any(rule["category"] == "pcr-test-kits" for rule in markets["CN-EXPORT"]["requirements"])
    assert markets["US"]["requirements"]


def test_filter_markets_by_country_and_code() -> None:
    assert [item["code"] for item in all_results(f"{MARKETS}?country=de")] == ["EU"]
    assert [item["code"] for item in all_results(f"{MARKETS}?country=CN")] == ["CN-EXPORT"]
    assert [item["code"] for item in all_results(f"{MARKETS}?code=cn-export")] == ["CN-EXPORT"]


def test_order_markets() -> None:
    codes = [item["code"] for item in all_results(f"{MARKETS}?ordering=-code")]

    assert codes == sorted(Market.objects.values_list("code", flat=True), reverse=True)


def test_market_list_queries_do_not_grow_with_rules(django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(6):
        body = get(f"{MARKETS}?page_size=200")

    assert body["count"] >= 9


# --- standards ----------------------------------------------------------------------------------


def test_standards_list_and_filters() -> None:
    everything = all_results(STANDARDS)
    approvals = all_results(f"{STANDARDS}?kind=approval")
    chinese = {item["code"] for item in all_results(f"{STANDARDS}?region=cn")}
    texts = {item["code"] for item in all_results(f"{STANDARDS}?q=face%20mask")}

    assert len(everything) == Standard.objects.count()
    assert {"CE MDR", "FDA EUA", "NMPA"} <= {item["code"] for item in approvals}
    assert all(item["kind"] == "approval" for item in approvals)
    assert {"GB 2626", "GB 19083", "YY 0469", "YY/T 0969", "NMPA"} <= chinese
    assert "EN 14683" in texts
    assert "EN 455" not in texts


def test_order_standards() -> None:
    codes = [item["code"] for item in all_results(f"{STANDARDS}?ordering=-code")]

    assert codes == sorted(codes, reverse=True)


def test_invalid_standard_kind_is_400() -> None:
    response = client_for().get(f"{STANDARDS}?kind=rumour")

    assert response.status_code == 400
    assert response.json()["fields"]["kind"][0]["code"] == "invalid_choice"
